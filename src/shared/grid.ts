/**
 * The grid model: a table definition laid out as rows × grid columns, each cell with its spans and its
 * label or cell id. The editor's <table>, the preview, the HTML export and the .docx export all draw
 * from it, so a merge is right everywhere or wrong everywhere.
 */
import {
  joinId,
  leavesOf,
  type BlockTableDef,
  type FormatDefinition,
  type HeaderNode,
  type MatrixTableDef,
  type RowNode,
  type TableDef,
  type TableId,
} from './format/index';

export type GridCellKind = 'corner' | 'header' | 'blockTitle' | 'label' | 'value';

export interface GridCell {
  kind: GridCellKind;
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  /** Label text (every kind but value). */
  text?: string;
  /** Cell id (value cells). */
  cellId?: string;
}

export interface GridRow {
  /** Header rows repeat on a page break and never hold values. */
  header: boolean;
  /** Origin cells only, in column order; positions covered by a merge are absent. */
  cells: GridCell[];
  /** Row id of a value row (T3 `granted`, T2 `licensing`, T4 ''), if any. */
  rowId?: string;
}

export interface Grid {
  table: TableId;
  /** Relative width of each grid column. */
  columnWeights: number[];
  rows: GridRow[];
}

function depth(nodes: readonly HeaderNode[]): number {
  return nodes.reduce((d, n) => Math.max(d, 1 + (n.children ? depth(n.children) : 0)), 0);
}

function countLeaves(n: HeaderNode): number {
  return n.children?.length ? n.children.reduce((s, c) => s + countLeaves(c), 0) : 1;
}

