import assert from 'node:assert/strict';
import { test } from 'node:test';
import { blankReport, type Cells, type ReportDoc } from '../../src/shared/report';
import { formatIndex, joinId } from '../../src/shared/format/index';
import { countBySeverity, findingsByPart, parseChineseNumber } from '../../src/shared/checks/index';
import { check, clean, fixture, of, replaceText } from './helpers';

const RECEIVED = '本年新收政府信息公开申请48件，上年结转3件。';

test('Chinese numerals', () => {
  const cases: [string, number][] = [
    ['十二', 12],
    ['二十三', 23],
    ['一百零五', 105],
    ['两千', 2000],
    ['三万五千', 35000],
    ['〇', 0],
    ['九', 9],
  ];
  for (const [text, value] of cases) assert.equal(parseChineseNumber(text), value, text);
  assert.equal(parseChineseNumber('十二个'), null);
});

test('text.numbers: the clean narrative agrees with its tables', () => {
  assert.equal(of(check(clean()), 'text.numbers').length, 0);
});

test('text.numbers: 收到申请N件 means new, or new + carried in when the sentence says so', () => {
  const said = (sentence: string) => of(check(replaceText(clean(), 's1', RECEIVED, sentence)), 'text.numbers');
  assert.equal(said('本年共收到政府信息公开申请51件（含上年结转3件）。').length, 0);
  assert.equal(said('本年共收到政府信息公开申请48件，另有上年结转3件。').length, 0);
  const without = said('本年共收到政府信息公开申请51件。');
  assert.equal(without.length, 1);
  assert.equal(without[0]!.expected, 48);
  assert.equal(without[0]!.actual, 51);
  assert.equal(without[0]!.section, 's1');
  assert.deepEqual(without[0]!.cells, ['t3.new.total']);
  assert.match(without[0]!.message, /^正文“本年共收到政府信息公开申请51件。”/);
  assert.match(without[0]!.message, /请在句中写明“含上年结转”/);
  const included = said('共收到政府信息公开申请48件（含上年结转3件）。');
  assert.equal(included.length, 1);
  assert.equal(included[0]!.expected, 51);
  assert.deepEqual(included[0]!.cells, ['t3.new.total', 't3.carriedIn.total']);
  // other applications are not information-disclosure applications
  assert.equal(said(`${RECEIVED}受理行政许可申请1256件。`).length, 0);
  assert.equal(said('本年度共收到群众通过网络、信函等方式提交的政府信息公开申请51件（含上年结转3件）。').length, 0);
  assert.equal(said('本年度共收到群众通过网络、信函等方式提交的政府信息公开申请50件（含上年结转3件）。').length, 1);
  // 新收 is new only, whatever follows
  assert.equal(said('新收政府信息公开申请51件（含上年结转3件）。').length, 1);
});

test('real case: a district report said 收到申请75件 where 本年新收 was 74', () => {
  const doc = blankReport(2022, { name: '某某区人民政府', level: 'county' });
  Object.assign(doc.cells, { 't3.new.natural': 74, 't3.new.total': 74, 't3.carriedIn.natural': 1, 't3.carriedIn.total': 1 });
  const say = (s1: string) => of(check({ ...doc, narrative: { s1 } }), 'text.numbers');
  const plain = say('2022年，共收到政府信息公开申请75件。');
  assert.equal(plain.length, 1);
  assert.equal(plain[0]!.expected, 74);
  assert.match(plain[0]!.message, /75 是“一、本年新收”与“二、上年结转”之和/);
  assert.equal(say('2022年，共收到政府信息公开申请75件（含上年结转1件）。').length, 0);
  assert.equal(say('2022年，共收到政府信息公开申请74件。').length, 0);
});

