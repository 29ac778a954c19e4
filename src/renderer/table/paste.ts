/**
 * Paste of a block copied from Excel or WPS spreadsheets: text/plain with rows by \n or \r\n and cells
 * by \t (cells holding a tab or line break come quoted). The block lands positionally from the focused
 * cell: source row k goes to the k-th value row below, source column j to the j-th value cell to the right,
 * the way the printed table lines up with a spreadsheet copy of it. A computed 总计 in automatic mode keeps
 * its place in that mapping but is not written (the copy usually includes the 总计 column), and cells that
 * do not parse are reported, not pasted.
 */
import type { ValueKind } from '../../shared/format/index';
import type { NavModel } from './navigation';
import { parseTyped } from './typing';
import type { CellChange } from './undo';

/** Split clipboard text into rows of cells. */
export function parseClipboardTable(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  let atCellStart = true;
  const endCell = () => {
    row.push(cell);
    cell = '';
    atCellStart = true;
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (atCellStart && ch === '"') {
      // a quoted cell: read to the closing quote, "" being a literal quote
      const close = findClosingQuote(text, i + 1);
      if (close !== -1) {
        cell = text.slice(i + 1, close).replace(/""/g, '"');
        i = close + 1;
        atCellStart = false;
        continue;
      }
    }
    atCellStart = false;
    if (ch === '\t') endCell();
    else if (ch === '\n' || ch === '\r') {
      endCell();
      rows.push(row);
      row = [];
      if (ch === '\r' && text[i + 1] === '\n') i++;
    } else cell += ch;
    i++;
  }
  if (!atCellStart || row.length) {
    endCell();
    rows.push(row);
  }
  return rows;
}

function findClosingQuote(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] !== '"') continue;
    if (text[i + 1] === '"') {
      i++;
      continue;
    }
    const next = text[i + 1];
    return next === undefined || next === '\t' || next === '\n' || next === '\r' ? i : -1;
  }
  return -1;
}

/** Whether clipboard text is a block (more than one cell) rather than a value for the focused input. */
export function isBlockPaste(text: string): boolean {
  const rows = parseClipboardTable(text);
  return rows.length > 1 || (rows[0]?.length ?? 0) > 1;
}

export interface RejectedPaste {
  cell: string;
  /** 1-based position in the pasted block. */
  row: number;
  column: number;
  text: string;
  error: string;
}

export interface PastePlan {
  /** Cells whose value changes (what is sent and undone as one batch). */
  changes: CellChange[];
  /** Cells written, including those that already held the pasted value. */
  written: string[];
  rejected: RejectedPaste[];
  /** Computed totals the block covered and that were left to the computation. */
  skippedTotals: number;
  /** Source cells that fell outside the table. */
  outside: number;
}

export interface PasteContext {
  kindOf(cell: string): ValueKind;
  current(cell: string): number | null;
}

export function planPaste(model: NavModel, start: string, block: readonly (readonly string[])[], ctx: PasteContext): PastePlan {
  const plan: PastePlan = { changes: [], written: [], rejected: [], skippedTotals: 0, outside: 0 };
  const origin = model.position.get(start);
  if (!origin) {
    plan.outside = block.reduce((n, r) => n + r.length, 0);
    return plan;
  }
  block.forEach((cells, dr) => {
    const row = model.rows[origin.row + dr];
    cells.forEach((text, dc) => {
      const target = row?.[origin.index + dc];
      if (!target) {
        plan.outside++;
        return;
      }
      if (!target.editable) {
        plan.skippedTotals++;
        return;
      }
      const parsed = parseTyped(ctx.kindOf(target.id), text);
      if (!parsed.ok) {
        plan.rejected.push({ cell: target.id, row: dr + 1, column: dc + 1, text, error: parsed.error });
        return;
      }
      plan.written.push(target.id);
      const before = ctx.current(target.id);
      if (before !== parsed.value) plan.changes.push({ cell: target.id, before, after: parsed.value });
    });
  });
  return plan;
}

/** The status line after a paste, e.g. 已粘贴 21 个单元格. */
export function pasteStatus(plan: PastePlan): string {
  const parts = [`已粘贴 ${plan.written.length} 个单元格`];
  if (plan.skippedTotals) parts.push(`${plan.skippedTotals} 个总计单元格自动计算，未粘贴`);
  if (plan.rejected.length) {
    const shown = plan.rejected
      .slice(0, 3)
      .map((r) => `第 ${r.row} 行第 ${r.column} 列“${r.text.trim().slice(0, 12)}”`)
      .join('、');
    parts.push(`${plan.rejected.length} 个不是有效数字，未粘贴：${shown}${plan.rejected.length > 3 ? ' 等' : ''}`);
  }
  if (plan.outside) parts.push(`${plan.outside} 个超出表格范围，已忽略`);
  return parts.join('；');
}
