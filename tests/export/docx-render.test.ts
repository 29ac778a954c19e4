/**
 * The exported .docx opened by a real word processor: LibreOffice converts it to PDF and pdftotext must
 * show every label and every number. Skips with a message where soffice or poppler is missing.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { exportDocx } from '../../src/main/export/docx/index';
import { formatIndex, getFormat, type FormatId } from '../../src/shared/format/index';
import { blankReport, ExchangeFile, type ReportDoc } from '../../src/shared/report';
import { formatValue } from '../../src/shared/values';
import { PAGE_TWIPS } from '../../src/shared/document/typography';
import { missingTableLabels, renderDocx, renderSkipReason, squeeze, type Rendered } from '../helpers/render';

const skip = renderSkipReason();

/** Every cell a different number, so finding each in the PDF proves it was printed in its own cell. */
function distinctNumbers(format: FormatId): ReportDoc {
  const year = format === 'GOV-2021' ? 2025 : 2020;
  const doc = blankReport(year, { name: '某某县教育局', level: 'county-department' }, format);
  formatIndex(format).cells.forEach((c, i) => {
    const n = 101 + i * 7;
    doc.cells[c.id] = c.kind === 'signedCount' ? -n : c.kind === 'amountWanYuan' ? n + 0.241619 : c.kind === 'amountYuan' ? n * 1000 + 0.5 : n;
  });
  doc.narrative = { s1: '（一）主动公开\n本年度主动公开政府信息。', s6: '无。' };
  return doc;
}

function assertEveryLabelAndNumber(doc: ReportDoc, rendered: Rendered): void {
  const text = rendered.text;
  const flat = squeeze(text);
  for (const s of getFormat(doc.format).sections) assert.ok(flat.includes(squeeze(s.heading)), `heading “${s.heading}” not in the PDF text`);
  assert.deepEqual(missingTableLabels(rendered.pdf, doc.format, { left: PAGE_TWIPS.left, width: PAGE_TWIPS.textWidth }), [], 'table labels not in the PDF');
  // numbers as whole tokens, counted: a value printed twice elsewhere must not hide one that is missing
  const tokens = new Map<string, number>();
  for (const m of text.matchAll(/-?\d+(?:\.\d+)?/g)) tokens.set(m[0], (tokens.get(m[0]) ?? 0) + 1);
  const need = new Map<string, number>();
  for (const c of formatIndex(doc.format).cells) {
    const v = formatValue(c.kind, doc.cells[c.id]);
    need.set(v, (need.get(v) ?? 0) + 1);
  }
  for (const [v, n] of need) assert.ok((tokens.get(v) ?? 0) >= n, `number ${v}: ${tokens.get(v) ?? 0} in the PDF, ${n} expected`);
}

for (const format of ['GOV-2021', 'GOV-2019'] as FormatId[]) {
  test(`${format}: LibreOffice renders every label and every number`, { skip }, async () => {
    const doc = distinctNumbers(format);
    const rendered = renderDocx(await exportDocx(doc), { name: format });
    try {
      assertEveryLabelAndNumber(doc, rendered);
      // the label search can fail: the other format's own labels are not in this PDF
      const other = format === 'GOV-2021' ? 'GOV-2019' : 'GOV-2021';
      const absent = format === 'GOV-2021' ? 't2: 政府集中采购' : 't2: 本年废止件数';
      assert.ok(missingTableLabels(rendered.pdf, other, { left: PAGE_TWIPS.left, width: PAGE_TWIPS.textWidth }).includes(absent));
      assert.ok(squeeze(rendered.text).includes(squeeze(`${doc.agency.name}${doc.year}年政府信息公开工作年度报告`)));
      assert.ok(rendered.pages >= 3 && rendered.pages <= 8, `${rendered.pages} pages`);
      // page numbers "— n —" on every page
      for (let n = 1; n <= rendered.pages; n++) assert.match(rendered.text, new RegExp(`—\\s*${n}\\s*—`), `page number ${n}`);
    } finally {
      rendered.cleanup();
    }
  });
}

test('the 2020 fixture (GOV-2019) renders with its real numbers and narrative', { skip }, async () => {
  const doc = ExchangeFile.parse(
    JSON.parse(readFileSync(new URL('../fixtures/2020-fushun-education-bureau.json', import.meta.url), 'utf8')),
  );
  const rendered = renderDocx(await exportDocx(doc), { name: 'fushun' });
  try {
    assertEveryLabelAndNumber(doc, rendered);
    const firstLine = (doc.narrative.s1 ?? '').split('\n')[0]!.slice(0, 20);
    assert.ok(squeeze(rendered.text).includes(squeeze(firstLine)), 'narrative of part 一 printed');
  } finally {
    rendered.cleanup();
  }
});

test('page geometry in the PDF: A4, 28 body characters a line', { skip }, async () => {
  const doc = blankReport(2025, { name: '某某县教育局', level: 'county-department' });
  // one paragraph of 84 CJK characters: with a 2-character indent it fills lines of 26, 28, 28, then 2
  doc.narrative = { preamble: '政'.repeat(84) };
  const rendered = renderDocx(await exportDocx(doc), { name: 'grid' });
  try {
    const info = readFileSync(rendered.pdf, 'latin1');
    assert.match(info, /MediaBox\s*\[\s*0 0 595\.\d+ 841\.\d+\s*\]/, 'A4 media box');
    const lines = rendered.text.split('\n').filter((l) => /^政+$/.test(l.trim()));
    assert.deepEqual(lines.map((l) => l.trim().length), [26, 28, 28, 2]);
  } finally {
    rendered.cleanup();
  }
});
