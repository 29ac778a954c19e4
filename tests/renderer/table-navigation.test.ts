import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatIndex, type FormatId, type TableId } from '../../src/shared/format/index';
import { gridFor } from '../../src/shared/grid';
import { moveFrom, navModel, type Move } from '../../src/renderer/table/navigation';

const model = (format: FormatId, table: TableId, manualTotals = false) => {
  const index = formatIndex(format);
  const readOnly = new Set(manualTotals ? [] : [...index.totalCells]);
  return navModel(gridFor(index.format, table), readOnly);
};

const walk = (m: ReturnType<typeof model>, from: string, moves: Move[]) => moves.reduce<string | null>((at, mv) => (at ? moveFrom(m, at, mv) : null), from);

test('Tab order: every editable cell of T3 once, row by row, skipping computed totals', () => {
  const m = model('GOV-2021', 't3');
  const seen: string[] = [];
  for (let at: string | null = m.order[0]!; at; at = moveFrom(m, at, 'next')) seen.push(at);
  const index = formatIndex('GOV-2021');
  const expected = index.cells.filter((c) => c.table === 't3' && !index.totalCells.has(c.id)).map((c) => c.id);
  assert.deepEqual(seen, expected);
  assert.equal(seen.length, 24 * 6, '24 rows typed by hand × 6 columns (（七）总计 row and 总计 column computed)');
  // Shift+Tab walks the same way back
  const back: string[] = [];
  for (let at: string | null = seen.at(-1)!; at; at = moveFrom(m, at, 'prev')) back.push(at);
  assert.deepEqual(back, [...seen].reverse());
});

test('Tab wraps from the last column to the next row', () => {
  const m = model('GOV-2021', 't3');
  assert.equal(moveFrom(m, 't3.new.otherOrg', 'next'), 't3.carriedIn.natural');
  assert.equal(moveFrom(m, 't3.carriedIn.natural', 'prev'), 't3.new.otherOrg');
  assert.equal(moveFrom(m, 't3.carriedOut.otherOrg', 'next'), null, 'Tab leaves the table at its end');
});

test('manual totals: totals are cells like any other', () => {
  const m = model('GOV-2021', 't3', true);
  assert.equal(moveFrom(m, 't3.new.otherOrg', 'next'), 't3.new.total');
  assert.equal(moveFrom(m, 't3.other.other.natural', 'down'), 't3.resultTotal.natural');
  assert.equal(m.order.length, 25 * 7);
});

test('arrows and Enter: up/down keep the column, left/right stay in the row, edges stay put', () => {
  const m = model('GOV-2021', 't3');
  assert.equal(moveFrom(m, 't3.new.legal', 'down'), 't3.carriedIn.legal');
  assert.equal(moveFrom(m, 't3.other.other.natural', 'down'), 't3.carriedOut.natural', 'skips the computed （七）总计 row');
  assert.equal(moveFrom(m, 't3.carriedOut.natural', 'up'), 't3.other.other.natural');
  assert.equal(moveFrom(m, 't3.new.natural', 'up'), null);
  assert.equal(moveFrom(m, 't3.carriedOut.natural', 'down'), null);
  assert.equal(moveFrom(m, 't3.new.natural', 'left'), null);
  assert.equal(moveFrom(m, 't3.new.otherOrg', 'right'), null, 'the computed 总计 is not a stop');
  assert.equal(walk(m, 't3.new.natural', ['right', 'right', 'down', 'down', 'left']), 't3.granted.business');
});

test('from a computed cell (focused by the check panel) keys continue to editable cells', () => {
  const m = model('GOV-2021', 't3');
  assert.equal(moveFrom(m, 't3.resultTotal.natural', 'down'), 't3.carriedOut.natural');
  assert.equal(moveFrom(m, 't3.new.total', 'next'), 't3.carriedIn.natural');
  assert.equal(moveFrom(m, 't3.new.total', 'left'), 't3.new.otherOrg');
});

test('T2: rows of three and of one value; up/down find the cell under the column', () => {
  const m = model('GOV-2021', 't2');
  assert.equal(moveFrom(m, 't2.normativeDocs.repealed', 'down'), 't2.licensing.decisions');
  assert.equal(moveFrom(m, 't2.licensing.decisions', 'up'), 't2.normativeDocs.issued', 'back to the first column of the wide row');
  assert.equal(moveFrom(m, 't2.regulations.inForce', 'next'), 't2.normativeDocs.issued');
  assert.equal(moveFrom(m, 't2.enforcement.decisions', 'down'), 't2.fees.amount');
  const index = formatIndex('GOV-2021');
  assert.deepEqual(m.order, index.cells.filter((c) => c.table === 't2').map((c) => c.id));
});

test('T4: one row of three groups; Tab skips each group 总计 in automatic mode', () => {
  const m = model('GOV-2019', 't4');
  assert.equal(moveFrom(m, 't4.review.pending', 'next'), 't4.suitDirect.upheld');
  assert.equal(moveFrom(m, 't4.review.pending', 'right'), 't4.suitDirect.upheld');
  assert.equal(moveFrom(m, 't4.review.upheld', 'down'), null);
  assert.equal(m.order.length, 12);
});
