/**
 * The way back when the database file cannot be used (damaged, emptied, written by a newer version, or not
 * openable at all): what is wrong in words the user can act on, the backups with their dates and how many
 * reports each holds, and the three ways out — put a backup in place, start a new file, use another file.
 * The file that could not be used is never deleted: it is renamed beside itself (`<db>.damaged-<time>`).
 */
import { copyFileSync, existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { RECOVERY_KINDS } from '../../shared/api';
import { AppError } from '../../shared/errors';
import { RESTORING, backupPath, listBackups, stamp, verifyDatabaseFile, type BackupInfo } from './backups';
import { SCHEMA_VERSION } from './migrations';

export type RecoveryKind = (typeof RECOVERY_KINDS)[number];

export interface RecoveryProblem {
  kind: RecoveryKind;
  /** What happened and what the choices are, in Chinese, for the recovery screen. */
  message: string;
  /** SQLite's or the system's own words, for the log and the technician. */
  detail: string | null;
}

/** The name a set-aside file gets: `.damaged-` for a damaged or empty file, `.newer-` for a newer one. */
const ASIDE_TAG: Record<RecoveryKind, string> = { corrupt: 'damaged', empty: 'damaged', newer: 'newer', unreadable: 'damaged' };

/**
 * Whether an error of opening the database is one the recovery screen can help with, and how to say it.
 * Null for anything else (another program holds the file, SQLite cannot load at all): those stop the app
 * as before, with their own message.
 */
export function recoveryProblemOf(e: unknown, dbPath: string): RecoveryProblem | null {
  if (!(e instanceof AppError)) return null;
  const details = (e.details ?? {}) as { detail?: unknown; version?: unknown; supported?: unknown };
  const detail = typeof details.detail === 'string' ? details.detail : null;
  if (e.code === 'db_corrupt') {
    if (detail === 'empty file')
      return {
        kind: 'empty',
        message: `数据文件是空的（0 字节）：${dbPath}，而备份文件夹中有备份。可能是复制、同步或断电中断了写入。请从下面的备份中选一个恢复。`,
        detail,
      };
    return {
      kind: 'corrupt',
      message: `数据文件已损坏，无法使用：${dbPath}。为免损坏扩散，程序没有打开它，也不会备份它。请从下面的备份中选一个恢复（损坏的文件会改名保留，不会删除）。`,
      detail,
    };
  }
  if (e.code === 'db_newer')
    return {
      kind: 'newer',
      message:
        `数据文件由更新版本的程序创建（数据版本 ${String(details.version)}，本程序支持到 ${String(details.supported ?? SCHEMA_VERSION)}）：${dbPath}。` +
        '本程序没有改动它。最好安装最新版本后再打开；也可以从备份恢复或新建数据文件（该文件会改名保留）。',
      detail: null,
    };
  // an unreadable file (permissions, a folder in its place, a locked share): not a disk-full or read-only save
  if (e.code === 'internal' && e.message.startsWith('无法打开数据库文件') && !/SQLite 模块/.test(e.message))
    return {
      kind: 'unreadable',
      message: `无法打开数据文件：${dbPath}。${e.message.replace(/^无法打开数据库文件 [^：]*：?/, '系统提示：')} 可以从备份恢复、打开其他数据文件或新建数据文件。`,
      detail: e.message,
    };
  return null;
}

/** A corruption found while the file was in use (a save, the background check): the same screen. */
export function corruptionFoundProblem(dbPath: string, detail: string): RecoveryProblem {
  return {
    kind: 'corrupt',
    message: `使用中发现数据文件已损坏：${dbPath}。为免损坏扩散，程序已停止写入和备份。请从下面的备份中选一个恢复（损坏的文件会改名保留，不会删除）。`,
    detail,
  };
}

export interface BackupSummary extends BackupInfo {
  /** Reports (not in the trash) and agencies in it; null when it cannot be read. */
  reports: number | null;
  agencies: number | null;
  /** Why it cannot be restored, or null. */
  problem: string | null;
}

/** What one database file holds, read-only; a problem instead when it cannot be read by this version. */
export function describeDatabaseFile(path: string): { reports: number | null; agencies: number | null; problem: string | null } {
  let db: Database.Database | undefined;
  try {
    if (statSync(path).size === 0) return { reports: null, agencies: null, problem: '空文件' };
    db = new Database(path, { readonly: true, fileMustExist: true });
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) return { reports: null, agencies: null, problem: '由更新版本的程序创建' };
    if (version === 0) return { reports: 0, agencies: 0, problem: null };
    const reports = (db.prepare('SELECT count(*) AS n FROM reports WHERE deleted_at IS NULL').get() as { n: number }).n;
    const agencies = (db.prepare('SELECT count(*) AS n FROM agencies').get() as { n: number }).n;
    return { reports, agencies, problem: null };
  } catch {
    return { reports: null, agencies: null, problem: '无法读取（已损坏）' };
  } finally {
    db?.close();
  }
}

