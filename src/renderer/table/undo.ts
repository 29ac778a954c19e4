/**
 * The editor's undo history: one entry per user action (a typed edit, a paste, a clear). Keystrokes of one
 * edit are sent live so the checks follow the typing, but they coalesce into a single entry, as in a
 * spreadsheet, where Ctrl+Z takes back the whole edit of a cell. Immutable, so the table editor's reducer
 * (editorState.ts) stays pure; UndoStack wraps it for callers that hold one mutable stack.
 */
export interface CellChange {
  cell: string;
  before: number | null;
  after: number | null;
}

export interface Batch {
  cell: string;
  value: number | null;
}

interface Entry {
  readonly changes: readonly CellChange[];
  /** Edits of the same session merge into one entry. */
  readonly session?: number;
}

export interface UndoHistory {
  readonly done: readonly Entry[];
  readonly undone: readonly Entry[];
}

export const UNDO_LIMIT = 200;
export const emptyHistory: UndoHistory = { done: [], undone: [] };

const before = (e: Entry): Batch[] => e.changes.map((c) => ({ cell: c.cell, value: c.before }));
const after = (e: Entry): Batch[] => e.changes.map((c) => ({ cell: c.cell, value: c.after }));

/** Record an action; with a session id, merge into the entry of the same session if it is on top. */
export function recordChanges(h: UndoHistory, changes: readonly CellChange[], session?: number): UndoHistory {
  const real = changes.filter((c) => c.before !== c.after);
  if (!real.length) return h;
  const top = h.done.at(-1);
  if (session !== undefined && top?.session === session) {
    const merged = top.changes.map((c) => ({ ...c }));
    for (const c of real) {
      const same = merged.find((t) => t.cell === c.cell);
      if (same) same.after = c.after;
      else merged.push({ ...c });
    }
    // typing back the original value leaves nothing to undo
    const kept = merged.filter((c) => c.before !== c.after);
    const rest = h.done.slice(0, -1);
    return { done: kept.length ? [...rest, { changes: kept, session }] : rest, undone: [] };
  }
  const done = [...h.done, { changes: real.map((c) => ({ ...c })), session }];
  return { done: done.length > UNDO_LIMIT ? done.slice(-UNDO_LIMIT) : done, undone: [] };
}

/** Close a session so the next edit of the same cell becomes its own entry. */
export function sealHistory(h: UndoHistory): UndoHistory {
  const top = h.done.at(-1);
  if (top?.session === undefined) return h;
  return { ...h, done: [...h.done.slice(0, -1), { changes: top.changes }] };
}

/** Forget a session's entry (Esc reverted it), with the batch that restores the values before it. */
export function discardSession(h: UndoHistory, session: number): { history: UndoHistory; batch: Batch[] } {
  const top = h.done.at(-1);
  if (top?.session !== session) return { history: h, batch: [] };
  return { history: { ...h, done: h.done.slice(0, -1) }, batch: before(top) };
}

/** The batch that undoes the latest action (null: nothing to undo). */
export function undoLast(h: UndoHistory): { history: UndoHistory; batch: Batch[] | null } {
  const top = h.done.at(-1);
  if (!top) return { history: h, batch: null };
  return { history: { done: h.done.slice(0, -1), undone: [...h.undone, { changes: top.changes }] }, batch: before(top) };
}

export function redoLast(h: UndoHistory): { history: UndoHistory; batch: Batch[] | null } {
  const top = h.undone.at(-1);
  if (!top) return { history: h, batch: null };
  return { history: { done: [...h.done, top], undone: h.undone.slice(0, -1) }, batch: after(top) };
}

/** One mutable stack over the immutable history. */
export class UndoStack {
  private h: UndoHistory = emptyHistory;

  get canUndo(): boolean {
    return this.h.done.length > 0;
  }
  get canRedo(): boolean {
    return this.h.undone.length > 0;
  }
  record(changes: readonly CellChange[], session?: number): void {
    this.h = recordChanges(this.h, changes, session);
  }
  seal(): void {
    this.h = sealHistory(this.h);
  }
  discard(session: number): Batch[] {
    const r = discardSession(this.h, session);
    this.h = r.history;
    return r.batch;
  }
  undo(): Batch[] | null {
    const r = undoLast(this.h);
    this.h = r.history;
    return r.batch;
  }
  redo(): Batch[] | null {
    const r = redoLast(this.h);
    this.h = r.history;
    return r.batch;
  }
}
