import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Finding } from '../../src/shared/findings';
import { formatIndex } from '../../src/shared/format/index';
import { outlinesFor } from '../../src/renderer/table/outlines';
import { readTyped, displayText } from '../../src/renderer/table/typing';

const index = formatIndex('GOV-2021');
const f = (severity: Finding['severity'], cells: string[], message: string, ack?: string): Finding => ({
  rule: 'x',
  severity,
  cells,
  message,
  ...(ack ? { acknowledged: { reason: ack } } : {}),
});

test('errors outrank warnings; info is not outlined; other tables are ignored', () => {
  const o = outlinesFor(
    [
      f('warning', ['t3.new.natural'], '提醒一'),
      f('error', ['t3.new.natural', 't3.carriedOut.natural'], '错误一'),
      f('info', ['t3.granted.natural'], '信息'),
      f('error', ['t4.review.total', 'not.a.cell'], '别处'),
    ],
    't3',
    index,
  );
  assert.deepEqual([...o.cells.keys()].sort(), ['t3.carriedOut.natural', 't3.new.natural']);
  const mark = o.cells.get('t3.new.natural')!;
  assert.equal(mark.severity, 'error');
  assert.equal(mark.title, '错误：错误一\n提醒：提醒一', 'the worst first, every message listed');
  assert.deepEqual([...o.rows.keys()].sort(), ['carriedOut', 'new']);
});

test('acknowledged warnings are drawn dimmer unless an open warning shares the cell', () => {
  const only = outlinesFor([f('warning', ['t2.fees.amount'], '单位', '已核实')], 't2', index);
  assert.equal(only.cells.get('t2.fees.amount')!.acknowledged, true);
  assert.match(only.cells.get('t2.fees.amount')!.title, /已确认：已核实/);
  const both = outlinesFor([f('warning', ['t2.fees.amount'], '单位', '已核实'), f('warning', ['t2.fees.amount'], '另一个')], 't2', index);
  assert.equal(both.cells.get('t2.fees.amount')!.acknowledged, false);
});

test('typed text: values go out, half-typed markers wait, invalid text is never a number', () => {
  assert.deepEqual(readTyped('count', '１２', false), { kind: 'value', value: 12 });
  assert.deepEqual(readTyped('count', '', false), { kind: 'value', value: null });
  assert.deepEqual(readTyped('count', '-', false), { kind: 'pending' });
  assert.deepEqual(readTyped('count', '-', true), { kind: 'value', value: null });
  assert.equal(readTyped('count', '-1', false).kind, 'invalid');
  assert.equal(readTyped('count', '12a', true).kind, 'invalid');
  assert.deepEqual(readTyped('signedCount', '-3', false), { kind: 'value', value: -3 });
  assert.deepEqual(readTyped('amountWanYuan', '4166.241619', false), { kind: 'value', value: 4166.241619 });
  assert.equal(displayText('count', null), '');
  assert.equal(displayText('count', 0), '0');
});
