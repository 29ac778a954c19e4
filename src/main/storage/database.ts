/**
 * Opening the database file: refuse a newer schema without touching the file, turn "not a database" and
 * integrity failures into a Chinese message that names the latest backup, then set the pragmas and migrate.
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import { listBackups } from './backups';
import { SCHEMA_VERSION, migrate } from './migrations';
import { isNativeModuleLoadError, nativeModuleError } from './native-module';

/** Files up to this size get a full `quick_check` at open; larger ones only a cheap read (and the check at backup time). */
export const QUICK_CHECK_MAX_BYTES = 64 * 1024 * 1024;

const CORRUPT_CODES = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB', 'SQLITE_CORRUPT_INDEX', 'SQLITE_CORRUPT_SEQUENCE', 'SQLITE_CORRUPT_VTAB']);

export function isCorruptionError(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && CORRUPT_CODES.has(code);
}

/** The db_corrupt error, naming the newest backup and how to put it back. */
export function corruptDatabaseError(dbPath: string, backupDir: string, detail?: string): AppError {
  const latest = listBackups(backupDir)[0];
  const how = latest
    ? `最近的备份是“${latest.name}”（${latest.createdAt.slice(0, 19).replace('T', ' ')} UTC），位于 ${backupDir}。` +
      `恢复方法：在程序的“帮助 → 备份”中选择该备份恢复，或在命令行运行：gov-report db restore ${latest.name} --db "${dbPath}"` +
      `（损坏的文件会被改名保留，不会删除）。`
    : `没有找到备份（备份文件夹：${backupDir}）。请勿删除该文件，可联系技术人员尝试修复。`;
  return new AppError('db_corrupt', `数据库文件已损坏或不是本程序的数据库：${dbPath}。${how}`, detail ? { detail } : undefined);
}

export function newerDatabaseError(dbPath: string, version: number): AppError {
  return new AppError(
    'db_newer',
    `数据库文件 ${dbPath} 由更新版本的程序创建（数据版本 ${version}，本程序支持到 ${SCHEMA_VERSION}）。为避免损坏数据，本程序未做任何改动。请安装最新版本后再打开。`,
    { version, supported: SCHEMA_VERSION },
  );
}

/**
 * Look at an existing file read-only: its schema version and whether it reads as a sound database.
 * Nothing is written, so a newer or damaged file stays byte for byte as it was.
 */
function inspect(dbPath: string, backupDir: string): void {
  if (!existsSync(dbPath) || statSync(dbPath).size === 0) return;
  let db: Database.Database | undefined;
  try {
    db = new Database(dbPath, { readonly: true, fileMustExist: true });
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) throw newerDatabaseError(dbPath, version);
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    if (statSync(dbPath).size <= QUICK_CHECK_MAX_BYTES) {
      const result = db.pragma('quick_check', { simple: true });
      if (result !== 'ok') throw corruptDatabaseError(dbPath, backupDir, String(result));
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    if (isNativeModuleLoadError(e)) throw nativeModuleError(e);
    if (isCorruptionError(e)) throw corruptDatabaseError(dbPath, backupDir, (e as Error).message);
    throw new AppError('internal', `无法打开数据库文件 ${dbPath}：${(e as Error).message}`);
  } finally {
    db?.close();
  }
}

/** Open (or create) the database, ready to use at the current schema version. */
export function openDatabase(dbPath: string, backupDir: string): Database.Database {
  inspect(dbPath, backupDir);
  mkdirSync(dirname(dbPath), { recursive: true });
  let db: Database.Database | undefined;
  try {
    db = new Database(dbPath);
    db.pragma('busy_timeout = 5000');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    migrate(db);
    return db;
  } catch (e) {
    db?.close();
    if (isNativeModuleLoadError(e)) throw nativeModuleError(e);
    if (isCorruptionError(e)) throw corruptDatabaseError(dbPath, backupDir, (e as Error).message);
    if ((e as { code?: string }).code === 'SQLITE_BUSY') {
      throw new AppError('conflict', `数据库文件 ${dbPath} 正被另一个程序使用，请关闭其他窗口后重试。`);
    }
    throw new AppError('internal', `无法打开数据库文件 ${dbPath}：${(e as Error).message}`);
  }
}
