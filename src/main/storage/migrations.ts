/**
 * The schema as an ordered list of migrations; `PRAGMA user_version` is the number of steps applied.
 * Never edit a released step: append a new one.
 */
import type Database from 'better-sqlite3';

export type Migration = (db: Database.Database) => void;

export const MIGRATIONS: readonly Migration[] = [
  // 1: the first schema.
  (db) =>
    db.exec(`
      CREATE TABLE agencies (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        level TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE TABLE reports (
        id INTEGER PRIMARY KEY,
        agency_id INTEGER NOT NULL REFERENCES agencies(id),
        year INTEGER NOT NULL,
        format TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'review', 'final')),
        manual_totals INTEGER NOT NULL DEFAULT 0,
        errors INTEGER NOT NULL DEFAULT 0,
        warnings INTEGER NOT NULL DEFAULT 0,
        revision INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
      );
      -- One live report per agency and year; the trash may hold more.
      CREATE UNIQUE INDEX reports_agency_year ON reports(agency_id, year) WHERE deleted_at IS NULL;
      -- A row with value NULL is a cell stored as "not entered"; 0 is a real zero.
      CREATE TABLE cells (
        report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
        cell TEXT NOT NULL,
        value NUMERIC,
        PRIMARY KEY (report_id, cell)
      ) WITHOUT ROWID;
      CREATE TABLE narratives (
        report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        text TEXT NOT NULL,
        PRIMARY KEY (report_id, key)
      ) WITHOUT ROWID;
      CREATE TABLE acknowledgements (
        report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
        rule TEXT NOT NULL,
        cells TEXT NOT NULL, -- JSON array, sorted
        reason TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (report_id, rule, cells)
      ) WITHOUT ROWID;
      -- Full snapshots of the editable state; the newest always equals the current state.
      CREATE TABLE revisions (
        report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
        revision INTEGER NOT NULL,
        kind TEXT NOT NULL,
        summary TEXT NOT NULL,
        changes INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        snapshot TEXT NOT NULL,
        PRIMARY KEY (report_id, revision)
      ) WITHOUT ROWID;
      CREATE TABLE export_log (
        id INTEGER PRIMARY KEY,
        report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
        revision INTEGER NOT NULL,
        kind TEXT NOT NULL,
        file_name TEXT NOT NULL,
        forced INTEGER NOT NULL,
        forced_over TEXT NOT NULL, -- JSON array of rule ids
        created_at TEXT NOT NULL
      );
      CREATE INDEX export_log_report ON export_log(report_id);
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
    `),
  // 2: cached counts recomputed after the save returns: an edit only marks them stale (version-1 counts were
  // kept current on every write, so existing rows start fresh).
  (db) =>
    db.exec(`
      ALTER TABLE reports ADD COLUMN counts_stale INTEGER NOT NULL DEFAULT 0;
      CREATE INDEX reports_counts_stale ON reports(id) WHERE counts_stale = 1;
    `),
  // 3: the agencies the user reports for (own) apart from those of imported reference reports. Existing
  // agencies whose every report came in by import are taken as reference agencies.
  (db) =>
    db.exec(`
      ALTER TABLE agencies ADD COLUMN own INTEGER NOT NULL DEFAULT 1;
      UPDATE agencies SET own = 0
        WHERE EXISTS (SELECT 1 FROM reports r WHERE r.agency_id = agencies.id)
          AND NOT EXISTS (
            SELECT 1 FROM reports r JOIN revisions v ON v.report_id = r.id AND v.revision = 1
            WHERE r.agency_id = agencies.id AND v.kind <> 'import'
          );
    `),
  // 4: the tables an import could not read, kept with the report so that its checks say import.tableUnread
  // (not a blank per cell) as `gov-report check` does on the source file. IF NOT EXISTS: a database that an
  // unreleased build already gave the table migrates without failing.
  (db) =>
    db.exec(`
      CREATE TABLE IF NOT EXISTS unread_tables (
        report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
        table_id TEXT NOT NULL,
        cells TEXT NOT NULL, -- JSON array of cell ids
        reason TEXT NOT NULL,
        PRIMARY KEY (report_id, table_id)
      ) WITHOUT ROWID;
    `),
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** Apply the missing steps, each in its own transaction together with its user_version bump. */
export function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (let v = current; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      MIGRATIONS[v]!(db);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}
