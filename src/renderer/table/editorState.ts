/**
 * The table editor's behaviour as a pure reducer: (state, event, table) → (state, effects). The component
 * turns DOM events into these events, renders the state's drafts and carries out the effects (send values,
 * focus a cell, select its text, show a status line); everything a key or a click means is decided here and
 * tested in Node (tests/renderer/table-editor-state.test.ts).
 *
 * As in Excel and WPS 表格:
 * - A cell is "selected" when reached by keys, a click — also a click into the cell that already has the
 *   focus or is being edited — or the check panel. Typing replaces its content (2629 typed over 2629 is 2629, never 26292629),
 *   Delete/Backspace clear it, arrows move, Enter starts editing in place.
 * - "Editing" starts with F2, a double click, Enter or the first typed character: left/right then move the
 *   caret, Backspace deletes a character; Enter (Shift+Enter), Tab and up/down end the edit and move.
 * - Esc takes the edit back: the text and value the cell had before it.
 * - Values go out on every keystroke, so outlines follow the typing; the keystrokes of one edit are one undo
 *   step. Text that is not a value ("12a", −1 in a count) stays shown in red, also after leaving the cell,
 *   and the cell keeps the value it had when the edit began; such a draft is a `cell.invalid` error until it
 *   is corrected or undone. Half-typed text ("-", "1,2") stores that value too, without the red; so does an
 *   input method's pinyin until it is committed.
 * - Computed 总计 cells (automatic mode) can be selected by a click or the check panel but not changed:
 *   keys skip them, typing says why nothing happens.
 */
import type { ValueKind } from '../../shared/format/index';
import type { Draft } from './kept-drafts';
import { moveFrom, type Move, type NavModel } from './navigation';
import { isBlockPaste, parseClipboardTable, pasteStatus, planPaste } from './paste';
import { displayText, stepEdit } from './typing';
import { discardSession, emptyHistory, recordChanges, redoLast, sealHistory, undoLast, type Batch, type UndoHistory } from './undo';

/** What the reducer needs to know about the table: its layout and the values it stores now. */
export interface TableFacts {
  model: NavModel;
  kindOf(cell: string): ValueKind;
  nameOf(cell: string): string;
  /** The value a cell stores (a computed 总计: its sum). */
  valueOf(cell: string): number | null;
  readOnly: ReadonlySet<string>;
}

export interface EditorState {
  /** The selected cell (it has the focus), null when the focus is elsewhere. */
  cell: string | null;
  /** Typing inside the text (arrows move the caret) rather than over a selected cell. */
  editing: boolean;
  /** The edit session: keystrokes of one session are one undo step. */
  session: number;
  /** The stored value when the first keystroke of the edit arrived; undefined before it. */
  origin?: number | null;
  /** Text shown instead of a cell's value: being typed, or left invalid. */
  drafts: ReadonlyMap<string, Draft>;
  history: UndoHistory;
}

export type EditorEvent =
  /** The focus arrived in a cell (Tab from outside, a click, a program). */
  | { type: 'focus'; cell: string }
  | { type: 'blur'; cell: string }
  /** Mouse button down on a cell, before the browser moves the focus or the caret. */
  | { type: 'pointerDown'; cell: string }
  | { type: 'doubleClick'; cell: string }
  | { type: 'key'; cell: string; key: string; shift?: boolean; ctrl?: boolean; alt?: boolean; composing?: boolean }
  /** The input's text changed (typing in edit mode, an input method). */
  | { type: 'input'; cell: string; text: string; composing?: boolean }
  | { type: 'paste'; cell: string; text: string }
  /** The check panel asks to show a cell. */
  | { type: 'reveal'; cell: string }
  | { type: 'undo' }
  | { type: 'redo' };

export interface Effects {
  /** Values to send, in order. */
  emit: Batch[];
  status?: string;
  /** Focus this cell and select its whole text (scrolled into view). */
  select?: { cell: string; block: 'nearest' | 'center' };
  /** Put the caret after the text (editing in place). */
  caretEnd?: boolean;
  /** The browser's own handling of the event must not happen. */
  preventDefault: boolean;
}

export const AUTO_TITLE = '总计自动计算（各项之和）；如需按纸质报告手工填写总计，请切换为“手工填写总计”';

export function initialEditorState(drafts: ReadonlyMap<string, Draft> = new Map()): EditorState {
  return { cell: null, editing: false, session: 0, drafts, history: emptyHistory };
}

const ARROWS: Readonly<Record<string, Move>> = { ArrowUp: 'up', ArrowDown: 'down', ArrowLeft: 'left', ArrowRight: 'right' };

