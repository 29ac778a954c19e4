/**
 * Invalid text left in a table outlives the table's editor: going to another part and back still shows
 * "12a" in red instead of silently dropping it. What identifies the open report is the editor's onChange —
 * one stable callback per open report — so text never shows up in another report; a parent that passes
 * a new callback each render just loses the kept text, as if nothing were kept. A kept text comes back only
 * while the cell still stores what it stored when the text was left (an undo elsewhere, a restored
 * revision or a paste make it stale).
 */
import type { ValueKind } from '../../shared/format/index';
import type { Cells } from '../../shared/report';
import { readTyped } from './typing';

export interface Draft {
  text: string;
  /** Why the text is not a value; absent while it is only half typed. */
  error?: string;
}

interface Kept {
  draft: Draft;
  /** The stored value when the text was left. */
  value: number | null;
}

const byReport = new WeakMap<object, Map<string, Map<string, Kept>>>();

/** Keep the drafts of a table being closed that are invalid as they stand (half-typed text is, now). */
export function keepDrafts(report: object, table: string, drafts: ReadonlyMap<string, Draft>, cells: Cells, kindOf: (cell: string) => ValueKind): void {
  const kept = new Map<string, Kept>();
  for (const [cell, { text }] of drafts) {
    const typed = readTyped(kindOf(cell), text, true);
    if (typed.kind === 'invalid') kept.set(cell, { draft: { text, error: typed.error }, value: cells[cell] ?? null });
  }
  let tables = byReport.get(report);
  if (!tables) byReport.set(report, (tables = new Map()));
  if (kept.size) tables.set(table, kept);
  else tables.delete(table);
}

/** The drafts kept for a table being opened, those whose cell still stores what it stored when they were left. */
export function keptDrafts(report: object, table: string, cells: Cells, editable: (cell: string) => boolean): Map<string, Draft> {
  const drafts = new Map<string, Draft>();
  for (const [cell, kept] of byReport.get(report)?.get(table) ?? [])
    if (editable(cell) && (cells[cell] ?? null) === kept.value) drafts.set(cell, kept.draft);
  return drafts;
}
