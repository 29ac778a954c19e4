/**
 * A .docx written the way WPS and Word really write it, XML by hand: explicit vMerge="continue" cells,
 * headers wrapped over two paragraphs, runs split mid-word, bookmarks, content controls, tracked changes,
 * a text box with its VML fallback (which must not be read twice), numbers padded with NBSP.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { importFile } from '../../src/main/import/index';
import { formatIndex, getFormat, type TableId } from '../../src/shared/format/index';
import { gridFor, gridSlots } from '../../src/shared/grid';
import type { ReportDoc } from '../../src/shared/report';
import { formatValue } from '../../src/shared/values';
import { buildZip, cellDiffs, CONTENT_TYPES, loadExchange } from './helpers';

const NS =
  'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"';
const x = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const run = (t: string) => `<w:r><w:rPr><w:rFonts w:eastAsia="仿宋_GB2312"/></w:rPr><w:t xml:space="preserve">${x(t)}</w:t></w:r>`;
/** A paragraph with its text split over several runs, as editors do after any edit. */
const para = (t: string) => {
  const mid = Math.ceil(t.length / 2);
  return `<w:p><w:pPr><w:jc w:val="both"/><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr>${run(t.slice(0, mid))}<w:bookmarkStart w:id="0" w:name="_GoBack"/><w:bookmarkEnd w:id="0"/>${run(t.slice(mid))}</w:p>`;
};

function tableXml(doc: ReportDoc, table: TableId): string {
  const format = getFormat(doc.format);
  const index = formatIndex(doc.format);
  const rows = gridSlots(gridFor(format, table)).map((slots) => {
    const cells = slots.map((slot) => {
      const c = slot.cell;
      const span = c.colSpan > 1 ? `<w:gridSpan w:val="${c.colSpan}"/>` : '';
      if (slot.type === 'continue') return `<w:tc><w:tcPr><w:tcW w:w="800" w:type="dxa"/>${span}<w:vMerge w:val="continue"/></w:tcPr><w:p/></w:tc>`;
      const merge = c.rowSpan > 1 ? '<w:vMerge w:val="restart"/>' : '';
      let body: string;
      if (c.kind === 'value') body = para(`\u00A0${formatValue(index.cellById.get(c.cellId!)!.kind, doc.cells[c.cellId!])}\u00A0`);
      else {
        const text = c.text ?? '';
        // long headers wrap: WPS keeps the two halves as two paragraphs
        body = text.length > 4 && c.kind === 'header' ? para(text.slice(0, 3)) + para(text.slice(3)) : para(text);
      }
      return `<w:tc><w:tcPr><w:tcW w:w="800" w:type="dxa"/>${span}${merge}</w:tcPr>${body}</w:tc>`;
    });
    return `<w:tr><w:trPr><w:trHeight w:val="400"/></w:trPr>${cells.join('')}</w:tr>`;
  });
  return `<w:tbl><w:tblPr><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid/>${rows.join('')}</w:tbl>`;
}

function documentXml(doc: ReportDoc): string {
  const format = getFormat(doc.format);
  const body: string[] = [para(doc.agency.name), para(`${doc.year}年政府信息公开工作年度报告`)];
  // a text box: the same text in the DrawingML choice and the VML fallback
  body.push(
    `<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>${para('印章文字')}</w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent>${para('印章文字')}</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>`,
  );
  for (const p of (doc.narrative.preamble ?? '').split(/\n+/).filter(Boolean)) body.push(para(p));
  for (const s of format.sections) {
    body.push(`<w:sdt><w:sdtPr/><w:sdtContent>${para(s.heading)}</w:sdtContent></w:sdt>`);
    if (s.table) body.push(tableXml(doc, s.table), '<w:p/>');
    const lines = (doc.narrative[s.id] ?? '').split(/\n+/).filter(Boolean);
    lines.forEach((line, i) => {
      // a tracked deletion and insertion in the first line of each part
      if (i === 0)
        body.push(`<w:p><w:del w:id="1" w:author="审核人"><w:r><w:delText>已删除的旧文字</w:delText></w:r></w:del><w:ins w:id="2" w:author="审核人">${run(line)}</w:ins></w:p>`);
      else body.push(para(line));
    });
  }
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document ${NS}><w:body>${body.join('')}<w:sectPr/></w:body></w:document>`;
}

test('WPS/Word idioms in document.xml: vMerge continue, wrapped headers, split runs, sdt, tracked changes, text boxes', async () => {
  for (const name of ['2025-clean.json', '2020-fushun-education-bureau.json']) {
    const source = loadExchange(name);
    const zip = buildZip([
      { name: '[Content_Types].xml', data: CONTENT_TYPES },
      { name: 'word/document.xml', data: new TextEncoder().encode(documentXml(source)), deflate: true },
    ]);
    const { doc, report } = await importFile('wps.docx', zip);
    assert.equal(doc.format, source.format, name);
    assert.equal(doc.year, source.year);
    assert.equal(doc.agency.name, source.agency.name);
    const asPrinted = Object.fromEntries(Object.entries(source.cells).map(([k, v]) => [k, v ?? 0]));
    assert.deepEqual(cellDiffs(asPrinted, doc.cells), [], name);
    assert.equal(report.matched, Object.keys(doc.cells).length);
    const text = JSON.stringify(doc.narrative);
    assert.ok(!text.includes('已删除的旧文字'), 'deleted text is not imported');
    assert.ok(!text.includes('印章文字'), 'text boxes are not read into the narrative');
    for (const key of ['s1', 's5', 's6'] as const) assert.equal(doc.narrative[key] ?? '', source.narrative[key] ?? '', `${name} ${key}`);
  }
});
