/**
 * What every rule needs: the format's index, readable names of rows and columns taken from the
 * definition (computed once per format), and cell values where a blank 总计 stands for the sum of its
 * filled parts ("effective" values) without ever turning a blank into 0.
 */
import {
  formatIndex,
  joinId,
  leavesOf,
  rowDisplayName,
  type FormatId,
  type FormatIndex,
  type HeaderNode,
  type MatrixTableDef,
  type RowNode,
  type SumConstraint,
  type TableId,
} from '../format/index';
import type { Finding } from '../findings';
import type { Cells, ReportDoc } from '../report';
import type { CheckOptions } from './types';

export interface FormatNames {
  /** Full row name in the table's words: 三、本年度办理结果（一）予以公开 (short forms where the format gives one). */
  row: (table: TableId, row: string) => string;
  /** Row name inside its top-level block: （一）予以公开, （六）其他处理3.其他. */
  localRow: (table: TableId, row: string) => string;
  /** Column name: 自然人, 总计, 行政诉讼·未经复议直接起诉·结果维持. */
  column: (table: TableId, column: string) => string;
  /** Name of a T4 group: 行政复议, 行政诉讼·未经复议直接起诉. */
  group: (group: string) => string;
  cell: (id: string) => string;
}

export interface FormatFacts {
  index: FormatIndex;
  names: FormatNames;
  /** Parts of each 总计 cell (row sums first), for effective values. */
  partsOf: ReadonlyMap<string, readonly string[]>;
  sumsByRule: ReadonlyMap<string, readonly SumConstraint[]>;
  /** T3 groups (不予公开 …): group id → column id → the cells of its rows in that column. */
  groupCells: ReadonlyMap<string, ReadonlyMap<string, readonly string[]>>;
}

const shortOf = (n: { label: string; short?: string }) => n.short ?? n.label;

function buildNames(index: FormatIndex): FormatNames {
  const rowNames = new Map<string, string>();
  const localRowNames = new Map<string, string>();
  const columnNames = new Map<string, string>();
  const groupNames = new Map<string, string>();
  for (const t of ['t3', 't4'] as const) {
    const def = index.format.tables[t] as MatrixTableDef;
    for (const r of leavesOf<RowNode>(def.rows)) {
      const labels = r.path.map((n) => n.label).filter(Boolean);
      rowNames.set(`${t}|${r.id}`, rowDisplayName(r.path));
      localRowNames.set(`${t}|${r.id}`, r.path.length > 1 ? labels.slice(1).join('') : shortOf(r.node));
    }
    for (const c of leavesOf<HeaderNode>(def.columns)) {
      const path = c.path.slice(def.labelColumns === 0 ? 0 : 1);
      // T3: the leaf alone (商业企业, not 法人或其他组织·商业企业) reads as the printed column head
      columnNames.set(`${t}|${c.id}`, t === 't3' ? shortOf(c.node) : path.map(shortOf).join('·'));
      if (t === 't4') groupNames.set(c.id.split('.')[0]!, path.slice(0, -1).map(shortOf).join('·'));
    }
  }
  for (const c of index.cells) {
    if (c.table !== 't2') continue;
    rowNames.set(`t2|${c.row}`, c.rowLabels[c.rowLabels.length - 1] ?? c.row);
    localRowNames.set(`t2|${c.row}`, c.rowLabels[c.rowLabels.length - 1] ?? c.row);
    columnNames.set(`t2|${c.column}`, (c.columnLabels[0] ?? c.column).replace(/（单位：[^）]+）/, ''));
  }
  return {
    row: (t, r) => rowNames.get(`${t}|${r}`) ?? r,
    localRow: (t, r) => localRowNames.get(`${t}|${r}`) ?? r,
    column: (t, c) => columnNames.get(`${t}|${c}`) ?? c,
    group: (g) => groupNames.get(g) ?? g,
    cell: (id) => index.cellById.get(id)?.name ?? id,
  };
}

const factsCache = new Map<FormatId, FormatFacts>();

export function formatFacts(format: FormatId): FormatFacts {
  const cached = factsCache.get(format);
  if (cached) return cached;
  const index = formatIndex(format);
  const partsOf = new Map<string, readonly string[]>();
  for (const axis of ['row', 'column'] as const)
    for (const s of index.sums) if (s.axis === axis && !partsOf.has(s.total)) partsOf.set(s.total, s.parts);
  const sumsByRule = new Map<string, SumConstraint[]>();
  for (const s of index.sums) {
    const list = sumsByRule.get(s.rule) ?? [];
    list.push(s);
    sumsByRule.set(s.rule, list);
  }
  const groupCells = new Map(
    index.t3Groups.map((g) => [g.id, new Map(index.columnIds.t3.map((c) => [c, g.rows.map((r) => joinId('t3', r, c))]))]),
  );
  const facts: FormatFacts = { index, names: buildNames(index), partsOf, sumsByRule, groupCells };
  factsCache.set(format, facts);
  return facts;
}

export interface CheckContext extends FormatFacts {
  doc: ReportDoc;
  cells: Cells;
  options: CheckOptions;
  /** The typed value of a cell; null when blank or not a number. */
  value(id: string): number | null;
  /** The value, or for a blank 总计 the sum of its parts when every part is known (else null). */
  effective(id: string): number | null;
  /** Σ effective values; null when any is unknown. */
  sum(ids: readonly string[]): number | null;
  /** Whether `effective(id)` had to be computed because the 总计 cell is blank. */
  derived(id: string): boolean;
  /** Cells an import could not read and still blank: no rule judges them (import.tableUnread says it once). */
  unread: ReadonlySet<string>;
  push(finding: Finding): void;
}

export function makeContext(doc: ReportDoc, options: CheckOptions, out: Finding[]): CheckContext {
  const facts = formatFacts(doc.format);
  const cells = doc.cells ?? {};
  const memo = new Map<string, number | null>();
  const value = (id: string): number | null => {
    const v = cells[id];
    return typeof v === 'number' && Number.isFinite(v) ? v : null;
  };
  const effective = (id: string): number | null => {
    const v = value(id);
    if (v !== null) return v;
    const parts = facts.partsOf.get(id);
    if (!parts) return null;
    if (memo.has(id)) return memo.get(id)!;
    let s: number | null = 0;
    for (const p of parts) {
      const e = effective(p);
      if (e === null) {
        s = null;
        break;
      }
      s += e;
    }
    memo.set(id, s);
    return s;
  };
  const unread = new Set<string>();
  for (const u of doc.unread ?? []) for (const id of u.cells) if (value(id) === null) unread.add(id);
  return {
    ...facts,
    doc,
    cells,
    options,
    unread,
    value,
    effective,
    sum: (ids) => {
      let s = 0;
      for (const id of ids) {
        const e = effective(id);
        if (e === null) return null;
        s += e;
      }
      return s;
    },
    derived: (id) => value(id) === null && facts.partsOf.has(id),
    push: (f) => void out.push(f),
  };
}

/** Numbers in messages: integers as they are, amounts without float noise. */
export function num(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toFixed(6)));
}
