/**
 * The core the app runs on (desktop window and browser mode): the ordinary core while the database file
 * can be used, and a recovery state whenever it cannot — at open (damaged, emptied while backups exist,
 * written by a newer version, unreadable) or later (a save or the background integrity check finds
 * damage). In that state the program does not stop: the page shows the recovery screen, every other
 * method answers needs_recovery, and recovery.* put a backup in place, start a new file or use another
 * file. The database's lock is held throughout, so no other program writes the file meanwhile.
 */
import { dirname } from 'node:path';
import { api, type RecoveryStatus } from '../../shared/api';
import { AppError, invalidInput, type ApiError } from '../../shared/errors';
import { acquireLock, defaultBackupDir, type DatabaseLock } from '../storage/index';
import { integrityCheckDue, scheduleIntegrityCheck, type IntegrityOptions, type IntegrityOutcome } from '../storage/integrity';
import {
  corruptionFoundProblem,
  describeBackups,
  otherDatabaseFiles,
  otherFilePath,
  recoveryProblemOf,
  restoreIntoPlace,
  setAside,
  type RecoveryProblem,
} from '../storage/recovery';
import { openCore, packageVersion, type Core, type CoreOptions, type DispatchResult } from './core';

export interface AppCoreOptions extends Omit<CoreOptions, 'lock' | 'access'> {
  /** The background integrity check (false: none, for tests that count timers). */
  integrity?: IntegrityOptions | false;
  /** Told every finished background check (tests, the log). */
  onIntegrity?: (r: IntegrityOutcome) => void;
}

export interface AppCore extends Core {
  /** Why the file cannot be used, or null while it can. */
  readonly problem: RecoveryProblem | null;
  readonly dbPath: string;
}

/** A db_corrupt reply about the open database itself (not a damaged backup picked for restore). */
function isLiveCorruption(error: ApiError): boolean {
  return error.code === 'db_corrupt' && (error.details as { database?: unknown } | undefined)?.database === true;
}

/**
 * Open the database as the app does. Throws only what recovery cannot help with (another program holds
 * the file: db_locked; SQLite cannot load); every other failure to open gives a core in recovery state.
 */
