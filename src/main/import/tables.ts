/**
 * Table cells matched by LABELS against the format definition: T2 row by row within its blocks (block
 * title rows, 信息内容 header rows, label rows), T3/T4 by resolving the column header rows into the
 * definition's header tree (so the order of the value columns comes from the header, not from a guess)
 * and each T3 row by its label. Tables split at a page break arrive as one list of rows; a repeated
 * header is skipped. Every value goes through `parseCellText`; every blank, conversion, unknown label
 * or unreadable cell is logged with where it is.
 */
import {
  leavesOf,
  joinId,
  formatIndex,
  type BlockDef,
  type BlockRowDef,
  type BlockTableDef,
  type CellInfo,
  type FormatDefinition,
  type HeaderNode,
  type MatrixTableDef,
  type RowNode,
  type TableId,
  type ValueKind,
  TABLE_IDS,
  TABLE_NAMES,
} from '../../shared/format/index';
import type { Cells, UnreadTable } from '../../shared/report';
import { sumOfParts } from '../../shared/totals';
import { isBlankMarker, normalizeNumberText, parseCellText } from '../../shared/values';
import type { ImportLog } from './log';
import type { SourceRow } from './model';
import { labelMatches, labelResembles, normalizeLabel } from './normalize';

export interface TableMatch {
  cells: Cells;
  /** Cells whose position was found in the source (with a value or blank). */
  matched: Set<string>;
  /** Tables not read wholly or in part: the cells left unknown and why. */
  unread: UnreadTable[];
}

const NUMERIC = /^[+\-]?[\d.,]*\d[\d.,]*(万元|元|万)?$|^[减增][少加]?\d+$/;

/** Does the cell hold a number (or a blank marker) rather than a label? */
function isValueText(text: string): boolean {
  const n = normalizeNumberText(text);
  return NUMERIC.test(n) || isBlankMarker(text);
}

const nonEmpty = (row: SourceRow) => row.filter((c) => !c.covered && c.text.trim() !== '').map((c) => c.text);
const shorten = (s: string) => {
  const t = s.replace(/\s+/g, '');
  return t.length > 24 ? `${t.slice(0, 24)}…` : t;
};

/** Where a table sits, for messages: "三、收到和处理政府信息公开申请情况". */
export function tableWhere(format: FormatDefinition, table: TableId): string {
  return format.sections.find((s) => s.table === table)?.heading ?? table;
}

class CellReader {
  readonly cells: Cells = {};
  readonly matched = new Set<string>();
  /** Cells found whose text is not a value. */
  readonly unreadable = new Set<string>();
  /** Blank cells, with their message held back until totals are settled. */
  private readonly blanks = new Map<string, string>();

  constructor(
    private readonly format: FormatDefinition,
    private readonly log: ImportLog,
  ) {}

  where(info: CellInfo): string {
    return `${tableWhere(this.format, info.table)}：${info.name}`;
  }

  read(info: CellInfo, raw: string): void {
    if (this.matched.has(info.id)) {
      this.log.warn(this.where(info), `该单元格在表格中出现了不止一次，已保留第一次的数值，忽略“${shorten(raw)}”`, info.id);
      return;
    }
    this.matched.add(info.id);
    const parsed = parseCellText(info.kind, raw);
    if (!parsed.ok) {
      this.cells[info.id] = null;
      this.unreadable.add(info.id);
      this.log.error(this.where(info), `无法读取数值：${parsed.error}，已留空`, info.id);
      return;
    }
    this.cells[info.id] = parsed.value;
    if (parsed.value === null) {
      const shown = raw.replace(/[\s\u00A0\u3000]+/g, '');
      this.blanks.set(info.id, shown ? `原文为“${shown}”，按空值（未填写）处理` : '原文为空白，按空值（未填写）处理');
    } else if (parsed.note) {
      this.log.info(this.where(info), `原文“${raw.trim()}”${parsed.note}：${parsed.value}`, info.id);
    }
  }

  /** A 总计 left blank (or whose column is missing) is computed from its parts, and said so. */
  settleTotals(table: TableId): void {
    const index = formatIndex(this.format.id);
    for (const axis of ['row', 'column'] as const) {
      for (const s of index.sums) {
        if (s.axis !== axis || index.cellById.get(s.total)?.table !== table) continue;
        if (typeof this.cells[s.total] === 'number') continue;
        if (!s.parts.every((p) => typeof this.cells[p] === 'number')) continue;
        const value = sumOfParts(this.cells, s.parts)!;
        this.cells[s.total] = value;
        this.blanks.delete(s.total);
        const info = index.cellById.get(s.total)!;
        const why = this.matched.has(s.total) ? '原文总计为空' : '原表没有该总计';
        this.log.info(this.where(info), `${why}，已按各项之和计算为 ${value}`, s.total);
      }
    }
    for (const [id, message] of this.blanks) {
      const info = index.cellById.get(id)!;
      if (info.table === table) {
        this.log.warn(this.where(info), message, id);
        this.blanks.delete(id);
      }
    }
  }
}

