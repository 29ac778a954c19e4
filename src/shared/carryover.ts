/**
 * Year to year: what a report on year N takes from the report on N−1 (上年结转 from 结转下年度), and how a
 * 2019-format report maps onto the 2021 format (format-2019.md, "Mapping 2019 → 2021").
 */
import { formatIndex, joinId, type FormatId } from './format/index';
import type { Cells } from './report';
import { sumOfParts } from './totals';

export interface YearReport {
  format: FormatId;
  cells: Cells;
}

/** `t3.carriedIn.*` of the new report, from `t3.carriedOut.*` of last year's (same column ids in both formats). */
export function carriedInFrom(previous: YearReport, format: FormatId): Cells {
  const out: Cells = {};
  for (const col of formatIndex(format).columnIds.t3) {
    out[joinId('t3', 'carriedIn', col)] = previous.cells[joinId('t3', 'carriedOut', col)] ?? null;
  }
  return out;
}

/**
 * A report's cells expressed in another format, for comparison: ids present in both carry over; the
 * 2019 single （六）其他处理 row equals the sum of the 2021 block （六） and the reverse. Cells with no
 * counterpart are absent.
 */
export function mapCells(from: YearReport, to: FormatId): Cells {
  if (from.format === to) return { ...from.cells };
  const target = formatIndex(to);
  const out: Cells = {};
  for (const c of target.cells) if (c.id in from.cells) out[c.id] = from.cells[c.id] ?? null;
  const src = formatIndex(from.format);
  const other = (ix: typeof src) => ix.t3Groups.find((g) => g.id === 'other')!;
  for (const col of target.columnIds.t3) {
    const fromRows = other(src).rows.map((r) => joinId('t3', r, col));
    const toRows = other(target).rows.map((r) => joinId('t3', r, col));
    if (toRows.length === 1) out[toRows[0]!] = sumOfParts(from.cells, fromRows);
  }
  return out;
}

/** The T3 rows of block （六） in a format (one row in 2019, three in 2021). */
const otherRows = (format: FormatId) => formatIndex(format).t3Groups.find((g) => g.id === 'other')!.rows;

/**
 * A report's cells summed into a report of another format (汇总 of units that still use the 2019 format, or
 * the reverse). Like `mapCells`, except that nothing countable is lost: the 2019 single （六）其他处理 row
 * has no one 2021 counterpart, so it goes to 2021 （六）3.其他 — the row for "other handling" — which keeps
 * the 2021 column and result totals equal to the 2019 ones. Non-zero cells with no counterpart are listed
 * in `dropped` (e.g. 2019 T2 rows the 2021 format no longer has).
 */
export function mapCellsForSum(from: YearReport, to: FormatId): { cells: Cells; dropped: string[] } {
  const cells = mapCells(from, to);
  const target = formatIndex(to);
  const consumed = new Set<string>(Object.keys(cells));
  if (from.format !== to) {
    const fromRows = otherRows(from.format);
    const toRows = otherRows(to);
    for (const col of target.columnIds.t3) {
      for (const r of fromRows) consumed.add(joinId('t3', r, col));
      if (fromRows.length === 1 && toRows.length > 1)
        cells[joinId('t3', toRows[toRows.length - 1]!, col)] = from.cells[joinId('t3', fromRows[0]!, col)] ?? null;
    }
  }
  const dropped = Object.entries(from.cells)
    .filter(([id, v]) => typeof v === 'number' && v !== 0 && !consumed.has(id))
    .map(([id]) => id);
  return { cells, dropped };
}
