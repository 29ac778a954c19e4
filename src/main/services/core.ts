/**
 * The core every transport (Electron IPC, the browser-mode HTTP server, the CLI) dispatches to: opens the
 * storage, looks a method up in api.ts, validates input and output with zod and turns every failure into
 * `{ code, message }` with a Chinese message.
 */
import { readFileSync } from 'node:fs';
import { api, type MethodName } from '../../shared/api';
import { AppError, invalidInput, type ApiError } from '../../shared/errors';
import { aggregateHandlers } from '../aggregate/handlers';
import { auditHandlers } from '../audit/handlers';
import {
  acquireLock,
  backupDue,
  corruptDatabaseError,
  createBackup,
  defaultBackupDir,
  isCorruptionError,
  lockedError,
  lockHolder,
  openDatabase,
  removeLeftovers,
  storageError,
  Store,
  type DatabaseLock,
} from '../storage/index';
import { appHandlers } from './app';
import type { ServiceContext } from './context';
import { refreshStaleCounts } from './documents';
import { exportHandlers } from './export';
import { importHandlers } from './import';
import { buildRegistry, type Registry } from './registry';
import { reportHandlers } from './reports';
import { settingsHandlers } from './settings';

export interface CoreOptions {
  /** Path of the SQLite database file (created when absent). */
  dbPath: string;
  /** Folder for backups (default: `backups/` beside the database). */
  backupDir?: string;
  mode: 'electron' | 'browser' | 'cli';
  version?: string;
  /** Make the daily backup at open, and while open, whenever the newest is older than a day (default true). */
  autoBackup?: boolean;
  /**
   * 'write' (default): take the database's lock (db_locked when another program holds it). 'read': take
   * it when free, else open anyway and refuse every change with db_locked — the CLI's list and export.
   */
  access?: 'write' | 'read';
  /** A lock the caller already holds (the CLI's restore takes it before looking at a damaged file). */
  lock?: DatabaseLock;
  /**
   * The daily backup waits for this (the background integrity check of a big file): false, never — a
   * damaged file that quick_check let through must not be copied over good backups.
   */
  backupGate?: Promise<boolean>;
  /** Where unexpected errors are logged (default: console.error). */
  log?: (message: string, error: unknown) => void;
  /** The clock, for tests of revision coalescing. */
  now?: () => Date;
}

export type DispatchResult = { ok: true; value: unknown } | { ok: false; error: ApiError };

export interface Core {
  /** Validates the input against api.ts, runs the handler, validates the output; never throws. */
  dispatch(name: string, input: unknown): Promise<DispatchResult>;
  close(): void;
  /** close(), resolved once calls in progress have finished and the file is closed (before it is replaced). */
  shutdown(): Promise<void>;
}

/** Methods that change nothing: no recount needed after them. */
const READS = new Set(['app.info', 'agencies.list', 'reports.list', 'reports.open', 'reports.check', 'reports.history', 'backups.list', 'settings.getExport',
  // 批量检查 reads files sent to it, never the database
  'audit.start', 'audit.addFiles', 'audit.status', 'audit.cancel', 'audit.export']);
const RECOUNT_DELAY_MS = 200;
/** How often an open app looks whether the daily backup is due. */
export const BACKUP_TIMER_MS = 60 * 60 * 1000;

export const INTERNAL_MESSAGE = '程序内部错误，操作未完成（详细信息已记录到日志）。请重试；如果问题重复出现，请联系技术支持。';

export function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

export function createRegistry(): Registry {
  return buildRegistry(appHandlers, reportHandlers, exportHandlers, importHandlers, aggregateHandlers, auditHandlers, settingsHandlers);
}

/**
 * Open the database and return the core. Throws AppError 'db_newer' (file left untouched) or 'db_corrupt'
 * (message names the newest backup and how to restore it) when the file cannot be used.
 */
