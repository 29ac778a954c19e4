/**
 * Parts 二、三、四: a table drawn as on paper (the shared grid model, so the merges match the .docx and the
 * preview) with a spreadsheet's keyboard, paste, undo, and the outlines of the live checks.
 *
 * Behaviour, where a spreadsheet leaves a choice:
 * - A cell is "selected" when reached by keys or a first click (its text selected: typing replaces it,
 *   Delete/Backspace clear it, arrows move) and "editing" after typing, a second click, a double click or
 *   F2 (left/right then move the caret; up/down, Enter and Tab still move).
 * - Values go out on every keystroke, so outlines follow the typing; the keystrokes of one edit are one undo
 *   step. Esc takes the edit back (the text and value the cell had before it). Text that is not a value
 *   ("12a", −1 in a count) stays shown in red, also after leaving the cell, and the cell stores the value it had
 *   when the edit began — "12" of "12a" is never left behind. Half-typed text ("-", "1,2") stores that value too,
 *   without the red; so does an input method's pinyin until it is committed. Invalid text left in a table is
 *   still there after a visit to another part (kept-drafts.ts), not after a reload: it was never saved.
 * - Text reads as a report prints it: full-width digits, "1,234", "12件" (typing.ts).
 * - Computed 总计 cells (automatic mode) are read-only inputs: keys skip them, the check panel can still
 *   focus them, typing into one says why nothing happens. A pasted block keeps its shape and leaves them to
 *   the sum (see paste.ts).
 * - Tab from the last cell (Shift+Tab from the first) leaves the table, as anywhere else on the page.
 * - Undo history belongs to one table; switching tables starts a fresh one.
 *
 * Keeping it fast: every handler is created once and reads the latest props through a ref, and each value
 * cell is a memoised component whose props are strings and booleans, so a keystroke re-renders the typed
 * cell and the cells whose outline changed — not the ~170 others.
 */
import {
  memo,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type ChangeEvent,
  type ClipboardEvent,
  type CompositionEvent,
  type FocusEvent,
  type JSX,
  type KeyboardEvent,
  type MouseEvent,
} from 'react';
import type { FormatId, TableId } from '../../shared/format/index';
import { formatIndex } from '../../shared/format/index';
import type { Finding } from '../../shared/findings';
import { gridFor, type GridCell } from '../../shared/grid';
import type { Cells } from '../../shared/report';
import { applyComputedTotals } from '../../shared/totals';
import { keepDrafts, keptDrafts, type Draft } from './kept-drafts';
import { moveFrom, navModel, type Move } from './navigation';
import { outlinesFor, type Mark } from './outlines';
import { isBlockPaste, parseClipboardTable, pasteStatus, planPaste } from './paste';
import { TableRoot } from './style';
import { displayText, stepEdit } from './typing';
import { UndoStack, type Batch } from './undo';

export interface ReportTableEditorProps {
  format: FormatId;
  table: TableId;
  cells: Cells;
  manualTotals: boolean;
  /** All findings; those on this table's cells are outlined. */
  findings: Finding[];
  /** One batch per user action (a paste is one batch). */
  onChange(changes: { cell: string; value: number | null }[]): void;
  /** Focus request from the check panel. */
  focusCell?: string | null;
  onFocusHandled?(): void;
  /** e.g. 已粘贴 21 个单元格 */
  onStatus?(message: string): void;
}

/** Shown in a computed 总计 cell. */
const AUTO_HINT = '自动';
const AUTO_TITLE = '总计自动计算（各项之和）；如需按纸质报告手工填写总计，请切换为“手工填写总计”';

export function ReportTableEditor(props: ReportTableEditorProps): JSX.Element {
  // a different table is a different editor: its own undo stack and drafts
  return <TableEditor key={`${props.format}/${props.table}`} {...props} />;
}

interface Session {
  cell: string;
  id: number;
  /** Typing inside the text (arrows move the caret) rather than a selected cell (arrows move). */
  editing: boolean;
  /** The stored value when the first keystroke of the edit arrived; undefined before it. */
  origin?: number | null;
}

