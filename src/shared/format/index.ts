/**
 * The format registry and what is derived from a definition: the list of cells with their labels and
 * kinds, the sums the format imposes, the row groups. Derivations are computed once per format.
 */
import { GOV_2019 } from './gov2019';
import { GOV_2021 } from './gov2021';
import type {
  BlockTableDef,
  CellInfo,
  FormatDefinition,
  FormatId,
  HeaderNode,
  MatrixTableDef,
  NarrativeKey,
  RowNode,
  SumConstraint,
  TableDef,
  TableId,
} from './types';

export * from './types';
export { GOV_2019, GOV_2021 };

export const FORMATS: Readonly<Record<FormatId, FormatDefinition>> = { 'GOV-2021': GOV_2021, 'GOV-2019': GOV_2019 };
export const FORMAT_IDS = Object.keys(FORMATS) as FormatId[];
export const TABLE_IDS: readonly TableId[] = ['t2', 't3', 't4'];
export const NARRATIVE_KEYS: readonly NarrativeKey[] = ['preamble', 's1', 's2', 's3', 's4', 's5', 's6'];

/** Reports on 2019 and 2020 use the trial format; 2021 and later the 2021 revision. */
export function formatForYear(year: number): FormatId {
  return year <= 2020 ? 'GOV-2019' : 'GOV-2021';
}

export function getFormat(id: FormatId): FormatDefinition {
  return FORMATS[id];
}

/** "2021年格式" for GOV-2021: the year of the notice that mandates it (the id is not for users). */
export function formatShortName(format: FormatId): string {
  const year = /〔(\d{4})〕/.exec(getFormat(format).notice)?.[1];
  return year ? `${year}年格式` : getFormat(format).notice;
}

/** "2019 年试行格式（国办公开办函〔2019〕60号）": the format in words, with the notice that mandates it. */
export function formatName(format: FormatId): string {
  const f = getFormat(format);
  return `${f.name}（${f.notice}）`;
}

/** A leaf of a header or row tree with the path of nodes leading to it. */
export interface TreeLeaf<N> {
  node: N;
  path: readonly N[];
  /** Dotted id built from the ids along the path ('' when none). */
  id: string;
}

export function leavesOf<N extends { id?: string; children?: readonly N[] }>(nodes: readonly N[]): TreeLeaf<N>[] {
  const out: TreeLeaf<N>[] = [];
  const walk = (list: readonly N[], path: N[]) => {
    for (const node of list) {
      const p = [...path, node];
      if (node.children?.length) walk(node.children, p);
      else
        out.push({
          node,
          path: p,
          id: p
            .map((n) => n.id)
            .filter((s): s is string => !!s)
            .join('.'),
        });
    }
  };
  walk(nodes, []);
  return out;
}

export function joinId(...parts: string[]): string {
  return parts.filter(Boolean).join('.');
}

const labelOf = (n: { label: string; short?: string }) => n.short ?? n.label;

/**
 * A row's name in messages: its ancestors' labels, then its own short label
 * (三、本年度办理结果（二）部分公开, not the whole printed note of the row).
 */
export function rowDisplayName(path: readonly { label: string; short?: string }[]): string {
  return path
    .map((n, i) => (i === path.length - 1 ? labelOf(n) : n.label))
    .filter(Boolean)
    .join('');
}

export interface FormatIndex {
  format: FormatDefinition;
  cells: readonly CellInfo[];
  cellById: ReadonlyMap<string, CellInfo>;
  sums: readonly SumConstraint[];
  /** Cell ids that are the target of a sum constraint (总计 cells). */
  totalCells: ReadonlySet<string>;
  /** Matrix tables: leaf row ids and leaf column ids in order. */
  rowIds: Readonly<Record<TableId, readonly string[]>>;
  columnIds: Readonly<Record<TableId, readonly string[]>>;
  /** T3 row groups (inner rows with an id, or a single leaf that stands for a group in 2019). */
  t3Groups: readonly { id: string; label: string; rows: readonly string[] }[];
  /** T3 result rows (三、本年度办理结果 except （七）总计). */
  t3ResultRows: readonly string[];
}

function matrixCells(table: MatrixTableDef): CellInfo[] {
  const cols = leavesOf<HeaderNode>(table.columns);
  const rows = leavesOf<RowNode>(table.rows);
  const out: CellInfo[] = [];
  for (const r of rows) {
    for (const c of cols) {
      const id = joinId(table.id, r.id, c.id);
      const rowLabels = r.path.map((n) => n.label).filter(Boolean);
      const columnLabels = c.path.map((n) => n.label);
      const rowName = rowDisplayName(r.path);
      const colName = c.path
        .slice(table.labelColumns === 0 ? 0 : 1)
        .map(labelOf)
        .join('·');
      out.push({
        id,
        table: table.id,
        kind: table.kinds?.[joinId(r.id, c.id)] ?? 'count',
        row: r.id,
        column: c.id,
        rowLabels,
        columnLabels,
        name: rowName ? `${rowName}（${colName}）` : colName,
      });
    }
  }
  return out;
}

