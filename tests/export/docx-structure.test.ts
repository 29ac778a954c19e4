/**
 * The exported .docx read back as XML (unzipped with fflate): page setup, the three tables and their
 * merges, widths and fonts, every value printed — for both formats, on the committed fixtures.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { exportDocx } from '../../src/main/export/docx/index';
import { defaultPreamble } from '../../src/shared/document/preamble';
import { DEFAULT_STYLES } from '../../src/shared/document/typography';
import { formatIndex, getFormat, type FormatId } from '../../src/shared/format/index';
import { gridFor } from '../../src/shared/grid';
import { blankReport, ExchangeFile, type ReportDoc } from '../../src/shared/report';
import {
  assertDocxStructure,
  assertValuesPrinted,
  child,
  findAll,
  findDeep,
  mergedCells,
  paragraphProperty,
  parseXml,
  readDocumentXml,
  readDocxPart,
  textOf,
  type DocxTable,
  type XmlElement,
} from '../helpers/docx-xml';

const fixture = (name: string): ReportDoc =>
  ExchangeFile.parse(JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')));

const clean2025 = fixture('2025-clean.json');
const fushun2020 = fixture('2020-fushun-education-bureau.json');

const body = (buffer: Buffer): XmlElement => findDeep(parseXml(readDocumentXml(buffer)), 'w:body')[0]!;

/** Row/col spans of the origin cells in one docx row, as [text, rowSpan, colSpan]. */
function rowSpans(table: DocxTable, row: number): [string, number, number][] {
  return mergedCells(table)
    .filter((m) => m.row === row)
    .map((m) => [m.text, m.rowSpan, m.colSpan]);
}

for (const [name, doc] of [
  ['GOV-2021 (2025-clean)', clean2025],
  ['GOV-2019 (2020 抚顺市教育局)', fushun2020],
] as const) {
  test(`${name}: page, tables from the grid model, widths, fonts, labels in order`, async () => {
    const buffer = await exportDocx(doc);
    const summary = assertDocxStructure(buffer, doc.format);
    assert.equal(summary.page.textWidth, 8844, 'text width 156 mm');
    assertValuesPrinted(buffer, doc);

    // every label of the definition, in document order: part headings, table labels in grid order
    const format = getFormat(doc.format);
    const labels = format.sections.flatMap((s) => [
      s.heading,
      ...(s.table ? gridFor(format, s.table).rows.flatMap((r) => r.cells.filter((c) => c.kind !== 'value').map((c) => c.text!)) : []),
    ]);
    let at = 0;
    for (const label of labels) {
      const found = summary.texts.indexOf(label, at);
      assert.ok(found >= 0, `label “${label}” missing or out of order`);
      at = found + 1;
    }
  });
}

test('T3 merges: corner 3×3, header 7 / 1+5+1, label column over 22 rows (20 in 2019), nested 8/3/5/3', async () => {
  for (const [doc, resultRows, blocks] of [
    [clean2025, 22, [8, 3, 5, 3]],
    [fushun2020, 20, [8, 3, 5]],
  ] as const) {
    const t3 = assertDocxStructure(await exportDocx(doc), doc.format).tables[1]!;
    assert.equal(t3.gridCols.length, 10);
    const h1 = rowSpans(t3, 0);
    assert.equal(h1[0]![0].startsWith('（本列数据的勾稽关系为'), true);
    assert.deepEqual(h1.map(([, r, c]) => [r, c]), [[3, 3], [1, 7]]);
    assert.equal(h1[1]![0], '申请人情况');
    assert.deepEqual(rowSpans(t3, 1), [['自然人', 2, 1], ['法人或其他组织', 1, 5], ['总计', 2, 1]]);
    assert.deepEqual(rowSpans(t3, 2).map(([t]) => t), ['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他']);
    const merged = mergedCells(t3);
    const a = merged.find((m) => m.text === '三、本年度办理结果')!;
    assert.equal(a.rowSpan, resultRows);
    assert.equal(a.col, 0);
    const nested = merged.filter((m) => m.col === 1 && m.rowSpan > 1).map((m) => m.rowSpan);
    assert.deepEqual(nested, blocks);
    // the continuation cells of the 22-row merge are there, each with the DXA width of column A
    const continues = t3.rows.flatMap((r) => r.cells.filter((c) => c.col === 0 && c.vMerge === 'continue'));
    assert.equal(continues.length, resultRows - 1 + 2, 'column A: corner (2) and result block continuations');
    for (const c of continues) assert.equal(c.width, c.colSpan === 3 ? t3.gridCols[0]! + t3.gridCols[1]! + t3.gridCols[2]! : t3.gridCols[0]);
    // header rows repeat on a new page
    assert.deepEqual(t3.rows.map((r) => r.header).slice(0, 4), [true, true, true, false]);
  }
});

