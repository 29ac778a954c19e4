/** Pasted text and the reading rules: value spellings, format detection, labels, headings, titles, levels. */
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { test } from 'node:test';
import { guessLevel, parseTitle } from '../../src/main/import/agency';
import { importFile, importText } from '../../src/main/import/index';
import { labelMatches, labelResembles } from '../../src/main/import/normalize';
import { matchSectionHeading } from '../../src/main/import/structure';
import { cellDiffs, fixtureText, loadExchange, SHARED_FIXTURE, tabRowsText } from './helpers';

const fw = (s: string) => s.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));

test('2019 values as real reports print them: 减4, +2, -11, 25.1万元, 251000元, full-width digits', () => {
  const base = loadExchange('2020-fushun-education-bureau.json');
  const printed: Record<string, string> = {
    't2.licensing.change': '减4',
    't2.otherServices.change': '+2',
    't2.penalty.change': '-11',
    't2.procurement.amount': '25.1万元',
    't2.fees.lastYearItems': fw('12'),
    't2.regulations.made': '\u00A0\u00A03\u00A0',
  };
  const { doc, report } = importText(fixtureText(base, { value: (id, p) => printed[id] ?? p }));
  assert.equal(doc.format, 'GOV-2019');
  assert.equal(doc.cells['t2.licensing.change'], -4);
  assert.equal(doc.cells['t2.otherServices.change'], 2);
  assert.equal(doc.cells['t2.penalty.change'], -11);
  assert.equal(doc.cells['t2.procurement.amount'], 251000);
  assert.equal(doc.cells['t2.fees.lastYearItems'], 12);
  assert.equal(doc.cells['t2.regulations.made'], 3);
  const conversion = report.messages.find((m) => m.cell === 't2.procurement.amount');
  assert.ok(conversion && conversion.level === 'info' && conversion.message.includes('万元'));
  const { doc: yuan } = importText(fixtureText(base, { value: (id, p) => (id === 't2.procurement.amount' ? '251000元' : p) }));
  assert.equal(yuan.cells['t2.procurement.amount'], 251000);
});

test('unreadable cells and unknown rows are reported with where they are, never guessed', () => {
  const base = loadExchange('2025-clean.json');
  const text = fixtureText(base, {
    value: (id, p) => (id === 't3.granted.legal' ? '12a' : id === 't4.review.upheld' ? '-3' : p),
    label: (l) => (l === '（二）部分公开（区分处理的，只计这一情形，不计其他情形）' ? '（二）其他情况说明' : l),
  });
  const { doc, report } = importText(text);
  assert.equal(doc.cells['t3.granted.legal'], null);
  const bad = report.messages.find((m) => m.cell === 't3.granted.legal');
  assert.ok(bad && bad.level === 'error' && bad.message.includes('12a'));
  assert.equal(doc.cells['t4.review.upheld'], null);
  assert.equal(report.messages.find((m) => m.cell === 't4.review.upheld')?.level, 'error');
  // the row with an unknown label is not imported, and the cells it would have filled say they are missing
  assert.equal(doc.cells['t3.partial.natural'], null);
  assert.ok(report.messages.some((m) => m.level === 'warning' && m.message.includes('未能识别的行“（二）其他情况说明”')));
  assert.ok(report.messages.some((m) => m.message.includes('未找到行“（二）部分公开')));
  // unreadable cells were located (they count as matched); the unknown row's 7 cells were not
  assert.equal(report.matched, 200 - 7);
});

test('the tables decide the format: a 2019-format table in a report titled 2021 is read as 2019, and said so', () => {
  const base = loadExchange('2020-fushun-education-bureau.json');
  const { doc, report } = importText(fixtureText({ ...base, year: 2021 }));
  assert.equal(doc.format, 'GOV-2019');
  assert.equal(doc.year, 2021);
  assert.ok(report.messages.some((m) => m.where === '格式' && m.level === 'warning' && m.message.includes('GOV-2019')));
  assert.deepEqual(cellDiffs(base.cells, doc.cells), []);
});

test('a 2021 table without the 勾稽 note cell, and pasted with Windows line endings', () => {
  const base = loadExchange('2025-clean.json');
  const { doc, report } = importText(fixtureText(base, { dropCorner: true }).replace(/\n/g, '\r\n'));
  assert.equal(doc.format, 'GOV-2021');
  assert.deepEqual(cellDiffs(base.cells, doc.cells), []);
  assert.equal(report.matched, 200);
});

