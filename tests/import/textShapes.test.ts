/**
 * The shape matrix: every test report in every shape it is published or pasted in (textShapes.ts) imports
 * with no value in a wrong cell, every cell not read named in `doc.unread`, and the exact-cell rate per shape
 * at least what was reached: 100 % for PDFs, the browser's copy and markdown; ≥ 98 % over all shapes.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exportDocx } from '../../src/main/export/docx/index';
import { importFile } from '../../src/main/import/index';
import type { ReportDoc } from '../../src/shared/report';
import { loadExchange } from './helpers';
import { CHROMIUM_OK, SOFFICE } from './pdfSamples';
import { lazyBrowser, PDF_SHAPES, PDFTOTEXT, shapesOf, TEXT_SHAPES, type Shape } from './textShapes';

const FIXTURES = ['2025-clean.json', '2021-planted-errors.json', '2020-fushun-education-bureau.json'];
/** Exact-cell rate each shape reaches at least (%): published PDFs, the browser's copy and markdown are exact. */
const FLOOR: Record<Shape, number> = {
  'pdf-lo': 100,
  'pdf-chromium': 100,
  innerText: 100,
  markdown: 100,
  'layout-lo': 100,
  'crawler-spaced': 100,
  'layout-chromium': 100,
  'raw-lo': 96,
  'raw-chromium': 92.9,
  'crawler-run-together': 91,
};
const FLOOR_ALL = 98;

const skip = !SOFFICE || !CHROMIUM_OK || !PDFTOTEXT ? '需要 LibreOffice、Chromium 和 pdftotext，跳过' : false;

interface Tally {
  cells: number;
  exact: number;
  wrong: string[];
  silent: string[];
}

async function tally(expected: ReportDoc, fileName: string, bytes: Uint8Array, into: Tally, what: string): Promise<void> {
  const { doc } = await importFile(fileName, bytes);
  const unread = new Set(doc.unread?.flatMap((u) => u.cells) ?? []);
  for (const [id, want] of Object.entries(expected.cells)) {
    into.cells++;
    const got = doc.cells[id] ?? null;
    if (got === want) into.exact++;
    else if (got !== null) into.wrong.push(`${what} ${id}: ${got} ≠ ${want}`);
    else if (!unread.has(id)) into.silent.push(`${what} ${id}: blank, not reported`);
  }
}

test('every shape of every test report: no value in a wrong cell, nothing unread left unsaid', { skip, timeout: 600_000 }, async () => {
  const browser = lazyBrowser();
  const tallies = new Map<Shape, Tally>([...PDF_SHAPES, ...TEXT_SHAPES].map((s) => [s, { cells: 0, exact: 0, wrong: [], silent: [] }]));
  try {
    for (const name of FIXTURES) {
      const source = loadExchange(name);
      // what the published report holds: the exporters print a blank as 0
      const expected = (await importFile('report.docx', new Uint8Array(await exportDocx(source)))).doc;
      const shapes = await shapesOf(source, browser.get);
      for (const s of PDF_SHAPES) await tally(expected, 'report.pdf', shapes.pdf[s], tallies.get(s)!, `${name} ${s}`);
      for (const s of TEXT_SHAPES) await tally(expected, s === 'markdown' ? 'report.md' : 'report.txt', new TextEncoder().encode(shapes.text[s]), tallies.get(s)!, `${name} ${s}`);
    }
  } finally {
    await browser.close();
  }
  const all: Tally = { cells: 0, exact: 0, wrong: [], silent: [] };
  const rows: string[] = [];
  for (const [s, t] of tallies) {
    all.cells += t.cells;
    all.exact += t.exact;
    all.wrong.push(...t.wrong);
    all.silent.push(...t.silent);
    rows.push(`${s.padEnd(22)} ${((100 * t.exact) / t.cells).toFixed(1).padStart(6)} %  wrong ${t.wrong.length}  silent ${t.silent.length}`);
  }
  rows.push(`${'all'.padEnd(22)} ${((100 * all.exact) / all.cells).toFixed(1).padStart(6)} %`);
  console.log(rows.join('\n'));
  assert.deepEqual(all.wrong.slice(0, 20), [], 'no value in a wrong cell');
  for (const [s, t] of tallies) assert.ok((100 * t.exact) / t.cells >= FLOOR[s], `${s}: ${t.exact}/${t.cells} cells exact, at least ${FLOOR[s]} % expected`);
  assert.ok((100 * all.exact) / all.cells >= FLOOR_ALL, `all shapes: ${all.exact}/${all.cells}`);
  assert.deepEqual(all.silent.slice(0, 20), [], 'every cell not read is named');
});
