/**
 * The checks of checks.md over one report: arithmetic the format imposes (errors), what reviewers catch
 * (warnings), group sums narratives quote (info). Pure and synchronous; per-format facts and per-text
 * extraction are cached so that the editor can run it on every keystroke.
 */
import { SECTIONS } from '../format/common';
import type { NarrativeKey, TableId } from '../format/index';
import type { Finding, Severity } from '../findings';
import type { ReportDoc } from '../report';
import { applyAcknowledgements } from './acknowledgements';
import { arithmeticChecks } from './arithmetic';
import { cellChecks, missingChecks } from './cells';
import { makeContext } from './context';
import { repetitionCheck } from './repetition';
import { t2Checks } from './t2';
import { documentChecks } from './textFormat';
import { textNumberChecks } from './textNumbers';
import { mismatchFindings } from './unit-sums';
import { unreadChecks } from './unread';
import type { CheckOptions, PreviousReport } from './types';
import { TABLE_NAMES } from '../format/index';
import { xyearChecks } from './xyear';

export type { CheckOptions, InvalidEntry, PreviousReport, RuleId } from './types';
export { RULES, RULE_IDS, RULE_NAMES, ruleName } from './types';
export { repetitionByPart, repetitionShares, REPETITION_THRESHOLD, type PartRepetition } from './repetition';
export { parseChineseNumber } from './numerals';
export { acknowledges, acknowledgementKey } from './acknowledgements';
export type { UnitSums } from './unit-sums';

const SEVERITY_ORDER: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

/**
 * The one producer of findings: the editor (on every keystroke), the report list's counts, the export gate,
 * 汇总 and the CLI all call this, so one report has one count everywhere.
 */
export function runChecks(doc: ReportDoc, options: CheckOptions = {}): Finding[] {
  const findings: Finding[] = [];
  const ctx = makeContext(doc, options, findings);
  unreadChecks(ctx);
  arithmeticChecks(ctx);
  cellChecks(ctx);
  t2Checks(ctx);
  xyearChecks(ctx);
  textNumberChecks(ctx);
  documentChecks(ctx);
  repetitionCheck(ctx);
  if (options.unitSums) findings.push(...mismatchFindings(doc.format, doc.cells, options.unitSums));
  // stable: errors, then warnings, then info, each in the order of the document
  return applyAcknowledgements(findings, doc.acknowledged)
    .map((f, i) => [f, i] as const)
    .sort((a, b) => SEVERITY_ORDER[a[0].severity] - SEVERITY_ORDER[b[0].severity] || a[1] - b[1])
    .map(([f]) => f);
}

/**
 * A report as it would be published: every blank cell is an error (cell.missing). The one check path of a
 * published file — `gov-report check`, the import dialog (dry run) and the editor's 检查 list this.
 */
export function checkAsPublished(doc: ReportDoc, previous: PreviousReport | null = null): Finding[] {
  return runChecks(doc, { previous, forExport: true });
}

/**
 * Only the blanks a published report may not have (cell.missing, as checkAsPublished finds them): what the
 * editor's 检查 lists beside its live findings, without running every rule twice per keystroke.
 */
export function blankFindings(doc: ReportDoc, options: CheckOptions = {}): Finding[] {
  const findings: Finding[] = [];
  missingChecks(makeContext(doc, { ...options, forExport: true }, findings));
  return findings;
}

/**
 * cell.missing folded into one finding per table ("表三：134 格尚未填写"), cells all listed; a blank 总计 that
 * says the value it should hold stays on its own. Other findings pass through in order.
 */
export function foldBlanks(findings: readonly Finding[]): Finding[] {
  // the folded line stands where the table's first blank stood: errors stay before warnings
  const byTable = new Map<TableId, Finding>();
  const out: Finding[] = [];
  for (const f of findings) {
    const table = f.cells[0]?.split('.')[0] as TableId | undefined;
    if (f.rule !== 'cell.missing' || f.expected !== undefined || !table || !(table in TABLE_NAMES)) {
      out.push(f);
      continue;
    }
    const folded = byTable.get(table);
    if (folded) folded.cells.push(...f.cells);
    else {
      const line: Finding = { rule: 'cell.missing', severity: f.severity, cells: [...f.cells], message: '' };
      byTable.set(table, line);
      out.push(line);
    }
  }
  for (const [table, line] of byTable) line.message = `${TABLE_NAMES[table]}：${line.cells.length} 格尚未填写；导出的表格须填写数字，没有的填 0`;
  return out;
}

export interface SeverityCounts {
  error: number;
  /** Warnings not yet acknowledged. */
  warning: number;
  info: number;
  /** Warnings acknowledged with a reason. */
  acknowledged: number;
}

export function countBySeverity(findings: readonly Finding[]): SeverityCounts {
  const counts: SeverityCounts = { error: 0, warning: 0, info: 0, acknowledged: 0 };
  for (const f of findings) {
    if (f.severity === 'warning' && f.acknowledged) counts.acknowledged++;
    else counts[f.severity]++;
  }
  return counts;
}

/** Where a finding belongs in the editor's navigation: a part, or the report as a whole. */
export type FindingPlace = NarrativeKey | 'report';

const PART_OF_TABLE = new Map<string, NarrativeKey>(SECTIONS.filter((s) => s.table).map((s) => [s.table as TableId, s.id]));

/** A text finding belongs to its section; a table finding to the part that prints the table. */
export function placeOf(finding: Finding): FindingPlace {
  if (finding.section) return finding.section as NarrativeKey;
  return PART_OF_TABLE.get(finding.cells[0]?.split('.')[0] ?? '') ?? 'report';
}

/** Findings per part (tables by their part, text by its section) for the navigation counts. */
export function findingsByPart(findings: readonly Finding[]): Record<FindingPlace, Finding[]> {
  const out: Record<FindingPlace, Finding[]> = { report: [], preamble: [], s1: [], s2: [], s3: [], s4: [], s5: [], s6: [] };
  for (const f of findings) out[placeOf(f)].push(f);
  return out;
}