interface Handlers {
  focus(e: FocusEvent<HTMLInputElement>): void;
  blur(e: FocusEvent<HTMLInputElement>): void;
  mouseDown(e: MouseEvent<HTMLInputElement>): void;
  mouseUp(e: MouseEvent<HTMLInputElement>): void;
  doubleClick(e: MouseEvent<HTMLInputElement>): void;
  change(e: ChangeEvent<HTMLInputElement>): void;
  compositionEnd(e: CompositionEvent<HTMLInputElement>): void;
  keyDown(e: KeyboardEvent<HTMLInputElement>): void;
  paste(e: ClipboardEvent<HTMLInputElement>): void;
  /** Select a cell as the check panel asks: focused, scrolled to the middle, its text selected. */
  reveal(id: string): boolean;
}

const sameDraft = (a: Draft | undefined, b: Draft) => a?.text === b.text && a.error === b.error;
const ARROWS: Record<string, Move> = { ArrowUp: 'up', ArrowDown: 'down', ArrowLeft: 'left', ArrowRight: 'right' };

function TableEditor(props: ReportTableEditorProps): JSX.Element {
  const { format, table, cells, manualTotals, findings, focusCell } = props;
  const index = formatIndex(format);
  const grid = gridFor(index.format, table);
  const readOnly = useMemo(
    () => new Set(manualTotals ? [] : [...index.totalCells].filter((id) => index.cellById.get(id)?.table === table)),
    [index, table, manualTotals],
  );
  const model = useMemo(() => navModel(grid, readOnly), [grid, readOnly]);
  const shown = useMemo(() => (manualTotals ? cells : applyComputedTotals(format, cells)), [format, cells, manualTotals]);
  const outlines = useMemo(() => outlinesFor(findings, table, index), [findings, table, index]);
  // text that is not its cell's value: being typed, or left invalid (also on an earlier visit to this table)
  const [drafts, setDrafts] = useState<ReadonlyMap<string, Draft>>(() => keptDrafts(props.onChange, table, shown, (id) => !readOnly.has(id)));
  const draftsRef = useRef(drafts);
  draftsRef.current = drafts;

  const rootRef = useRef<HTMLDivElement>(null);
  const latest = useRef({ props, shown, model, readOnly });
  latest.current = { props, shown, model, readOnly };
  const session = useRef<Session | null>(null);
  const toSelect = useRef<string | null>(null);

  const h = useMemo<Handlers>(() => {
    const undo = new UndoStack();
    let sessions = 0;
    let clickFocus = false;
    const inputOf = (id: string) => rootRef.current?.querySelector<HTMLInputElement>(`input[data-cell="${id}"]`) ?? null;
    const kindOf = (id: string) => index.cellById.get(id)!.kind;
    const valueOf = (id: string) => {
      const v = latest.current.shown[id];
      return typeof v === 'number' ? v : null;
    };
    const emit = (batch: Batch[]) => {
      if (!batch.length) return;
      latest.current.props.onChange(batch);
      // until the parent renders the new cells, later reads in the same event see what was just sent
      const sent = { ...latest.current.shown };
      for (const c of batch) sent[c.cell] = c.value;
      latest.current.shown = sent;
    };
    const status = (message: string) => latest.current.props.onStatus?.(message);
    const editDrafts = (edit: (next: Map<string, Draft>) => void) =>
      setDrafts((prev) => {
        const next = new Map(prev);
        edit(next);
        return next.size === prev.size && [...next].every(([k, v]) => sameDraft(prev.get(k), v)) ? prev : next;
      });
    const begin = (cell: string): Session => {
      if (session.current?.cell === cell) return session.current;
      end();
      session.current = { cell, id: ++sessions, editing: false };
      return session.current;
    };
    /** Store what the text of the session's cell means now (see stepEdit), within the edit's undo step. */
    const store = (s: Session, text: string, final: boolean) => {
      const current = valueOf(s.cell);
      if (s.origin === undefined) s.origin = current;
      const step = stepEdit(kindOf(s.cell), text, final, s.origin, current);
      if (step.store !== undefined) {
        undo.record([{ cell: s.cell, before: current, after: step.store }], s.id);
        emit([{ cell: s.cell, value: step.store }]);
      }
      return step.typed;
    };
    /** Finish the edit of the current cell: a valid text becomes the stored value, invalid text stays shown. */
    const end = () => {
      const s = session.current;
      if (!s) return;
      session.current = null;
      const el = inputOf(s.cell);
      if (el && !latest.current.readOnly.has(s.cell) && s.editing) {
        const text = el.value;
        const typed = store(s, text, true);
        if (typed.kind === 'invalid') {
          // half-typed text ("1,2") that was never finished is wrong now that the edit is over
          editDrafts((d) => d.set(s.cell, { text, error: typed.error }));
          status(`${index.cellById.get(s.cell)!.name}：${typed.error}（${notSaved(displayText(kindOf(s.cell), valueOf(s.cell)))}）`);
        } else editDrafts((d) => d.delete(s.cell));
      }
      undo.seal();
    };
    /** Move the selection to a cell: focus it, select its text, ready to be typed over. */
    const select = (id: string, block: ScrollLogicalPosition = 'nearest') => {
      const el = inputOf(id);
      if (!el) return false;
      begin(id);
      el.focus({ preventScroll: true });
      el.scrollIntoView({ block, inline: 'nearest' });
      toSelect.current = id;
      el.select();
      return true;
    };
    const go = (from: string, move: Move) => {
      const to = moveFrom(latest.current.model, from, move);
      if (to) select(to);
      else {
        end();
        select(from);
      }
    };
    const applyHistory = (batch: Batch[] | null, verb: string) => {
      end();
      if (!batch) return;
      emit(batch);
      editDrafts((d) => batch.forEach((c) => d.delete(c.cell)));
      select(batch[0]!.cell);
      status(`已${verb} ${batch.length} 个单元格的修改`);
    };
    const clear = (id: string) => {
      if (latest.current.readOnly.has(id)) return;
      editDrafts((d) => d.delete(id));
      const before = valueOf(id);
      if (before !== null) {
        undo.seal();
        undo.record([{ cell: id, before, after: null }]);
        emit([{ cell: id, value: null }]);
      }
    };
    /** The text of a cell changed by typing: draft it and store what it means now. */
    const typed = (el: HTMLInputElement) => {
      const id = el.dataset.cell!;
      if (latest.current.readOnly.has(id)) return;
      const s = begin(id);
      s.editing = true;
      const text = el.value;
      const meaning = store(s, text, false);
      editDrafts((d) => d.set(id, { text, error: meaning.kind === 'invalid' ? meaning.error : undefined }));
    };
    const revert = (id: string) => {
      const s = session.current;
      if (s) emit(undo.discard(s.id));
      editDrafts((d) => d.delete(id));
      if (s) {
        s.editing = false;
        s.origin = undefined;
      }
      toSelect.current = id;
    };
    return {
      reveal: (id) => select(id, 'center'),
      focus(e) {
        begin(e.currentTarget.dataset.cell!);
        e.currentTarget.select();
      },
      blur(e) {
        if (session.current?.cell === e.currentTarget.dataset.cell) end();
      },
      mouseDown(e) {
        const el = e.currentTarget;
        if (document.activeElement !== el) clickFocus = true;
        // a click into the selected cell starts editing inside its text, as in a spreadsheet
        else if (session.current) session.current.editing = !el.readOnly;
      },
      mouseUp(e) {
        if (!clickFocus) return;
        clickFocus = false;
        e.preventDefault(); // keep the whole text selected so typing replaces it
        e.currentTarget.select();
      },
      doubleClick(e) {
        const s = begin(e.currentTarget.dataset.cell!);
        s.editing = !e.currentTarget.readOnly;
      },
      change(e) {
        // an input method's pinyin ("12jian" on the way to "12件") is read once it is committed
        if ((e.nativeEvent as InputEvent).isComposing) {
          const el = e.currentTarget;
          if (!latest.current.readOnly.has(el.dataset.cell!)) editDrafts((d) => d.set(el.dataset.cell!, { text: el.value }));
        } else typed(e.currentTarget);
      },
      compositionEnd(e) {
        typed(e.currentTarget);
      },
      keyDown(e) {
        const el = e.currentTarget;
        const id = el.dataset.cell!;
        const s = begin(id);
        clickFocus = false;
        if ((e.ctrlKey || e.metaKey) && !e.altKey) {
          const key = e.key.toLowerCase();
          if (key === 'z' && !e.shiftKey) {
            e.preventDefault();
            applyHistory(undo.undo(), '撤销');
          } else if (key === 'y' || (key === 'z' && e.shiftKey)) {
            e.preventDefault();
            applyHistory(undo.redo(), '重做');
          }
          return;
        }
        if (e.altKey || e.nativeEvent.isComposing) return;
        if (el.readOnly && (e.key.length === 1 || e.key === 'Delete' || e.key === 'Backspace')) {
          // typing into a computed 总计 does nothing: say why
          status(AUTO_TITLE);
          return;
        }
        const arrow = ARROWS[e.key];
        if (arrow) {
          // left/right move the caret while typing inside the text; up/down always move
          if (s.editing && (arrow === 'left' || arrow === 'right')) return;
          e.preventDefault();
          go(id, arrow);
          return;
        }
        switch (e.key) {
          case 'Enter':
            e.preventDefault();
            go(id, e.shiftKey ? 'up' : 'down');
            return;
          case 'Tab': {
            const to = moveFrom(latest.current.model, id, e.shiftKey ? 'prev' : 'next');
            if (to) {
              e.preventDefault();
              select(to);
            } // at either end of the table Tab leaves it, as anywhere else on the page
            return;
          }
          case 'Escape':
            e.preventDefault();
            revert(id);
            return;
          case 'Delete':
          case 'Backspace':
            if (s.editing) return;
            e.preventDefault();
            clear(id);
            return;
          case 'F2':
            e.preventDefault();
            s.editing = !el.readOnly;
            el.setSelectionRange(el.value.length, el.value.length);
            return;
        }
      },
      paste(e) {
        const text = e.clipboardData.getData('text/plain');
        // a single value goes into the input as typed text
        if (!isBlockPaste(text)) {
          if (e.currentTarget.readOnly) status(AUTO_TITLE);
          return;
        }
        e.preventDefault();
        const start = e.currentTarget.dataset.cell!;
        end();
        const plan = planPaste(latest.current.model, start, parseClipboardTable(text), { kindOf, current: valueOf });
        undo.record(plan.changes);
        emit(plan.changes.map((c) => ({ cell: c.cell, value: c.after })));
        editDrafts((d) => plan.written.forEach((id) => d.delete(id)));
        begin(start);
        toSelect.current = start;
        status(pasteStatus(plan));
      },
    };
  }, [index]);

  // selecting after React has written the new value: writing a value moves the caret to its end. Not once
  // the cell is being edited since (a second click, typing): a request left from before — Enter where there
  // is no cell to go to writes nothing, so nothing renders — would select the text under the typing.
  useLayoutEffect(() => {
    const id = toSelect.current;
    if (!id) return;
    toSelect.current = null;
    if (session.current?.cell === id && session.current.editing) return;
    const el = rootRef.current?.querySelector<HTMLInputElement>(`input[data-cell="${id}"]`);
    if (el && document.activeElement === el) el.select();
  });

  useEffect(
    () => () => {
      const { props: last, shown: stored } = latest.current;
      keepDrafts(last.onChange, last.table, draftsRef.current, stored, (id) => index.cellById.get(id)!.kind);
    },
    [index],
  );

  useEffect(() => {
    if (!focusCell) return;
    // a cell of another table: the parent is still switching to the right one
    if (h.reveal(focusCell)) latest.current.props.onFocusHandled?.();
  }, [focusCell, h]);

  const weightSum = grid.columnWeights.reduce((a, b) => a + b, 0);
  const caption = index.format.sections.find((s) => s.table === table)?.heading;
  const headRows = grid.rows.filter((r) => r.header);
  const bodyRows = grid.rows.filter((r) => !r.header);

  /** What a cell shows: the text being typed or left invalid, else its value; a computed total its sum. */
  const cellText = (id: string) => {
    const kind = index.cellById.get(id)!.kind;
    const draft = readOnly.has(id) ? undefined : drafts.get(id);
    const stored = displayText(kind, shown[id]);
    return { text: draft?.text ?? stored, error: draft?.error && `${draft.error}（${notSaved(stored)}）` };
  };

  const renderRow = (row: (typeof grid.rows)[number], r: number) => {
    const lastLabel = row.rowId !== undefined ? row.cells.filter((c) => c.kind === 'label').at(-1) : undefined;
    return (
      <tr key={r}>
        {row.cells.map((c) =>
          c.kind === 'value' ? (
            <ValueCellView
              key={c.col}
              cell={c}
              name={index.cellById.get(c.cellId!)!.name}
              {...cellText(c.cellId!)}
              auto={readOnly.has(c.cellId!)}
              {...markProps(outlines.cells.get(c.cellId!))}
              h={h}
            />
          ) : (
            <LabelCell key={c.col} cell={c} {...markProps(c === lastLabel ? outlines.rows.get(row.rowId!) : undefined)} />
          ),
        )}
      </tr>
    );
  };

  return (
    <TableRoot ref={rootRef} data-table={table}>
      <table className={`rte rte-${table}`} aria-label={caption}>
        <colgroup>
          {grid.columnWeights.map((w, i) => (
            <col key={i} style={{ width: `${((w / weightSum) * 100).toFixed(3)}%` }} />
          ))}
        </colgroup>
        {headRows.length > 0 && <thead>{headRows.map((row, r) => renderRow(row, r))}</thead>}
        <tbody>{bodyRows.map((row, r) => renderRow(row, headRows.length + r))}</tbody>
      </table>
    </TableRoot>
  );
}

