/**
 * The table editor's reducer (src/renderer/table/editorState.ts) driven in Node with the events the
 * component sends: what the keys, clicks, pastes and undo do to the stored values, the drafts and the
 * selection, over the real 2021 T3.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatIndex } from '../../src/shared/format/index';
import { gridFor } from '../../src/shared/grid';
import type { Cells } from '../../src/shared/report';
import { applyComputedTotals } from '../../src/shared/totals';
import { initialEditorState, invalidDrafts, reduceEditor, type EditorEvent, type EditorState, type Effects } from '../../src/renderer/table/editorState';
import { navModel } from '../../src/renderer/table/navigation';

/** A table the way the component holds it: stored cells that the emitted batches update. */
function table(initial: Cells = {}) {
  const index = formatIndex('GOV-2021');
  const readOnly = new Set([...index.totalCells].filter((id) => index.cellById.get(id)!.table === 't3'));
  let cells: Cells = { ...initial };
  let state: EditorState = initialEditorState();
  const sent: { cell: string; value: number | null }[][] = [];
  let last: Effects = { emit: [], preventDefault: false };
  const facts = {
    model: navModel(gridFor(index.format, 't3'), readOnly),
    readOnly,
    kindOf: (id: string) => index.cellById.get(id)!.kind,
    nameOf: (id: string) => index.cellById.get(id)!.name,
    valueOf: (id: string) => {
      const v = applyComputedTotals('GOV-2021', cells)[id];
      return typeof v === 'number' ? v : null;
    },
  };
  const send = (event: EditorEvent) => {
    const r = reduceEditor(state, event, facts);
    state = r.state;
    last = r.effects;
    if (r.effects.emit.length) {
      sent.push(r.effects.emit);
      cells = { ...cells };
      for (const c of r.effects.emit) cells[c.cell] = c.value;
    }
    return r.effects;
  };
  /** The text the cell's input shows: its draft, else its value. */
  const text = (id: string) => state.drafts.get(id)?.text ?? (facts.valueOf(id) === null ? '' : String(facts.valueOf(id)));
  return {
    send,
    /** Keys as the browser delivers them: a character that is not prevented lands in the input (at its end in edit mode). */
    keys(id: string, ...keys: string[]) {
      for (const key of keys) {
        const fx = send({ type: 'key', cell: id, key });
        if ([...key].length === 1 && !fx.preventDefault) send({ type: 'input', cell: id, text: text(id) + key });
      }
    },
    click: (id: string) => send({ type: 'pointerDown', cell: id }),
    value: (id: string) => cells[id] ?? null,
    text,
    get state() {
      return state;
    },
    get last() {
      return last;
    },
    sent,
  };
}

const ID = 't3.new.natural';

test('typing over a selected cell replaces it, also when the cell already had the focus (2629 → 2630, never 26302629)', () => {
  const t = table({ [ID]: 2629 });
  t.click(ID);
  assert.equal(t.last.preventDefault, true, 'the browser does not place a caret');
  assert.deepEqual(t.last.select, { cell: ID, block: 'nearest' });
  t.click(ID); // a second click into the cell that has the focus: still selected
  assert.equal(t.state.editing, false);
  t.keys(ID, '2', '6', '3', '0');
  assert.equal(t.value(ID), 2630);
  assert.equal(t.text(ID), '2630');
  // a click into the cell while typing in it ends that edit and selects the cell again
  t.click(ID);
  assert.equal(t.state.editing, false);
  t.keys(ID, '2', '6', '3', '1');
  assert.equal(t.value(ID), 2631);
  t.send({ type: 'key', cell: ID, key: 'z', ctrl: true });
  assert.equal(t.value(ID), 2630, 'each edit is its own undo step');
});

test('F2, a double click and Enter edit in place: the text is kept and typing appends', () => {
  for (const start of [
    (t: ReturnType<typeof table>) => t.send({ type: 'key', cell: ID, key: 'F2' }),
    (t: ReturnType<typeof table>) => t.send({ type: 'doubleClick', cell: ID }),
    (t: ReturnType<typeof table>) => t.send({ type: 'key', cell: ID, key: 'Enter' }),
  ]) {
    const t = table({ [ID]: 26 });
    t.click(ID);
    const fx = start(t);
    assert.equal(fx.caretEnd, true);
    assert.equal(t.state.editing, true);
    t.keys(ID, '2', '9');
    assert.equal(t.value(ID), 2629);
    // now editing: left/right move the caret, not the selection
    assert.equal(t.send({ type: 'key', cell: ID, key: 'ArrowLeft' }).preventDefault, false);
    t.send({ type: 'key', cell: ID, key: 'Enter' });
    assert.equal(t.state.cell, 't3.carriedIn.natural', 'Enter while editing ends the edit and moves down');
    assert.equal(t.state.editing, false);
  }
});

