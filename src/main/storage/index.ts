/** Storage: the SQLite file, its schema, backups and every query. */
export { openDatabase, corruptDatabaseError, isCorruptionError } from './database';
export { createBackup, listBackups, backupDue, defaultBackupDir, restoreBackupFile, type BackupInfo } from './backups';
export { Store, stateOf, type ReportState, type StoredReport, type StoredAgency, type ReportRow } from './store';
export { SCHEMA_VERSION } from './migrations';
export { BULK_EDIT_CELLS, COALESCE_MS, type RevisionKind } from './revisions';
