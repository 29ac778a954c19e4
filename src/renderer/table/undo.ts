/**
 * The editor's undo stack: one entry per user action (a typed edit, a paste, a clear). Keystrokes of one
 * edit are sent live so the checks follow the typing, but they coalesce into a single entry, as in a
 * spreadsheet, where Ctrl+Z takes back the whole edit of a cell.
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
  changes: CellChange[];
  /** Edits of the same session merge into one entry. */
  session?: number;
}

export const UNDO_LIMIT = 200;

export class UndoStack {
  private done: Entry[] = [];
  private undone: Entry[] = [];

  get canUndo(): boolean {
    return this.done.length > 0;
  }
  get canRedo(): boolean {
    return this.undone.length > 0;
  }

  /** Record an action; with a session id, merge into the entry of the same session if it is on top. */
  record(changes: readonly CellChange[], session?: number): void {
    const real = changes.filter((c) => c.before !== c.after);
    if (!real.length) return;
    this.undone = [];
    const top = this.done[this.done.length - 1];
    if (session !== undefined && top?.session === session) {
      for (const c of real) {
        const same = top.changes.find((t) => t.cell === c.cell);
        if (same) same.after = c.after;
        else top.changes.push({ ...c });
      }
      // typing back the original value leaves nothing to undo
      top.changes = top.changes.filter((c) => c.before !== c.after);
      if (!top.changes.length) this.done.pop();
      return;
    }
    this.done.push({ changes: real.map((c) => ({ ...c })), session });
    if (this.done.length > UNDO_LIMIT) this.done.shift();
  }

  /** Close a session so the next edit of the same cell becomes its own entry. */
  seal(): void {
    const top = this.done[this.done.length - 1];
    if (top) delete top.session;
  }

  /** Forget a session's entry (Esc reverted it); returns the batch that restores the values before it. */
  discard(session: number): Batch[] {
    const top = this.done[this.done.length - 1];
    if (top?.session !== session) return [];
    this.done.pop();
    return top.changes.map((c) => ({ cell: c.cell, value: c.before }));
  }

  /** The batch that undoes the latest action, or null. */
  undo(): Batch[] | null {
    const entry = this.done.pop();
    if (!entry) return null;
    delete entry.session;
    this.undone.push(entry);
    return entry.changes.map((c) => ({ cell: c.cell, value: c.before }));
  }

  redo(): Batch[] | null {
    const entry = this.undone.pop();
    if (!entry) return null;
    this.done.push(entry);
    return entry.changes.map((c) => ({ cell: c.cell, value: c.after }));
  }
}