export function openCore(options: CoreOptions): Core {
  const backupDir = options.backupDir ?? defaultBackupDir(options.dbPath);
  const log = options.log ?? ((message, error) => console.error(message, error));
  const registry = createRegistry();
  let lock: DatabaseLock | null = options.lock ?? null;
  const ownsLock = !options.lock;
  /** Set when another program holds the lock and this core only reads. */
  let readOnlyFor: ReturnType<typeof lockHolder> = null;
  if (!lock) {
    try {
      lock = acquireLock(options.dbPath, options.mode);
    } catch (e) {
      if (!(options.access === 'read' && e instanceof AppError && e.code === 'db_locked')) throw e;
      readOnlyFor = lockHolder(options.dbPath);
      if (!readOnlyFor) lock = acquireLock(options.dbPath, options.mode);
    }
  }
  let store: Store | null;
  try {
    if (lock) removeLeftovers(options.dbPath, backupDir, (e) => log('removing leftovers failed', e));
    store = new Store(openDatabase(options.dbPath, backupDir), options.now);
  } catch (e) {
    if (ownsLock) lock?.release();
    throw storageError(e, options.dbPath) ?? e;
  }
  let closed = false;
  let shutdownDone: Promise<void> | null = null;
  /** Calls wait for this: a restore in progress. */
  let gate: Promise<unknown> = Promise.resolve();
  /** Calls and backups in progress: a restore waits for them, and so does closing the connection. */
  const inflight = new Set<Promise<unknown>>();
  const track = <T>(p: Promise<T>): Promise<T> => {
    inflight.add(p);
    p.then(
      () => inflight.delete(p),
      () => inflight.delete(p),
    );
    return p;
  };

  const ctx: ServiceContext = {
    get store() {
      if (!store) throw new AppError('internal', '数据库已关闭。');
      return store;
    },
    dbPath: options.dbPath,
    backupDir,
    mode: options.mode,
    version: options.version ?? packageVersion(),
    async reopenAround(fn) {
      store?.db.close();
      store = null;
      try {
        return await fn();
      } finally {
        store = new Store(openDatabase(options.dbPath, backupDir), options.now);
      }
    },
  };

  /** The daily backup when due. Calls go on meanwhile: SQLite's online backup copies in steps between them. */
  let backingUp = false;
  const dailyBackup = () => {
    if (closed || backingUp || readOnlyFor || !store || store.listAgencies().length === 0 || !backupDue(backupDir)) return;
    backingUp = true;
    const start = () =>
      void track(
        createBackup(store!.db, backupDir)
          .catch((e) => log('automatic backup failed', e))
          .finally(() => (backingUp = false)),
      );
    if (!options.backupGate) return start();
    // not tracked while waiting: a restore or close need not wait for the check
    void options.backupGate.then((sound) => {
      if (sound && !closed && store) start();
      else backingUp = false;
    });
  };
  let backupTimer: NodeJS.Timeout | null = null;
  if (options.autoBackup ?? true) {
    dailyBackup();
    // an app left open for days still gets its daily backup
    backupTimer = setInterval(() => {
      try {
        dailyBackup();
      } catch (e) {
        log('automatic backup failed', e);
      }
    }, BACKUP_TIMER_MS);
    backupTimer.unref();
  }

  // Once a burst of saves pauses: recount what edits marked stale (listing also does it first), and move
  // the WAL into the database file then rather than in the middle of a save.
  let recountTimer: NodeJS.Timeout | null = null;
  const recount = () => {
    recountTimer = null;
    try {
      if (store) {
        refreshStaleCounts(store);
        store.db.pragma('wal_checkpoint(PASSIVE)');
      }
    } catch (e) {
      log('recounting findings failed', e);
    }
  };
  const scheduleRecount = () => {
    if (recountTimer) clearTimeout(recountTimer);
    recountTimer = setTimeout(recount, RECOUNT_DELAY_MS);
    recountTimer.unref();
  };

  function toApiError(e: unknown, name: string): ApiError {
    if (e instanceof AppError) return e.toJSON();
    if (isCorruptionError(e)) return corruptDatabaseError(options.dbPath, backupDir, (e as Error).message).toJSON();
    const storage = storageError(e, options.dbPath);
    // the user is told what to do; a stack trace adds nothing
    if (storage) return storage.toJSON();
    log(`${name} failed`, e);
    return { code: 'internal', message: INTERNAL_MESSAGE };
  }

  async function run(name: string, input: unknown): Promise<DispatchResult> {
    if (!Object.hasOwn(api, name)) throw new AppError('not_found', `没有名为“${name}”的操作。`);
    if (readOnlyFor && !READS.has(name)) throw lockedError(options.dbPath, lockHolder(options.dbPath) ?? readOnlyFor);
    const method = api[name as MethodName];
    const handler = registry.get(name);
    if (!handler) throw new AppError('internal', `操作“${name}”尚未实现。`);
    const parsed = method.input.safeParse(input ?? {});
    if (!parsed.success) throw invalidInput(parsed.error, '输入');
    const value = await handler(parsed.data as never, ctx);
    const checked = method.output.safeParse(value);
    if (!checked.success) {
      log(`${name} returned data that does not match api.ts`, checked.error);
      throw new AppError('internal', INTERNAL_MESSAGE);
    }
    return { ok: true, value: checked.data };
  }

  const self: Core = {
    async dispatch(name, input) {
      if (closed) return { ok: false, error: { code: 'internal', message: '数据库已关闭，请重新打开程序。' } };
      try {
        const before = gate;
        let result: Promise<DispatchResult>;
        if (name === 'backups.restore') {
          // Replacing the file: wait for every call and backup in progress, and hold new calls until done.
          const others = [...inflight];
          result = before.then(() => Promise.allSettled(others)).then(() => run(name, input));
          gate = result.catch(() => undefined);
        } else {
          result = before.then(() => run(name, input));
        }
        const value = await track(result);
        if (!READS.has(name)) scheduleRecount();
        return value;
      } catch (e) {
        return { ok: false, error: toApiError(e, name) };
      }
    },
    close() {
      void self.shutdown();
    },
    shutdown() {
      if (shutdownDone) return shutdownDone;
      closed = true;
      if (backupTimer) clearInterval(backupTimer);
      if (recountTimer) {
        clearTimeout(recountTimer);
        recount();
      }
      const shut = () => {
        store?.db.close();
        store = null;
        if (ownsLock) lock?.release();
      };
      // Calls and backups already started finish first; the connection closes right after them.
      shutdownDone = inflight.size > 0 ? Promise.allSettled([...inflight]).then(shut) : Promise.resolve(shut());
      return shutdownDone;
    },
  };
  return self;
}
