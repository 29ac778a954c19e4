import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatIndex } from '../../src/shared/format/index';
import { gridFor } from '../../src/shared/grid';
import { navModel } from '../../src/renderer/table/navigation';
import { isBlockPaste, parseClipboardTable, pasteStatus, planPaste, type PasteContext } from '../../src/renderer/table/paste';

const index = formatIndex('GOV-2021');
const ctx = (values: Record<string, number | null> = {}): PasteContext => ({
  kindOf: (id) => index.cellById.get(id)!.kind,
  current: (id) => values[id] ?? null,
});
const auto = navModel(gridFor(index.format, 't3'), index.totalCells);
const manual = navModel(gridFor(index.format, 't3'), new Set());

test('clipboard text from Excel / WPS: CRLF rows, tab cells, trailing line break, quoted cells', () => {
  assert.deepEqual(parseClipboardTable('1\t2\r\n3\t4\r\n'), [
    ['1', '2'],
    ['3', '4'],
  ]);
  assert.deepEqual(parseClipboardTable('1\t2\n3\t4'), [
    ['1', '2'],
    ['3', '4'],
  ]);
  assert.deepEqual(parseClipboardTable('"1\n2"\t"a ""b"""\n'), [['1\n2', 'a "b"']]);
  assert.deepEqual(parseClipboardTable('5\t\t7\n'), [['5', '', '7']], 'an empty cell stays in its place');
  assert.deepEqual(parseClipboardTable('12 "x"'), [['12 "x"']]);
  assert.equal(isBlockPaste('12\r\n'), false, 'one copied cell is typed text');
  assert.equal(isBlockPaste('12'), false);
  assert.equal(isBlockPaste('1\t2'), true);
  assert.equal(isBlockPaste('1\n2'), true);
});

test('a 3×7 block from 自然人 of row 一 fills three rows; computed totals are skipped in automatic mode', () => {
  const block = parseClipboardTable('1\t2\t3\t4\t5\t6\t21\n０\t0\t0\t0\t0\t1\t1\n7\t 1 \t/\t12a\t0\t0\t8\n');
  const plan = planPaste(auto, 't3.new.natural', block, ctx({ 't3.carriedIn.otherOrg': 1 }));
  assert.equal(plan.written.length, 17);
  assert.equal(plan.skippedTotals, 3);
  assert.deepEqual(plan.rejected.map((r) => [r.cell, r.row, r.column, r.text]), [['t3.granted.publicInterest', 3, 4, '12a']]);
  assert.equal(plan.outside, 0);
  const after = Object.fromEntries(plan.changes.map((c) => [c.cell, c.after]));
  assert.equal(after['t3.new.otherOrg'], 6);
  assert.equal(after['t3.carriedIn.natural'], 0, 'full-width zero');
  assert.equal(after['t3.granted.business'], 1);
  assert.equal('t3.carriedIn.otherOrg' in after, false, 'unchanged values are written but not sent');
  assert.equal('t3.granted.research' in after, false, '"/" is blank, and the cell already was');
  assert.equal('t3.new.total' in after, false);
  assert.equal(pasteStatus(plan), '已粘贴 17 个单元格；3 个总计单元格自动计算，未粘贴；1 个不是有效数字，未粘贴：第 3 行第 4 列“12a”');
});

test('manual totals: the same block writes all 21 cells', () => {
  const block = parseClipboardTable('1\t2\t3\t4\t5\t6\t21\n0\t0\t0\t0\t0\t1\t1\n7\t1\t0\t0\t0\t0\t8');
  const plan = planPaste(manual, 't3.new.natural', block, ctx());
  assert.equal(plan.written.length, 21);
  assert.equal(plan.changes.find((c) => c.cell === 't3.new.total')?.after, 21);
  assert.equal(pasteStatus(plan), '已粘贴 21 个单元格');
});

test('a paste running past the edges is cut and counted; blank source cells clear', () => {
  const plan = planPaste(manual, 't3.carriedOut.legal', parseClipboardTable('1\t\t3\t4\n5\n'), ctx({ 't3.carriedOut.otherOrg': 9 }));
  assert.deepEqual(plan.written, ['t3.carriedOut.legal', 't3.carriedOut.otherOrg', 't3.carriedOut.total']);
  assert.deepEqual(plan.changes.find((c) => c.cell === 't3.carriedOut.otherOrg'), { cell: 't3.carriedOut.otherOrg', before: 9, after: null });
  assert.equal(plan.outside, 2);
  assert.match(pasteStatus(plan), /2 个超出表格范围，已忽略$/);
});

test('values are read by the kind of their target cell', () => {
  const t2 = navModel(gridFor(index.format, 't2'), new Set());
  const plan = planPaste(t2, 't2.enforcement.decisions', parseClipboardTable('3\n1,234.5\n'), ctx());
  assert.deepEqual(plan.changes.map((c) => [c.cell, c.after]), [
    ['t2.enforcement.decisions', 3],
    ['t2.fees.amount', 1234.5],
  ]);
  const bad = planPaste(t2, 't2.fees.amount', parseClipboardTable('-5\t1\n'), ctx());
  assert.equal(bad.rejected.length, 1);
  assert.match(bad.rejected[0]!.error, /不能为负数/);
  assert.equal(bad.outside, 1);
});

test('a block copied from a printed report: thousands separators, full-width digits and a trailing 件', () => {
  const block = parseClipboardTable('1,234\t１２件\t3 项\t"2,000"\t5件a\n');
  const plan = planPaste(auto, 't3.new.natural', block, ctx());
  assert.deepEqual(plan.changes.map((c) => [c.cell, c.after]), [
    ['t3.new.natural', 1234],
    ['t3.new.business', 12],
    ['t3.new.research', 3],
    ['t3.new.publicInterest', 2000],
  ]);
  assert.deepEqual(plan.rejected.map((r) => [r.cell, r.text]), [['t3.new.legal', '5件a']]);
});