/** What an invalid cell keeps: the user must know the number the checks and the export see. */
function notSaved(storedText: string): string {
  return storedText === '' ? '未保存，仍为空白' : `未保存，仍为原值 ${storedText}`;
}

const LABEL_CLASS: Record<Exclude<GridCell['kind'], 'value'>, string> = {
  corner: 'corner',
  header: 'head',
  blockTitle: 'block',
  label: 'label',
};

/** A mark as primitive props, so memoised cells compare equal while their outline stays the same. */
function markProps(mark: Mark | undefined) {
  return { severity: mark?.severity, acknowledged: mark?.acknowledged ?? false, problems: mark?.title };
}

interface LabelCellProps {
  cell: GridCell;
  severity?: Mark['severity'];
  acknowledged: boolean;
  problems?: string;
}

const LabelCell = memo(function LabelCell({ cell, severity, acknowledged, problems }: LabelCellProps) {
  const kind = cell.kind as Exclude<GridCell['kind'], 'value'>;
  return (
    <th
      className={LABEL_CLASS[kind]}
      rowSpan={cell.rowSpan > 1 ? cell.rowSpan : undefined}
      colSpan={cell.colSpan > 1 ? cell.colSpan : undefined}
      scope={kind === 'label' ? 'row' : kind === 'header' ? 'col' : undefined}
      data-severity={severity}
      data-ack={acknowledged || undefined}
      title={problems}
    >
      {cell.text}
    </th>
  );
});

