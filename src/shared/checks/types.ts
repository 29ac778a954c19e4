/** The options of a check run and the identity of every rule (checks.md: ids are public, never rename one). */
import type { FormatId } from '../format/index';
import type { Severity } from '../findings';
import type { Cells, Narrative } from '../report';

export interface PreviousReport {
  year: number;
  format: FormatId;
  cells: Cells;
  narrative: Narrative;
}

export interface CheckOptions {
  /** Last year's report of the same agency, when known: enables xyear.* and text.repetition. */
  previous?: PreviousReport | null;
  /** Checking before export: blank cells become `cell.missing` errors. */
  forExport?: boolean;
}

export const RULES = {
  't3.balance': 'error',
  't3.rowTotal': 'error',
  't3.resultTotal': 'error',
  't4.total': 'error',
  'cell.type': 'error',
  'cell.missing': 'error',
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
