/** Storage: the SQLite file, its schema, backups and every query. */
export { openDatabase, corruptDatabaseError, isCorruptionError, storageError } from './database';
export { acquireLock, lockHolder, lockedError, lockPathOf, PROGRAM_NAMES, type DatabaseLock, type LockInfo } from './lock';
export { beijingTime } from './clock';
export { createBackup, removeLeftovers, listBackups, backupDue, defaultBackupDir, restoreBackupFile, type BackupInfo } from './backups';
export { Store, stateOf, type ReportState, type StoredReport, type StoredAgency, type ReportRow } from './store';
export { SCHEMA_VERSION } from './migrations';
export { BULK_EDIT_CELLS, COALESCE_MS, type RevisionKind } from './revisions';
