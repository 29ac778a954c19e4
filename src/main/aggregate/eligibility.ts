/**
 * Whether a unit may be summed by default — one decision for the 汇总 page and `gov-report aggregate`. 汇总
 * fails safe: a unit whose tables were not fully read, with error-level findings, of another year or format,
 * or identical in content to another unit (same cells under another name: the same report sent twice) is
 * left out, with the reason in words. Including it anyway takes the user's explicit choice.
 */
import { formatIndex, formatShortName, type FormatId, type TableId } from '../../shared/format/index';
import type { ReportDoc } from '../../shared/report';
import type { UnitAssessment } from './units';

export type ExclusionKind = 'year' | 'format' | 'unread' | 'errors' | 'duplicate';

export interface Eligibility {
  /** Why the unit is left out by default; null: summed by default. */
  reason: string | null;
  kind: ExclusionKind | null;
}

export interface Candidate {
  /** How the user knows the unit: its file name. */
  fileName: string;
  doc: ReportDoc;
  assessment: Pick<UnitAssessment, 'errors' | 'findings'>;
}

const TABLE_NAMES: Readonly<Record<TableId, string>> = { t2: '表二', t3: '表三', t4: '表四' };

/** Cells a report must print, per table: every cell but the 总计 that can be computed from its parts. */
function cellsToRead(format: FormatId): Map<TableId, string[]> {
  const index = formatIndex(format);
  const out = new Map<TableId, string[]>();
  for (const c of index.cells) {
    if (index.totalCells.has(c.id)) continue;
    const list = out.get(c.table) ?? [];
    list.push(c.id);
    out.set(c.table, list);
  }
  return out;
}

/** "表三 0/200 格已读取" for each table with blank cells: a published report prints every cell, 0 included. */
export function unreadTables(doc: ReportDoc): string[] {
  const out: string[] = [];
  for (const [table, ids] of cellsToRead(doc.format)) {
    const read = ids.filter((id) => typeof doc.cells[id] === 'number').length;
    if (read < ids.length) out.push(`${TABLE_NAMES[table]}只读到 ${read}/${ids.length} 格`);
  }
  return out;
}

/** The cells as one string, whatever the order of the keys: two units with the same content give the same. */
function contentKey(doc: ReportDoc): string {
  return `${doc.format}|${formatIndex(doc.format)
    .cells.map((c) => doc.cells[c.id] ?? '')
    .join(',')}`;
}

/**
 * The default for each unit, in the order given: of two identical units the later one is left out as the
 * duplicate of the earlier.
 */
export function eligibility(units: readonly Candidate[], parent: { year: number; format: FormatId }): Eligibility[] {
  const seen = new Map<string, Candidate>();
  return units.map((u) => {
    const { doc } = u;
    const key = contentKey(doc);
    const first = seen.get(key);
    if (!first) seen.set(key, u);
    if (doc.year !== parent.year) return { kind: 'year', reason: `${doc.year} 年度的报告，汇总的是 ${parent.year} 年度` };
    if (doc.format !== parent.format)
      return { kind: 'format', reason: `使用${formatShortName(doc.format)}，汇总报告使用${formatShortName(parent.format)}；部分数据无法对应` };
    const unread = unreadTables(doc);
    const tableUnread = u.assessment.findings.filter((f) => f.rule === 'import.tableUnread').map((f) => f.message);
    if (unread.length || tableUnread.length) return { kind: 'unread', reason: `表格未完整读取：${[...unread, ...tableUnread].join('；')}` };
    if (u.assessment.errors > 0) return { kind: 'errors', reason: `有 ${u.assessment.errors} 处错误` };
    if (first) return { kind: 'duplicate', reason: `与“${first.doc.agency.name}”（${first.fileName}）的表格数字完全相同，疑为同一份报告` };
    return { kind: null, reason: null };
  });
}

/** Summed or not: the user's explicit choice, else the default. */
export function includedBy(e: Eligibility, choice: boolean | null | undefined): boolean {
  return choice ?? e.reason === null;
}