test('text.numbers: each quoted count against its row or group, in digits or Chinese numerals', () => {
  const base = '其中予以公开24件，部分公开5件，不予公开4件，无法提供11件，不予处理3件，其他处理1件';
  const cases: [string, string, number, string[]][] = [
    ['予以公开24件', '予以公开二十三件', 24, ['t3.granted.total']],
    ['部分公开5件', '部分公开6件', 5, ['t3.partial.total']],
    ['不予公开4件', '不予公开3件', 4, formatIndex('GOV-2021').t3Groups[0]!.rows.map((r) => joinId('t3', r, 'total'))],
    ['无法提供11件', '无法提供十件', 11, ['t3.unavailable.notHeld.total', 't3.unavailable.needsCreation.total', 't3.unavailable.unclear.total']],
    ['不予处理3件', '不予处理2件', 3, ['t3.notProcessed.petition.total', 't3.notProcessed.repeated.total', 't3.notProcessed.publication.total', 't3.notProcessed.excessive.total', 't3.notProcessed.confirmation.total']],
    ['其他处理1件', '其他处理2件', 1, ['t3.other.overdueCorrection.total', 't3.other.overdueFee.total', 't3.other.other.total']],
  ];
  for (const [from, to, expected, cells] of cases) {
    const doc = replaceText(clean(), 's1', base.replace('其中', '本年度办结48件，其中'), base.replace(from, to));
    const found = of(check(doc), 'text.numbers');
    assert.equal(found.length, 1, to);
    assert.equal(found[0]!.expected, expected, to);
    assert.deepEqual(found[0]!.cells, cells, to);
  }
  const other = (from: string, to: string) => of(check(replaceText(clean(), 's1', from, to)), 'text.numbers');
  assert.deepEqual(other('结转下年度继续办理3件', '结转下年度继续办理2件').map((f) => f.cells), [['t3.carriedOut.total']]);
  assert.deepEqual(other('本年度办结48件', '本年度办结47件').map((f) => f.cells), [['t3.resultTotal.total']]);
  assert.deepEqual(other('行政复议3件', '行政复议4件').map((f) => f.cells), [['t4.review.total']]);
  assert.deepEqual(other('行政诉讼1件', '行政诉讼2件').map((f) => f.cells), [['t4.suitDirect.total', 't4.suitAfterReview.total']]);
  assert.deepEqual(other(RECEIVED, '本年度未收到政府信息公开申请。').map((f) => [f.expected, f.actual]), [[48, 0]]);
  // "no cases" where T4 has 3 复议 and 1 诉讼
  const none = other('本年度因政府信息公开引起的行政复议3件，其中结果维持2件，尚未审结1件；行政诉讼1件，结果维持。', '本年度未发生因政府信息公开引起的行政复议、行政诉讼。');
  assert.deepEqual(none.map((f) => [f.cells, f.expected, f.actual]), [
    [['t4.review.total'], 3, 0],
    [['t4.suitDirect.total', 't4.suitAfterReview.total'], 1, 0],
  ]);
  const fushun = fixture('2020-fushun-education-bureau');
  const say = (s5: string) => of(check({ ...fushun, narrative: { ...fushun.narrative, s5 } }), 'text.numbers');
  assert.deepEqual(say('本年度未发生政府信息公开行政复议案件。'), []);
  assert.equal(say('本年度未发生政府信息公开行政复议和行政诉讼案件。').length, 1, 'one 未经复议直接起诉 case');
});

test('text.numbers: 予以公开及部分公开 adds 部分公开; percentages against their counts', () => {
  const said = (from: string, to: string) => of(check(replaceText(clean(), 's1', from, to)), 'text.numbers');
  assert.equal(said('予以公开和部分公开合计29件', '予以公开及部分公开29件').length, 0);
  // the share that follows (占办结总数的60.4%) no longer fits 24 either: two findings
  const [wrong, share] = said('予以公开和部分公开合计29件', '予以公开及部分公开24件');
  assert.equal(share!.actual, 60.4);
  assert.equal(wrong!.expected, 29);
  assert.deepEqual(wrong!.cells, ['t3.granted.total', 't3.partial.total']);
  assert.match(wrong!.message, /24 \+ 5 = 29（差 5）/);
  // 29 / 48 = 60.42%: 60.4% and 60% are right, 65% is not
  assert.equal(said('占办结总数的60.4%', '占办结总数的60%').length, 0);
  const pct = said('占办结总数的60.4%', '占办结总数的65%');
  assert.equal(pct.length, 1);
  assert.equal(pct[0]!.expected, 60.4);
  assert.equal(pct[0]!.actual, 65);
  assert.match(pct[0]!.message, /29 ÷ 48/);
  // 公开率: (予以公开 or 予以公开+部分公开) ÷ 办结 or 收到
  assert.equal(said('占办结总数的60.4%', '公开率为60.4%').length, 0);
  assert.equal(said('占办结总数的60.4%', '公开率为50%').length, 0, '24 ÷ 48: 予以公开 alone');
  assert.equal(said('占办结总数的60.4%', '公开率为70%').length, 1);
});

