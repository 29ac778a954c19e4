/** Conversions between stored reports and the shapes the API and the checks use, and the cached counts. */
import type { Output } from '../../shared/api';
import { runChecks, type PreviousReport, type UnitSums } from '../../shared/checks/index';
import type { Finding } from '../../shared/findings';
import { formatIndex } from '../../shared/format/index';
import type { Cells, ReportDoc } from '../../shared/report';
import { sumOfUnits } from '../aggregate/findings';
import type { Store, StoredReport } from '../storage/index';

/** The report as the checks see it: with the tables its import could not read (import.tableUnread). */
export function docOf(r: Pick<StoredReport, 'format' | 'year' | 'agency' | 'narrative' | 'cells' | 'acknowledged' | 'unread'>): ReportDoc {
  const doc: ReportDoc = { format: r.format, year: r.year, agency: r.agency, narrative: r.narrative, cells: r.cells, acknowledged: r.acknowledged };
  return r.unread?.length ? { ...doc, unread: r.unread } : doc;
}

/** Every cell of the format, null where nothing is stored. */
export function fullCells(r: Pick<StoredReport, 'format' | 'cells'>): Cells {
  const out: Cells = {};
  for (const c of formatIndex(r.format).cells) out[c.id] = r.cells[c.id] ?? null;
  return out;
}

/** Last year's live report of the same agency, if stored. */
export function previousOf(store: Store, r: Pick<StoredReport, 'agencyId' | 'year'>): StoredReport | null {
  const id = store.liveReportId(r.agencyId, r.year - 1);
  return id === undefined ? null : store.report(id);
}

export function previousForChecks(prev: StoredReport | null): PreviousReport | null {
  return prev ? { year: prev.year, format: prev.format, cells: prev.cells, narrative: prev.narrative } : null;
}

export function toDetail(store: Store, r: StoredReport, prev: StoredReport | null = previousOf(store, r)): Output<'reports.open'> {
  return {
    id: r.id,
    agencyId: r.agencyId,
    agency: r.agency,
    year: r.year,
    format: r.format,
    status: r.status,
    manualTotals: r.manualTotals,
    narrative: r.narrative,
    cells: fullCells(r),
    acknowledged: r.acknowledged,
    unread: r.unread ?? [],
    revision: r.revision,
    updatedAt: r.updatedAt,
    previous: prev ? { id: prev.id, year: prev.year, format: prev.format, narrative: prev.narrative, cells: fullCells(prev) } : null,
    unitSums: unitSumsOf(store, r),
  };
}

/** The sum of a 汇总 report's included units, or null for a report without units. */
export function unitSumsOf(store: Store, r: Pick<StoredReport, 'id' | 'format'>): UnitSums | null {
  const sum = sumOfUnits(store.db, r.id, r.format);
  return sum.units === 0 ? null : { units: sum.units, cells: sum.cells };
}

export function checkReport(store: Store, r: StoredReport, forExport = false, prev = previousOf(store, r)): Finding[] {
  return runChecks(docOf(r), { previous: previousForChecks(prev), forExport, unitSums: unitSumsOf(store, r) });
}

/** Recompute the cached counts the report list shows (errors, and warnings nobody has acknowledged). */
export function refreshCounts(store: Store, r: StoredReport, prev?: StoredReport | null): void {
  const findings = checkReport(store, r, false, prev === undefined ? previousOf(store, r) : prev);
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning' && !f.acknowledged).length;
  store.setCounts(r.id, errors, warnings);
}

/** Recount every report marked stale (after edits): before listing, and shortly after each save. */
export function refreshStaleCounts(store: Store): number {
  const ids = store.staleCountIds();
  if (ids.length > 0) store.transaction(() => ids.forEach((id) => refreshCounts(store, store.report(id))));
  return ids.length;
}

/** Next year's report compares itself with this one (carry-over, repetition): its counts follow our edits. */
export function refreshNextYear(store: Store, r: StoredReport): void {
  const id = store.liveReportId(r.agencyId, r.year + 1);
  if (id !== undefined) refreshCounts(store, store.report(id), r);
}
