/**
 * The full `PRAGMA integrity_check` of a big database, in a worker thread on its own read-only connection:
 * it reads every page (about 1 s per 100 MB), which `quick_check` at open does not do for index contents,
 * and the app keeps answering meanwhile. The worker is plain JavaScript evaluated from this string, so
 * neither the bundle for Electron nor tsx needs a second entry point.
 */
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** Files from this size get the background check (smaller ones are read whole by quick_check in milliseconds). */
export const INTEGRITY_MIN_BYTES = 16 * 1024 * 1024;
/** After open: the first screen's reads come first. */
export const INTEGRITY_DELAY_MS = 5000;

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
let db;
try {
  const Database = require(workerData.sqlite);
  db = new Database(workerData.path, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  const rows = db.pragma('integrity_check(20)', { simple: false }).map((r) => String(Object.values(r)[0]));
  parentPort.postMessage({ outcome: rows.length === 1 && rows[0] === 'ok' ? 'ok' : 'corrupt', detail: rows.join('; ') });
} catch (e) {
  const corrupt = /^SQLITE_(CORRUPT|NOTADB)/.test(String(e && e.code));
  parentPort.postMessage({ outcome: corrupt ? 'corrupt' : 'unknown', detail: String(e && e.message) });
} finally {
  if (db) db.close();
}
`;

export type IntegrityOutcome = { outcome: 'ok' | 'corrupt' | 'unknown'; detail: string; ms: number };

/** Run the check now, in a worker; never rejects ('unknown' when the worker cannot run or the file cannot be read). */
export function checkIntegrityInWorker(dbPath: string): Promise<IntegrityOutcome> {
  const started = performance.now();
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      const sqlite = createRequire(import.meta.url).resolve('better-sqlite3');
      worker = new Worker(WORKER, { eval: true, workerData: { path: dbPath, sqlite } });
    } catch (e) {
      resolve({ outcome: 'unknown', detail: String((e as Error).message), ms: 0 });
      return;
    }
    let done = false;
    const finish = (r: Omit<IntegrityOutcome, 'ms'>) => {
      if (done) return;
      done = true;
      resolve({ ...r, ms: performance.now() - started });
    };
    worker.once('message', (m: Omit<IntegrityOutcome, 'ms'>) => finish(m));
    worker.once('error', (e) => finish({ outcome: 'unknown', detail: e.message }));
    worker.once('exit', () => finish({ outcome: 'unknown', detail: 'worker exited' }));
  });
}

/** Whether the file is big enough for the background check. */
export function integrityCheckDue(dbPath: string, minBytes = INTEGRITY_MIN_BYTES): boolean {
  try {
    return statSync(dbPath).size >= minBytes;
  } catch {
    return false;
  }
}

export interface IntegrityOptions {
  delayMs?: number;
  minBytes?: number;
}

/**
 * The check `delayMs` after open on a file of at least `minBytes`; `onCorrupt` when it finds damage.
 * Returns a cancel for close (the worker's read-only connection does not block the app's writes).
 */
export function scheduleIntegrityCheck(
  dbPath: string,
  onResult: (r: IntegrityOutcome) => void,
  { delayMs = INTEGRITY_DELAY_MS, minBytes = INTEGRITY_MIN_BYTES }: IntegrityOptions = {},
): () => void {
  let cancelled = false;
  if (!integrityCheckDue(dbPath, minBytes)) return () => {};
  const timer = setTimeout(() => {
    void checkIntegrityInWorker(dbPath).then((r) => {
      if (!cancelled) onResult(r);
    });
  }, delayMs);
  timer.unref();
  return () => {
    cancelled = true;
    clearTimeout(timer);
  };
}
