/** Which report year a person most likely means, and the deadlines ahead. */
import { deadlineOf, type AgencyLevel } from '../../shared/agency-levels';

/** From October on, staff prepare this year's report; before, last year's is the one due. */
export function likelyReportYear(today = new Date()): number {
  return today.getMonth() >= 9 ? today.getFullYear() : today.getFullYear() - 1;
}

/** Years offered in pickers: 2019 (the first with a mandated format) up to next year. */
export function selectableYears(today = new Date()): number[] {
  const out: number[] = [];
  for (let y = today.getFullYear() + 1; y >= 2019; y--) out.push(y);
  return out;
}

/** The next publication deadline for an agency: the report year and the date. */
export function nextDeadline(level: AgencyLevel, today = new Date()): { year: number; date: Date } {
  for (let year = today.getFullYear() - 1; ; year++) {
    const d = deadlineOf(level, year);
    const date = new Date(d.year, d.month - 1, d.day, 23, 59, 59);
    if (date >= today) return { year, date };
  }
}
