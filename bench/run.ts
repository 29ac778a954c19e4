/**
 * `npm run bench`: runs every bench/*.bench.ts (each default-exports an async function returning rows)
 * and prints one table of medians. Benchmarks measure; they never fail the build.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BenchRow } from './lib';

const dir = new URL('.', import.meta.url).pathname;
const only = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
const rows: BenchRow[] = [];
for (const f of files) {
  const mod = (await import(pathToFileURL(join(dir, f)).href)) as { default: () => Promise<BenchRow[]> };
  try {
    const got = await mod.default();
    rows.push(...got);
    for (const r of got) console.error(`  ${f}: ${r.name} ${r.median} ${r.unit}`);
  } catch (e) {
    console.error(`${f} failed: ${(e as Error).stack ?? e}`);
    rows.push({ name: `${f} (failed)`, median: NaN, unit: '' });
  }
}
const fmt = (n: number | undefined) => (n === undefined ? '' : Number.isNaN(n) ? 'n/a' : n >= 100 ? n.toFixed(0) : n >= 1 ? n.toFixed(2) : n.toFixed(3));
const table = [
  ['measure', 'median', 'p95', 'unit', 'target', 'n'],
  ...rows.map((r) => [r.name, fmt(r.median), fmt(r.p95), r.unit, r.target ?? '', r.n === undefined ? '' : String(r.n)]),
];
const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => [...row[i]!].length)));
const line = (row: string[]) => '| ' + row.map((c, i) => c.padEnd(widths[i]!)).join(' | ') + ' |';
console.log(line(table[0]!));
console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
for (const row of table.slice(1)) console.log(line(row));
