/**
 * Computed 总计 cells. By default a report's totals are derived from their parts (the format's sum
 * constraints); a report can switch to totals typed by hand, and then the checks compare instead.
 */
import { formatIndex, type FormatId } from './format/index';
import type { Cells } from './report';

/**
 * Sum of the parts that are filled in; null when none is. Blank parts are reported by `cell.missing`
 * at export, so a partly filled row still shows the running total while drafting.
 */
export function sumOfParts(cells: Cells, parts: readonly string[]): number | null {
  let sum = 0;
  let any = false;
  for (const p of parts) {
    const v = cells[p];
    if (typeof v === 'number') {
      sum += v;
      any = true;
    }
  }
  return any ? sum : null;
}

/**
 * The cells with every 总计 computed. Row totals are computed before column totals, so the corner
 * (resultTotal.total) is the sum of the computed row totals — equal to the sum of the column totals.
 */
export function applyComputedTotals(format: FormatId, cells: Cells): Cells {
  const out: Cells = { ...cells };
  const { sums } = formatIndex(format);
  for (const axis of ['row', 'column'] as const)
    for (const s of sums) if (s.axis === axis) out[s.total] = sumOfParts(out, s.parts);
  return out;
}

/** Only the cells whose computed value differs from `cells` (what a save must write). */
export function computedTotalChanges(format: FormatId, cells: Cells): { cell: string; value: number | null }[] {
  const next = applyComputedTotals(format, cells);
  return formatIndex(format)
    .cells.filter((c) => (cells[c.id] ?? null) !== (next[c.id] ?? null))
    .map((c) => ({ cell: c.id, value: next[c.id] ?? null }));
}