/** The real provincial case: 总计 column blank in every row of 三、本年度办理结果. */
function provincial(): ReportDoc {
  const doc = blankReport(2022, { name: '某某省某某厅', level: 'province-department' });
  const cells: Cells = {};
  const set = (row: string, natural: number, business: number) => {
    cells[`t3.${row}.natural`] = natural;
    cells[`t3.${row}.business`] = business;
    for (const c of ['research', 'publicInterest', 'legal', 'otherOrg']) cells[`t3.${row}.${c}`] = 0;
  };
  for (const r of formatIndex('GOV-2021').t3ResultRows) set(r, 0, 0);
  set('granted', 250, 22);
  set('partial', 3, 0);
  set('unavailable.notHeld', 40, 5);
  set('resultTotal', 293, 27);
  set('new', 290, 27);
  cells['t3.new.total'] = 317;
  set('carriedIn', 3, 0);
  cells['t3.carriedIn.total'] = 3;
  set('carriedOut', 0, 0);
  cells['t3.carriedOut.total'] = 0;
  Object.assign(cells, {
    't4.review.upheld': 5, 't4.review.corrected': 0, 't4.review.other': 0, 't4.review.pending': 2, 't4.review.total': 7,
    't4.suitDirect.upheld': 6, 't4.suitDirect.corrected': 0, 't4.suitDirect.other': 0, 't4.suitDirect.pending': 1, 't4.suitDirect.total': 7,
    't4.suitAfterReview.upheld': 2, 't4.suitAfterReview.corrected': 0, 't4.suitAfterReview.other': 0, 't4.suitAfterReview.pending': 0, 't4.suitAfterReview.total': 2,
  });
  return {
    ...doc,
    cells: { ...doc.cells, ...cells },
    narrative: {
      s1: '（二）依申请公开\n\n全年共收到政府信息公开申请317件，予以公开及部分公开258件。\n\n（五）监督保障\n\n全年发生政府信息公开行政复议7件，诉讼9件，均获维持。',
    },
  };
}

test('real case: blank 总计 column, 予以公开及部分公开258件 vs 272 + 3, 均获维持 with cases pending', () => {
  const found = check(provincial());
  const numbers = of(found, 'text.numbers');
  assert.equal(numbers.length, 1, numbers.map((f) => f.message).join('\n'));
  assert.equal(numbers[0]!.expected, 275);
  assert.equal(numbers[0]!.actual, 258);
  assert.match(numbers[0]!.message, /予以公开及部分公开258件.*= 272 \+ 3 = 275（差 17；表中总计为空，按各列之和计）/);
  const claims = of(found, 'text.reviewClaims');
  assert.equal(claims.length, 1);
  assert.deepEqual(claims[0]!.cells, ['t4.review.pending', 't4.suitDirect.pending']);
  assert.match(claims[0]!.message, /行政复议·尚未审结 2、行政诉讼·未经复议直接起诉·尚未审结 1/);
  // every blank 总计 of the result rows is reported with what it should hold
  const blanks = of(found, 't3.rowTotal');
  assert.equal(blanks.length, 22);
  const granted = blanks.find((f) => f.cells[0] === 't3.granted.total')!;
  assert.equal(granted.expected, 272);
  assert.equal(of(found, 't3.balance').length, 0);
  assert.equal(of(found, 't3.resultTotal').length, 0);
});

