/**
 * Where a cold start's time goes: `node --import tsx bench/profile-cold-load.ts [--runs N] [--home]`.
 * Not a bench row (it measures nothing that `npm run bench` compares); a tool for finding what to cut next.
 *
 * Builds the renderer with source maps (`build.mjs --sourcemap`), starts the real browser-mode server on
 * a temporary database with one report, and opens the editor (or, with --home, the report list) N times
 * in fresh browser contexts (no cache, no code cache) with V8's sampling profiler on. Prints, as medians:
 *  - the timeline: response of the page, first paint, DOMContentLoaded, interactive (the bench's probe:
 *    the editor's nav and save state present), and when each script and API call started and ended;
 *  - the main thread's CPU time by package and by source file (samples mapped back through the source
 *    maps: react-dom, @mui/material, src/renderer/editor …), and what was not JavaScript (parsing and
 *    compiling show as "(program)", garbage collection as "(garbage collector)").
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { packageOf } from '../scripts/bundle-report.mjs';
import { ROOT, launchBrowser, skipReason, startApp } from '../tests/e2e/harness';
import { quantile, readyProbe } from './lib';

const argv = process.argv.slice(2);
const runsAt = argv.indexOf('--runs');
const RUNS = runsAt >= 0 ? Math.max(1, Number(argv[runsAt + 1]) || 1) : 5;
const HOME = argv.includes('--home');
const READY = HOME ? ['[data-testid="save-state"], button'] : ['[data-testid="nav-s3"]', '[data-testid="save-state"]'];
/** Sampling interval of the profiler, µs: fine enough for a 1 s load, coarse enough not to slow it much. */
const SAMPLING_US = 200;

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

interface Run {
  marks: Record<string, number>;
  requests: { name: string; start: number; end: number }[];
  profile: CpuProfile;
}

// --- source maps: just enough of the format (VLQ mappings, one source per segment) for a lookup ---

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function decodeVlq(segment: string): number[] {
  const out: number[] = [];
  let value = 0;
  let shift = 0;
  for (const ch of segment) {
    const digit = B64.indexOf(ch);
    value += (digit & 31) << shift;
    if (digit & 32) shift += 5;
    else {
      out.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return out;
}

/** Per generated line, the segments [generated column, source index] in column order. */
class SourceMap {
  private lines: [number, number][][] = [];
  constructor(readonly sources: string[], mappings: string) {
    let src = 0;
    for (const line of mappings.split(';')) {
      const segs: [number, number][] = [];
      let col = 0;
      for (const seg of line.split(',')) {
        if (!seg) continue;
        const f = decodeVlq(seg);
        col += f[0]!;
        if (f.length >= 4) {
          src += f[1]!;
          segs.push([col, src]);
        }
      }
      this.lines.push(segs);
    }
  }
  /** The source file a generated position (0-based) comes from. */
  sourceAt(line: number, column: number): string | undefined {
    const segs = this.lines[line];
    if (!segs?.length) return undefined;
    let lo = 0;
    let hi = segs.length - 1;
    if (segs[0]![0] > column) return undefined;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (segs[mid]![0] <= column) lo = mid;
      else hi = mid - 1;
    }
    return this.sources[segs[lo]![1]];
  }
}

/** The source map of a built file (relative to `build`), read once; undefined for a file without one. */
function sourceMaps(build: string): (file: string) => SourceMap | undefined {
  const cache = new Map<string, SourceMap | undefined>();
  return (file) => {
    if (!cache.has(file)) {
      const path = join(build, `${file}.map`);
      let map: SourceMap | undefined;
      if (existsSync(path)) {
        const raw = JSON.parse(readFileSync(path, 'utf8')) as { sources: string[]; mappings: string };
        const dir = join(build, file, '..');
        map = new SourceMap(raw.sources.map((src) => relative(ROOT, resolve(dir, src)).split('\\').join('/')), raw.mappings);
      }
      cache.set(file, map);
    }
    return cache.get(file);
  };
}

// --- one cold load ---

async function coldLoad(browser: Browser, url: string): Promise<Run> {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  try {
    await context.addInitScript(readyProbe(READY));
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: SAMPLING_US });
    await cdp.send('Profiler.start');
    await page.goto(url, { waitUntil: 'commit' });
    const ready = await page.evaluate(() => (window as unknown as { __ready: Promise<number> }).__ready);
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
    const timing = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const paint = Object.fromEntries(performance.getEntriesByType('paint').map((p) => [p.name, p.startTime]));
      const requests = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((r) => ({
        name: new URL(r.name).pathname,
        start: r.startTime,
        end: r.responseEnd,
      }));
      return {
        marks: {
          'page response': nav.responseEnd,
          'first paint': paint['first-paint'] ?? NaN,
          'first contentful paint': paint['first-contentful-paint'] ?? NaN,
          'DOM interactive': nav.domInteractive,
          DOMContentLoaded: nav.domContentLoadedEventEnd,
        },
        requests,
      };
    });
    return { marks: { ...timing.marks, interactive: ready }, requests: timing.requests, profile };
  } finally {
    await context.close();
  }
}