// ---------------------------------------------------------------- T2: blocks

function matchBlockRow(def: BlockTableDef, label: string, current: BlockDef | null): { block: BlockDef; row: BlockRowDef; loose: boolean } | 'ambiguous' | null {
  const all = def.blocks.flatMap((block) => block.rows.map((row) => ({ block, row })));
  const exact = all.filter((c) => labelMatches(label, c.row.label));
  const pick = (list: typeof all) => (list.length > 1 && current ? list.filter((c) => c.block === current) : list);
  const e = pick(exact);
  if (e.length === 1) return { ...e[0]!, loose: false };
  if (e.length > 1) return 'ambiguous';
  const loose = pick(all.filter((c) => labelResembles(label, c.row.label)));
  if (loose.length === 1) return { ...loose[0]!, loose: true };
  return loose.length > 1 ? 'ambiguous' : null;
}

const HEADER_UNIT = /[（(](?:单位[:：])?\s*(万元|元)\s*[）)]/;

/**
 * An amount printed without a unit takes the unit its column header declares ("采购总金额（万元）"), so a
 * header in 元 where the format wants 万元 (or the reverse) is converted, and the conversion reported.
 */
function withHeaderUnit(text: string, header: string | undefined, kind: ValueKind): string {
  if (kind !== 'amountYuan' && kind !== 'amountWanYuan') return text;
  const unit = header ? HEADER_UNIT.exec(header)?.[1] : undefined;
  if (!unit || !/^[\d.,]+$/.test(normalizeNumberText(text))) return text;
  return `${normalizeNumberText(text)}${unit}`;
}

/** Which value header each column carries, for a block; null entries are headers it does not have. */
function headerOrderFor(block: BlockDef, heads: readonly string[]): (number | null)[] | null {
  const order = heads.map((h) => {
    const i = block.valueHeaders.findIndex((v) => labelMatches(h, v));
    const j = i >= 0 ? i : block.valueHeaders.findIndex((v) => labelResembles(h, v));
    return j < 0 ? null : j;
  });
  return order.some((k) => k !== null) ? order : null;
}

function matchBlocks(format: FormatDefinition, def: BlockTableDef, rows: SourceRow[], reader: CellReader, log: ImportLog): void {
  const where = tableWhere(format, def.id);
  const index = formatIndex(format.id);
  let block: BlockDef | null = null;
  /** The value headers of the last header row, until the next block title. */
  let heads: string[] | null = null;
  const warned = new Set<BlockDef>();
  for (const row of rows) {
    const texts = row.filter((c) => !c.covered).map((c) => c.text);
    const filled = nonEmpty(row);
    if (filled.length === 0) continue;
    const title = filled.length === 1 ? def.blocks.find((b) => labelMatches(filled[0]!, b.title)) : undefined;
    if (title) {
      block = title;
      heads = null;
      continue;
    }
    if (def.blocks.some((b) => labelMatches(filled[0]!, b.labelHeader))) {
      heads = filled.slice(1);
      const fits = (b: BlockDef) => headerOrderFor(b, heads!)?.every((k) => k !== null) ?? false;
      // the current block's header, else the block whose headers these are (its title row may be missing)
      const owner: BlockDef | null = (block && fits(block) ? block : def.blocks.find(fits)) ?? block;
      if (owner) {
        block = owner;
        const order = headerOrderFor(owner, heads);
        heads.forEach((h, j) => {
          if (order?.[j] == null) log.warn(`${where}：${owner.title}`, `未能识别的表头“${shorten(h)}”，该列数值未导入`);
        });
      }
      continue;
    }
    const labelAt = texts.findIndex((t) => t.trim() !== '');
    const label = texts[labelAt]!;
    if (isValueText(label)) {
      log.warn(where, `有一行没有行标签（数值：${shorten(filled.join(' '))}），已忽略`);
      continue;
    }
    const hit = matchBlockRow(def, label, block);
    if (hit === null || hit === 'ambiguous') {
      const what = hit === null ? '未能识别的行' : '无法确定归属的行';
      log.warn(where, `${what}“${shorten(label)}”，其数值未导入`);
      continue;
    }
    if (hit.loose) log.info(where, `行标签“${shorten(label)}”按“${hit.row.label}”识别`);
    block = hit.block;
    let order = heads ? headerOrderFor(block, heads) : null;
    if (!order) {
      if (!warned.has(block)) log.warn(`${where}：${block.title}`, '未找到该栏的表头，按标准格式的列序读取数值');
      warned.add(block);
      order = hit.row.cells.map((_, i) => i);
    }
    const values = texts.slice(labelAt + 1);
    values.forEach((text, j) => {
      const k = order[j];
      const spec = k === undefined || k === null ? undefined : hit.row.cells[k];
      if (!spec) {
        if (text.trim()) log.warn(`${where}：${hit.row.label}`, `多出的数值“${shorten(text)}”没有对应的列，已忽略`);
        return;
      }
      const info = index.cellById.get(joinId(def.id, hit.row.id, spec.id))!;
      reader.read(info, withHeaderUnit(text, heads?.[j], info.kind));
    });
  }
}

