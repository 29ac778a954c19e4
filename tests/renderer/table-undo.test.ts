import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UNDO_LIMIT, UndoStack } from '../../src/renderer/table/undo';

test('undo and redo emit the inverse and the original batch', () => {
  const u = new UndoStack();
  u.record([
    { cell: 'a', before: null, after: 1 },
    { cell: 'b', before: 2, after: 3 },
  ]);
  assert.deepEqual(u.undo(), [
    { cell: 'a', value: null },
    { cell: 'b', value: 2 },
  ]);
  assert.equal(u.undo(), null);
  assert.deepEqual(u.redo(), [
    { cell: 'a', value: 1 },
    { cell: 'b', value: 3 },
  ]);
  assert.equal(u.redo(), null);
});

test('keystrokes of one edit session coalesce; a sealed session starts a new entry', () => {
  const u = new UndoStack();
  u.record([{ cell: 'a', before: null, after: 1 }], 1);
  u.record([{ cell: 'a', before: 1, after: 12 }], 1);
  u.seal();
  u.record([{ cell: 'a', before: 12, after: 120 }], 1);
  assert.deepEqual(u.undo(), [{ cell: 'a', value: 12 }]);
  assert.deepEqual(u.undo(), [{ cell: 'a', value: null }]);
  assert.equal(u.canUndo, false);
});

test('typing back the original value leaves nothing to undo; no-op changes are not recorded', () => {
  const u = new UndoStack();
  u.record([{ cell: 'a', before: 5, after: 6 }], 3);
  u.record([{ cell: 'a', before: 6, after: 5 }], 3);
  assert.equal(u.canUndo, false);
  u.record([{ cell: 'a', before: 5, after: 5 }]);
  assert.equal(u.canUndo, false);
});

test('a new action clears redo; Esc discards only its own session', () => {
  const u = new UndoStack();
  u.record([{ cell: 'a', before: null, after: 1 }]);
  u.undo();
  u.record([{ cell: 'b', before: null, after: 2 }], 7);
  assert.equal(u.canRedo, false);
  assert.deepEqual(u.discard(8), []);
  assert.deepEqual(u.discard(7), [{ cell: 'b', value: null }]);
  assert.equal(u.canUndo, false);
});

test('the stack keeps the latest entries only', () => {
  const u = new UndoStack();
  for (let i = 0; i < UNDO_LIMIT + 10; i++) u.record([{ cell: 'a', before: i, after: i + 1 }]);
  let n = 0;
  let last: unknown = null;
  for (let b = u.undo(); b; b = u.undo()) {
    n++;
    last = b;
  }
  assert.equal(n, UNDO_LIMIT);
  assert.deepEqual(last, [{ cell: 'a', value: 10 }]);
});