/** The backups, newest first, each with what it holds (counted read-only; they were verified when written). */
export function describeBackups(backupDir: string): BackupSummary[] {
  return listBackups(backupDir).map((b) => ({ ...b, ...describeDatabaseFile(join(backupDir, b.name)) }));
}

export interface OtherFile {
  path: string;
  bytes: number;
  modifiedAt: string;
}

/** Other database files in the data folder (a copy the user kept, one set aside earlier), to open instead. */
export function otherDatabaseFiles(dbPath: string): OtherFile[] {
  const dir = dirname(dbPath);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /\.(sqlite|sqlite3|db)$/i.test(f) && f !== basename(dbPath))
    .map((f) => join(dir, f))
    .filter((p) => statSync(p).isFile())
    .map((p) => ({ path: p, bytes: statSync(p).size, modifiedAt: statSync(p).mtime.toISOString() }))
    .sort((a, b) => b.modifiedAt.localeCompare(a.modifiedAt));
}

/**
 * Move the unusable file (with its WAL) aside under a name that says why and when; the WAL index and
 * journal belong to it only and go. Returns the new path, or null when there was no file.
 */
export function setAside(dbPath: string, kind: RecoveryKind, now = new Date()): string | null {
  if (!existsSync(dbPath)) return null;
  let aside = `${dbPath}.${ASIDE_TAG[kind]}-${stamp(now)}`;
  for (let i = 2; existsSync(aside); i++) aside = `${dbPath}.${ASIDE_TAG[kind]}-${stamp(now)}-${i}`;
  renameSync(dbPath, aside);
  if (existsSync(`${dbPath}-wal`)) renameSync(`${dbPath}-wal`, `${aside}-wal`);
  for (const ext of ['-shm', '-journal']) rmSync(dbPath + ext, { force: true });
  return aside;
}

/**
 * Put a backup in place of an unusable database file (closed; the caller holds its lock). The backup is
 * verified and copied beside the file first, so an interruption leaves the old file where it was; then the
 * old file is set aside and the copy renamed into place. Unlike a restore over a sound file, the old file
 * is not backed up: a damaged or empty copy in the backups folder would push good backups out.
 */
export function restoreIntoPlace(dbPath: string, backupDir: string, name: string, kind: RecoveryKind, now = new Date()): { savedAs: string | null } {
  const source = backupPath(backupDir, name);
  const about = describeDatabaseFile(source);
  if (about.problem || !verifyDatabaseFile(source)) throw new AppError('db_corrupt', `备份“${name}”${about.problem ?? '已损坏'}，无法恢复。请选择另一个备份。`);
  const incoming = `${dbPath}${RESTORING}`;
  copyFileSync(source, incoming);
  let savedAs: string | null;
  try {
    savedAs = setAside(dbPath, kind, now);
  } catch (e) {
    rmSync(incoming, { force: true });
    throw e;
  }
  renameSync(incoming, dbPath);
  return { savedAs };
}

/** The absolute path of a database file the user asked to open instead, or invalid_input saying why not. */
export function otherFilePath(path: string, current: string): string {
  const full = resolve(path.trim());
  if (full === resolve(current)) throw new AppError('invalid_input', '这就是当前无法使用的数据文件。请选择另一个文件，或从备份恢复。');
  if (!existsSync(full)) throw new AppError('not_found', `找不到文件：${full}。请检查路径是否完整（例如 D:\\年报\\reports.sqlite）。`);
  if (!statSync(full).isFile()) throw new AppError('invalid_input', `“${full}”不是文件，请选择数据文件本身（扩展名通常为 .sqlite）。`);
  return full;
}