// --- what the samples were spent on ---

/** Self time (ms) by the bucket `key` gives each sample's node. */
function selfTime(run: Run, key: (frame: CpuProfile['nodes'][number]['callFrame']) => string): Map<string, number> {
  const byId = new Map(run.profile.nodes.map((n) => [n.id, n]));
  const sums = new Map<string, number>();
  run.profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    if (!node) return;
    const k = key(node.callFrame);
    sums.set(k, (sums.get(k) ?? 0) + (run.profile.timeDeltas[i] ?? 0) / 1000);
  });
  return sums;
}

function frameSource(maps: (file: string) => SourceMap | undefined, origin: string) {
  return (f: CpuProfile['nodes'][number]['callFrame']): string => {
    if (!f.url) return f.functionName.startsWith('(') ? f.functionName : '(browser and V8 internals)';
    if (!f.url.startsWith(origin)) return f.url.startsWith('http') ? f.url : '(injected: probe, playwright)';
    const file = new URL(f.url).pathname.slice(1);
    // a sample's frame is its function's start: a chunk's top level (the modules it holds being initialised,
    // scope-hoisted into one function) starts before any mapped code
    return maps(file)?.sourceAt(f.lineNumber, f.columnNumber) ?? `${file} (top level: its modules initialised)`;
  };
}

const ms = (n: number) => (Number.isNaN(n) ? '   n/a' : n.toFixed(0).padStart(6));

function medians(values: Map<string, number>[]): [string, number][] {
  const keys = new Set(values.flatMap((m) => [...m.keys()]));
  return [...keys]
    .map((k) => [k, quantile(values.map((m) => m.get(k) ?? 0).sort((a, b) => a - b), 0.5)] as [string, number])
    .sort((a, b) => b[1] - a[1]);
}

async function main(): Promise<void> {
  const reason = skipReason();
  if (reason) throw new Error(reason);
  const build = mkdtempSync(join(tmpdir(), 'gov-profile-'));
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts/build.mjs'), '--renderer-only', '--sourcemap', '--outdir', build], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`renderer build failed:\n${r.stdout}\n${r.stderr}`);
  const app = await startApp(build);
  const browser = await launchBrowser();
  try {
    const ok = <T>(reply: unknown) => {
      const rep = reply as { ok: boolean; value: T; error?: unknown };
      if (!rep.ok) throw new Error(JSON.stringify(rep.error));
      return rep.value;
    };
    const agency = ok<{ id: number }>(await app.core.dispatch('agencies.create', { name: '性能分析县教育局', level: 'county-department' }));
    const report = ok<{ id: number }>(await app.core.dispatch('reports.create', { agencyId: agency.id, year: 2025 }));
    const url = `${app.server.url}${HOME ? '#/' : `#/report/${report.id}`}`;
    const origin = `http://127.0.0.1:${app.server.port}/`;
    await coldLoad(browser, url); // the browser's own first start is not the page's
    const runs: Run[] = [];
    for (let i = 0; i < RUNS; i++) runs.push(await coldLoad(browser, url));

    console.log(`cold load of the ${HOME ? 'report list' : 'editor'}: median of ${RUNS} fresh contexts, ms from navigation start`);
    for (const mark of Object.keys(runs[0]!.marks)) console.log(`  ${mark.padEnd(24)} ${ms(quantile(runs.map((x) => x.marks[mark]!).sort((a, b) => a - b), 0.5))}`);

    console.log('\nrequests (first run in order: start → end)');
    for (const req of [...runs[0]!.requests].sort((a, b) => a.start - b.start))
      console.log(`  ${ms(req.start)} → ${ms(req.end)}  ${req.name.replace(/^\//, '')}`);

    const maps = sourceMaps(build);
    const source = frameSource(maps, origin);
    const bySource = medians(runs.map((run) => selfTime(run, source)));
    const byPackage = medians(runs.map((run) => selfTime(run, (f) => {
      const s = source(f);
      return s.startsWith('(') || s.startsWith('http') || s.includes(' (top level') ? s : packageOf(s);
    })));
    const total = quantile(runs.map((run) => run.profile.timeDeltas.reduce((a, b) => a + b, 0) / 1000).sort((a, b) => a - b), 0.5);
    console.log(`\nmain thread until interactive, by package (self time; total profiled ${total.toFixed(0)} ms, "(idle)" is waiting)`);
    for (const [k, v] of byPackage.slice(0, 15)) console.log(`  ${ms(v)}  ${k}`);
    console.log('\nby source file (top 20)');
    for (const [k, v] of bySource.filter(([k]) => !k.startsWith('(')).slice(0, 20)) console.log(`  ${ms(v)}  ${k}`);
  } finally {
    await browser.close();
    await app.close();
    rmSync(build, { recursive: true, force: true });
  }
}

await main();
