import assert from 'node:assert/strict';
import { test } from 'node:test';
import { blankReport } from '../../src/shared/report';
import { formatIndex } from '../../src/shared/format/index';
import { check, clean, of, problems } from './helpers';

test('the clean report has no error and no warning', () => {
  assert.deepEqual(problems(check(clean())), []);
});

test('t3.balance: names both sides, the column and the difference', () => {
  // 自然人: 38 + 2 = 40 received; 38 results + 结转 2 → make 结转 4 (row total kept consistent)
  const doc = clean({ cells: { 't3.carriedOut.natural': 4, 't3.carriedOut.total': 5 } });
  const found = of(check(doc), 't3.balance');
  assert.equal(found.length, 2, 'natural and total columns');
  const natural = found.find((f) => f.cells.includes('t3.new.natural'))!;
  assert.equal(natural.severity, 'error');
  assert.equal(
    natural.message,
    '三、本年度办理结果（七）总计 + 四、结转下年度 = 42，但 一、本年新收 + 二、上年结转 = 40（自然人列，差 2）',
  );
  assert.deepEqual(natural.cells, ['t3.new.natural', 't3.carriedIn.natural', 't3.resultTotal.natural', 't3.carriedOut.natural']);
  assert.equal(natural.expected, 40);
  assert.equal(natural.actual, 42);
});

test('t3.rowTotal: a wrong 总计 and a blank 总计 that says what it should hold', () => {
  const wrong = of(check(clean({ cells: { 't3.granted.total': 25 } })), 't3.rowTotal');
  assert.equal(wrong.length, 1);
  assert.equal(wrong[0]!.cells[0], 't3.granted.total');
  assert.equal(wrong[0]!.expected, 24);
  assert.equal(wrong[0]!.actual, 25);
  assert.match(wrong[0]!.message, /（一）予以公开（总计） = 25，但 自然人 \+ 商业企业 .* = 24（差 1）/);

  const blank = of(check(clean({ cells: { 't3.unavailable.notHeld.total': null } })), 't3.rowTotal');
  assert.equal(blank.length, 1);
  assert.deepEqual(blank[0]!.cells, ['t3.unavailable.notHeld.total']);
  assert.equal(blank[0]!.expected, 8);
  assert.match(blank[0]!.message, /为空，应为 8/);
});

test('blank 总计 at export: cell.missing with the value it should hold, not t3.rowTotal twice', () => {
  const found = check(clean({ cells: { 't3.unavailable.notHeld.total': null } }), { forExport: true });
  assert.equal(of(found, 't3.rowTotal').length, 0);
  const missing = of(found, 'cell.missing');
  assert.equal(missing.length, 1);
  assert.equal(missing[0]!.expected, 8);
  assert.deepEqual(missing[0]!.cells, ['t3.unavailable.notHeld.total']);
});

test('t3.resultTotal: （七）总计 of a column against its 21 result rows', () => {
  const found = of(check(clean({ cells: { 't3.withheld.process.natural': 2, 't3.withheld.process.total': 2 } })), 't3.resultTotal');
  // 自然人 column and 总计 column both stop adding up
  assert.deepEqual(found.map((f) => f.cells[0]).sort(), ['t3.resultTotal.natural', 't3.resultTotal.total']);
  const natural = found.find((f) => f.cells[0] === 't3.resultTotal.natural')!;
  assert.equal(natural.cells.length, 1 + 21);
  assert.equal(natural.expected, 39);
  assert.equal(natural.actual, 38);
  assert.match(natural.message, /共 21 项之和 = 39（自然人列，差 1）/);
});

test('t3.resultTotal in 2019 sums 19 rows', () => {
  const sums = formatIndex('GOV-2019').sums.filter((s) => s.rule === 't3.resultTotal');
  assert.ok(sums.length > 0);
  for (const s of sums) assert.equal(s.parts.length, 19);
});

test('t4.total per group', () => {
  const found = of(check(clean({ cells: { 't4.suitAfterReview.corrected': 1 } })), 't4.total');
  assert.equal(found.length, 1);
  assert.equal(found[0]!.cells[0], 't4.suitAfterReview.total');
  assert.equal(found[0]!.message, '行政诉讼·复议后起诉：总计 = 0，但 结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 1（差 1）');
});

test('blank parts are never 0: an unverifiable sum is not reported, an exceeded one is', () => {
  // granted row: 自然人 blank, the rest filled; total 24 ≥ filled parts 6 → cannot tell yet
  const unknown = check(clean({ cells: { 't3.granted.natural': null } }));
  assert.equal(of(unknown, 't3.rowTotal').length, 0);
  assert.equal(of(unknown, 't3.resultTotal').length, 0);
  assert.equal(of(unknown, 't3.balance').length, 0);
  // filled parts already exceed the total
  const over = of(check(clean({ cells: { 't3.granted.natural': null, 't3.granted.business': 30 } })), 't3.rowTotal');
  assert.equal(over.length, 1);
  assert.match(over[0]!.message, /另有 1 项未填/);
  assert.ok(!over[0]!.cells.includes('t3.granted.natural'));
});

test('a blank report checks clean while drafting and lists every blank at export, grouped by row', () => {
  const doc = blankReport(2025, { name: '某县教育局', level: 'county-department' });
  const drafting = check(doc).filter((f) => f.rule !== 'format.sections');
  assert.deepEqual(drafting, []);
  const missing = of(check(doc, { forExport: true }), 'cell.missing');
  const cells = missing.flatMap((f) => f.cells);
  assert.equal(cells.length, formatIndex('GOV-2021').cells.length);
  assert.equal(new Set(cells).size, cells.length);
  // T3 25 rows + T2 6 rows + T4 3 groups
  assert.equal(missing.length, 25 + 6 + 3);
  assert.ok(missing.some((f) => f.message.startsWith('一、本年新收：自然人、商业企业')));
});

test('t3.groupTotals (info) shows what narratives quote', () => {
  const info = of(check(clean()), 't3.groupTotals');
  assert.deepEqual(
    info.map((f) => [f.severity, f.actual]),
    [
      ['info', 4],
      ['info', 11],
      ['info', 3],
      ['info', 1],
    ],
  );
  assert.equal(info[0]!.message, '（三）不予公开合计 4 件（自然人 3、商业企业 1）；正文引用时应与此一致');
});
