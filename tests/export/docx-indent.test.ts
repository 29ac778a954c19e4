/**
 * First-line indents as Word and WPS resolve them (tests/helpers/effective-indent.ts), over every paragraph
 * of every test report: body text and headings two characters, the title, table cells and page numbers none.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exportDocx } from '../../src/main/export/docx/index';
import { parseXml, findDeep } from '../helpers/docx-xml';
import { effectiveIndent, indentIs, paragraphsWithIndent, readStyleSheet, type PlacedParagraph } from '../helpers/effective-indent';
import { testReports } from '../helpers/test-reports';

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const sheet = readStyleSheet(
  `<w:styles ${W}><w:docDefaults><w:pPrDefault><w:pPr><w:ind w:left="0"/></w:pPr></w:pPrDefault></w:docDefaults>` +
    `<w:style w:type="paragraph" w:styleId="Normal" w:default="1"><w:pPr><w:ind w:firstLine="640" w:firstLineChars="200"/></w:pPr></w:style>` +
    `<w:style w:type="paragraph" w:styleId="Plain" ><w:basedOn w:val="Normal"/><w:pPr><w:ind w:firstLine="0"/></w:pPr></w:style>` +
    `<w:style w:type="paragraph" w:styleId="Flat"><w:basedOn w:val="Plain"/><w:pPr><w:ind w:firstLineChars="0"/></w:pPr></w:style>` +
    `</w:styles>`,
);
const para = (pPr: string) => findDeep(parseXml(`<w:p ${W}><w:pPr>${pPr}</w:pPr><w:r><w:rPr><w:sz w:val="32"/></w:rPr></w:r></w:p>`), 'w:p')[0]!;

test('resolver: firstLineChars wins over firstLine through the style chain, 0 counts as set, hanging is negative', () => {
  assert.deepEqual(effectiveIndent(sheet, para('')), { chars: 200, twips: 640 }, 'Normal by default');
  assert.deepEqual(effectiveIndent(sheet, para('<w:ind w:firstLine="0"/>')), { chars: 200, twips: 0 }, 'firstLine=0 alone keeps the chars');
  assert.equal(effectiveIndent(sheet, para('<w:pStyle w:val="Plain"/>')).chars, 200, 'a style with firstLine=0 only');
  assert.deepEqual(effectiveIndent(sheet, para('<w:pStyle w:val="Flat"/>')), { chars: 0, twips: 0 }, 'firstLineChars=0 down the chain');
  assert.equal(effectiveIndent(sheet, para('<w:pStyle w:val="Flat"/><w:ind w:hangingChars="100"/>')).chars, -100);
  assert.equal(effectiveIndent(sheet, para('<w:ind w:firstLineChars="0" w:hanging="320"/>')).twips, -320, 'hanging replaces firstLine');
  const p = para('<w:pStyle w:val="Flat"/><w:ind w:firstLine="640"/>');
  assert.ok(indentIs(effectiveIndent(sheet, p), 0, p), 'chars=0 still wins over a direct firstLine');
  const q = para('<w:pStyle w:val="Missing"/>');
  assert.deepEqual(effectiveIndent(sheet, q), { chars: undefined, twips: 0 }, 'an unknown style adds nothing');
  assert.ok(!indentIs(effectiveIndent(sheet, para('')), 0, q));
});

/** The title (first body paragraph), table cells and page numbers: none; every other body paragraph: 2. */
function intendedChars(p: PlacedParagraph): number {
  if (p.place !== 'body') return 0;
  return p.index === 0 ? 0 : 2;
}

test('every paragraph of every test report has the intended first-line indent as Word resolves it', async () => {
  const wrong: string[] = [];
  let checked = 0;
  for (const { name, doc, settings } of testReports()) {
    const buffer = await exportDocx(doc, settings);
    const paragraphs = paragraphsWithIndent(buffer);
    assert.ok(paragraphs.some((p) => p.place === 'table') && paragraphs.some((p) => p.place === 'footer'), `${name}: tables and footers read`);
    for (const p of paragraphs) {
      checked++;
      const want = intendedChars(p);
      if (!indentIs(p.indent, want, p.el))
        wrong.push(`${name} ${p.place} “${p.text.slice(0, 16)}”: ${JSON.stringify(p.indent)}, intended ${want} characters`);
    }
  }
  assert.ok(checked > 1000, `${checked} paragraphs checked`);
  assert.deepEqual(wrong.slice(0, 20), [], `${wrong.length} paragraphs with a wrong first-line indent`);
});
