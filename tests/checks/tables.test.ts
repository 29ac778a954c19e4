import assert from 'node:assert/strict';
import { test } from 'node:test';
import { blankReport, type ReportDoc } from '../../src/shared/report';
import type { PreviousReport } from '../../src/shared/checks/index';
import { check, clean, fixture, of, problems } from './helpers';

test('cell.type: fractions, negatives and text in counts; amounts to 6 decimals; signed 2019 changes', () => {
  const doc = clean({ cells: { 't3.new.natural': 1.5, 't4.review.pending': -1, 't2.fees.amount': 0.1234567 } });
  (doc.cells as Record<string, unknown>)['t2.penalty.decisions'] = '12a';
  const found = of(check(doc), 'cell.type');
  assert.deepEqual(found.map((f) => f.cells[0]).sort(), ['t2.fees.amount', 't2.penalty.decisions', 't3.new.natural', 't4.review.pending']);
  assert.ok(found.every((f) => f.severity === 'error'));
  assert.match(found.find((f) => f.cells[0] === 't3.new.natural')!.message, /应为整数/);
  // a real 2025 amount printed to the 分 in 万元, and −11 in a 2019 本年增/减, are fine
  assert.equal(of(check(clean({ cells: { 't2.fees.amount': 4166.241619 } })), 'cell.type').length, 0);
  const fushun = fixture('2020-fushun-education-bureau');
  assert.equal(of(check({ ...fushun, cells: { ...fushun.cells, 't2.licensing.change': -11 } }), 'cell.type').length, 0);
});

test('cell.missing only when checking for export', () => {
  const doc = clean({ cells: { 't4.suitDirect.other': null, 't2.licensing.decisions': null } });
  assert.equal(of(check(doc), 'cell.missing').length, 0);
  const found = of(check(doc, { forExport: true }), 'cell.missing');
  assert.deepEqual(found.map((f) => f.cells), [['t2.licensing.decisions'], ['t4.suitDirect.other']]);
  assert.match(found[1]!.message, /^行政诉讼·未经复议直接起诉：其他结果 尚未填写/);
});

test('t2.regulationPower: township, county and county departments; a question for city departments', () => {
  const level = (l: ReportDoc['agency']['level']) => of(check(clean({ level: l, cells: { 't2.regulations.inForce': 6 } })), 't2.regulationPower');
  for (const l of ['township', 'county', 'county-department'] as const) {
    const f = level(l);
    assert.equal(f.length, 1, l);
    assert.equal(f[0]!.severity, 'warning');
    assert.deepEqual(f[0]!.cells, ['t2.regulations.inForce']);
    assert.match(f[0]!.message, /没有规章制定权.*现行有效件数 6/);
  }
  assert.match(level('city-department')[0]!.message, /多数市级政府部门没有规章制定权.*请核实/);
  assert.equal(level('city').length, 0);
  assert.equal(level('province').length, 0);
  // zeros are fine for everyone
  assert.equal(of(check(clean({ level: 'township' })), 't2.regulationPower').length, 0);
});

test('real case: a township with 6 规章 in force', () => {
  const doc = blankReport(2023, { name: '某某镇人民政府', level: 'township' });
  doc.cells['t2.regulations.inForce'] = 6;
  const f = of(check(doc), 't2.regulationPower');
  assert.equal(f.length, 1);
  assert.match(f[0]!.message, /^乡镇（街道）没有规章制定权/);
});

test('t2.feeUnit: 万元 that look like 元', () => {
  const f = of(check(clean({ cells: { 't2.fees.amount': 35000 } })), 't2.feeUnit');
  assert.equal(f.length, 1);
  assert.equal(f[0]!.expected, 3.5);
  assert.equal(f[0]!.actual, 35000);
  assert.match(f[0]!.message, /是否误按“元”填写/);
  assert.equal(of(check(clean({ cells: { 't2.fees.amount': 9999.5 } })), 't2.feeUnit').length, 0);
  assert.equal(of(check(clean({ cells: { 't2.fees.amount': 4166.241619 } })), 't2.feeUnit').length, 0);
});

/** Last year's report of the clean agency: its 结转下年度 is this year's 上年结转. */
function lastYear(patch: Record<string, number | null> = {}): PreviousReport {
  const doc = clean();
  const cells = { ...doc.cells };
  for (const col of ['natural', 'business', 'research', 'publicInterest', 'legal', 'otherOrg', 'total'])
    cells[`t3.carriedOut.${col}`] = doc.cells[`t3.carriedIn.${col}`] ?? null;
  cells['t2.normativeDocs.inForce'] = 10;
  cells['t2.regulations.inForce'] = 0;
  return { year: doc.year - 1, format: doc.format, cells: { ...cells, ...patch }, narrative: { s1: '上年度的报告正文。' } };
}