test('the fixture pasted as text reads the same as the file', { skip: !existsSync(SHARED_FIXTURE) && '缺少共享样例' }, async () => {
  const bytes = readFileSync(SHARED_FIXTURE);
  const a = await importFile('x.txt', bytes);
  const b = importText(bytes.toString('utf8'));
  assert.deepEqual(a.doc, b.doc);
  // UTF-16 with a BOM (Notepad's "Unicode") decodes to the same
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(bytes.toString('utf8'), 'utf16le')]);
  assert.deepEqual((await importFile('x.txt', utf16)).doc, a.doc);
});

test('labels: brackets, spacing, notes and variants', () => {
  assert.ok(labelMatches('(一)予以公开', '（一）予以公开'));
  assert.ok(labelMatches('1．属于 国家秘密', '1.属于国家秘密'));
  assert.ok(labelMatches('规章(县级无此项)', '规章'));
  assert.ok(labelMatches('（二）部分公开', '（二）部分公开（区分处理的，只计这一情形，不计其他情形）'));
  assert.ok(labelMatches('本年新\n制作数量', '本年新制作数量'));
  assert.ok(!labelMatches('第二十条第（五）项', '第二十条第（一）项'));
  assert.ok(!labelMatches('3.其他', '其他'));
  assert.ok(labelResembles('规范性文件', '行政规范性文件'));
  assert.ok(!labelResembles('行政许可', '行政处罚'));
});

test('level-1 headings and their variants', () => {
  assert.equal(matchSectionHeading('一、总体情况'), 's1');
  assert.equal(matchSectionHeading('一、 总体情况'), 's1');
  assert.equal(matchSectionHeading('一．总体情况'), 's1');
  assert.equal(matchSectionHeading('一.总体情况'), 's1');
  assert.equal(matchSectionHeading('总体情况'), 's1');
  assert.equal(matchSectionHeading('四、政府信息公开行政复议、行政诉讼情况'), 's4');
  assert.equal(matchSectionHeading('五、存在的主要问题及改进情况：'), 's5');
  assert.equal(matchSectionHeading('四、政府信息公开行政复议和行政诉讼情况'), 's4');
  assert.equal(matchSectionHeading('三、收到和处理政府信息公开申请的情况'), 's3');
  assert.equal(matchSectionHeading('五、政府信息公开工作存在的主要问题及改进情况'), 's5');
  assert.equal(matchSectionHeading('一、本年新收政府信息公开申请数量'), null);
  assert.equal(matchSectionHeading('二、依申请公开'), null);
  assert.equal(matchSectionHeading('一、总体情况。本机关认真贯彻落实《条例》要求，全面推进政务公开，各项工作取得了明显成效。'), null);
});

test('titles: agency and year, in the usual orders, digits or Chinese numerals', () => {
  assert.deepEqual(parseTitle('市教育局2020年政府信息公开工作年度报告'), { agency: '市教育局', year: 2020 });
  assert.deepEqual(parseTitle('2023年北京市海淀区人民政府政府信息公开工作年度报告'), { agency: '北京市海淀区人民政府', year: 2023 });
  assert.deepEqual(parseTitle('云溪县人民政府关于2021年度政府信息公开工作的年度报告'), { agency: '云溪县人民政府', year: 2021 });
  assert.deepEqual(parseTitle('某某市财政局二〇二一年政府信息公开工作年度报告'), { agency: '某某市财政局', year: 2021 });
  assert.deepEqual(parseTitle('没有年度的标题'), { agency: null, year: null });
});

test('agency level from the name (a guess the import report labels as such)', () => {
  const cases: [string, string | null][] = [
    ['云溪县青山镇人民政府', 'township'],
    ['某某区东湖街道办事处', 'township'],
    ['云溪县人民政府', 'county'],
    ['某某市人民政府', 'city'],
    ['某某省人民政府', 'province'],
    ['广西壮族自治区人民政府', 'province'],
    ['某某省教育厅', 'province-department'],
    ['抚顺市教育局', 'city-department'],
    ['抚顺市市场监督管理局', 'city-department'],
    ['杭州市西湖区教育局', 'county-department'],
    ['云溪县住房和城乡建设局', 'county-department'],
    ['云溪县人民政府办公室', 'county-department'],
    ['国家统计局', null],
  ];
  for (const [name, level] of cases) assert.equal(guessLevel(name), level, name);
  const { report } = importText(fixtureText(loadExchange('2025-clean.json')));
  assert.ok(report.messages.some((m) => m.where === '机关' && m.message.includes('推测') && m.message.includes('县级政府部门')));
});