test('T4: 15 value columns, header 5/10 then 5 + 5/5, one data row', async () => {
  const t4 = assertDocxStructure(await exportDocx(clean2025), 'GOV-2021').tables[2]!;
  assert.equal(t4.gridCols.length, 15);
  assert.deepEqual(rowSpans(t4, 0), [['行政复议', 1, 5], ['行政诉讼', 1, 10]]);
  const h2 = rowSpans(t4, 1);
  assert.deepEqual(h2.slice(0, 5).map(([t, r, c]) => [t, r, c]), ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'].map((t) => [t, 2, 1]));
  assert.deepEqual(h2.slice(5), [['未经复议直接起诉', 1, 5], ['复议后起诉', 1, 5]]);
  assert.equal(rowSpans(t4, 2).length, 10);
  assert.equal(t4.rows.length, 4);
  assert.equal(t4.rows[3]!.cells.length, 15);
  // 15 columns on 156 mm: each at least 8 mm so that "结果维持" wraps into two lines of two characters
  for (const w of t4.gridCols) assert.ok(w >= (8 * 1440) / 25.4, `T4 column ${w} twips too narrow`);
});

test('GOV-2019 T2: 2- and 3-value blocks on a 7-column grid, value cells spanning 3 or 2 columns', async () => {
  const t2 = assertDocxStructure(await exportDocx(fushun2020), 'GOV-2019').tables[0]!;
  assert.equal(t2.gridCols.length, 7);
  const widthOf = (label: string) => {
    const row = t2.rows.find((r) => r.cells[0]!.text === label)!;
    return row.cells.slice(1).map((c) => c.colSpan);
  };
  assert.deepEqual(widthOf('规范性文件'), [2, 2, 2]);
  assert.deepEqual(widthOf('行政事业性收费'), [3, 3]);
  assert.deepEqual(widthOf('政府集中采购'), [3, 3]);
  // the six value grid columns are equal (± rounding), the label column wider
  const values = t2.gridCols.slice(1, 6);
  assert.ok(Math.max(...values) - Math.min(...values) <= 1);
  assert.ok(t2.gridCols[0]! > values[0]!);
});

test('fonts: eastAsia per element from typography.ts, Times New Roman for Latin, sizes in half-points', async () => {
  const doc: ReportDoc = {
    ...clean2025,
    narrative: { ...clean2025.narrative, s5: '（一）存在的主要问题\n1.解读形式单一\n一是政策解读形式较为单一。' },
  };
  const paragraphs = findAll(body(await exportDocx(doc)), 'w:p');
  const fontOf = (text: string) => {
    const p = paragraphs.find((x) => textOf(x).startsWith(text));
    assert.ok(p, `paragraph “${text}” not found`);
    const rPr = child(findDeep(p, 'w:r')[0], 'w:rPr');
    const fonts = child(rPr, 'w:rFonts')!.attrs;
    assert.equal(fonts['w:ascii'], 'Times New Roman');
    assert.equal(fonts['w:hAnsi'], 'Times New Roman');
    return [fonts['w:eastAsia'], Number(child(rPr, 'w:sz')!.attrs['w:val']) / 2];
  };
  const expect = (role: keyof typeof DEFAULT_STYLES) => [DEFAULT_STYLES[role].font, DEFAULT_STYLES[role].sizePt];
  assert.deepEqual(fontOf(clean2025.agency.name), expect('title'));
  assert.deepEqual(fontOf('一、总体情况'), expect('heading1'));
  assert.deepEqual(fontOf('（一）存在的主要问题'), expect('heading2'));
  assert.deepEqual(fontOf('1.解读形式单一'), expect('heading3'));
  assert.deepEqual(fontOf('一是政策解读形式较为单一'), expect('body'));
  assert.deepEqual(fontOf('第二十条第（一）项'), expect('table'));
  assert.deepEqual(expect('title'), ['方正小标宋简体', 22]);
  assert.deepEqual(expect('heading1'), ['黑体', 16]);
  assert.deepEqual(expect('body'), ['仿宋_GB2312', 16]);
  assert.deepEqual(expect('heading2'), ['楷体_GB2312', 16]);
  // all black
  for (const color of findDeep(body(await exportDocx(doc)), 'w:color')) assert.equal(color.attrs['w:val'], '000000');
});

test('font settings override the defaults; sizes stay in the allowed range', async () => {
  const buffer = await exportDocx(clean2025, { fonts: { body: '仿宋', heading2: '楷体', table: '宋体' }, sizes: { table: 20 } });
  const xml = readDocumentXml(buffer);
  assert.ok(xml.includes('w:eastAsia="仿宋"'));
  assert.ok(xml.includes('w:eastAsia="楷体"'));
  assert.ok(!xml.includes('w:eastAsia="仿宋_GB2312"'), 'body and table fonts replaced');
  const t = findAll(body(buffer), 'w:tbl')[0]!;
  const sz = child(child(findDeep(t, 'w:r')[0], 'w:rPr'), 'w:sz')!.attrs['w:val'];
  assert.equal(sz, '24', 'table size clamped to 12 pt');
});

test('body on the 28 pt line grid: exact spacing, 2-character indent, condensed to 28 characters a line', async () => {
  const b = body(await exportDocx(clean2025));
  const sectPr = findDeep(b, 'w:sectPr').at(-1)!;
  const grid = child(sectPr, 'w:docGrid')!.attrs;
  assert.equal(grid['w:linePitch'], '560');
  const styles = parseXml(readDocxPart(await exportDocx(clean2025), 'word/styles.xml')!);
  const normal = findDeep(styles, 'w:style').find((s) => s.attrs['w:styleId'] === 'Normal')!;
  const spacing = child(child(normal, 'w:pPr'), 'w:spacing')!.attrs;
  assert.deepEqual([spacing['w:line'], spacing['w:lineRule']], ['560', 'exact']);
  assert.equal(child(child(normal, 'w:pPr'), 'w:ind')!.attrs['w:firstLineChars'], '200');
  // 28 characters of (16 pt + spacing) fit the 156 mm line, 29 do not; table text is not condensed
  const bodyRun = findDeep(b, 'w:r').find((r) => textOf(r).startsWith('2025年，云溪县'))!;
  const condensed = Number(child(child(bodyRun, 'w:rPr'), 'w:spacing')!.attrs['w:val']) / 20;
  assert.equal(child(child(normal, 'w:rPr'), 'w:spacing'), undefined, 'Normal is not condensed');
  const tableRun = findDeep(findAll(b, 'w:tbl')[0]!, 'w:r')[0]!;
  assert.equal(child(child(tableRun, 'w:rPr'), 'w:spacing'), undefined, 'table text is not condensed');
  const pitch = 16 + condensed;
  assert.ok(28 * pitch <= 8844 / 20 && 29 * pitch > 8844 / 20, `pitch ${pitch} pt`);
});

test('table text: single spacing, off the line grid (snapToGrid 0 before w:spacing), labels left, numbers centred', async () => {
  const buffer = await exportDocx(clean2025);
  const stylesXml = readDocxPart(buffer, 'word/styles.xml')!;
  const t3 = findAll(body(buffer), 'w:tbl')[1]!;
  const paragraphs = findDeep(t3, 'w:p');
  for (const p of paragraphs) {
    const pPr = child(p, 'w:pPr')!;
    assert.equal(child(pPr, 'w:pStyle')?.attrs['w:val'], 'TableText', 'every table paragraph in the table-text style');
    const names = pPr.children.map((c) => c.name);
    assert.ok(names.indexOf('w:snapToGrid') >= 0, names.join(','));
    for (const later of ['w:spacing', 'w:ind', 'w:jc']) if (names.includes(later)) assert.ok(names.indexOf('w:snapToGrid') < names.indexOf(later), names.join(','));
    assert.ok(['0', 'false'].includes(child(pPr, 'w:snapToGrid')!.attrs['w:val']!));
    const spacing = paragraphProperty(stylesXml, p, 'w:spacing')!.attrs;
    assert.deepEqual([spacing['w:line'], spacing['w:lineRule']], ['240', 'auto']);
  }
  const jcOf = (text: string) => paragraphProperty(stylesXml, paragraphs.find((p) => textOf(p) === text)!, 'w:jc')!.attrs['w:val'];
  assert.equal(jcOf('一、本年新收政府信息公开申请数量'), 'left');
  assert.equal(jcOf('48'), 'center');
  assert.equal(jcOf('自然人'), 'center');
});

test('blank report: every value cell prints 0, never empty', async () => {
  for (const format of ['GOV-2021', 'GOV-2019'] as FormatId[]) {
    const doc = blankReport(format === 'GOV-2021' ? 2025 : 2020, { name: '某某县教育局', level: 'county-department' }, format);
    const buffer = await exportDocx(doc);
    assertValuesPrinted(buffer, doc);
    const tables = assertDocxStructure(buffer, format).tables;
    const values = tables.flatMap((t, i) => {
      const grid = gridFor(getFormat(format), (['t2', 't3', 't4'] as const)[i]!);
      const merged = mergedCells(t);
      return grid.rows.flatMap((r) => r.cells.filter((c) => c.kind === 'value')).map((c) => merged.find((m) => m.row === c.row && m.col === c.col)!.text);
    });
    assert.equal(values.length, formatIndex(format).cells.length);
    const kinds = tables.flatMap((_, i) =>
      gridFor(getFormat(format), (['t2', 't3', 't4'] as const)[i]!).rows.flatMap((r) => r.cells.filter((c) => c.kind === 'value')),
    ).map((c) => formatIndex(format).cellById.get(c.cellId!)!.kind);
    assert.deepEqual(values, kinds.map((k) => (k === 'amountYuan' ? '0元' : '0')));
  }
});

test('values print with their kind: amounts to 6 decimals, signed counts with their sign', async () => {
  const doc = blankReport(2020, { name: '某某县教育局', level: 'county-department' }, 'GOV-2019');
  doc.cells['t2.licensing.change'] = -11;
  doc.cells['t2.procurement.amount'] = 251000.5;
  const d21 = blankReport(2025, { name: '某某县教育局', level: 'county-department' });
  d21.cells['t2.fees.amount'] = 4166.241619;
  assertValuesPrinted(await exportDocx(doc), doc);
  assertValuesPrinted(await exportDocx(d21), d21);
  const texts = findDeep(body(await exportDocx(doc)), 'w:t').map((t) => t.text);
  assert.ok(texts.includes('-11') && texts.includes('251000.5元'), '2019 采购总金额 printed with its unit 元');
  assert.ok(findDeep(body(await exportDocx(d21)), 'w:t').some((t) => t.text === '4166.241619'));
});

test('title on two lines, default preamble with the statistical period, own preamble kept, no repeated part heading', async () => {
  const own = await exportDocx(clean2025);
  const titleP = findAll(body(own), 'w:p')[0]!;
  assert.equal(textOf(titleP), `${clean2025.agency.name}\n2025年政府信息公开工作年度报告`);
  assert.equal(paragraphProperty(readDocxPart(own, 'word/styles.xml')!, titleP, 'w:jc')!.attrs['w:val'], 'center');
  assert.ok(findAll(body(own), 'w:p').some((p) => textOf(p) === clean2025.narrative.preamble));

  const doc: ReportDoc = { ...clean2025, narrative: { s1: '一、总体情况\n本年度主动公开信息426条。' } };
  const texts = findAll(body(await exportDocx(doc)), 'w:p').map(textOf);
  const preamble = defaultPreamble(doc);
  assert.ok(texts.includes(preamble));
  assert.match(preamble, /本报告中所列数据的统计期限自2025年1月1日起至2025年12月31日止。/);
  for (const s of getFormat('GOV-2021').sections) assert.ok(preamble.includes(s.heading.replace(/^.、/, '')), s.heading);
  assert.equal(texts.filter((t) => t === '一、总体情况').length, 1, 'the part heading printed once');
  assert.ok(texts.includes('本年度主动公开信息426条。'));
  assert.match(defaultPreamble(fushun2020), /国办公开办函〔2019〕60号/);
});

test('footer: "— PAGE —" in 14 pt, odd right and even left, even/odd footers switched on', async () => {
  const buffer = await exportDocx(clean2025);
  const sectPr = findDeep(body(buffer), 'w:sectPr').at(-1)!;
  const refs = findAll(sectPr, 'w:footerReference').map((r) => r.attrs['w:type']);
  assert.deepEqual(refs.sort(), ['default', 'even']);
  assert.match(readDocxPart(buffer, 'word/settings.xml')!, /<w:evenAndOddHeaders\/?>|<w:evenAndOddHeaders w:val="(true|1|on)"/);
  const alignments: string[] = [];
  for (const n of [1, 2]) {
    const footer = parseXml(readDocxPart(buffer, `word/footer${n}.xml`)!);
    const xml = readDocxPart(buffer, `word/footer${n}.xml`)!;
    assert.match(xml, /<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/);
    // the PAGE field carries a cached result for programs that do not update fields
    assert.match(findDeep(footer, 'w:t').map((t) => t.text).join('|'), /^— \|[12]\| —$/);
    assert.ok(findDeep(footer, 'w:sz').every((s) => s.attrs['w:val'] === '28'));
    alignments.push(child(child(findDeep(footer, 'w:p')[0], 'w:pPr'), 'w:jc')!.attrs['w:val']!);
  }
  assert.deepEqual(alignments.sort(), ['left', 'right']);
});

test('exporting the same report twice gives the same document.xml (no hidden state between exports)', async () => {
  assert.equal(readDocumentXml(await exportDocx(clean2025)), readDocumentXml(await exportDocx(clean2025)));
});

test('text XML cannot carry is cleaned, markup is escaped: the file still parses', async () => {
  const doc: ReportDoc = {
    ...clean2025,
    agency: { name: '某某<局>&"办"\u0001', level: 'county-department' },
    narrative: { s1: '第一段\u000B第二段\u0000有控制字符\uD800\n<w:p>不是标记</w:p> & 符号', s6: '无。\u001F' },
  };
  const buffer = await exportDocx(doc);
  const texts = findAll(body(buffer), 'w:p').map(textOf);
  assert.equal(texts[0], '某某<局>&"办"\n2025年政府信息公开工作年度报告');
  assert.ok(texts.includes('第一段'), 'Word line break (U+000B) starts a new paragraph');
  assert.ok(texts.includes('第二段有控制字符'));
  assert.ok(texts.includes('<w:p>不是标记</w:p> & 符号'));
  assert.ok(texts.includes('无。'));
  assertDocxStructure(buffer, 'GOV-2021');
});

test('stored settings that are not usable fall back to the defaults', async () => {
  const settings = JSON.parse('{"fonts":{"body":42,"title":"  ","heading1":null,"table":"宋体"},"sizes":{"body":"大","table":11.3}}');
  const xml = readDocumentXml(await exportDocx(clean2025, settings));
  assert.ok(xml.includes('w:eastAsia="仿宋_GB2312"'), 'body font kept');
  assert.ok(xml.includes('w:eastAsia="方正小标宋简体"'), 'title font kept');
  assert.ok(xml.includes('w:eastAsia="黑体"'), 'heading font kept');
  assert.ok(xml.includes('w:eastAsia="宋体"'));
  assert.ok(xml.includes('<w:sz w:val="23"/>'), 'table 11.3 pt → 11.5 pt (half-points)');
});

test('a report that slipped past validation is refused with a Chinese message naming the cell', async () => {
  const bad = { ...clean2025, cells: { ...clean2025.cells, 't3.new.natural': '12a' as unknown as number } };
  await assert.rejects(exportDocx(bad), (e: Error & { code?: string }) => {
    assert.equal(e.code, 'invalid_input');
    assert.match(e.message, /一、本年新收/);
    assert.match(e.message, /无法导出/);
    return true;
  });
  await assert.rejects(exportDocx({ ...clean2025, cells: { ...clean2025.cells, 't4.review.total': -3 } }), /不能为负数/);
  await assert.rejects(exportDocx({ ...clean2025, format: 'GOV-1999' as FormatId }), /报告格式/);
  await assert.rejects(exportDocx({ ...clean2025, agency: { name: ' ', level: 'county-department' } }), /机关名称/);
});

test('package: a font table naming every font with its charset and alternate name; core properties from the report', async () => {
  const buffer = await exportDocx(clean2025);
  const fonts = findDeep(parseXml(readDocxPart(buffer, 'word/fontTable.xml')!), 'w:font');
  const byName = new Map(fonts.map((f) => [f.attrs['w:name'], f]));
  for (const font of [...Object.values(DEFAULT_STYLES).map((s) => s.font), 'Times New Roman']) assert.ok(byName.has(font), `${font} in the font table`);
  assert.equal(child(byName.get('仿宋_GB2312'), 'w:altName')?.attrs['w:val'], '仿宋');
  assert.equal(child(byName.get('仿宋_GB2312'), 'w:charset')?.attrs['w:val'], '86');
  const core = readDocxPart(buffer, 'docProps/core.xml')!;
  const agency = clean2025.agency.name;
  assert.match(core, new RegExp(`<dc:creator>${agency}</dc:creator>`));
  assert.match(core, new RegExp(`<cp:lastModifiedBy>${agency}</cp:lastModifiedBy>`));
  assert.match(core, new RegExp(`<dc:title>${agency}2025年政府信息公开工作年度报告</dc:title>`));
  assert.match(core, /<dc:subject>2025年政府信息公开工作年度报告<\/dc:subject>/);
  assert.match(core, /<dcterms:created xsi:type="dcterms:W3CDTF">\d{4}-/);
  assert.ok(!core.includes('Un-named'));
});
