/**
 * 汇总 as pure functions, without storage: the sum of the units' cells, where each summed cell comes
 * from (trace), and how a stored parent report differs from the sum (aggregate.mismatch).
 */
import { mapCellsForSum } from '../../shared/carryover';
import { formatIndex, type FormatId } from '../../shared/format/index';
import type { Cells } from '../../shared/report';
import { MINOR_UNITS } from '../../shared/checks/unit-sums';

export { mismatchFindings } from '../../shared/checks/unit-sums';

/** A unit's report as far as summing goes. */
export interface SumUnit {
  id: number;
  name: string;
  format: FormatId;
  cells: Cells;
}

export interface Contribution {
  unitId: number;
  name: string;
  value: number;
}

export interface Aggregation {
  format: FormatId;
  /** Every cell of the target format: the sum over the units, null only where every unit is null. */
  cells: Cells;
  /** Number of units summed. */
  units: number;
  /** Per unit, its non-zero cells that have no counterpart in the target format (not summed). */
  dropped: { unitId: number; name: string; cells: string[] }[];
}


/** A unit's cells in the target format (the 2019 → 2021 mapping when the formats differ). */
export function unitCellsIn(unit: SumUnit, format: FormatId): { cells: Cells; dropped: string[] } {
  return unit.format === format ? { cells: unit.cells, dropped: [] } : mapCellsForSum(unit, format);
}

export function aggregate(units: readonly SumUnit[], format: FormatId): Aggregation {
  const index = formatIndex(format);
  const ids = index.cells.map((c) => c.id);
  const scale = index.cells.map((c) => MINOR_UNITS[c.kind]);
  const totals = new Float64Array(ids.length);
  const seen = new Uint8Array(ids.length);
  const dropped: Aggregation['dropped'] = [];
  for (const unit of units) {
    const mapped = unitCellsIn(unit, format);
    if (mapped.dropped.length) dropped.push({ unitId: unit.id, name: unit.name, cells: mapped.dropped });
    for (let i = 0; i < ids.length; i++) {
      const v = mapped.cells[ids[i]!];
      if (typeof v !== 'number') continue;
      totals[i]! += Math.round(v * scale[i]!);
      seen[i] = 1;
    }
  }
  const cells: Cells = {};
  ids.forEach((id, i) => (cells[id] = seen[i] ? totals[i]! / scale[i]! : null));
  return { format, cells, units: units.length, dropped };
}

/** Which units make up one summed cell, and with how much (units that left the cell blank are omitted). */
export function trace(units: readonly SumUnit[], format: FormatId, cellId: string): Contribution[] {
  const out: Contribution[] = [];
  for (const unit of units) {
    const v = unitCellsIn(unit, format).cells[cellId];
    if (typeof v === 'number') out.push({ unitId: unit.id, name: unit.name, value: v });
  }
  return out;
}
