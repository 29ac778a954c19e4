/** The options of a check run and the identity of every rule (checks.md: ids are public, never rename one). */
import type { FormatId } from '../format/index';
import type { Severity } from '../findings';
import type { Cells, Narrative } from '../report';
import type { UnitSums } from './unit-sums';

export interface PreviousReport {
  year: number;
  format: FormatId;
  cells: Cells;
  narrative: Narrative;
}

/** Text the user left in a cell that is not a value ("12a"): never stored, an error until corrected or undone. */
export interface InvalidEntry {
  cell: string;
  text: string;
  /** Why it is not a value, as the editor said it. */
  error: string;
}

export interface CheckOptions {
  /** Last year's report of the same agency, when known: enables xyear.* and text.repetition. */
  previous?: PreviousReport | null;
  /** Checking before export: blank cells become `cell.missing` errors. */
  forExport?: boolean;
  /** For a 汇总 report: the sum of its included units, compared cell by cell (aggregate.mismatch). */
  unitSums?: UnitSums | null;
  /** Entries of the open editor that are not values (`cell.invalid`). */
  invalid?: readonly InvalidEntry[];
}

export const RULES = {
  't3.balance': 'error',
  't3.rowTotal': 'error',
  't3.resultTotal': 'error',
  't4.total': 'error',
  'cell.type': 'error',
  'cell.missing': 'error',
  'cell.invalid': 'error',
  'import.tableUnread': 'error',
  'xyear.carryOver': 'warning',
  'xyear.inForce': 'warning',
  't2.regulationPower': 'warning',
  't2.feeUnit': 'warning',
  'text.period': 'warning',
  'text.numbers': 'warning',
  'text.reviewClaims': 'warning',
  'format.version': 'warning',
  'format.sections': 'warning',
  'text.repetition': 'warning',
  't3.groupTotals': 'info',
} as const satisfies Record<string, Severity>;

export type RuleId = keyof typeof RULES;
export const RULE_IDS = Object.keys(RULES) as RuleId[];

/** What each rule is about, in the user's words (history entries and messages never show the ids). */
export const RULE_NAMES: Record<RuleId, string> = {
  't3.balance': '表三勾稽关系',
  't3.rowTotal': '表三各行总计',
  't3.resultTotal': '表三办理结果总计',
  't4.total': '表四总计',
  'cell.type': '单元格数值无效',
  'cell.missing': '单元格尚未填写',
  'cell.invalid': '单元格输入无效',
  'import.tableUnread': '表格未能读取',
  'xyear.carryOver': '上年结转与上年报告不衔接',
  'xyear.inForce': '现行有效件数与上年不衔接',
  't2.regulationPower': '本机关不能制定规章',
  't2.feeUnit': '收费金额单位疑似有误',
  'text.period': '统计期限年份',
  'text.numbers': '正文数字与表格不符',
  'text.reviewClaims': '正文称均获维持与表四不符',
  'format.version': '格式依据或文号',
  'format.sections': '报告部分缺失',
  'text.repetition': '正文与上年重复',
  't3.groupTotals': '表三分组合计',
};

/** A rule's name for the user; an id this version does not know is quoted as it is. */
/** Rules of 汇总 (not in checks.md's table: they come from the units, not from the report itself). */
const AGGREGATE_RULE_NAMES: Record<string, string> = {
  'aggregate.mismatch': '与下属单位合计不符',
  'aggregate.year': '下属单位报告年度不同',
  'aggregate.unmapped': '下属单位数据未计入汇总',
};

export function ruleName(rule: string): string {
  return (RULE_NAMES as Record<string, string>)[rule] ?? AGGREGATE_RULE_NAMES[rule] ?? rule;
}