test('text.reviewClaims: scoped to 复议 or 诉讼 by the sentence, silent when all upheld', () => {
  const doc = provincial();
  const say = (s1: string, cells: Cells = {}) => of(check({ ...doc, cells: { ...doc.cells, ...cells }, narrative: { s1 } }), 'text.reviewClaims');
  assert.deepEqual(say('行政诉讼9件，均维持。')[0]!.cells, ['t4.suitDirect.pending']);
  assert.deepEqual(say('行政复议7件，全部维持。')[0]!.cells, ['t4.review.pending']);
  const allUpheld = { 't4.review.upheld': 7, 't4.review.pending': 0, 't4.suitDirect.upheld': 7, 't4.suitDirect.pending': 0 };
  assert.equal(say('行政复议7件，诉讼9件，均获维持。', allUpheld).length, 0);
});

test('text.period: a 2021 report stating 2020 as its period', () => {
  const period = '本报告中所列数据的统计期限自2025年1月1日起至2025年12月31日止。';
  const doc = replaceText(clean({ year: 2021 }), 'preamble', period, '本报告中所列数据的统计期限自2020年1月1日起至2020年12月31日止。');
  const found = of(check(doc), 'text.period');
  assert.equal(found.length, 1);
  assert.equal(found[0]!.section, 'preamble');
  assert.equal(found[0]!.expected, 2021);
  assert.equal(found[0]!.actual, 2020);
  assert.match(found[0]!.message, /统计期限自2020年1月1日起至2020年12月31日止/);
  assert.equal(of(check(replaceText(clean({ year: 2021 }), 'preamble', period, period.replaceAll('2025', '2021'))), 'text.period').length, 0);
  assert.equal(of(check(replaceText(clean(), 'preamble', period, '本报告统计期限为2024年度。')), 'text.period').length, 1);
  assert.equal(of(check(replaceText(clean(), 'preamble', period, '现公布2024年政府信息公开工作年度报告。')), 'text.period').length, 1);
  // a year mentioned in passing is not a period
  assert.equal(of(check(replaceText(clean(), 's5', '针对上年度报告', '针对2024年度报告')), 'text.period').length, 0);
});

test('format.version: template against year, the superseded 2019 notice, 国办公开办涵', () => {
  const cite = '（国办公开办函〔2021〕30号）';
  const f = (doc: ReportDoc) => of(check(doc), 'format.version');
  assert.equal(f(clean()).length, 0);
  const old = f(replaceText(clean({ year: 2023 }), 'preamble', cite, '（国办公开办函〔2019〕60号）'));
  assert.equal(old.length, 1);
  assert.equal(old[0]!.section, 'preamble');
  assert.match(old[0]!.message, /引用了国办公开办函〔2019〕60号/);
  assert.equal(f(replaceText(clean(), 'preamble', cite, '（国办公开办函[2019]60号）')).length, 1, 'other brackets');
  const typo = f(replaceText(clean(), 'preamble', cite, '（国办公开办涵〔2021〕30号）'));
  assert.equal(typo.length, 1);
  assert.match(typo[0]!.message, /“国办公开办涵”有误/);
  // the template itself
  const doc2019 = { ...blankReport(2021, { name: '某局', level: 'county-department' }, 'GOV-2019'), narrative: { s1: 'x', s5: 'x', s6: 'x' } };
  assert.match(f(doc2019)[0]!.message, /^2021 年度报告应使用国办公开办函〔2021〕30号规定的格式/);
  const doc2021 = { ...blankReport(2020, { name: '某局', level: 'county-department' }, 'GOV-2021'), narrative: { s1: 'x', s5: 'x', s6: 'x' } };
  assert.equal(f(doc2021).length, 1);
});

