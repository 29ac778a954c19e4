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
import { eligibility, includedBy } from './eligibility';
import { unitKey, type UnitAssessment, type UnitSource } from './units';

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
    include_override INTEGER, -- NULL: the default (eligibility.ts)
    imported_at TEXT NOT NULL,
    replaced_file TEXT, -- the file of the same agency and year that this one replaced
    include_note TEXT, -- why the user included a unit left out by default
    include_at TEXT,
    UNIQUE (parent_id, unit_key)
  );
`;

/** Columns added after the table first shipped: databases made before get them on open. */
const ADDED_COLUMNS = ['replaced_file TEXT', 'include_note TEXT', 'include_at TEXT'];

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
  replacedFile: string | null;
  includeNote: string | null;
  includeAt: string | null;
  doc: string;
}

const COLUMNS = `id, parent_id AS parentId, name, year, format, file_name AS fileName, source, status, errors, warnings,
  findings, include_override AS includeOverride, imported_at AS importedAt, replaced_file AS replacedFile,
  include_note AS includeNote, include_at AS includeAt, doc`;

type Unit = AggregateUnit & { parentId: number; doc: ReportDoc };

function toUnit(r: UnitRow, reason: string | null, doc: ReportDoc): Unit {
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
    included: includedBy({ reason, kind: null }, override),
    includeOverride: override,
    reason,
    replacedFile: r.replacedFile,
    includeNote: r.includeNote,
    includeAt: r.includeAt,
    findings: JSON.parse(r.findings) as Finding[],
    importedAt: r.importedAt,
    doc,
  };
}

export interface StoredUnitDoc {
  id: number;
  name: string;
  included: boolean;
  doc: ReportDoc;
  /** Why the user included a unit left out by default. */
  includeNote: string | null;
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
  /** Parsed and evaluated units per parent: the checks may ask on every keystroke; only this class writes the table. */
  private readonly cache = new Map<number, Unit[]>();

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
    const have = new Set((db.prepare('PRAGMA table_info(aggregate_units)').all() as { name: string }[]).map((c) => c.name));
    for (const column of ADDED_COLUMNS) if (!have.has(column.split(' ')[0]!)) db.exec(`ALTER TABLE aggregate_units ADD COLUMN ${column}`);
    const p = (sql: string) => db.prepare(sql);
    this.stmts = {
      // in the order they were added: of two identical units the later one is the duplicate
      list: p(`SELECT ${COLUMNS} FROM aggregate_units WHERE parent_id = ? ORDER BY id`),
      parentOf: p('SELECT parent_id AS parentId FROM aggregate_units WHERE id = ?'),
      parent: p('SELECT year, format FROM reports WHERE id = ?'),
      byKey: p('SELECT id, file_name AS fileName FROM aggregate_units WHERE parent_id = ? AND unit_key = ?'),
      upsert: p(`INSERT INTO aggregate_units (parent_id, unit_key, name, year, format, file_name, source, doc, status, errors, warnings,
          findings, include_override, imported_at, replaced_file)
        VALUES (@parentId, @unitKey, @name, @year, @format, @fileName, @source, @doc, @status, @errors, @warnings, @findings, NULL, @importedAt, NULL)
        ON CONFLICT (parent_id, unit_key) DO UPDATE SET name = excluded.name, format = excluded.format, file_name = excluded.file_name,
          source = excluded.source, doc = excluded.doc, status = excluded.status, errors = excluded.errors, warnings = excluded.warnings,
          findings = excluded.findings, include_override = NULL, include_note = NULL, include_at = NULL, imported_at = excluded.imported_at,
          replaced_file = @replacedFile
        RETURNING id`),
      setOverride: p('UPDATE aggregate_units SET include_override = ?, include_note = ?, include_at = ? WHERE id = ?'),
      remove: p('DELETE FROM aggregate_units WHERE id = ?'),
    };
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  /** The parent's units, each with the default the eligibility rules give it (in the order added). */
  private evaluate(parentId: number): Unit[] {
    const cached = this.cache.get(parentId);
    if (cached) return cached;
    // stored by this module after validation; parsing again guards against a hand-edited database
    const rows = this.stmts.list.all(parentId) as UnitRow[];
    const parent = this.stmts.parent.get(parentId) as { year: number; format: ReportDoc['format'] } | undefined;
    const docs = rows.map((r) => ExchangeFile.parse(JSON.parse(r.doc)));
    const defaults = parent
      ? eligibility(
          rows.map((r, i) => ({ fileName: r.fileName, doc: docs[i]!, assessment: { errors: r.errors, findings: JSON.parse(r.findings) as Finding[] } })),
          parent,
        )
      : rows.map(() => ({ reason: null, kind: null }));
    const units = rows.map((r, i) => toUnit(r, defaults[i]!.reason, docs[i]!));
    this.cache.set(parentId, units);
    return units;
  }

  list(parentId: number): AggregateUnit[] {
    return this.evaluate(parentId)
      .map(({ parentId: _p, doc: _d, ...u }) => u)
      .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN') || a.year - b.year || a.id - b.id);
  }

  unit(id: number): Unit {
    const row = this.stmts.parentOf.get(id) as { parentId: number } | undefined;
    const unit = row && this.evaluate(row.parentId).find((u) => u.id === id);
    if (!unit) throw new AppError('not_found', `没有找到编号为 ${id} 的下属单位报告，可能已被移除。`);
    return unit;
  }

  /** Add a unit, or replace the stored unit of the same agency and year (the user's include choice is reset). */
  put(u: NewUnit, now: string): { id: number; replaced: boolean; replacedFile: string | null } {
    this.cache.delete(u.parentId);
    const key = unitKey(u.doc.agency.name, u.doc.year);
    const old = this.stmts.byKey.get(u.parentId, key) as { id: number; fileName: string } | undefined;
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
      replacedFile: old?.fileName ?? null,
    }) as { id: number };
    return { id, replaced: old !== undefined, replacedFile: old?.fileName ?? null };
  }

  /**
   * The user's choice: null back to the default. Including a unit the rules leave out takes a reason,
   * kept with the unit and shown wherever it is listed.
   */
  setIncluded(id: number, included: boolean | null, note: string | null = null, now = new Date().toISOString()): void {
    const unit = this.unit(id);
    const explicit = included === true && unit.reason !== null;
    if (explicit && !note?.trim()) throw new AppError('invalid_input', `“${unit.name}”默认不计入汇总（${unit.reason}）；如确需计入，请写明理由。`);
    this.cache.delete(unit.parentId);
    this.stmts.setOverride.run(included === null ? null : included ? 1 : 0, explicit ? note!.trim() : null, explicit ? now : null, id);
  }

  remove(id: number): void {
    this.cache.delete(this.unit(id).parentId);
    this.stmts.remove.run(id);
  }

  /** The parent's units with their reports, for summing and tracing. */
  units(parentId: number): StoredUnitDoc[] {
    return this.evaluate(parentId)
      .map((u) => ({ id: u.id, name: u.name, included: u.included, doc: u.doc, includeNote: u.includeNote }))
      .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN') || a.doc.year - b.doc.year || a.id - b.id);
  }
}