// ---------------------------------------------------------------- T3/T4: matrix

/** Nodes below `node` (any depth) whose label is `text`, not yet taken. */
function findBelow(node: HeaderNode, text: string, taken: Set<HeaderNode>): HeaderNode | null {
  for (const child of node.children ?? []) {
    if (!taken.has(child) && labelMatches(text, child.label)) return child;
    const deeper = findBelow(child, text, taken);
    if (deeper) return deeper;
  }
  return null;
}

const isLeaf = (n: HeaderNode) => !n.children?.length;
const leafIdOf = (def: MatrixTableDef) => {
  const map = new Map<HeaderNode, string>();
  for (const l of leavesOf<HeaderNode>(def.columns)) map.set(l.node, l.id);
  return map;
};

function treeHas(nodes: readonly HeaderNode[], text: string): boolean {
  return nodes.some((n) => labelMatches(text, n.label) || treeHas(n.children ?? [], text));
}

/** Column id standing for a column the format does not have. */
const EXTRA_COLUMN = '#extra';

/**
 * Column headers → the value columns in the order the source prints them. Each header row expands the
 * nodes of the row above into the children it names, left to right.
 */
class HeaderResolver {
  private seq: HeaderNode[];
  seen = false;

  constructor(
    private readonly def: MatrixTableDef,
    private readonly log: ImportLog,
    private readonly where: string,
  ) {
    this.seq = [{ label: '', children: def.columns }];
  }

  isHeaderRow(texts: string[]): boolean {
    if (texts.some((t) => !isValueText(t) && this.isCorner(t))) return true;
    return texts.length > 0 && texts.every((t) => !isValueText(t)) && texts.some((t) => treeHas(this.def.columns, t));
  }

  private isCorner(text: string): boolean {
    return !!this.def.corner && (labelMatches(text, this.def.corner) || normalizeLabel(text).includes('勾稽关系'));
  }

  private readonly fed = new Set<string>();

  feed(texts: string[]): void {
    // a header repeated after a page break, before any value row
    const key = texts.map(normalizeLabel).join('|');
    if (this.fed.has(key)) return;
    this.fed.add(key);
    this.seen = true;
    const heads = texts.filter((t) => !this.isCorner(t));
    let i = 0;
    const next: HeaderNode[] = [];
    for (const node of this.seq) {
      if (isLeaf(node)) {
        next.push(node);
        continue;
      }
      const taken = new Set<HeaderNode>();
      const got: HeaderNode[] = [];
      while (i < heads.length) {
        let m = findBelow(node, heads[i]!, taken);
        if (!m && got.length > 0 && !treeHas(this.def.columns, heads[i]!)) {
          // a column the format does not have (a 小计 some reports add): keep its place, drop its values
          m = { label: heads[i]!, id: EXTRA_COLUMN };
          this.log.warn(this.where, `表头“${shorten(heads[i]!)}”不是标准格式中的列，该列数值未导入`);
        }
        if (!m) break;
        taken.add(m);
        got.push(m);
        i++;
      }
      next.push(...(got.length ? got : [node]));
    }
    for (const h of heads.slice(i))
      if (!treeHas(this.def.columns, h)) this.log.warn(this.where, `未能识别的表头“${shorten(h)}”`);
    this.seq = next;
  }

