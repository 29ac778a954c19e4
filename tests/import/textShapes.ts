/**
 * Every text shape a report arrives in, derived from real inputs — never written by hand: the app's .docx
 * through LibreOffice (Word/WPS "另存为 PDF") and its HTML page printed by Chromium, then `pdftotext` with and
 * without `-layout` (what PDF viewers copy), the page's `innerText` in Chromium (a browser's copy), crawler
 * text (each element's text; a table row's cells spaced, or run together as `textContent` gives them) and a
 * markdown conversion (pipe tables, `#` headings). Texts are cached next to the PDFs in the temp folder.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { exportHtmlPage } from '../../src/main/export/html/index';
import { formatIndex } from '../../src/shared/format/index';
import type { Cells, ReportDoc } from '../../src/shared/report';
import { applyComputedTotals } from '../../src/shared/totals';
import { launchBrowser } from '../e2e/harness';
import { pdfViaChromium, pdfViaLibreOffice } from './pdfSamples';

const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).stdout.trim();
export const PDFTOTEXT = has('pdftotext');

export const PDF_SHAPES = ['pdf-lo', 'pdf-chromium'] as const;
export const TEXT_SHAPES = [
  'layout-lo',
  'layout-chromium',
  'raw-lo',
  'raw-chromium',
  'innerText',
  'markdown',
  'crawler-spaced',
  'crawler-run-together',
] as const;
export type TextShape = (typeof TEXT_SHAPES)[number];
export type Shape = (typeof PDF_SHAPES)[number] | TextShape;

const CACHE = join(tmpdir(), 'gov-report-test-pdfs');
mkdirSync(CACHE, { recursive: true });

/** This file and the generators it calls are part of the cache key: a changed shape makes new texts. */
const SELF_HASH = createHash('sha256')
  .update(readFileSync(new URL(import.meta.url).pathname))
  .digest('hex')
  .slice(0, 8);

function pdftotext(pdf: Uint8Array, layout: boolean): string {
  const r = spawnSync(PDFTOTEXT, [...(layout ? ['-layout'] : []), '-enc', 'UTF-8', '-', '-'], { input: pdf, maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`pdftotext failed: ${r.stderr}`);
  return r.stdout.toString('utf8');
}

const PAGE_SCRIPT = String.raw`
      const NL = String.fromCharCode(10);
      const text = (e) => (e.textContent ?? '').replace(/\s+/g, ' ').trim();
      const blocks = [...document.body.querySelectorAll('h1, h2, h3, h4, p, table')].filter((e) => !e.closest('table') || e.tagName === 'TABLE');
      const lines = (kind) =>
        blocks.flatMap((e) => {
          if (e.tagName !== 'TABLE') {
            // a title broken by <br> is two lines in every shape
            const parts = e.innerText.split(NL).map((s) => s.trim()).filter(Boolean);
            if (kind !== 'md') return parts;
            return /^H\d$/.test(e.tagName) ? parts.map((p) => '#'.repeat(Number(e.tagName[1])) + ' ' + p) : [...parts, ''];
          }
          const rows = [...e.querySelectorAll('tr')].map((tr) => [...tr.querySelectorAll('td, th')].map(text));
          if (kind === 'spaced') return rows.map((r) => r.join(' '));
          if (kind === 'run') return rows.map((r) => r.join(''));
          // an HTML→markdown converter: one pipe row per <tr>, merged cells lost, a rule under the first row
          return [...rows.flatMap((r, i) => ['| ' + r.join(' | ') + ' |', ...(i === 0 ? ['|' + r.map(() => ' --- ').join('|') + '|'] : [])]), ''];
        });
      return {
        innerText: document.body.innerText,
        markdown: lines('md').join(NL),
        'crawler-spaced': lines('spaced').join(NL),
        'crawler-run-together': lines('run').join(NL),
      };
`;

/** What the page gives in the browser: innerText, crawler text (spaced / run together) and markdown. */
async function pageTexts(browser: Browser, doc: ReportDoc): Promise<Record<'innerText' | 'markdown' | 'crawler-spaced' | 'crawler-run-together', string>> {
  const page = await browser.newPage();
  try {
    await page.setContent(exportHtmlPage(doc), { waitUntil: 'load' });
    // a string, so the transpiler's helpers (__name) do not leak into the page
    return (await page.evaluate(`(() => {${PAGE_SCRIPT}})()`)) as Record<'innerText' | 'markdown' | 'crawler-spaced' | 'crawler-run-together', string>;
  } finally {
    await page.close();
  }
}

export interface ShapeSet {
  pdf: Record<(typeof PDF_SHAPES)[number], Uint8Array>;
  text: Record<TextShape, string>;
}

/** All shapes of `doc`; `browser` is launched by the caller once for all reports. */
export async function shapesOf(doc: ReportDoc, browser: () => Promise<Browser>): Promise<ShapeSet> {
  const lo = await pdfViaLibreOffice(doc);
  const ch = await pdfViaChromium(doc);
  const key = createHash('sha256').update(`${SELF_HASH}|${JSON.stringify(doc)}`).update(lo).update(ch).digest('hex').slice(0, 20);
  const file = join(CACHE, `shapes-${key}.json`);
  let text: Record<TextShape, string>;
  if (existsSync(file)) text = JSON.parse(readFileSync(file, 'utf8')) as Record<TextShape, string>;
  else {
    text = {
      'layout-lo': pdftotext(lo, true),
      'layout-chromium': pdftotext(ch, true),
      'raw-lo': pdftotext(lo, false),
      'raw-chromium': pdftotext(ch, false),
      ...(await pageTexts(await browser(), doc)),
    };
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(text));
    renameSync(tmp, file);
  }
  return { pdf: { 'pdf-lo': lo, 'pdf-chromium': ch }, text };
}

/** One browser for the whole run, launched only when a text is not cached. */
export function lazyBrowser(): { get: () => Promise<Browser>; close: () => Promise<void> } {
  let b: Promise<Browser> | null = null;
  return {
    get: () => (b ??= launchBrowser()),
    close: async () => {
      if (b) await (await b).close();
    },
  };
}

/**
 * `doc` with a different small number in almost every cell and every sum kept (T3's balance too): a value
 * read into a neighbour's cell shows, where the test reports' runs of zeros would hide it.
 */
export function distinctValues(doc: ReportDoc): ReportDoc {
  const index = formatIndex(doc.format);
  const cells: Cells = { ...doc.cells };
  let k = 0;
  for (const c of index.cells) {
    if (index.totalCells.has(c.id) || c.kind !== 'count') continue;
    cells[c.id] = c.table === 't2' ? 11 + ((k * 7) % 89) : 1 + (k % 9);
    k++;
  }
  // 一 + 二 = 三（七） + 四 in every column: 一 takes what balances
  let out = applyComputedTotals(doc.format, cells);
  for (const col of index.columnIds.t3) {
    const id = (row: string) => `t3.${row}.${col}`;
    if (index.totalCells.has(id('new'))) continue;
    cells[id('new')] = (out[id('resultTotal')] ?? 0) + (out[id('carriedOut')] ?? 0) - (out[id('carriedIn')] ?? 0);
  }
  out = applyComputedTotals(doc.format, cells);
  return { ...doc, cells: out };
}
