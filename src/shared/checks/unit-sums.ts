/**
 * aggregate.mismatch: where a report that sums units (汇总) differs from the sum of its included units. The sums
 * come from storage (the services compute them, the editor gets them with the report); the comparison is part
 * of runChecks so that the editor, the report list and the export gate count the same warnings.
 */
import type { Finding } from '../findings';
import { formatIndex, type FormatId, type ValueKind } from '../format/index';
import type { Cells } from '../report';

/** The sum of a report's included units, cell by cell in the report's format. */
export interface UnitSums {
  /** Number of units summed; 0 means the report is not a 汇总. */
  units: number;
  cells: Cells;
}

/** Amounts are summed in integer minor units so that 0.1 + 0.2 万元 prints as 0.3. */
export const MINOR_UNITS: Readonly<Record<ValueKind, number>> = { count: 1, signedCount: 1, amountWanYuan: 1e6, amountYuan: 1e2 };

/** One warning per cell where the report differs from the sum. Blank and 0 are the same here (both print as 0). */
export function mismatchFindings(format: FormatId, parentCells: Cells, sum: UnitSums): Finding[] {
  if (sum.units === 0) return [];
  const index = formatIndex(format);
  const findings: Finding[] = [];
  for (const cell of index.cells) {
    const expected = sum.cells[cell.id] ?? 0;
    const actual = parentCells[cell.id] ?? 0;
    const diff = Math.round((actual - expected) * MINOR_UNITS[cell.kind]) / MINOR_UNITS[cell.kind];
    if (diff === 0) continue;
    findings.push({
      rule: 'aggregate.mismatch',
      severity: 'warning',
      cells: [cell.id],
      message: `${cell.name}：本报告填写 ${actual}，${sum.units} 个下属单位合计 ${expected}，${diff > 0 ? '多' : '少'} ${Math.abs(diff)}。`,
      expected,
      actual,
    });
  }
  return findings;
}