function matrixGrid(def: MatrixTableDef): Grid {
  const H = depth(def.columns);
  const L = def.labelColumns;
  const colLeaves = leavesOf<HeaderNode>(def.columns);
  const rows: GridRow[] = Array.from({ length: H }, () => ({ header: true, cells: [] }));
  if (L > 0 && def.corner !== undefined)
    rows[0]!.cells.push({ kind: 'corner', row: 0, col: 0, rowSpan: H, colSpan: L, text: def.corner });
  const placeHeaders = (nodes: readonly HeaderNode[], d: number, startCol: number) => {
    let col = startCol;
    for (const n of nodes) {
      const span = countLeaves(n);
      const leaf = !n.children?.length;
      rows[d]!.cells.push({ kind: 'header', row: d, col, rowSpan: leaf ? H - d : 1, colSpan: span, text: n.label });
      if (!leaf) placeHeaders(n.children!, d + 1, col);
      col += span;
    }
  };
  placeHeaders(def.columns, 0, L);
  for (const r of rows) r.cells.sort((a, b) => a.col - b.col);

  const rowLeaves = leavesOf<RowNode>(def.rows);
  // origin label cell per level, to extend its rowSpan while consecutive rows share the node
  const open: (GridCell & { node: RowNode })[] = [];
  rowLeaves.forEach((leaf, i) => {
    const r = H + i;
    const cells: GridCell[] = [];
    const labelPath = L > 0 ? leaf.path : [];
    labelPath.forEach((node, level) => {
      const prev = open[level];
      const sameAsAbove = prev && prev.node === node && open.slice(0, level).every((o, k) => o.node === labelPath[k]);
      if (sameAsAbove) {
        prev.rowSpan += 1;
        return;
      }
      const last = level === labelPath.length - 1;
      const cell = { kind: 'label' as const, row: r, col: level, rowSpan: 1, colSpan: last ? L - level : 1, text: node.label, node };
      open[level] = cell;
      open.length = level + 1;
      cells.push(cell);
    });
    colLeaves.forEach((c, j) => {
      cells.push({ kind: 'value', row: r, col: L + j, rowSpan: 1, colSpan: 1, cellId: joinId(def.id, leaf.id, c.id) });
    });
    rows.push({ header: false, cells, rowId: leaf.id });
  });
  // strip the helper `node` field so the grid stays plain data
  for (const row of rows) row.cells = row.cells.map(({ node: _n, ...c }: GridCell & { node?: RowNode }) => c);
  return {
    table: def.id,
    columnWeights: [...def.labelWidths.slice(0, L), ...colLeaves.map(() => def.valueWidth)],
    rows,
  };
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
const lcm = (a: number, b: number) => (a * b) / gcd(a, b);

function blockGrid(def: BlockTableDef): Grid {
  const counts = def.blocks.map((b) => b.valueHeaders.length);
  const logical = Math.max(...counts);
  const V = counts.reduce(lcm, 1);
  const rows: GridRow[] = [];
  const push = (header: boolean, cells: Omit<GridCell, 'row'>[], rowId?: string) => {
    const r = rows.length;
    rows.push({ header, cells: cells.map((c) => ({ ...c, row: r })), rowId });
  };
  for (const block of def.blocks) {
    const span = V / block.valueHeaders.length;
    push(false, [{ kind: 'blockTitle', col: 0, rowSpan: 1, colSpan: 1 + V, text: block.title }]);
    push(false, [
      { kind: 'header', col: 0, rowSpan: 1, colSpan: 1, text: block.labelHeader },
      ...block.valueHeaders.map((h, i) => ({ kind: 'header' as const, col: 1 + i * span, rowSpan: 1, colSpan: span, text: h })),
    ]);
    for (const row of block.rows) {
      push(
        false,
        [
          { kind: 'label', col: 0, rowSpan: 1, colSpan: 1, text: row.label },
          ...row.cells.map((c, i) => ({
            kind: 'value' as const,
            col: 1 + i * span,
            rowSpan: 1,
            colSpan: span,
            cellId: joinId(def.id, row.id, c.id),
          })),
        ],
        row.id,
      );
    }
  }
  const valueCol = (def.valueWidth * logical) / V;
  return { table: def.id, columnWeights: [def.labelWidth, ...Array.from({ length: V }, () => valueCol)], rows };
}

export function buildGrid(def: TableDef): Grid {
  return def.kind === 'matrix' ? matrixGrid(def) : blockGrid(def);
}

const gridCache = new WeakMap<TableDef, Grid>();

export function gridFor(format: FormatDefinition, table: TableId): Grid {
  const def = format.tables[table];
  let grid = gridCache.get(def);
  if (!grid) {
    grid = buildGrid(def);
    gridCache.set(def, grid);
  }
  return grid;
}

/** A position of a grid row as a row-by-row writer (the .docx) sees it. */
export type GridSlot =
  | { type: 'cell'; cell: GridCell }
  /** Continuation of a vertical merge from the cell above (the .docx needs a vMerge cell here). */
  | { type: 'continue'; cell: GridCell };

/** Per row, every grid position in column order: origin cells and vertical-merge continuations. */
export function gridSlots(grid: Grid): GridSlot[][] {
  const active: GridCell[] = []; // cells with rowSpan > 1 still covering rows below
  return grid.rows.map((row, r) => {
    const slots: GridSlot[] = [];
    const covering = active.filter((c) => c.row < r && c.row + c.rowSpan > r);
    const all = [
      ...row.cells.map((cell) => ({ col: cell.col, slot: { type: 'cell', cell } as GridSlot })),
      ...covering.map((cell) => ({ col: cell.col, slot: { type: 'continue', cell } as GridSlot })),
    ].sort((a, b) => a.col - b.col);
    for (const { slot } of all) slots.push(slot);
    for (const cell of row.cells) if (cell.rowSpan > 1) active.push(cell);
    return slots;
  });
}

/** Width of a cell in the same unit as the weights are scaled to. */
export function scaleWidths(weights: readonly number[], total: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const raw = weights.map((w) => Math.floor((w / sum) * total));
  // give the rounding remainder to the last column so the widths add up exactly
  raw[raw.length - 1]! += total - raw.reduce((a, b) => a + b, 0);
  return raw;
}
