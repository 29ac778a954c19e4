/**
 * The shape matrix: every test report in every shape it is published or pasted in (textShapes.ts) imports
 * with no value in a wrong cell, every cell not read named in `doc.unread`, and the exact-cell rate per shape
 * at least what was reached: 100 % for PDFs, the browser's copy and markdown; ≥ 98 % over all shapes. Two
 * reports carry a different number in almost every cell, so a value read into a neighbour's cell cannot
 * hide among zeros.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exportDocx } from '../../src/main/export/docx/index';
import { importFile } from '../../src/main/import/index';
import { rebuildTable } from '../../src/main/import/textTables';
import type { ReportDoc } from '../../src/shared/report';
import { loadExchange } from './helpers';
import { CHROMIUM_OK, SOFFICE } from './pdfSamples';
import { distinctValues, lazyBrowser, PDF_SHAPES, PDFTOTEXT, shapesOf, TEXT_SHAPES, type Shape } from './textShapes';

const FIXTURES = ['2025-clean.json', '2021-planted-errors.json', '2020-fushun-education-bureau.json'];
/** The test reports, and two of them with a different number in almost every cell (distinctValues). */
const REPORTS: { name: string; doc: () => ReportDoc }[] = [
  ...FIXTURES.map((name) => ({ name, doc: () => loadExchange(name) })),
  ...['2025-clean.json', '2020-fushun-education-bureau.json'].map((name) => ({ name: `${name} (distinct)`, doc: () => distinctValues(loadExchange(name)) })),
];
/** Exact-cell rate each shape reaches at least (%): published PDFs, the browser's copy and markdown are exact. */
const FLOOR: Record<Shape, number> = {
  'pdf-lo': 100,
  'pdf-chromium': 100,
  innerText: 100,
  markdown: 100,
  'layout-lo': 100,
  'crawler-spaced': 100,
  'layout-chromium': 100,
  'raw-lo': 95.5,
  'raw-chromium': 92.5,
  'crawler-run-together': 91.5,
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
    for (const { name, doc } of REPORTS) {
      const source = doc();
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

test('run-together digits: split where one split keeps the sums, else the row is left out and named', () => {
  const lines = [
    '第二十条第（一）项',
    '信息内容本年制发件数本年废止件数现行有效件数',
    '规章000',
    '行政规范性文件3112',
    '第二十条第（五）项',
    '信息内容本年处理决定数量',
    '行政许可1256',
    '第二十条第（六）项',
    '信息内容本年处理决定数量',
    '行政处罚87',
    '行政强制5',
    '第二十条第（八）项',
    '信息内容本年收费金额（单位：万元）',
    '行政事业性收费0',
  ];
  const t2 = rebuildTable(lines, 't2', 'GOV-2021')!;
  const values = (label: string) => t2.rows.find((r) => r[0]?.text === label)?.slice(1).map((c) => c.text);
  assert.deepEqual(values('规章'), ['0', '0', '0']);
  assert.deepEqual(values('行政许可'), ['1256']);
  // 3|1|12, 3|11|2 and 31|1|2 all fit and 表二 has no sums: not guessed
  assert.equal(values('行政规范性文件'), undefined);
  assert.match(t2.notes.join(), /表二：“行政规范性文件”的数值无法唯一确定/);
  // 表四: each 总计 is the sum of its four results — one split only
  const t4 = rebuildTable(['行政复议行政诉讼', '结果维持结果纠正其他结果尚未审结总计', '200131000100000'], 't4', 'GOV-2021')!;
  assert.deepEqual(t4.rows[t4.rows.length - 1]!.map((c) => c.text), ['2', '0', '0', '1', '3', '1', '0', '0', '0', '1', '0', '0', '0', '0', '0']);
  assert.deepEqual(t4.notes, []);
});

test('narrative above a text table that names a row label stays narrative', () => {
  const source = loadExchange('2025-clean.json');
  const lines = [
    '本年度，本局围绕行政许可、行政处罚等重点领域持续加强主动公开工作，进一步规范了规章和行政规范性文件的发布流程并在门户网站统一集中展示',
    '第二十条第（一）项',
    '信息内容 本年制发件数 本年废止件数 现行有效件数',
    '规章 0 0 0',
    '行政规范性文件 3 1 12',
    '第二十条第（五）项',
    '信息内容 本年处理决定数量',
    '行政许可 1256',
    '第二十条第（六）项',
    '信息内容 本年处理决定数量',
    '行政处罚 87',
    '行政强制 5',
    '第二十条第（八）项',
    '信息内容 本年收费金额（单位：万元）',
    '行政事业性收费 0',
  ];
  const t2 = rebuildTable(lines, 't2', source.format)!;
  assert.equal(t2.first, 1);
  assert.deepEqual(t2.notes, []);
});