  /** Leaf column ids in source order; unresolved parts fall back to the definition's order (and say so). */
  columns(): string[] {
    const ids = leafIdOf(this.def);
    if (!this.seen) this.log.warn(this.where, '未找到表头，按标准格式的列序读取数值');
    const out: string[] = [];
    let fallback = false;
    for (const node of this.seq) {
      if (isLeaf(node)) out.push(node.id === EXTRA_COLUMN ? EXTRA_COLUMN : ids.get(node)!);
      else {
        fallback = true;
        out.push(...leavesOf<HeaderNode>(node.children ?? []).map((l) => ids.get(l.node)!));
      }
    }
    if (fallback && this.seen) this.log.warn(this.where, '表头未能完整识别，部分列按标准格式的列序读取');
    return out;
  }
}

/** Two label cells pasted into one ("（三）不予公开 1.属于国家秘密"): the leaf label ends it. */
function endsWithLabel(found: string, expected: string): boolean {
  const e = normalizeLabel(expected);
  return e.length >= 4 && normalizeLabel(found).endsWith(e);
}

interface RowLeaf {
  id: string;
  node: RowNode;
  path: readonly RowNode[];
}

function matchMatrixRow(leaves: RowLeaf[], labels: string[], context: RowNode[]): { leaf: RowLeaf; loose: boolean } | 'ambiguous' | null {
  for (let k = labels.length - 1; k >= 0; k--) {
    const label = labels[k]!;
    for (const test of [labelMatches, labelResembles, endsWithLabel]) {
      let hits = leaves.filter((l) => test(label, l.node.label));
      if (hits.length > 1) {
        // the same leaf label under two groups: the group named on this row or above decides
        const inContext = hits.filter((l) => context.some((c) => l.path.includes(c)));
        hits = inContext.length ? inContext : hits;
      }
      if (hits.length === 1) return { leaf: hits[0]!, loose: test !== labelMatches };
      if (hits.length > 1) return 'ambiguous';
    }
  }
  return null;
}

/** Is `inner` somewhere below `outer` in the row tree? */
function encloses(outer: RowNode, inner: RowNode): boolean {
  return (outer.children ?? []).some((c) => c === inner || encloses(c, inner));
}

function innerNodes(nodes: readonly RowNode[]): RowNode[] {
  return nodes.flatMap((n) => (n.children?.length ? [n, ...innerNodes(n.children)] : []));
}

function matchMatrix(format: FormatDefinition, def: MatrixTableDef, rows: SourceRow[], reader: CellReader, log: ImportLog): void {
  const where = tableWhere(format, def.id);
  const index = formatIndex(format.id);
  const header = new HeaderResolver(def, log, where);
  const leaves: RowLeaf[] = leavesOf<RowNode>(def.rows).map((l) => ({ id: l.id, node: l.node, path: l.path }));
  const inner = innerNodes(def.rows);
  let columns: string[] | null = null;
  let context: RowNode[] = [];
  let dataRows = 0;
  for (const row of rows) {
    const filled = nonEmpty(row);
    if (filled.length === 0) continue;
    if (columns === null && header.isHeaderRow(filled)) {
      header.feed(filled);
      continue;
    }
    if (columns !== null && header.isHeaderRow(filled)) continue; // header repeated after a page break
    columns ??= header.columns();
    const texts = row.map((c) => (c.covered ? '' : c.text));
    const n = columns.length;
    const labelCount = Math.max(0, texts.length - n);
    const labels = texts.slice(0, labelCount).filter((t) => t.trim() !== '');
    let values = texts.slice(labelCount);
    let rowId = '';
    if (def.labelColumns > 0) {
      if (labels.length === 0 && texts.length < n + 1 && texts[0] && !isValueText(texts[0])) {
        labels.push(texts[0]);
        values = texts.slice(1);
      }
      for (const l of labels) {
        const group = inner.find((g) => labelMatches(l, g.label));
        if (group) context = [...context.filter((c) => encloses(c, group)), group];
      }
      if (labels.length === 0) {
        log.warn(where, `有一行没有行标签（数值：${shorten(filled.join(' '))}），已忽略`);
        continue;
      }
      const hit = matchMatrixRow(leaves, labels, context);
      if (hit === null || hit === 'ambiguous') {
        const last = labels[labels.length - 1]!;
        if (inner.some((g) => labelMatches(last, g.label)) && values.every((v) => v.trim() === '')) continue; // a group label on its own row
        const what = hit === null ? '未能识别的行' : '无法确定归属的行';
        log.warn(where, `${what}“${shorten(last)}”，其数值未导入`);
        continue;
      }
      if (hit.loose) log.info(where, `行标签“${shorten(labels[labels.length - 1]!)}”按“${hit.leaf.node.label}”识别`);
      rowId = hit.leaf.id;
    } else if (++dataRows > 1) {
      log.warn(where, `表格中多出一行数值（${shorten(filled.join(' '))}），已忽略`);
      continue;
    }
    if (values.length < n)
      log.warn(where, `该行只有 ${values.length} 个数值单元格，应为 ${n} 个；缺少的按空值处理`);
    values.slice(0, n).forEach((text, j) => {
      if (columns![j] !== EXTRA_COLUMN) reader.read(index.cellById.get(joinId(def.id, rowId, columns![j]!))!, text);
    });
  }
}

