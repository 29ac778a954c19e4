/**
 * When a change makes a new revision. Every revision is a full snapshot of the editable state, so any of
 * them can be restored on its own. Structural events (create, import, status, options, restore, duplicate)
 * always start a new revision. Edits (cells, one narrative part, acknowledgements) fold into the newest
 * revision when it is of the same kind and was started less than COALESCE_MS ago, so typing a table makes
 * one revision per few minutes of work instead of one per keystroke.
 */
export const COALESCE_MS = 5 * 60 * 1000;

export const EDIT_KINDS = ['cells', 'narrative:preamble', 'narrative:s1', 'narrative:s2', 'narrative:s3', 'narrative:s4', 'narrative:s5', 'narrative:s6', 'ack'] as const;
export const EVENT_KINDS = ['create', 'import', 'status', 'options', 'restore', 'duplicate', 'cells:bulk'] as const;

/**
 * A batch of at least this many cells typed by the user (a pasted block, 空白单元格填 0, …) is an event: it
 * starts a revision of its own, so the state just before it stays restorable from the history.
 */
export const BULK_EDIT_CELLS = 10;
export type RevisionKind = (typeof EDIT_KINDS)[number] | (typeof EVENT_KINDS)[number];

export function nextRevision(
  last: { revision: number; kind: string; createdAt: string } | undefined,
  kind: RevisionKind,
  nowIso: string,
): { revision: number; coalesce: boolean } {
  if (!last) return { revision: 1, coalesce: false };
  const coalesce =
    (EDIT_KINDS as readonly string[]).includes(kind) &&
    last.kind === kind &&
    Date.parse(nowIso) - Date.parse(last.createdAt) < COALESCE_MS;
  return coalesce ? { revision: last.revision, coalesce } : { revision: last.revision + 1, coalesce };
}
