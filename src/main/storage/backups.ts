/**
 * Backups: only through SQLite's online backup (`db.backup()`), never a copy of a live file. Named by
 * UTC time so the names sort by age (shown to users in Beijing time); retention keeps the newest 10 plus the newest of each day for 30 days.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, copyFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../../shared/errors';

export const KEEP_LATEST = 10;
export const KEEP_DAILY_DAYS = 30;
/** An automatic backup is made at open when the newest one is older than this. */
export const AUTO_BACKUP_AGE_MS = 24 * 60 * 60 * 1000;

const PARTIAL = '.partial';
export const RESTORING = '.restoring';
const NAME = /^backup-(\d{8})-(\d{9})(-[a-z-]+)?\.sqlite$/;

export interface BackupInfo {
  name: string;
  createdAt: string;
  bytes: number;
}

export function defaultBackupDir(dbPath: string): string {
  return join(dirname(dbPath), 'backups');
}

export function stamp(date: Date): string {
  const iso = date.toISOString(); // 2025-01-31T08:09:10.123Z
  return `${iso.slice(0, 10).replace(/-/g, '')}-${iso.slice(11, 23).replace(/[:.]/g, '')}`;
}

function createdAtOf(name: string): Date | null {
  const m = NAME.exec(name);
  if (!m) return null;
  const [d, t] = [m[1]!, m[2]!];
  return new Date(`${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}T${t.slice(0, 2)}:${t.slice(2, 4)}:${t.slice(4, 6)}.${t.slice(6, 9)}Z`);
}

/** Backups in the folder, newest first. */
export function listBackups(backupDir: string): BackupInfo[] {
  if (!existsSync(backupDir)) return [];
  return readdirSync(backupDir)
    .map((name) => ({ name, at: createdAtOf(name) }))
    .filter((b): b is { name: string; at: Date } => b.at !== null)
    .sort((a, b) => b.name.localeCompare(a.name))
    .map(({ name, at }) => ({ name, createdAt: at.toISOString(), bytes: statSync(join(backupDir, name)).size }));
}

/** Names to delete under the retention rule (the rest: newest KEEP_LATEST, newest per day within KEEP_DAILY_DAYS). */
export function backupsToPrune(backups: readonly BackupInfo[], now: Date): string[] {
  const keep = new Set<string>();
  const days = new Set<string>();
  backups.forEach((b, i) => {
    if (i < KEEP_LATEST) keep.add(b.name);
    const day = b.createdAt.slice(0, 10);
    const fresh = now.getTime() - Date.parse(b.createdAt) <= KEEP_DAILY_DAYS * 86_400_000;
    if (fresh && !days.has(day)) keep.add(b.name);
    days.add(day);
  });
  return backups.filter((b) => !keep.has(b.name)).map((b) => b.name);
}

/** A unique backup name for `now` (a suffix tells why it was made). */
function freshName(backupDir: string, now: Date, suffix: string): string {
  let t = now.getTime();
  for (;;) {
    const name = `backup-${stamp(new Date(t))}${suffix ? `-${suffix}` : ''}.sqlite`;
    if (!existsSync(join(backupDir, name))) return name;
    t += 1;
  }
}

/**
 * A backup that is sound or none: the live database is checked first (a damaged one is never copied — it
 * would push good backups out), written under a temporary name, verified by opening it, then renamed.
 * An interruption leaves only a `.partial` file, which startup removes.
 */
export async function createBackup(db: Database.Database, backupDir: string, suffix = '', now = new Date()): Promise<BackupInfo> {
  const check = db.pragma('quick_check', { simple: true });
  if (check !== 'ok')
    throw new AppError('db_corrupt', `数据库文件已损坏（${String(check).slice(0, 200)}），未做备份，以免损坏的数据替换掉完好的备份。请从较早的备份恢复。`, {
      database: true,
    });
  mkdirSync(backupDir, { recursive: true });
  const name = freshName(backupDir, now, suffix);
  const target = join(backupDir, name);
  const partial = `${target}${PARTIAL}`;
  try {
    await db.backup(partial);
    if (!sealBackup(partial)) throw new AppError('internal', `备份文件写入后校验失败（${partial}），未保留。请检查磁盘后重试。`);
    renameSync(partial, target);
  } catch (e) {
    rmSync(partial, { force: true });
    throw e;
  }
  for (const old of backupsToPrune(listBackups(backupDir), now)) rmSync(join(backupDir, old), { force: true });
  return { name, createdAt: createdAtOf(name)!.toISOString(), bytes: statSync(target).size };
}

