/** .docx import: a hand-made messy Word file, and the round trip through the project's own .docx export. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exportDocx } from '../../src/main/export/docx/index';
import { importFile } from '../../src/main/import/index';
import { NARRATIVE_KEYS, type ReportDoc } from '../../src/shared/report';
import { asPrinted, buildDocx, cellDiffs, loadExchange, reportBlocks } from './helpers';

const NBSP = '\u00A0';
const IDEO = '\u3000';

function assertSameReport(actual: ReportDoc, expected: ReportDoc): void {
  assert.equal(actual.format, expected.format);
  assert.equal(actual.year, expected.year);
  assert.equal(actual.agency.name, expected.agency.name);
  assert.deepEqual(cellDiffs(expected.cells, actual.cells), []);
  for (const key of NARRATIVE_KEYS) assert.equal(actual.narrative[key] ?? '', asPrinted(expected.narrative[key]), `narrative.${key}`);
}

test('a messy Word file: two-line title, heading variants, padded numbers, label variants, T3 split at a page break', async () => {
  const clean = loadExchange('2025-clean.json');
  const bytes = await buildDocx(
    reportBlocks(clean, {
      // the numbers as people type them
      value: (id, printed) =>
        id === 't2.fees.amount'
          ? '251000元'
          : id.startsWith('t3.new')
            ? `${NBSP}${printed}${NBSP}`
            : id.startsWith('t4')
              ? printed.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0))
              : `${IDEO}${printed}`,
      label: (text) => (text === '行政规范性文件' ? '规范性文件' : text === '规章' ? '规章(县级无此项)' : text),
      heading: (h) => h.replace('、', h.startsWith('一') ? '、 ' : '．'),
      split: { t3: 12 },
    }),
  );
  const { doc, report } = await importFile('报告.docx', bytes);
  assert.equal(report.source, 'docx');
  const expected = { ...clean, cells: { ...clean.cells, 't2.fees.amount': 25.1 } };
  assertSameReport(doc, expected);
  assert.equal(report.matched, 200);
  const said = (cell: string) => report.messages.filter((m) => m.cell === cell).map((m) => m.message);
  assert.match(said('t2.fees.amount').join(), /251000元.*换算.*25\.1/);
  assert.ok(report.messages.some((m) => m.message.includes('“规范性文件”按“行政规范性文件”识别')));
  assert.deepEqual(report.messages.filter((m) => m.level === 'error'), []);
});

test('tables split at a page break, the second half repeating the header (T3, T4) or starting mid-block (T2)', async () => {
  for (const name of ['2025-clean.json', '2020-fushun-education-bureau.json']) {
    const source = loadExchange(name);
    const bytes = await buildDocx(reportBlocks(source, { split: { t2: 5, t3: 15, t4: 2 }, repeatHeader: true }));
    const { doc, report } = await importFile('split.docx', bytes);
    const asPrinted = Object.fromEntries(Object.entries(source.cells).map(([k, v]) => [k, v ?? 0]));
    assert.deepEqual(cellDiffs(asPrinted, doc.cells), [], name);
    assert.equal(report.matched, Object.keys(doc.cells).length);
    assert.deepEqual(report.messages.filter((m) => m.level !== 'info' && m.where !== '机关'), [], name);
  }
});

test('a report laid out inside a layout table reads as if it were not', async () => {
  const clean = loadExchange('2025-clean.json');
  const { doc, report } = await importFile('layout.docx', await buildDocx(reportBlocks(clean), { layout: true }));
  assertSameReport(doc, clean);
  assert.equal(report.matched, 200);
});

test('round trip: the .docx export of a 2021 report imports to the same cells and narrative', async () => {
  const clean = loadExchange('2025-clean.json');
  const { doc, report } = await importFile('2025.docx', await exportDocx(clean));
  assertSameReport(doc, clean);
  assert.equal(report.matched, 200);
  assert.deepEqual(report.messages.filter((m) => m.level !== 'info' && m.where !== '机关'), []);
});

test('round trip: the .docx export of a 2019-format report (2020) imports to the same', async () => {
  const transcribed = loadExchange('2020-fushun-education-bureau.json');
  // with an empty preamble the exporter writes a standard one; give it its own to compare strictly
  const fushun = { ...transcribed, narrative: { ...transcribed.narrative, preamble: '本报告由抚顺市教育局编制。' } };
  const { doc, report } = await importFile('2020.docx', await exportDocx(fushun));
  assertSameReport(doc, fushun);
  assert.equal(report.matched, 22 + 23 * 7 + 15);
});

test('round trip with planted errors: values that break the checks survive import unchanged', async () => {
  const planted = loadExchange('2021-planted-errors.json');
  const { doc } = await importFile('planted.docx', await exportDocx(planted));
  // blanks print as 0 in the export, so compare with null read as 0
  const asPrinted = Object.fromEntries(Object.entries(planted.cells).map(([k, v]) => [k, v ?? 0]));
  assert.deepEqual(cellDiffs(asPrinted, doc.cells), []);
});

test('a Word file that is not an annual report is refused, not turned into an empty report', async () => {
  const bytes = await buildDocx([{ p: '关于召开2025年度安全生产工作会议的通知' }, { p: '各科室：定于下周一上午九时召开会议，请准时参加。' }]);
  await assert.rejects(importFile('通知.docx', bytes), (e: Error & { code?: string }) => e.code === 'unsupported_file' && e.message.includes('没有找到'));
});