test('Esc restores the value and text the edit began with; Delete clears a selected cell', () => {
  const t = table({ [ID]: 25 });
  t.click(ID);
  t.keys(ID, '3', 'x');
  assert.equal(t.value(ID), 25, '"3" went out, the "x" took it back');
  assert.equal(t.text(ID), '3x');
  t.send({ type: 'key', cell: ID, key: 'Escape' });
  assert.equal(t.text(ID), '25');
  assert.equal(t.value(ID), 25);
  assert.equal(t.state.drafts.size, 0);
  t.send({ type: 'key', cell: ID, key: 'Delete' });
  assert.equal(t.value(ID), null);
  t.send({ type: 'key', cell: ID, key: 'z', ctrl: true });
  assert.equal(t.value(ID), 25, 'Ctrl+Z brings the cleared value back');
  // Backspace in edit mode deletes a character (the browser's), not the cell
  t.send({ type: 'key', cell: ID, key: 'F2' });
  assert.equal(t.send({ type: 'key', cell: ID, key: 'Backspace' }).preventDefault, false);
});

test('invalid text ("12a", "12。") stays as a draft with its error after leaving; the stored value is unchanged', () => {
  const t = table({ [ID]: 5 });
  t.click(ID);
  t.keys(ID, '1', '2', 'a');
  t.send({ type: 'key', cell: ID, key: 'Tab' });
  assert.equal(t.state.cell, 't3.new.business');
  assert.equal(t.value(ID), 5);
  const bad = invalidDrafts(t.state.drafts);
  assert.equal(bad.length, 1);
  assert.equal(bad[0]!.cell, ID);
  assert.equal(bad[0]!.text, '12a');
  assert.match(t.last.status!, /不是数字.*未保存，仍为原值 5/);
  const other = 't3.new.business';
  t.keys(other, '1', '2', '。');
  t.send({ type: 'blur', cell: other });
  assert.deepEqual(
    invalidDrafts(t.state.drafts).map((d) => d.cell),
    [ID, other],
  );
  // typing a number over the selected invalid cell fixes it
  t.click(ID);
  t.keys(ID, '7');
  t.send({ type: 'key', cell: ID, key: 'Enter' });
  assert.equal(t.value(ID), 7);
  assert.deepEqual(
    invalidDrafts(t.state.drafts).map((d) => d.cell),
    [other],
  );
});

test('keystrokes of one edit are one undo step; redo brings it back', () => {
  const t = table();
  t.click(ID);
  t.keys(ID, '2', '5');
  t.send({ type: 'key', cell: ID, key: 'Tab' });
  t.keys('t3.new.business', '7');
  t.send({ type: 'key', cell: 't3.new.business', key: 'Tab' });
  t.send({ type: 'key', cell: 't3.new.research', key: 'z', ctrl: true });
  assert.equal(t.value('t3.new.business'), null);
  assert.equal(t.state.cell, 't3.new.business', 'undo selects the cell it changed');
  t.send({ type: 'key', cell: 't3.new.business', key: 'z', ctrl: true });
  assert.equal(t.value(ID), null, '"25" is one step');
  t.send({ type: 'key', cell: ID, key: 'y', ctrl: true });
  assert.equal(t.value(ID), 25);
  assert.match(t.last.status!, /已重做 1 个单元格/);
});

test('a computed 总计 can be selected but not typed into; keys skip it', () => {
  const t = table();
  t.click('t3.new.total');
  const fx = t.send({ type: 'key', cell: 't3.new.total', key: '5' });
  assert.equal(fx.preventDefault, true);
  assert.match(fx.status!, /总计自动计算/);
  assert.deepEqual(t.sent, []);
  t.click('t3.new.otherOrg');
  t.send({ type: 'key', cell: 't3.new.otherOrg', key: 'ArrowRight' });
  assert.equal(t.state.cell, 't3.new.otherOrg', 'nowhere to go but the computed total: stays');
});

test('one pasted value replaces a selected cell; a pasted block is one batch and one undo step', () => {
  const t = table({ [ID]: 2629 });
  t.click(ID);
  const fx = t.send({ type: 'paste', cell: ID, text: '2630\r\n' });
  assert.equal(fx.preventDefault, true);
  assert.equal(t.value(ID), 2630);
  t.send({ type: 'key', cell: ID, key: 'Enter' });
  t.click(ID);
  const before = t.sent.length;
  t.send({ type: 'paste', cell: ID, text: '1\t2\n3\t4\n' });
  assert.equal(t.sent.length, before + 1);
  assert.deepEqual(
    [t.value(ID), t.value('t3.new.business'), t.value('t3.carriedIn.natural'), t.value('t3.carriedIn.business')],
    [1, 2, 3, 4],
  );
  t.send({ type: 'undo' });
  assert.deepEqual([t.value(ID), t.value('t3.carriedIn.business')], [2630, null]);
});

test('an input method: the pinyin is not read; the committed text is', () => {
  const t = table();
  t.click(ID);
  t.keys(ID, '1', '2');
  t.send({ type: 'input', cell: ID, text: '12jian', composing: true });
  assert.equal(t.value(ID), 12);
  assert.equal(invalidDrafts(t.state.drafts).length, 0);
  t.send({ type: 'input', cell: ID, text: '12件' });
  assert.equal(t.value(ID), 12);
  t.send({ type: 'key', cell: ID, key: 'Enter' });
  assert.equal(t.text(ID), '12');
});