test('xyear.carryOver: 上年结转 against last year’s 结转下年度, per column', () => {
  const doc = clean();
  assert.deepEqual(problems(check(doc, { previous: lastYear() })), []);
  const found = of(check(doc, { previous: lastYear({ 't3.carriedOut.natural': 1, 't3.carriedOut.total': 2 }) }), 'xyear.carryOver');
  assert.equal(found.length, 1, 'the 总计 column follows its parts');
  assert.deepEqual(found[0]!.cells, ['t3.carriedIn.natural']);
  assert.equal(found[0]!.expected, 1);
  assert.equal(found[0]!.actual, 2);
  assert.equal(
    found[0]!.message,
    '二、上年结转 = 2，但 2024 年报告的 四、结转下年度 = 1（自然人列，差 1）；如因机构调整等原因确有不同，请确认并注明理由',
  );
  // only against the year just before
  assert.equal(of(check(doc, { previous: { ...lastYear({ 't3.carriedOut.natural': 1 }), year: 2023 } }), 'xyear.carryOver').length, 0);
  // without a previous report, nothing
  assert.equal(of(check(doc), 'xyear.carryOver').length, 0);
});

test('xyear.carryOver: an acknowledged warning stays, with its reason; errors cannot be acknowledged', () => {
  const previous = lastYear({ 't3.carriedOut.natural': 1, 't3.carriedOut.total': 2 });
  const doc = clean({ cells: { 't3.granted.total': 25 } });
  doc.acknowledged = [
    { rule: 'xyear.carryOver', cells: ['t3.carriedIn.natural'], reason: '机构合并，承接原某某局的申请 1 件' },
    { rule: 't3.rowTotal', cells: ['t3.granted.total'], reason: '试图确认错误' },
  ];
  const found = check(doc, { previous });
  const carry = of(found, 'xyear.carryOver');
  assert.equal(carry.length, 1);
  assert.deepEqual(carry[0]!.acknowledged, { reason: '机构合并，承接原某某局的申请 1 件' });
  assert.equal(of(found, 't3.rowTotal')[0]!.acknowledged, undefined);
  // a different cell set is not the same warning
  doc.acknowledged = [{ rule: 'xyear.carryOver', cells: ['t3.carriedIn.business'], reason: '其他' }];
  assert.equal(of(check(doc, { previous }), 'xyear.carryOver')[0]!.acknowledged, undefined);
});

test('xyear.carryOver from a 2019-format report (2020 → 2021)', () => {
  const fushun = fixture('2020-fushun-education-bureau');
  const doc = blankReport(2021, fushun.agency);
  for (const col of ['natural', 'business', 'research', 'publicInterest', 'legal', 'otherOrg', 'total']) doc.cells[`t3.carriedIn.${col}`] = 0;
  assert.equal(of(check(doc, { previous: fushun }), 'xyear.carryOver').length, 0);
  doc.cells['t3.carriedIn.legal'] = 2;
  doc.cells['t3.carriedIn.total'] = 2;
  const found = of(check(doc, { previous: fushun }), 'xyear.carryOver');
  assert.deepEqual(found.map((f) => f.cells[0]), ['t3.carriedIn.legal']);
  // a 2019 report has no 现行有效件数: xyear.inForce stays silent
  assert.equal(of(check(doc, { previous: fushun }), 'xyear.inForce').length, 0);
});

test('xyear.inForce: 现行有效 = last year’s + 制发 − 废止', () => {
  // clean: 行政规范性文件 制发 3, 废止 1, 现行有效 12; last year 10 → 12 ✓
  assert.equal(of(check(clean(), { previous: lastYear() }), 'xyear.inForce').length, 0);
  const found = of(check(clean(), { previous: lastYear({ 't2.normativeDocs.inForce': 9 }) }), 'xyear.inForce');
  assert.equal(found.length, 1);
  assert.deepEqual(found[0]!.cells, ['t2.normativeDocs.inForce', 't2.normativeDocs.issued', 't2.normativeDocs.repealed']);
  assert.equal(found[0]!.expected, 11);
  assert.equal(found[0]!.actual, 12);
  assert.equal(found[0]!.message, '行政规范性文件：现行有效件数 = 12，但 2024 年现行有效件数 9 + 本年制发件数 3 − 本年废止件数 1 = 11（差 1）');
});
