/**
 * Parts 二、三、四: a table drawn as on paper (the shared grid model, so the merges match the .docx and the
 * preview) with a spreadsheet's keyboard, paste, undo, and the outlines of the live checks. What keys,
 * clicks and pastes do is decided by the pure reducer of editorState.ts; this component renders its drafts
 * and carries out its effects.
 *
 * - Text reads as a report prints it: full-width digits, "1,234", "12件" (typing.ts).
 * - Invalid text left in a table is still there after a visit to another part (kept-drafts.ts), not after a
 *   reload: it was never saved. The parent hears of it (onInvalid) so that it counts as a `cell.invalid` error.
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
import type { InvalidEntry } from '../../shared/checks/index';
import type { FormatId, TableId } from '../../shared/format/index';
import { formatIndex } from '../../shared/format/index';
import type { Finding } from '../../shared/findings';
import { gridFor, type GridCell } from '../../shared/grid';
import type { Cells } from '../../shared/report';
import { applyComputedTotals } from '../../shared/totals';
import { AUTO_TITLE, initialEditorState, invalidDrafts, notSaved, reduceEditor, type EditorEvent, type EditorState, type TableFacts } from './editorState';
import { keepDrafts, keptDrafts, type Draft } from './kept-drafts';
import { navModel } from './navigation';
import { outlinesFor, type Mark } from './outlines';
import { TableRoot } from './style';
import { displayText } from './typing';

export interface ReportTableEditorProps {
  format: FormatId;
  table: TableId;
  cells: Cells;
  manualTotals: boolean;
  /** All findings; those on this table's cells are outlined. */
  findings: Finding[];
  /** One batch per user action (a paste is one batch). */
  onChange(changes: { cell: string; value: number | null }[]): void;
  /** The cells of this table whose text is not a value (shown red, not saved); called when that list changes. */
  onInvalid?(table: TableId, entries: InvalidEntry[]): void;
  /** Focus request from the check panel. */
  focusCell?: string | null;
  onFocusHandled?(): void;
  /** e.g. 已粘贴 21 个单元格 */
  onStatus?(message: string): void;
}

/** Shown in a computed 总计 cell. */
const AUTO_HINT = '自动';

export function ReportTableEditor(props: ReportTableEditorProps): JSX.Element {
  // a different table is a different editor: its own undo stack and drafts
  return <TableEditor key={`${props.format}/${props.table}`} {...props} />;
}