interface ValueCellProps {
  cell: GridCell;
  name: string;
  text: string;
  /** Why the typed text is not a value (it stays shown, and is not saved), and what is stored instead. */
  error?: string;
  auto: boolean;
  severity?: Mark['severity'];
  acknowledged: boolean;
  /** The findings' messages, one a line. */
  problems?: string;
  h: Handlers;
}

const ValueCellView = memo(function ValueCellView(props: ValueCellProps) {
  const { cell, name, text, error, auto, severity, acknowledged, problems, h } = props;
  const title = [error && `无效输入：${error}`, problems, auto && AUTO_TITLE].filter(Boolean).join('\n');
  return (
    <td
      className={auto ? 'v auto' : 'v'}
      rowSpan={cell.rowSpan > 1 ? cell.rowSpan : undefined}
      colSpan={cell.colSpan > 1 ? cell.colSpan : undefined}
    >
      <input
        type="text"
        inputMode="decimal"
        autoComplete="off"
        spellCheck={false}
        data-cell={cell.cellId}
        aria-label={name}
        aria-invalid={error || severity === 'error' ? true : undefined}
        data-severity={severity}
        data-ack={acknowledged || undefined}
        data-invalid={error ? true : undefined}
        readOnly={auto}
        tabIndex={auto ? -1 : undefined}
        title={title || name}
        value={text}
        onFocus={h.focus}
        onBlur={h.blur}
        onMouseDown={h.mouseDown}
        onMouseUp={h.mouseUp}
        onDoubleClick={h.doubleClick}
        onChange={h.change}
        onCompositionEnd={h.compositionEnd}
        onKeyDown={h.keyDown}
        onPaste={h.paste}
      />
      {auto && (
        <span className="auto-hint" aria-hidden="true">
          {AUTO_HINT}
        </span>
      )}
    </td>
  );
});