/**
 * Leftovers of a backup or restore that was interrupted (power cut, kill): `.partial` backups and the
 * `<db>.restoring` copy. Neither was ever the database, so they go; called at open, under the lock.
 */
export function removeLeftovers(dbPath: string, backupDir: string, onError: (e: unknown) => void = () => {}): string[] {
  const removed: string[] = [];
  const gone = (path: string) => {
    try {
      rmSync(path, { force: true });
      removed.push(path);
    } catch (e) {
      onError(e); // a read-only folder: they stay, harmless
    }
  };
  if (existsSync(`${dbPath}${RESTORING}`)) gone(`${dbPath}${RESTORING}`);
  if (existsSync(backupDir)) for (const f of readdirSync(backupDir)) if (f.endsWith(PARTIAL)) gone(join(backupDir, f));
  return removed;
}

/** Whether the newest backup is older than a day (or there is none). */
export function backupDue(backupDir: string, now = new Date()): boolean {
  const newest = listBackups(backupDir)[0];
  return !newest || now.getTime() - Date.parse(newest.createdAt) > AUTO_BACKUP_AGE_MS;
}

/** The path of a named backup, refusing anything that is not one of ours (no paths, no traversal). */
export function backupPath(backupDir: string, name: string): string {
  const path = join(backupDir, name);
  if (!NAME.test(name) || !existsSync(path)) {
    throw new AppError('not_found', `找不到备份“${name}”。可用的备份请在程序的“文件 › 设置… › 数据与备份”中查看，或运行 gov-report db backup --list。`);
  }
  return path;
}

/**
 * Make a fresh copy a standalone file (rollback journal, not WAL: opening it never leaves -wal/-shm beside
 * it) and verify it by opening it: `quick_check` must pass.
 */
function sealBackup(path: string): boolean {
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { fileMustExist: true });
    db.pragma('journal_mode = DELETE');
    return db.pragma('quick_check', { simple: true }) === 'ok';
  } catch {
    return false;
  } finally {
    db?.close();
    for (const ext of ['-wal', '-shm', '-journal']) rmSync(path + ext, { force: true });
  }
}

/** Check that a file is a readable database that passes `quick_check`. */
export function verifyDatabaseFile(path: string): boolean {
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    return db.pragma('quick_check', { simple: true }) === 'ok';
  } catch {
    return false;
  } finally {
    db?.close();
  }
}

/**
 * Put a backup in place of the database file (which must be closed). The current file is first saved:
 * through `db.backup()` when it opens, else (corrupt) moved aside as `<db>.corrupt-<time>`.
 */
export async function restoreBackupFile(dbPath: string, backupDir: string, name: string, now = new Date()): Promise<{ savedAs: string }> {
  const source = backupPath(backupDir, name);
  if (!verifyDatabaseFile(source)) throw new AppError('db_corrupt', `备份“${name}”已损坏，无法恢复。请选择另一个备份。`);
  // Copied first: the retention run of the backup below may prune the very backup being restored.
  const incoming = `${dbPath}${RESTORING}`;
  copyFileSync(source, incoming);
  let savedAs: string;
  try {
    if (existsSync(dbPath) && verifyDatabaseFile(dbPath)) {
      const current = new Database(dbPath, { fileMustExist: true });
      try {
        savedAs = (await createBackup(current, backupDir, 'before-restore', now)).name;
      } finally {
        current.close();
      }
    } else {
      savedAs = `${dbPath}.corrupt-${stamp(now)}`;
      for (const ext of ['', '-wal']) if (existsSync(dbPath + ext)) renameSync(dbPath + ext, savedAs + ext);
    }
  } catch (e) {
    rmSync(incoming, { force: true });
    throw e;
  }
  for (const ext of ['-wal', '-shm', '-journal']) rmSync(dbPath + ext, { force: true });
  renameSync(incoming, dbPath);
  return { savedAs };
}
