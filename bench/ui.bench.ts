/**
 * The editor in Chromium against browser mode: keystroke in a T3 cell → outline and check panel updated
 * (in-page, from the keydown to the next frame after both changed); cold load of the editor to interactive
 * beside a bare page's load in the same browser (the ratio survives a noisy machine); the renderer's chunks
 * (minified and gzip) and the JavaScript each first screen needs.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { describeChunks, packagesByChunk, staticImportsFromMetafile } from '../scripts/bundle-report.mjs';
import { ROOT, launchBrowser, skipReason, startApp } from '../tests/e2e/harness';
import { quantile, readyProbe, type BenchRow } from './lib';

const KEYSTROKES = 60;
const LOADS = 10;
/** Chunks smaller than this share one row. */
const SMALL_CHUNK = 2048;

declare global {
  interface Window {
    __bench?: Promise<number>;
    __ready?: Promise<number>;
  }
}

async function call<T>(app: Awaited<ReturnType<typeof startApp>>, name: string, input: unknown): Promise<T> {
  const r = await app.core.dispatch(name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r.value as T;
}

/**
 * In-page probe, as source text (tsx would wrap named functions in a helper the page does not have):
 * from the keydown to the frame after the cell's outline and the panel's entry both match.
 */
const armProbe = (expectError: boolean) => `
  window.__bench = new Promise((resolve) => {
    let t0 = 0;
    const matches = () => {
      const input = document.querySelector('input[data-cell="t3.new.natural"]');
      const outlined = input && input.getAttribute('data-severity') === 'error';
      const listed = document.querySelectorAll('[data-testid="finding"][data-rule="t3.balance"]').length > 0;
      return !!outlined === ${expectError} && listed === ${expectError};
    };
    const observer = new MutationObserver(() => {
      if (!t0 || !matches()) return;
      observer.disconnect();
      requestAnimationFrame(() => resolve(performance.now() - t0));
    });
    document.addEventListener('keydown', () => (t0 = performance.now()), { capture: true, once: true });
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  0; // not the promise: evaluate would wait for it
`;

/** Navigation start to `selectors` present, in a fresh context (no cache, no code cache) each time. */
async function coldLoad(browser: Browser, url: string, selectors: string[]): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  try {
    await context.addInitScript(readyProbe(selectors));
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'commit' });
    return await page.evaluate(() => window.__ready!);
  } finally {
    await context.close();
  }
}

const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

/** Builds the renderer as `npm run build` does, keeping esbuild's metafile for the rows per chunk. */
function buildWithMetafile(outdir: string): { metafile: unknown | null } {
  const metafile = join(outdir, '..', `${outdir.split('/').pop()}-meta.json`);
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts/build.mjs'), '--renderer-only', '--outdir', outdir, '--metafile', metafile], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`renderer build failed:\n${r.stdout}\n${r.stderr}`);
  if (!existsSync(metafile)) return { metafile: null };
  const parsed = JSON.parse(readFileSync(metafile, 'utf8')) as unknown;
  rmSync(metafile, { force: true });
  return { metafile: parsed };
}