// ---------------------------------------------------------------- all tables

export function matchTables(format: FormatDefinition, tables: Partial<Record<TableId, SourceRow[]>>, log: ImportLog): TableMatch {
  const reader = new CellReader(format, log);
  const index = formatIndex(format.id);
  for (const id of ['t2', 't3', 't4'] as const) {
    const def = format.tables[id];
    const rows = tables[id];
    const where = tableWhere(format, id);
    if (!rows?.length) {
      log.warn(where, '未找到该部分的统计表，表中数值均留空');
      continue;
    }
    if (def.kind === 'blocks') matchBlocks(format, def, rows, reader, log);
    else matchMatrix(format, def, rows, reader, log);
    reader.settleTotals(id);
    const missingRows = new Map<string, string>();
    for (const c of index.cells)
      if (c.table === id && !reader.matched.has(c.id) && !(c.id in reader.cells)) missingRows.set(c.row, c.rowLabels[c.rowLabels.length - 1] ?? '');
    for (const [rowId, label] of missingRows)
      log.warn(where, rowId ? `未找到行“${label}”（或其部分数值），缺少的单元格留空` : '未找到该表的数值行，表中数值均留空');
  }
  for (const c of index.cells) if (!(c.id in reader.cells)) reader.cells[c.id] = null;
  const unread: UnreadTable[] = [];
  for (const id of TABLE_IDS) {
    const found = !!tables[id]?.length;
    const u = unreadOf(format, id, reader, found);
    if (u) unread.push(u);
    summarize(format, id, reader, u, log);
  }
  return { cells: reader.cells, matched: reader.matched, unread };
}

const MAX_NAMED = 3;
const listed = (names: string[]) => (names.length > MAX_NAMED ? `${names.slice(0, MAX_NAMED).join('、')} 等 ${names.length} 行` : names.join('、'));

/** The cells of a table left unknown (not found, or not a value), with the reason in the user's words. */
function unreadOf(format: FormatDefinition, table: TableId, reader: CellReader, found: boolean): UnreadTable | null {
  const index = formatIndex(format.id);
  const cells = index.cells.filter((c) => c.table === table && reader.cells[c.id] === null && (!reader.matched.has(c.id) || reader.unreadable.has(c.id)));
  if (!cells.length) return null;
  if (!found) return { table, cells: cells.map((c) => c.id), reason: '原文中没有找到这张表（可能是图片，或版式无法识别）' };
  const missing = [...new Set(cells.filter((c) => !reader.matched.has(c.id)).map((c) => (table === 't4' ? c.name : c.rowLabels[c.rowLabels.length - 1] ?? c.name)))];
  const bad = cells.filter((c) => reader.unreadable.has(c.id)).length;
  const reasons = [
    ...(missing.length ? [`未找到${listed(missing)}${table === 't4' ? '' : '的数值'}`] : []),
    ...(bad ? [`${bad} 格的内容不是有效数值`] : []),
  ];
  return { table, cells: cells.map((c) => c.id), reason: reasons.join('；') };
}

/** One line per table: how many cells were read, blank in the source, or not read. */
function summarize(format: FormatDefinition, table: TableId, reader: CellReader, unread: UnreadTable | null, log: ImportLog): void {
  const ids = formatIndex(format.id).cells.filter((c) => c.table === table).map((c) => c.id);
  const notRead = unread?.cells.length ?? 0;
  const blank = ids.filter((id) => reader.matched.has(id) && reader.cells[id] === null && !reader.unreadable.has(id)).length;
  const read = ids.length - notRead - blank;
  const parts = [`${ids.length} 格中 ${read} 格已读取`, ...(blank ? [`${blank} 格原文空白`] : []), ...(notRead ? [`${notRead} 格未能读取`] : [])];
  log.info(TABLE_NAMES[table], parts.join('，'));
}