export function openAppCore(options: AppCoreOptions): AppCore {
  const log = options.log ?? ((message, error) => console.error(message, error));
  const version = options.version ?? packageVersion();
  let dbPath = options.dbPath;
  let backupDir = options.backupDir ?? defaultBackupDir(dbPath);
  let lock: DatabaseLock = acquireLock(dbPath, options.mode);
  let core: Core | null = null;
  let problem: RecoveryProblem | null = null;
  let cancelCheck = () => {};
  /** Settles the daily backup's wait for the background check (false: no backup of this file). */
  let settleGate: (sound: boolean) => void = () => {};
  let closed = false;
  /** Recovery actions one at a time. */
  let busy: Promise<unknown> = Promise.resolve();

  const onIntegrity = (r: IntegrityOutcome) => {
    settleGate(r.outcome !== 'corrupt');
    options.onIntegrity?.(r);
    if (r.outcome === 'corrupt') {
      log('background integrity check found damage', r.detail);
      void enterRecovery(corruptionFoundProblem(dbPath, r.detail));
    } else if (r.outcome === 'unknown') log('background integrity check could not run', r.detail);
  };

  /** A core on `path` with `withLock`, or the reason it cannot be used; other failures throw. */
  const tryOpen = (path: string, dir: string, withLock: DatabaseLock): { core: Core } | { problem: RecoveryProblem } => {
    settleGate(false);
    const checked = options.integrity !== false && integrityCheckDue(path, options.integrity?.minBytes);
    const backupGate = checked ? new Promise<boolean>((resolve) => (settleGate = resolve)) : undefined;
    try {
      return { core: openCore({ ...options, dbPath: path, backupDir: dir, lock: withLock, backupGate }) };
    } catch (e) {
      const p = recoveryProblemOf(e, path);
      if (!p) throw e;
      log(`database cannot be used (${p.kind}); recovery offered`, p.detail ?? e);
      return { problem: p };
    }
  };

  const useOpened = (c: Core) => {
    core = c;
    problem = null;
    if (options.integrity !== false) cancelCheck = scheduleIntegrityCheck(dbPath, onIntegrity, options.integrity ?? {});
  };

  const openCurrent = () => {
    const r = tryOpen(dbPath, backupDir, lock);
    if ('core' in r) useOpened(r.core);
    else problem = r.problem;
  };

  async function enterRecovery(p: RecoveryProblem): Promise<void> {
    if (closed || problem) return;
    problem = p;
    cancelCheck();
    settleGate(false);
    const c = core;
    core = null;
    // no more writes and no more backups of the damaged file
    await c?.shutdown();
  }

  try {
    openCurrent();
  } catch (e) {
    lock.release();
    throw e;
  }

  const status = (): RecoveryStatus =>
    problem
      ? {
          state: 'recovery',
          kind: problem.kind,
          message: problem.message,
          dbPath,
          backupDir,
          backups: describeBackups(backupDir),
          otherFiles: otherDatabaseFiles(dbPath).map((f) => ({ ...f })),
        }
      : { state: 'ok' };

  /** After a way out: the file must now open, else say so (the recovery screen stays, with the new reason). */
  const reopened = (savedAs: string | null) => {
    openCurrent();
    if (problem) throw new AppError('db_corrupt', `操作已完成，但数据文件仍无法使用：${problem.message}`);
    return { dbPath, savedAs };
  };

  const actions = {
    'recovery.restore': ({ name }: { name: string }) => reopened(restoreIntoPlace(dbPath, backupDir, name, problem!.kind).savedAs),
    'recovery.startNew': () => reopened(setAside(dbPath, problem!.kind)),
    'recovery.openFile': ({ path }: { path: string }) => {
      const full = otherFilePath(path, dbPath);
      const otherLock = acquireLock(full, options.mode);
      let r: ReturnType<typeof tryOpen>;
      try {
        r = tryOpen(full, defaultBackupDir(full), otherLock);
      } catch (e) {
        otherLock.release();
        throw e;
      }
      if ('problem' in r) {
        otherLock.release();
        throw new AppError('invalid_input', `这个文件也无法使用：${r.problem.message}`);
      }
      // the unusable file stays where it was, untouched: only this session uses the other one
      lock.release();
      lock = otherLock;
      dbPath = full;
      backupDir = defaultBackupDir(full);
      useOpened(r.core);
      return { dbPath, savedAs: null };
    },
  } as const;

  async function recover(name: keyof typeof actions, input: unknown): Promise<DispatchResult> {
    const method = api[name];
    const parsed = method.input.safeParse(input ?? {});
    if (!parsed.success) throw invalidInput(parsed.error, '输入');
    const value = await (actions[name] as (i: unknown) => unknown)(parsed.data);
    return { ok: true, value: method.output.parse(value) };
  }

  const self: AppCore = {
    get problem() {
      return problem;
    },
    get dbPath() {
      return dbPath;
    },
    async dispatch(name, input) {
      if (closed) return { ok: false, error: { code: 'internal', message: '数据库已关闭，请重新打开程序。' } };
      if (core) {
        const r = await core.dispatch(name, input);
        if (!r.ok && isLiveCorruption(r.error)) {
          await enterRecovery(corruptionFoundProblem(dbPath, r.error.message));
          return { ok: false, error: { code: 'needs_recovery', message: problem?.message ?? r.error.message } };
        }
        return r;
      }
      try {
        if (name === 'recovery.status') return { ok: true, value: status() };
        if (name === 'app.info') return { ok: true, value: { version, dataDir: dirname(dbPath), dbPath, mode: options.mode } };
        if (name in actions) {
          const run = busy.then(() => (core ? self.dispatch(name, input) : recover(name as keyof typeof actions, input)));
          busy = run.catch(() => undefined);
          return await run;
        }
        return { ok: false, error: { code: 'needs_recovery', message: problem!.message } };
      } catch (e) {
        if (e instanceof AppError) return { ok: false, error: e.toJSON() };
        log(`${name} failed`, e);
        return { ok: false, error: { code: 'internal', message: `操作未完成：${(e as Error).message}` } };
      }
    },
    close() {
      void self.shutdown();
    },
    async shutdown() {
      if (closed) return;
      closed = true;
      cancelCheck();
      settleGate(false);
      await core?.shutdown();
      lock.release();
    },
  };
  return self;
}
