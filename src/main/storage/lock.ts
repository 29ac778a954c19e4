/**
 * One owner per database file: `<db>.lock`, created exclusively (O_EXCL) by the first process that opens
 * the file for writing — the desktop app, browser mode or a CLI command that writes — and removed when it
 * closes. It names the holder (pid, program, since when) so a second writer is told who to close. A lock
 * left by a process that died (power cut, kill) is taken over: its pid no longer runs.
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { hostname } from 'node:os';
import { z } from 'zod';
import { AppError } from '../../shared/errors';
import { beijingTime } from './clock';

export const PROGRAM_NAMES = { electron: '年报助手桌面程序', browser: '年报助手（浏览器模式）', cli: '命令行工具 gov-report' } as const;
export type LockProgram = keyof typeof PROGRAM_NAMES;

const LockInfo = z.object({ pid: z.number().int(), program: z.enum(['electron', 'browser', 'cli']), since: z.string(), host: z.string() });
export type LockInfo = z.infer<typeof LockInfo>;

export const lockPathOf = (dbPath: string) => `${dbPath}.lock`;

export interface DatabaseLock {
  readonly info: LockInfo;
  release(): void;
}

function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it runs, under another user
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The current holder, or null when there is none or it is gone (dead process, unreadable lock file). */
export function lockHolder(dbPath: string): LockInfo | null {
  let text: string;
  try {
    text = readFileSync(lockPathOf(dbPath), 'utf8');
  } catch {
    return null;
  }
  let parsed: z.ZodSafeParseResult<LockInfo>;
  try {
    parsed = LockInfo.safeParse(JSON.parse(text));
  } catch {
    return null;
  }
  if (!parsed.success) return null;
  const info = parsed.data;
  // another computer on a shared folder: its processes cannot be seen from here, so the lock stands
  if (info.host !== hostname()) return info;
  return info.pid === process.pid || processRuns(info.pid) ? info : null;
}

export function lockedError(dbPath: string, holder: LockInfo, forWhat = '修改'): AppError {
  const who = `${PROGRAM_NAMES[holder.program]}（进程号 ${holder.pid}${holder.host !== hostname() ? `，计算机 ${holder.host}` : ''}，${beijingTime(holder.since)} 起）`;
  return new AppError(
    'db_locked',
    `数据文件 ${dbPath} 正由${who}使用，不能同时${forWhat}。请先关闭该程序再试；命令行工具仍可只读查看（gov-report db list、db export、db backup --list）。`,
    { holder },
  );
}

/**
 * Take the lock or throw db_locked naming the holder. A lock file whose process is gone (or that does not
 * parse: a crash while writing it) is removed and taken.
 */
export function acquireLock(dbPath: string, program: LockProgram, now = new Date()): DatabaseLock {
  const path = lockPathOf(dbPath);
  mkdirSync(dirname(path), { recursive: true });
  const info: LockInfo = { pid: process.pid, program, since: now.toISOString(), host: hostname() };
  for (let attempt = 0; attempt < 3; attempt++) {
    let fd: number;
    try {
      fd = openSync(path, 'wx');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // a read-only folder: nobody can write there, so there is nothing to guard (saves answer read_only)
      if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return { info, release: () => {} };
      if (code !== 'EEXIST') throw e;
      const holder = lockHolder(dbPath);
      if (holder) throw lockedError(dbPath, holder);
      rmSync(path, { force: true });
      continue;
    }
    try {
      writeSync(fd, JSON.stringify(info));
    } finally {
      closeSync(fd);
    }
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      process.off('exit', release);
      // only our own lock: a stale one of ours may have been taken over meanwhile
      try {
        const current = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockInfo>;
        if (current.pid === info.pid && current.since === info.since) rmSync(path, { force: true });
      } catch {
        /* already gone */
      }
    };
    process.on('exit', release);
    return { info, release };
  }
  throw new AppError('db_locked', `无法取得数据文件 ${dbPath} 的使用权（锁文件 ${path} 反复出现）。请稍后再试。`);
}
