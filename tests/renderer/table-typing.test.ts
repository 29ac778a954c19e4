import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ValueKind } from '../../src/shared/format/index';
import { parseTyped, readTyped, stepEdit } from '../../src/renderer/table/typing';
import { UndoStack } from '../../src/renderer/table/undo';

/**
 * Plays keystrokes into one cell the way the editor does: every text is a step of one undo session, and
 * what a step stores is sent. Returns the values sent and the stored value after each text.
 */
function typeInto(kind: ValueKind, start: number | null, texts: string[], undo = new UndoStack()) {
  let current = start;
  const origin = start;
  const sent: (number | null)[] = [];
  const after: (number | null)[] = [];
  for (const text of texts) {
    const step = stepEdit(kind, text, false, origin, current);
    if (step.store !== undefined) {
      undo.record([{ cell: 'c', before: current, after: step.store }], 1);
      sent.push(step.store);
      current = step.store;
    }
    after.push(current);
  }
  return { sent, after, undo };
}

describe('reading typed text', () => {
  test('a count accepts thousands separators, full-width digits and a trailing 件/项/个', () => {
    for (const [text, value] of [
      ['1,234', 1234],
      ['１，２３４', 1234],
      ['12件', 12],
      ['12 件', 12],
      ['１２件', 12],
      ['3项', 3],
      ['1,234件', 1234],
      ['  7  ', 7],
    ] as const)
      assert.deepEqual(parseTyped('count', text), { ok: true, value }, text);
    assert.deepEqual(parseTyped('signedCount', '减3件'), { ok: true, value: -3 });
  });

  test('a unit alone, a unit on an amount or on invalid text is not a value; the message quotes the text as typed', () => {
    const bad = parseTyped('count', '12a件');
    assert.equal(bad.ok, false);
    assert.match(!bad.ok ? bad.error : '', /“12a件”不是数字/);
    assert.equal(parseTyped('count', '件').ok, false);
    assert.equal(parseTyped('amountWanYuan', '12件').ok, false);
    const negative = parseTyped('count', '-1件');
    assert.match(!negative.ok ? negative.error : '', /不能为负数/);
  });

  test('half-typed text is pending while typing and invalid when the edit ends', () => {
    for (const text of ['-', '1,', '1,2', '12,34', '1,234,5']) {
      assert.deepEqual(readTyped('count', text, false), { kind: 'pending' }, text);
    }
    assert.deepEqual(readTyped('count', '-', true), { kind: 'value', value: null });
    for (const text of ['1,', '1,2', '12,34']) assert.equal(readTyped('count', text, true).kind, 'invalid', text);
    assert.equal(readTyped('count', '1234,', false).kind, 'invalid', 'four digits before a separator is not grouping');
    assert.equal(readTyped('count', '12a', false).kind, 'invalid');
  });
});

describe('an edit never leaves a partial number behind', () => {
  test('"12a" into an empty cell: 1, 12, then back to empty; the whole edit leaves nothing to undo', () => {
    const { sent, after, undo } = typeInto('count', null, ['1', '12', '12a']);
    assert.deepEqual(sent, [1, 12, null]);
    assert.deepEqual(after, [1, 12, null]);
    assert.equal(undo.canUndo, false, 'going back to the pre-edit value leaves no undo entry');
  });

  test('invalid text over a stored value goes back to that value; fixing it stores the fix as one undo step', () => {
    const { sent, after, undo } = typeInto('count', 25, ['1', '12', '12a', '12']);
    assert.deepEqual(sent, [1, 12, 25, 12]);
    assert.deepEqual(after, [1, 12, 25, 12]);
    assert.deepEqual(undo.undo(), [{ cell: 'c', value: 25 }]);
    assert.equal(undo.undo(), null);
  });

  test('−1 in a count never stores -1; in a signed count it does', () => {
    assert.deepEqual(typeInto('count', 4, ['-', '-1']).after, [4, 4]);
    assert.deepEqual(typeInto('signedCount', 4, ['-', '-1']).after, [4, -1]);
  });

  test('"1,234" typed key by key: the pre-edit value while half typed, then 1234', () => {
    const { after } = typeInto('count', 5, ['1', '1,', '1,2', '1,23', '1,234']);
    assert.deepEqual(after, [1, 5, 5, 5, 1234]);
  });

  test('a step that changes nothing sends nothing', () => {
    assert.deepEqual(stepEdit('count', '12a', false, 3, 3), { typed: readTyped('count', '12a', false) });
    assert.deepEqual(stepEdit('count', '3', false, null, 3).store, undefined);
    assert.equal(stepEdit('count', '', false, 3, 3).store, null, 'an emptied cell clears while typing');
  });
});
