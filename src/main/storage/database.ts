/**
 * Opening the database file: refuse a newer schema without touching the file, turn "not a database" and
 * integrity failures into a Chinese message that names the latest backup, then set the pragmas and migrate.
 */
import { accessSync, constants, copyFileSync, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import { listBackups } from './backups';
import { beijingTime } from './clock';
import { SCHEMA_VERSION, migrate } from './migrations';
import { isNativeModuleLoadError, nativeModuleError } from './native-module';


const CORRUPT_CODES = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB', 'SQLITE_CORRUPT_INDEX', 'SQLITE_CORRUPT_SEQUENCE', 'SQLITE_CORRUPT_VTAB']);

export function isCorruptionError(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && CORRUPT_CODES.has(code);
}

/** The db_corrupt error, naming the newest backup and how to put it back. */
export function corruptDatabaseError(dbPath: string, backupDir: string, detail?: string, lead = `数据库文件已损坏或不是本程序的数据库：${dbPath}。`): AppError {
  const latest = listBackups(backupDir)[0];
  const how = latest
    ? `最近的备份是“${latest.name}”（北京时间 ${beijingTime(latest.createdAt, true)}），位于 ${backupDir}。` +
      `恢复方法：在命令行运行：gov-report db restore ${latest.name} --db "${dbPath}"` +
      `（损坏的文件会被改名保留，不会删除）。`
    : `没有找到备份（备份文件夹：${backupDir}）。请勿删除该文件，可联系技术人员尝试修复。`;
  // `database`: the open database itself is damaged (not a backup chosen to restore): the app offers recovery
  return new AppError('db_corrupt', `${lead}${how}`, { database: true, ...(detail ? { detail } : {}) });
}

const FULL_CODES = new Set(['SQLITE_FULL', 'ENOSPC', 'EDQUOT']);
const READ_ONLY_CODES = new Set(['EROFS', 'EACCES', 'EPERM']);

/**
 * A failure of the disk rather than of the program, in words the user can act on: disk full, read-only
 * file or folder, a disk that fails to write. Null for anything else.
 */
export function storageError(e: unknown, dbPath: string): AppError | null {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return null;
  if (FULL_CODES.has(code) || /ENOSPC|SQLITE_FULL|database or disk is full/i.test(String((e as Error).message)))
    return new AppError('disk_full', `磁盘空间已满，修改未保存。请清理数据文件所在磁盘的空间（${dbPath}），修改会在空间足够后重新保存。`);
  if (code.startsWith('SQLITE_READONLY') || READ_ONLY_CODES.has(code))
    return new AppError(
      'read_only',
      `数据文件为只读，修改未保存：${dbPath}。请在文件属性中取消“只读”，或检查文件夹的写入权限（也可把数据文件夹复制到可写的位置）。`,
    );
  if (code.startsWith('SQLITE_IOERR') || code === 'EIO')
    return new AppError('internal', `读写数据文件时磁盘出错，修改可能未保存：${dbPath}。请检查磁盘（U 盘、网络盘是否已断开）后重试。`);
  return null;
}

export function newerDatabaseError(dbPath: string, version: number): AppError {
  return new AppError(
    'db_newer',
    `数据库文件 ${dbPath} 由更新版本的程序创建（数据版本 ${version}，本程序支持到 ${SCHEMA_VERSION}）。为避免损坏数据，本程序未做任何改动。请安装最新版本后再打开。`,
    { version, supported: SCHEMA_VERSION },
  );
}

/**
 * A read-only connection. On a read-only folder or disk SQLite cannot create the WAL index (-shm) beside
 * the file, so it reads a copy in the temp folder — nobody can change the original there anyway.
 */
function openForReading(dbPath: string): Database.Database {
  if (!isReadOnlyFile(dbPath)) return new Database(dbPath, { readonly: true, fileMustExist: true });
  const dir = join(tmpdir(), `gov-report-readonly-${process.pid}`);
  if (!existsSync(dir)) process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(dir, { recursive: true });
  const copy = join(dir, basename(dbPath));
  for (const ext of ['', '-wal']) {
    rmSync(copy + ext, { force: true });
    if (existsSync(dbPath + ext)) copyFileSync(dbPath + ext, copy + ext);
  }
  return new Database(copy, { readonly: true, fileMustExist: true });
}

/**
 * Look at an existing file read-only: its schema version and whether it reads as a sound database.
 * Nothing is written, so a newer or damaged file stays byte for byte as it was.
 */
function inspect(dbPath: string, backupDir: string): void {
  if (!existsSync(dbPath)) return;
  // an emptied file (a failed copy, a sync tool) would open as a new, empty database beside the backups
  if (statSync(dbPath).size === 0) {
    if (listBackups(backupDir).length > 0) throw corruptDatabaseError(dbPath, backupDir, 'empty file', `数据文件是空的（0 字节）：${dbPath}，而备份文件夹中有备份。`);
    return;
  }
  let db: Database.Database | undefined;
  try {
    db = openForReading(dbPath);
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) throw newerDatabaseError(dbPath, version);
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    // every size: a damaged file that opens would take saves and spread into the backups (about 1 s per 100 MB)
    const result = db.pragma('quick_check', { simple: true });
    if (result !== 'ok') throw corruptDatabaseError(dbPath, backupDir, String(result));
  } catch (e) {
    if (e instanceof AppError) throw e;
    if (isNativeModuleLoadError(e)) throw nativeModuleError(e);
    if (isCorruptionError(e)) throw corruptDatabaseError(dbPath, backupDir, (e as Error).message);
    throw new AppError('internal', `无法打开数据库文件 ${dbPath}：${(e as Error).message}`);
  } finally {
    db?.close();
  }
}

/** Whether the file (or, for a new one, its folder) cannot be written: a read-only file, folder or disk. */
export function isReadOnlyFile(dbPath: string): boolean {
  try {
    accessSync(existsSync(dbPath) ? dbPath : dirname(dbPath), constants.W_OK);
    accessSync(dirname(dbPath), constants.W_OK);
    return false;
  } catch (e) {
    return READ_ONLY_CODES.has((e as NodeJS.ErrnoException).code ?? '');
  }
}

/**
 * A read-only file opens read-only, as it is: the reports can be read, and each save answers read_only
 * (the banner says why) instead of the app refusing to start.
 */
function openReadOnly(dbPath: string, backupDir: string): Database.Database {
  const db = openForReading(dbPath);
  try {
    db.pragma('busy_timeout = 5000');
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version !== SCHEMA_VERSION) throw storageError({ code: 'SQLITE_READONLY', message: 'schema upgrade needed' }, dbPath)!;
    return db;
  } catch (e) {
    db.close();
    if (isCorruptionError(e)) throw corruptDatabaseError(dbPath, backupDir, (e as Error).message);
    throw e;
  }
}

/** Open (or create) the database, ready to use at the current schema version. */
export function openDatabase(dbPath: string, backupDir: string): Database.Database {
  inspect(dbPath, backupDir);
  if (existsSync(dbPath) && statSync(dbPath).size > 0 && isReadOnlyFile(dbPath)) return openReadOnly(dbPath, backupDir);
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
    throw storageError(e, dbPath) ?? new AppError('internal', `无法打开数据库文件 ${dbPath}：${(e as Error).message}`);
  }
}
