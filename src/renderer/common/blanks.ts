/**
 * "空白单元格填 0": every blank value cell of a report set to 0 in one batch. In auto-totals mode the 总计
 * cells are left to be recomputed from their parts rather than overwritten with 0.
 */
import type { FormatId } from '../../shared/format/index';
import { formatIndex } from '../../shared/format/index';
import type { Cells } from '../../shared/report';
import { applyComputedTotals } from '../../shared/totals';

export type CellChange = { cell: string; value: number | null };

/** The blank cells a user would fill: all of them with totals typed by hand, else all but the 总计 cells. */
export function blankCells(format: FormatId, cells: Cells, manualTotals: boolean): string[] {
  const { cells: all, totalCells } = formatIndex(format);
  return all.filter((c) => (cells[c.id] ?? null) === null && (manualTotals || !totalCells.has(c.id))).map((c) => c.id);
}

/** The stored changes for filling `blanks` with 0: the zeros plus, in auto-totals mode, the totals that follow. */
export function zeroFillChanges(format: FormatId, cells: Cells, manualTotals: boolean): CellChange[] {
  const merged: Cells = { ...cells };
  for (const id of blankCells(format, cells, manualTotals)) merged[id] = 0;
  const next = manualTotals ? merged : applyComputedTotals(format, merged);
  return Object.keys(next)
    .filter((k) => (next[k] ?? null) !== (cells[k] ?? null))
    .map((cell) => ({ cell, value: next[cell] ?? null }));
}