interface Handlers {
  focus(e: FocusEvent<HTMLInputElement>): void;
  blur(e: FocusEvent<HTMLInputElement>): void;
  mouseDown(e: MouseEvent<HTMLInputElement>): void;
  doubleClick(e: MouseEvent<HTMLInputElement>): void;
  change(e: ChangeEvent<HTMLInputElement>): void;
  compositionEnd(e: CompositionEvent<HTMLInputElement>): void;
  keyDown(e: KeyboardEvent<HTMLInputElement>): void;
  paste(e: ClipboardEvent<HTMLInputElement>): void;
  /** Select a cell as the check panel asks: focused, scrolled to the middle, its text selected. */
  reveal(id: string): boolean;
}

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
  const editor = useRef<EditorState | null>(null);
  editor.current ??= initialEditorState(drafts);

  const rootRef = useRef<HTMLDivElement>(null);
  const latest = useRef({ props, shown, model, readOnly });
  latest.current = { props, shown, model, readOnly };
  const toSelect = useRef<string | null>(null);

  const h = useMemo<Handlers>(() => {
    const inputOf = (id: string) => rootRef.current?.querySelector<HTMLInputElement>(`input[data-cell="${id}"]`) ?? null;
    const facts: TableFacts = {
      get model() {
        return latest.current.model;
      },
      get readOnly() {
        return latest.current.readOnly;
      },
      kindOf: (id) => index.cellById.get(id)!.kind,
      nameOf: (id) => index.cellById.get(id)!.name,
      valueOf: (id) => {
        const v = latest.current.shown[id];
        return typeof v === 'number' ? v : null;
      },
    };
    /** Run an event through the reducer and carry out what it says. */
    const dispatch = (event: EditorEvent, dom?: { preventDefault(): void }): void => {
      const { state, effects } = reduceEditor(editor.current!, event, facts);
      const draftsChanged = state.drafts !== editor.current!.drafts;
      editor.current = state;
      if (effects.preventDefault) dom?.preventDefault();
      if (effects.emit.length) {
        latest.current.props.onChange(effects.emit);
        // until the parent renders the new cells, later reads see what was just sent
        const sent = { ...latest.current.shown };
        for (const c of effects.emit) sent[c.cell] = c.value;
        latest.current.shown = sent;
      }
      if (draftsChanged) setDrafts(state.drafts);
      if (effects.status) latest.current.props.onStatus?.(effects.status);
      if (effects.select) {
        const el = inputOf(effects.select.cell);
        if (el) {
          if (document.activeElement !== el) el.focus({ preventScroll: true });
          el.scrollIntoView({ block: effects.select.block, inline: 'nearest' });
          el.select();
          // again after React has written a new value: writing a value moves the caret to its end
          toSelect.current = effects.select.cell;
        }
      }
      if (effects.caretEnd) {
        const el = inputOf(state.cell ?? '');
        el?.setSelectionRange(el.value.length, el.value.length);
      }
    };
    const cellOf = (e: { currentTarget: HTMLInputElement }) => e.currentTarget.dataset.cell!;
    return {
      reveal: (id) => {
        if (!inputOf(id)) return false;
        dispatch({ type: 'reveal', cell: id });
        return true;
      },
      focus: (e) => dispatch({ type: 'focus', cell: cellOf(e) }),
      blur: (e) => dispatch({ type: 'blur', cell: cellOf(e) }),
      mouseDown: (e) => {
        if (e.button === 0) dispatch({ type: 'pointerDown', cell: cellOf(e) }, e);
      },
      doubleClick: (e) => dispatch({ type: 'doubleClick', cell: cellOf(e) }, e),
      change: (e) => dispatch({ type: 'input', cell: cellOf(e), text: e.currentTarget.value, composing: (e.nativeEvent as InputEvent).isComposing }),
      compositionEnd: (e) => dispatch({ type: 'input', cell: cellOf(e), text: e.currentTarget.value }),
      keyDown: (e) =>
        dispatch(
          { type: 'key', cell: cellOf(e), key: e.key, shift: e.shiftKey, ctrl: e.ctrlKey || e.metaKey, alt: e.altKey, composing: e.nativeEvent.isComposing },
          e,
        ),
      paste: (e) => dispatch({ type: 'paste', cell: cellOf(e), text: e.clipboardData.getData('text/plain') }, e),
    };
  }, [index]);

  // selecting after React has written the new value; not once the cell is being edited since
  useLayoutEffect(() => {
    const id = toSelect.current;
    if (!id) return;
    toSelect.current = null;
    if (editor.current?.cell === id && editor.current.editing) return;
    const el = rootRef.current?.querySelector<HTMLInputElement>(`input[data-cell="${id}"]`);
    if (el && document.activeElement === el) el.select();
  });

  // the parent counts the invalid text as errors (cell.invalid)
  const invalid = useMemo(() => invalidDrafts(readOnly.size ? new Map([...drafts].filter(([id]) => !readOnly.has(id))) : drafts), [drafts, readOnly]);
  const invalidKey = JSON.stringify(invalid);
  useEffect(() => {
    latest.current.props.onInvalid?.(table, invalid);
    // the list as text: a new array with the same entries is no change
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [invalidKey, table]);

  useEffect(
    () => () => {
      const { props: last, shown: stored } = latest.current;
      keepDrafts(last.onChange, last.table, editor.current!.drafts, stored, (id) => index.cellById.get(id)!.kind);
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
      className={cell.col === 0 ? `${LABEL_CLASS[kind]} c0` : LABEL_CLASS[kind]}
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
