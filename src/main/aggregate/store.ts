/**
 * Stored units of a 汇总 parent report, in the table `aggregate_units` of the app's database. The table is
 * created here (IF NOT EXISTS) rather than as a step of the storage migrations so that 汇总 stays one
 * module; it references reports(id), so a purged parent takes its units with it.
 */
import type Database from 'better-sqlite3';
import type { AggregateUnit } from '../../shared/api';
import { AppError } from '../../shared/errors';
import type { Finding } from '../../shared/findings';
import { ExchangeFile, toExchange, type ReportDoc } from '../../shared/report';
import { isIncluded, unitKey, type UnitAssessment, type UnitSource } from './units';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS aggregate_units (
    id INTEGER PRIMARY KEY,
    parent_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    unit_key TEXT NOT NULL,
    name TEXT NOT NULL,
    year INTEGER NOT NULL,
    format TEXT NOT NULL,
    file_name TEXT NOT NULL,
    source TEXT NOT NULL,
    doc TEXT NOT NULL, -- the unit's report as an exchange file (JSON)
    status TEXT NOT NULL,
    errors INTEGER NOT NULL,
    warnings INTEGER NOT NULL,
    findings TEXT NOT NULL, -- JSON array of findings
    include_override INTEGER, -- NULL: the default (included unless it has errors)
    imported_at TEXT NOT NULL,
    UNIQUE (parent_id, unit_key)
  );
`;

interface UnitRow {
  id: number;
  parentId: number;
  name: string;
  year: number;
  format: AggregateUnit['format'];
  fileName: string;
  source: UnitSource;
  status: AggregateUnit['status'];
  errors: number;
  warnings: number;
  findings: string;
  includeOverride: number | null;
  importedAt: string;
}

const COLUMNS = `id, parent_id AS parentId, name, year, format, file_name AS fileName, source, status, errors, warnings,
  findings, include_override AS includeOverride, imported_at AS importedAt`;

function toUnit(r: UnitRow): AggregateUnit & { parentId: number } {
  const override = r.includeOverride === null ? null : r.includeOverride === 1;
  return {
    id: r.id,
    parentId: r.parentId,
    name: r.name,
    year: r.year,
    format: r.format,
    fileName: r.fileName,
    source: r.source,
    status: r.status,
    errors: r.errors,
    warnings: r.warnings,
    included: isIncluded(r.status, override),
    includeOverride: override,
    findings: JSON.parse(r.findings) as Finding[],
    importedAt: r.importedAt,
  };
}

export interface StoredUnitDoc {
  id: number;
  name: string;
  included: boolean;
  doc: ReportDoc;
}

export interface NewUnit {
  parentId: number;
  doc: ReportDoc;
  fileName: string;
  source: UnitSource;
  assessment: UnitAssessment;
}

const stores = new WeakMap<Database.Database, AggregateStore>();

export class AggregateStore {
  private readonly stmts;
  /** Parsed units per parent: the checks may ask on every keystroke; only this class writes the table. */
  private readonly cache = new Map<number, StoredUnitDoc[]>();

  /** One store per connection (restoring a backup opens a new connection, and gets a new store). */
  static for(db: Database.Database): AggregateStore {
    let store = stores.get(db);
    if (!store) {
      store = new AggregateStore(db);
      stores.set(db, store);
    }
    return store;
  }

  private constructor(private readonly db: Database.Database) {
    db.exec(SCHEMA);
    const p = (sql: string) => db.prepare(sql);
    this.stmts = {
      list: p(`SELECT ${COLUMNS} FROM aggregate_units WHERE parent_id = ? ORDER BY name, year`),
      one: p(`SELECT ${COLUMNS} FROM aggregate_units WHERE id = ?`),
      docs: p('SELECT id, name, doc, status, include_override AS includeOverride FROM aggregate_units WHERE parent_id = ? ORDER BY name, year'),
      byKey: p('SELECT id FROM aggregate_units WHERE parent_id = ? AND unit_key = ?'),
      upsert: p(`INSERT INTO aggregate_units (parent_id, unit_key, name, year, format, file_name, source, doc, status, errors, warnings,
          findings, include_override, imported_at)
        VALUES (@parentId, @unitKey, @name, @year, @format, @fileName, @source, @doc, @status, @errors, @warnings, @findings, NULL, @importedAt)
        ON CONFLICT (parent_id, unit_key) DO UPDATE SET name = excluded.name, format = excluded.format, file_name = excluded.file_name,
          source = excluded.source, doc = excluded.doc, status = excluded.status, errors = excluded.errors, warnings = excluded.warnings,
          findings = excluded.findings, include_override = NULL, imported_at = excluded.imported_at
        RETURNING id`),
      setOverride: p('UPDATE aggregate_units SET include_override = ? WHERE id = ?'),
      remove: p('DELETE FROM aggregate_units WHERE id = ?'),
    };
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  list(parentId: number): AggregateUnit[] {
    return (this.stmts.list.all(parentId) as UnitRow[]).map(toUnit).map(({ parentId: _p, ...u }) => u);
  }

  unit(id: number): AggregateUnit & { parentId: number } {
    const row = this.stmts.one.get(id) as UnitRow | undefined;
    if (!row) throw new AppError('not_found', `没有找到编号为 ${id} 的下属单位报告，可能已被移除。`);
    return toUnit(row);
  }

  /** Add a unit, or replace the stored unit of the same agency and year (the user's include choice is reset). */
  put(u: NewUnit, now: string): { id: number; replaced: boolean } {
    this.cache.delete(u.parentId);
    const key = unitKey(u.doc.agency.name, u.doc.year);
    const replaced = this.stmts.byKey.get(u.parentId, key) !== undefined;
    const { id } = this.stmts.upsert.get({
      parentId: u.parentId,
      unitKey: key,
      name: u.doc.agency.name,
      year: u.doc.year,
      format: u.doc.format,
      fileName: u.fileName,
      source: u.source,
      doc: JSON.stringify(toExchange(u.doc)),
      status: u.assessment.status,
      errors: u.assessment.errors,
      warnings: u.assessment.warnings,
      findings: JSON.stringify(u.assessment.findings),
      importedAt: now,
    }) as { id: number };
    return { id, replaced };
  }

  setIncluded(id: number, included: boolean | null): void {
    this.cache.delete(this.unit(id).parentId);
    this.stmts.setOverride.run(included === null ? null : included ? 1 : 0, id);
  }

  remove(id: number): void {
    this.cache.delete(this.unit(id).parentId);
    this.stmts.remove.run(id);
  }

  /** The parent's units with their reports, for summing and tracing. */
  units(parentId: number): StoredUnitDoc[] {
    const cached = this.cache.get(parentId);
    if (cached) return cached;
    const rows = this.stmts.docs.all(parentId) as { id: number; name: string; doc: string; status: AggregateUnit['status']; includeOverride: number | null }[];
    const units = rows.map((r) => ({
      id: r.id,
      name: r.name,
      included: isIncluded(r.status, r.includeOverride === null ? null : r.includeOverride === 1),
      // stored by this module after validation; parsing again guards against a hand-edited database
      doc: ExchangeFile.parse(JSON.parse(r.doc)),
    }));
    this.cache.set(parentId, units);
    return units;
  }
}
