/**
 * aggregate.mismatch for the checks of a stored report: where a report that has units differs from the
 * sum of its included units. Imports nothing from the services, so the services' checks can call it.
 */
import type Database from 'better-sqlite3';
import type { Finding } from '../../shared/findings';
import { formatIndex, type FormatId } from '../../shared/format/index';
import type { Cells } from '../../shared/report';
import { AggregateStore } from './store';
import { aggregate, mismatchFindings, type Aggregation } from './sum';

/** The sums over a parent's included units. */
export function sumOfUnits(db: Database.Database, parentId: number, format: FormatId): Aggregation {
  const included = AggregateStore.for(db)
    .units(parentId)
    .filter((u) => u.included)
    .map((u) => ({ id: u.id, name: u.name, format: u.doc.format, cells: u.doc.cells }));
  return aggregate(included, format);
}

/** Empty for a report without units, so it can run for every report. */
export function aggregateFindings(db: Database.Database, report: { id: number; format: FormatId; cells: Cells }): Finding[] {
  const sum = sumOfUnits(db, report.id, report.format);
  if (sum.units === 0) return [];
  const full: Cells = {};
  for (const c of formatIndex(report.format).cells) full[c.id] = report.cells[c.id] ?? null;
  return mismatchFindings(report.format, full, sum);
}