test('format.sections: empty parts and a preamble listing other parts', () => {
  const found = of(check(clean({ narrative: { s1: '', s6: '  \n' } })), 'format.sections');
  assert.deepEqual(found.map((f) => f.section), ['s1', 's6']);
  assert.match(found[0]!.message, /^“一、总体情况”没有内容/);
  assert.equal(of(check(clean({ narrative: { s6: '无。' } })), 'format.sections').length, 0);
  // the editor's scaffold headings alone are not content
  const scaffoldOnly = of(check(clean({ narrative: { s1: '（一）主动公开\n（二）依申请公开\n （三）政府信息管理\n（四）政府信息公开平台建设\n（五）监督保障\n', s5: '（一）存在的主要问题\n（二）改进情况' } })), 'format.sections');
  assert.deepEqual(scaffoldOnly.map((f) => f.section), ['s1', 's5']);
  assert.match(scaffoldOnly[0]!.message, /^“一、总体情况”只有提纲标题，还没有内容/);
  assert.equal(of(check(clean({ narrative: { s5: '（一）存在的主要问题\n个别栏目更新不及时。\n（二）改进情况' } })), 'format.sections').length, 0);
  const list = '全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。';
  // the list is read by meaning: the 2008-era wording and a rewording name the same six parts
  for (const paraphrase of [
    '全文包括概述、主动公开政府信息情况、依申请公开政府信息情况、因政府信息公开申请行政复议、提起行政诉讼的情况、政府信息公开工作存在的主要问题及改进情况、其他需要报告的事项。',
    '全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及整改措施、其他需要报告的事项。',
  ])
    assert.deepEqual(of(check(replaceText(clean(), 'preamble', list, paraphrase)), 'format.sections'), [], paraphrase);
  // a list that leaves parts out is still a finding, naming them
  const short = replaceText(clean(), 'preamble', list, '全文包括主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、其他需要报告的事项。');
  const pre = of(check(short), 'format.sections');
  assert.equal(pre.length, 1);
  assert.equal(pre[0]!.section, 'preamble');
  assert.match(pre[0]!.message, /缺少 “一、总体情况”、“五、存在的主要问题及改进情况”/);
  // a preamble that lists nothing is not judged
  assert.equal(of(check(replaceText(clean(), 'preamble', list, '')), 'format.sections').length, 0);
});

test('countBySeverity and findingsByPart for the editor', () => {
  const doc = replaceText(clean({ cells: { 't3.granted.total': 25, 't2.fees.amount': 20000 } }), 's1', '予以公开24件', '予以公开20件');
  doc.acknowledged = [{ rule: 't2.feeUnit', cells: ['t2.fees.amount'], reason: '确为 2 亿元' }];
  const found = check(doc);
  const counts = countBySeverity(found);
  // 予以公开20件 and (through the wrong 总计) 予以公开和部分公开合计29件 disagree with the table
  assert.deepEqual(counts, { error: found.filter((f) => f.severity === 'error').length, warning: 2, info: 4, acknowledged: 1 });
  assert.ok(counts.error >= 2);
  const parts = findingsByPart(found);
  assert.deepEqual(parts.s2.map((f) => f.rule), ['t2.feeUnit']);
  assert.ok(parts.s3.every((f) => f.cells[0]!.startsWith('t3.')));
  assert.deepEqual(parts.s1.map((f) => f.rule), ['text.numbers', 'text.numbers']);
  assert.equal(Object.values(parts).flat().length, found.length);
});

test('a text finding points at its words: the span selects the quoted number in the part as stored', () => {
  const doc = replaceText(clean(), 's1', RECEIVED, '　本年共收到政府信息公开申请５１件。');
  const [numbers] = of(check(doc), 'text.numbers');
  assert.ok(numbers?.span, 'text.numbers has a span');
  assert.match(doc.narrative.s1!.slice(numbers.span.start, numbers.span.end), /申请５１件$/, 'full-width digits: offsets into the stored text');
  const dated = replaceText(clean(), 's1', RECEIVED, '本年统计期限自2020年1月1日起至2020年12月31日止。');
  const [period] = of(check(dated), 'text.period');
  assert.ok(period?.span, 'text.period has a span');
  assert.match(dated.narrative.s1!.slice(period.span.start, period.span.end), /2020/);
});
