/** Generated units' reports for the 汇总 tests and benchmark: consistent tables from a seeded generator. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatForYear, formatIndex } from '../../src/shared/format/index';
import { blankReport, toExchange, type ReportDoc } from '../../src/shared/report';
import { applyComputedTotals } from '../../src/shared/totals';

/** mulberry32: small, fast, reproducible. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A unit's report with random counts in every part cell and the totals computed. T3 is kept consistent
 * (一 + 二 = 三（七） + 四) by deriving 四、结转下年度 as zero and 一、本年新收 from the results.
 */
export function unitReport(seed: number, year = 2025, name = `某某县第${seed}单位`): ReportDoc {
  const random = rng(seed);
  const format = formatForYear(year);
  const doc = blankReport(year, { name, level: 'county-department' }, format);
  const index = formatIndex(format);
  for (const c of index.cells) {
    if (index.totalCells.has(c.id)) continue;
    const v = random() < 0.4 ? 0 : Math.floor(random() * 6);
    doc.cells[c.id] =
      c.kind === 'amountWanYuan' ? Math.round(random() * 1e6) / 1e6 : c.kind === 'amountYuan' ? Math.round(random() * 1e5) / 100 : c.kind === 'signedCount' ? v - 2 : v;
  }
  for (const col of index.columnIds.t3) {
    doc.cells[`t3.carriedIn.${col}`] = 0;
    doc.cells[`t3.carriedOut.${col}`] = 0;
  }
  let cells = applyComputedTotals(format, doc.cells);
  for (const col of index.columnIds.t3) if (col !== 'total') cells[`t3.new.${col}`] = cells[`t3.resultTotal.${col}`] ?? 0;
  cells = applyComputedTotals(format, cells);
  doc.cells = cells;
  doc.narrative = { s1: `（一）主动公开\n${name}本年度主动公开政府信息。` };
  return doc;
}

/** Write `docs` as exchange files into `dir`; returns the paths. */
export function writeExchangeFiles(dir: string, docs: readonly ReportDoc[]): string[] {
  mkdirSync(dir, { recursive: true });
  return docs.map((doc, i) => {
    const path = join(dir, `unit-${String(i).padStart(4, '0')}.json`);
    writeFileSync(path, JSON.stringify(toExchange(doc), null, 2));
    return path;
  });
}