/** A row per chunk (minified KB, gzip in the name), then the JavaScript each first screen needs. */
function chunkRows(outdir: string, metafile: unknown | null): BenchRow[] {
  const imports = metafile ? staticImportsFromMetafile(metafile, outdir, ROOT) : undefined;
  const { chunks, totals } = describeChunks(outdir, imports);
  const packages = metafile ? packagesByChunk(metafile, outdir, ROOT) : new Map<string, [string, number][]>();
  const rows: BenchRow[] = [];
  for (const t of totals) {
    rows.push({ name: `UI: first-screen JavaScript, ${t.name} (${t.files} files)`, median: kb(t.bytes), unit: 'KB', target: '≤ 500 KB' });
    rows.push({ name: `UI: first-screen JavaScript, ${t.name}, gzip`, median: kb(t.gzip), unit: 'KB' });
  }
  const all = chunks.reduce((n, c) => n + c.gzip, 0);
  rows.push({ name: `UI: renderer JavaScript, all ${chunks.length} files (gzip)`, median: kb(all), unit: 'KB', target: '< 500 KB' });
  const small = chunks.filter((c) => c.bytes < SMALL_CHUNK);
  for (const c of chunks.filter((c) => c.bytes >= SMALL_CHUNK)) {
    const top = (packages.get(c.file) ?? []).slice(0, 3).map(([p]) => p.replace(/^src\/renderer\//, ''));
    const needed = c.entry ? 'first screen' : c.screens.length ? `first screen: ${c.screens.join(', ')}` : 'lazy';
    rows.push({
      name: `UI chunk ${c.file.replace(/^chunks\//, '')} [${needed}]${top.length ? ` ${top.join(', ')}` : ''} (gzip ${kb(c.gzip)} KB)`,
      median: kb(c.bytes),
      unit: 'KB',
    });
  }
  if (small.length) {
    rows.push({
      name: `UI chunks under ${SMALL_CHUNK / 1024} KB: ${small.length} files (gzip ${kb(small.reduce((n, c) => n + c.gzip, 0))} KB)`,
      median: kb(small.reduce((n, c) => n + c.bytes, 0)),
      unit: 'KB',
    });
  }
  return rows;
}

export default async function uiBench(): Promise<BenchRow[]> {
  const reason = skipReason();
  if (reason) {
    console.error(reason);
    return [];
  }
  const build = mkdtempSync(join(tmpdir(), 'gov-bench-ui-'));
  const { metafile } = buildWithMetafile(build);
  const sizes = chunkRows(build, metafile);
  // the baseline: a page with nothing to run, served by the same server from the same folder
  writeFileSync(join(build, 'bare.html'), '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>bare</title><p id="bare">空白页</p></html>');
  const app = await startApp(build);
  const browser = await launchBrowser();
  try {
    const agency = await call<{ id: number }>(app, 'agencies.create', { name: '基准测试县教育局', level: 'county-department' });
    const report = await call<{ id: number }>(app, 'reports.create', { agencyId: agency.id, year: 2025 });
    await call(app, 'reports.updateCells', {
      id: report.id,
      changes: [
        { cell: 't3.new.natural', value: 5 },
        { cell: 't3.carriedIn.natural', value: 0 },
        { cell: 't3.granted.natural', value: 5 },
        { cell: 't3.carriedOut.natural', value: 0 },
      ],
    });
    const url = `${app.server.url}#/report/${report.id}`;
    const bareUrl = `http://127.0.0.1:${app.server.port}/bare.html`;

    // cold loads, alternating with the bare page so both see the same moments of a noisy machine
    const loads: number[] = [];
    const bare: number[] = [];
    await coldLoad(browser, bareUrl, ['#bare']); // the browser's own first start is not the page's
    for (let i = 0; i < LOADS; i++) {
      bare.push(await coldLoad(browser, bareUrl, ['#bare']));
      loads.push(await coldLoad(browser, url, ['[data-testid="nav-s3"]', '[data-testid="save-state"]']));
    }

    // keystrokes: 1920×1080 so the check panel sits beside table 三
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(url);
    await page.getByTestId('nav-s3').click();
    await page.getByTestId('side-checks').click();
    const target = page.locator('input[data-cell="t3.new.natural"]');
    await target.waitFor();
    const samples: number[] = [];
    for (let i = 0; i < KEYSTROKES; i++) {
      const makesError = i % 2 === 0;
      await target.click();
      await page.evaluate(armProbe(makesError));
      await page.keyboard.press(makesError ? '6' : '5');
      samples.push(await page.evaluate(() => window.__bench!));
      await page.keyboard.press('Enter');
    }
    samples.sort((a, b) => a - b);
    loads.sort((a, b) => a - b);
    bare.sort((a, b) => a - b);
    const ratio = quantile(loads, 0.5) / quantile(bare, 0.5);
    return [
      { name: 'UI: keystroke in T3 → outline + check panel', median: quantile(samples, 0.5), p95: quantile(samples, 0.95), unit: 'ms', target: 'p95 < 50 ms', n: samples.length },
      { name: 'UI: cold load of the editor to interactive (fresh context)', median: quantile(loads, 0.5), p95: quantile(loads, 0.95), unit: 'ms', target: '< 1000 ms', n: loads.length },
      { name: 'UI: cold load of a bare page, same browser', median: quantile(bare, 0.5), p95: quantile(bare, 0.95), unit: 'ms', n: bare.length },
      { name: 'UI: cold load of the editor ÷ bare page (medians)', median: Math.round(ratio * 10) / 10, unit: '×' },
      ...sizes,
    ];
  } finally {
    await browser.close();
    await app.close();
    rmSync(build, { recursive: true, force: true });
  }
}