test('a heading run into its first paragraph, and metadata lines above the title', () => {
  const base = loadExchange('2025-clean.json');
  const text = fixtureText(base)
    .replace(/^/, '索引号：11210400/2026-00012\n发布机构：云溪县市场监督管理局\n')
    .replace('一、总体情况\n', '一、总体情况。');
  const { doc, report } = importText(text);
  assert.equal(doc.agency.name, base.agency.name);
  assert.equal(doc.year, 2025);
  assert.equal(doc.narrative.s1, base.narrative.s1);
  assert.ok(report.messages.some((m) => m.where === '标题' && m.message.includes('索引号')));
  assert.ok(!JSON.stringify(doc.narrative).includes('索引号'));
});

test('exchange files import as they are; broken ones are refused with the field named', async () => {
  const base = loadExchange('2025-clean.json');
  const bytes = readFileSync(new URL('../fixtures/2025-clean.json', import.meta.url));
  const { doc, report } = await importFile('2025.json', bytes);
  assert.equal(report.source, 'exchange');
  assert.deepEqual(doc, base);
  await assert.rejects(importFile('bad.json', new TextEncoder().encode('{"schema": ')), (e: Error & { code?: string }) => e.code === 'invalid_input' && /JSON/.test(e.message));
  const wrong = JSON.parse(bytes.toString('utf8'));
  wrong.cells['t3.new.natural'] = '12a';
  await assert.rejects(importFile('wrong.json', new TextEncoder().encode(JSON.stringify(wrong))), (e: Error & { code?: string }) => e.code === 'invalid_input' && e.message.includes('t3.new.natural'));
});

test('text copied from a web page: one TAB-separated line per row, block titles on lines of their own', () => {
  for (const name of ['2025-clean.json', '2020-fushun-education-bureau.json']) {
    const source = loadExchange(name);
    const { doc, report } = importText(tabRowsText(source));
    const asPrinted = Object.fromEntries(Object.entries(source.cells).map(([k, v]) => [k, v ?? 0]));
    assert.deepEqual(cellDiffs(asPrinted, doc.cells), [], name);
    assert.deepEqual(report.messages.filter((m) => m.level !== 'info' && m.where !== '机关'), [], name);
    assert.equal(doc.narrative.s2 ?? '', source.narrative.s2 ?? '', 'block titles stay out of the narrative');
  }
});

test('paragraphs indented with a TAB stay paragraphs', () => {
  const base = loadExchange('2025-clean.json');
  const indented = fixtureText(base)
    .split('\n')
    .map((line) => (line.length > 40 && !line.startsWith('\t') ? `\t${line}` : line))
    .join('\n');
  const { doc } = importText(indented);
  assert.deepEqual(cellDiffs(base.cells, doc.cells), []);
  for (const key of ['preamble', 's1', 's5', 's6'] as const) assert.equal(doc.narrative[key] ?? '', base.narrative[key] ?? '', key);
});

test('a T2 without its 信息内容 header rows is read in the standard column order, and says so per block', () => {
  const source = loadExchange('2020-fushun-education-bureau.json');
  const text = tabRowsText(source)
    .split('\n')
    .filter((line) => !line.startsWith('信息内容'))
    .join('\n');
  const { doc, report } = importText(text);
  assert.deepEqual(cellDiffs(source.cells, doc.cells), []);
  const said = report.messages.filter((m) => m.message.includes('未找到该栏的表头'));
  assert.equal(said.length, 5);
});

test('an amount column whose header declares another unit is converted, and the conversion reported', () => {
  const base = loadExchange('2025-clean.json');
  const text = fixtureText(base, {
    label: (l) => (l === '本年收费金额（单位：万元）' ? '本年收费金额(单位:元)' : l),
    value: (id, p) => (id === 't2.fees.amount' ? '3500' : p),
  });
  const { doc, report } = importText(text);
  assert.equal(doc.cells['t2.fees.amount'], 0.35);
  assert.match(report.messages.find((m) => m.cell === 't2.fees.amount')?.message ?? '', /元换算为万元/);
  const y2019 = loadExchange('2020-fushun-education-bureau.json');
  const { doc: d19 } = importText(
    fixtureText(y2019, { label: (l) => (l === '采购总金额' ? '采购总金额（万元）' : l), value: (id, p) => (id === 't2.procurement.amount' ? '25.1' : p) }),
  );
  assert.equal(d19.cells['t2.procurement.amount'], 251000);
});
