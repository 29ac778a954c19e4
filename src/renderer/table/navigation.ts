/**
 * Spreadsheet-style movement over the value cells of a grid. Pure data, so the order of Tab, Enter and
 * the arrows is tested in Node; the component only asks "where does this key go from here".
 */
import type { Grid } from '../../shared/grid';

export interface NavCell {
  id: string;
  /** First grid column and width, to find the cell above/below when rows split differently (T2). */
  col: number;
  span: number;
  /** Computed 总计 cells in automatic mode can be focused by the check panel but are skipped by keys. */
  editable: boolean;
}

export interface NavModel {
  /** Value rows top to bottom, each with its value cells left to right; label/header rows are absent. */
  rows: readonly (readonly NavCell[])[];
  position: ReadonlyMap<string, { row: number; index: number }>;
  /** Editable cells in reading order (Tab order). */
  order: readonly string[];
}

export type Move = 'up' | 'down' | 'left' | 'right' | 'next' | 'prev';

export function navModel(grid: Grid, readOnly: ReadonlySet<string>): NavModel {
  const rows: NavCell[][] = [];
  for (const row of grid.rows) {
    const cells = row.cells
      .filter((c) => c.kind === 'value' && c.cellId)
      .map((c) => ({ id: c.cellId!, col: c.col, span: c.colSpan, editable: !readOnly.has(c.cellId!) }));
    if (cells.length) rows.push(cells);
  }
  const position = new Map<string, { row: number; index: number }>();
  rows.forEach((cells, row) => cells.forEach((c, index) => position.set(c.id, { row, index })));
  const order = rows.flatMap((cells) => cells.filter((c) => c.editable).map((c) => c.id));
  return { rows, position, order };
}

/** The cell of `row` under grid column `col` (or the nearest one when the row is split differently). */
function cellUnder(row: readonly NavCell[], col: number): NavCell | undefined {
  return row.find((c) => c.col <= col && col < c.col + c.span) ?? row.reduce<NavCell | undefined>(
    (best, c) => (!best || Math.abs(c.col - col) < Math.abs(best.col - col) ? c : best),
    undefined,
  );
}

/** Where `move` goes from `from`; null when there is nowhere to go (edge of the table). */
export function moveFrom(model: NavModel, from: string, move: Move): string | null {
  const pos = model.position.get(from);
  if (!pos) return model.order[0] ?? null;
  const current = model.rows[pos.row]![pos.index]!;
  switch (move) {
    case 'next':
    case 'prev': {
      const step = move === 'next' ? 1 : -1;
      // from a read-only cell, continue from its place in reading order
      const flat = model.rows.flat();
      for (let i = flat.findIndex((c) => c.id === from) + step; i >= 0 && i < flat.length; i += step)
        if (flat[i]!.editable) return flat[i]!.id;
      return null;
    }
    case 'left':
    case 'right': {
      const step = move === 'right' ? 1 : -1;
      const row = model.rows[pos.row]!;
      for (let i = pos.index + step; i >= 0 && i < row.length; i += step) if (row[i]!.editable) return row[i]!.id;
      return null;
    }
    case 'up':
    case 'down': {
      const step = move === 'down' ? 1 : -1;
      for (let r = pos.row + step; r >= 0 && r < model.rows.length; r += step) {
        const target = cellUnder(model.rows[r]!, current.col);
        if (target?.editable) return target.id;
      }
      return null;
    }
  }
}