/** What the user sees about an invalid cell: what the checks and the export still use. */
export function notSaved(storedText: string): string {
  return storedText === '' ? '未保存，仍为空白' : `未保存，仍为原值 ${storedText}`;
}

/** A printable character (not a named key such as "Enter" or "F2"). */
const isCharacter = (key: string) => [...key].length === 1;

export function reduceEditor(prev: EditorState, event: EditorEvent, table: TableFacts): { state: EditorState; effects: Effects } {
  let s: EditorState = prev;
  const fx: Effects = { emit: [], preventDefault: false };
  // values sent during this event, read back by later steps of the same event
  const sent = new Map<string, number | null>();
  const valueOf = (id: string) => (sent.has(id) ? sent.get(id)! : table.valueOf(id));
  const editable = (id: string) => !table.readOnly.has(id);

  const emit = (batch: readonly Batch[]) => {
    for (const b of batch) sent.set(b.cell, b.value);
    fx.emit.push(...batch);
  };
  const setDraft = (id: string, draft: Draft | null) => {
    const old = s.drafts.get(id);
    if (draft ? old?.text === draft.text && old.error === draft.error : !old) return;
    const drafts = new Map(s.drafts);
    if (draft) drafts.set(id, draft);
    else drafts.delete(id);
    s = { ...s, drafts };
  };
  /** The text the cell's input shows now. */
  const textOf = (id: string) => s.drafts.get(id)?.text ?? displayText(table.kindOf(id), valueOf(id));

  /** Store what the text of the current cell means now (stepEdit), within the edit's undo step. */
  const store = (text: string, final: boolean) => {
    const id = s.cell!;
    const current = valueOf(id);
    const origin = s.origin === undefined ? current : s.origin;
    if (s.origin === undefined) s = { ...s, origin };
    const step = stepEdit(table.kindOf(id), text, final, origin, current);
    if (step.store !== undefined) {
      s = { ...s, history: recordChanges(s.history, [{ cell: id, before: current, after: step.store }], s.session) };
      emit([{ cell: id, value: step.store }]);
    }
    return step.typed;
  };
  /** Finish the edit of the current cell: valid text becomes the stored value, invalid text stays shown. */
  const end = () => {
    const id = s.cell;
    if (id && s.editing && editable(id)) {
      const text = textOf(id);
      const typed = store(text, true);
      if (typed.kind === 'invalid') {
        // half-typed text ("1,2") that was never finished is wrong now that the edit is over
        setDraft(id, { text, error: typed.error });
        fx.status = `${table.nameOf(id)}：${typed.error}（${notSaved(displayText(table.kindOf(id), valueOf(id)))}）`;
      } else setDraft(id, null);
    }
    s = { ...s, cell: null, editing: false, origin: undefined, history: sealHistory(s.history) };
  };
  const begin = (id: string) => {
    if (s.cell === id) return;
    end();
    s = { ...s, cell: id, editing: false, origin: undefined, session: s.session + 1 };
  };
  const select = (id: string, block: 'nearest' | 'center' = 'nearest') => {
    begin(id);
    fx.select = { cell: id, block };
  };
  const editInPlace = (id: string) => {
    begin(id);
    if (!editable(id)) return;
    s = { ...s, editing: true };
    fx.caretEnd = true;
  };
  const go = (from: string, move: Move) => {
    const to = moveFrom(table.model, from, move);
    if (to) select(to);
    else {
      end();
      select(from);
    }
  };
  /** The cell's text is now `text` (typed, or a character replacing a selected cell). */
  const typed = (id: string, text: string) => {
    begin(id);
    s = { ...s, editing: true };
    const meaning = store(text, false);
    setDraft(id, { text, error: meaning.kind === 'invalid' ? meaning.error : undefined });
  };
  const history = (result: { history: UndoHistory; batch: Batch[] | null }, verb: string) => {
    end();
    s = { ...s, history: result.history };
    const batch = result.batch;
    if (!batch?.length) return;
    emit(batch);
    for (const c of batch) setDraft(c.cell, null);
    select(batch[0]!.cell);
    fx.status = `已${verb} ${batch.length} 个单元格的修改`;
  };
  const clear = (id: string) => {
    setDraft(id, null);
    const before = valueOf(id);
    if (before === null) return;
    s = { ...s, history: recordChanges(sealHistory(s.history), [{ cell: id, before, after: null }]) };
    emit([{ cell: id, value: null }]);
  };
  const revert = (id: string) => {
    if (s.cell === id) {
      const { history: h, batch } = discardSession(s.history, s.session);
      s = { ...s, history: h, editing: false, origin: undefined };
      emit(batch);
    }
    setDraft(id, null);
    fx.select = { cell: id, block: 'nearest' };
  };

  switch (event.type) {
    case 'focus':
      if (s.cell !== event.cell || !s.editing) select(event.cell);
      break;
    case 'blur':
      if (s.cell === event.cell) end();
      break;
    case 'pointerDown':
      // a click selects the cell — also the cell that has the focus, also while typing in it (that edit
      // ends) — so that typing replaces what it holds: no caret lands inside "2629" to make it 26302629
      fx.preventDefault = true;
      if (s.cell === event.cell && s.editing) end();
      select(event.cell);
      break;
    case 'doubleClick':
      editInPlace(event.cell);
      break;
    case 'reveal':
      select(event.cell, 'center');
      break;
    case 'undo':
      history(undoLast(s.history), '撤销');
      break;
    case 'redo':
      history(redoLast(s.history), '重做');
      break;
    case 'input':
      if (!editable(event.cell)) break;
      if (event.composing) {
        // an input method's pinyin ("12jian" on the way to "12件") is read once it is committed
        begin(event.cell);
        s = { ...s, editing: true };
        setDraft(event.cell, { text: event.text });
      } else typed(event.cell, event.text);
      break;
    case 'paste': {
      const id = event.cell;
      if (!isBlockPaste(event.text)) {
        if (!editable(id)) {
          fx.preventDefault = true;
          fx.status = AUTO_TITLE;
        } else if (!(s.cell === id && s.editing)) {
          // one value pasted over a selected cell replaces it, as typing does
          fx.preventDefault = true;
          typed(id, event.text.replace(/[\r\n]+$/, ''));
        }
        break;
      }
      fx.preventDefault = true;
      end();
      const plan = planPaste(table.model, id, parseClipboardTable(event.text), { kindOf: table.kindOf, current: valueOf });
      s = { ...s, history: recordChanges(s.history, plan.changes) };
      emit(plan.changes.map((c) => ({ cell: c.cell, value: c.after })));
      for (const w of plan.written) setDraft(w, null);
      select(id);
      fx.status = pasteStatus(plan);
      break;
    }
    case 'key':
      keyDown(event);
      break;
  }
  return { state: s, effects: fx };

  function keyDown(e: Extract<EditorEvent, { type: 'key' }>) {
    const id = e.cell;
    begin(id);
    if (e.ctrl && !e.alt) {
      const key = e.key.toLowerCase();
      if (key === 'z' && !e.shift) {
        fx.preventDefault = true;
        history(undoLast(s.history), '撤销');
      } else if (key === 'y' || (key === 'z' && e.shift)) {
        fx.preventDefault = true;
        history(redoLast(s.history), '重做');
      }
      return; // copy, select all … are the browser's
    }
    if (e.alt || e.composing) return;
    if (!editable(id) && (isCharacter(e.key) || e.key === 'Delete' || e.key === 'Backspace')) {
      fx.preventDefault = true;
      fx.status = AUTO_TITLE;
      return;
    }
    const arrow = ARROWS[e.key];
    if (arrow) {
      if (s.editing && (arrow === 'left' || arrow === 'right')) return;
      fx.preventDefault = true;
      go(id, arrow);
      return;
    }
    switch (e.key) {
      case 'Enter':
        fx.preventDefault = true;
        if (e.shift) go(id, 'up');
        else if (s.editing || !editable(id)) go(id, 'down');
        else editInPlace(id);
        return;
      case 'Tab': {
        const to = moveFrom(table.model, id, e.shift ? 'prev' : 'next');
        // at either end of the table Tab leaves it, as anywhere else on the page (the blur ends the edit)
        if (to) {
          fx.preventDefault = true;
          select(to);
        }
        return;
      }
      case 'Escape':
        fx.preventDefault = true;
        revert(id);
        return;
      case 'Delete':
      case 'Backspace':
        if (s.editing) return;
        fx.preventDefault = true;
        clear(id);
        return;
      case 'F2':
        fx.preventDefault = true;
        editInPlace(id);
        return;
      case 'Process':
        // an input method starts composing over the selected text, which it replaces
        if (!s.editing) s = { ...s, editing: true };
        return;
    }
    if (isCharacter(e.key) && !s.editing) {
      // typing over a selected cell replaces its content, wherever the caret or the text selection was
      fx.preventDefault = true;
      typed(id, e.key);
    }
  }
}

/** The drafts that are errors: text left in a cell that is not a value. */
export function invalidDrafts(drafts: ReadonlyMap<string, Draft>): { cell: string; text: string; error: string }[] {
  return [...drafts].filter(([, d]) => d.error).map(([cell, d]) => ({ cell, text: d.text, error: d.error! }));
}