const UNIT_IN_HEADER = /（单位：([^）]+)）/;

function blockCells(table: BlockTableDef): CellInfo[] {
  const out: CellInfo[] = [];
  for (const block of table.blocks) {
    for (const row of block.rows) {
      row.cells.forEach((cell, i) => {
        const header = block.valueHeaders[i] ?? '';
        const unit = UNIT_IN_HEADER.exec(header)?.[1];
        out.push({
          id: joinId(table.id, row.id, cell.id),
          table: table.id,
          kind: cell.kind,
          row: row.id,
          column: cell.id,
          rowLabels: [block.title, row.label],
          columnLabels: [header],
          name: `${row.label}（${header.replace(UNIT_IN_HEADER, '')}）`,
          unit,
        });
      });
    }
  }
  return out;
}

function matrixSums(table: MatrixTableDef): SumConstraint[] {
  const cols = leavesOf<HeaderNode>(table.columns);
  const rows = leavesOf<RowNode>(table.rows);
  const sums: SumConstraint[] = [];
  // A total leaf sums the other leaves under its parent node.
  const siblingsOf = <N>(leaves: TreeLeaf<N>[], leaf: TreeLeaf<N>) => {
    const parent = leaf.path[leaf.path.length - 2];
    return leaves.filter((l) => l !== leaf && (parent === undefined ? l.path.length === 1 : l.path.includes(parent)));
  };
  for (const c of cols) {
    if (!c.node.totalRule) continue;
    const parts = siblingsOf(cols, c);
    for (const r of rows)
      sums.push({
        rule: c.node.totalRule,
        total: joinId(table.id, r.id, c.id),
        parts: parts.map((p) => joinId(table.id, r.id, p.id)),
        axis: 'row',
      });
  }
  for (const r of rows) {
    if (!r.node.totalRule) continue;
    const parts = siblingsOf(rows, r);
    for (const c of cols)
      sums.push({
        rule: r.node.totalRule,
        total: joinId(table.id, r.id, c.id),
        parts: parts.map((p) => joinId(table.id, p.id, c.id)),
        axis: 'column',
      });
  }
  return sums;
}

function tableCells(t: TableDef): CellInfo[] {
  return t.kind === 'matrix' ? matrixCells(t) : blockCells(t);
}

const indexCache = new Map<FormatId, FormatIndex>();

export function formatIndex(id: FormatId): FormatIndex {
  const cached = indexCache.get(id);
  if (cached) return cached;
  const format = FORMATS[id];
  const cells = TABLE_IDS.flatMap((t) => tableCells(format.tables[t]));
  const sums = TABLE_IDS.flatMap((t) => {
    const def = format.tables[t];
    return def.kind === 'matrix' ? matrixSums(def) : [];
  });
  const rowIds = {} as Record<TableId, string[]>;
  const columnIds = {} as Record<TableId, string[]>;
  for (const t of TABLE_IDS) {
    const def = format.tables[t];
    if (def.kind === 'matrix') {
      rowIds[t] = leavesOf<RowNode>(def.rows).map((l) => l.id);
      columnIds[t] = leavesOf<HeaderNode>(def.columns).map((l) => l.id);
    } else {
      rowIds[t] = def.blocks.flatMap((b) => b.rows.map((r) => r.id));
      columnIds[t] = [...new Set(def.blocks.flatMap((b) => b.rows.flatMap((r) => r.cells.map((c) => c.id))))];
    }
  }
  const t3 = format.tables.t3 as MatrixTableDef;
  const results = t3.rows.find((r) => r.children?.some((c) => c.totalRule));
  const resultChildren = results?.children ?? [];
  const t3Groups = resultChildren
    .filter((n) => n.group && n.id)
    .map((n) => ({
      id: n.id!,
      label: n.label,
      rows: n.children?.length ? leavesOf<RowNode>(n.children).map((l) => joinId(n.id!, l.id)) : [n.id!],
    }));
  const t3ResultRows = leavesOf<RowNode>(resultChildren)
    .filter((l) => !l.node.totalRule)
    .map((l) => l.id);
  const index: FormatIndex = {
    format,
    cells,
    cellById: new Map(cells.map((c) => [c.id, c])),
    sums,
    totalCells: new Set(sums.map((s) => s.total)),
    rowIds,
    columnIds,
    t3Groups,
    t3ResultRows,
  };
  indexCache.set(id, index);
  return index;
}

/** Cell id of a T3 cell. */
export const t3 = (row: string, column: string) => joinId('t3', row, column);
/** Cell id of a T4 cell. */
export const t4 = (group: string, column: string) => joinId('t4', group, column);
