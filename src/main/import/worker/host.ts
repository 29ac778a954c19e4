/**
 * Import parsing off the main thread. Every report file the app, the server, the CLI, 汇总 and audit read is
 * parsed in a worker thread with a time limit, a memory limit (V8 heap of the worker) and cancel; the main
 * thread only receives the parsed result, validated with zod. A 2 MB .docx or a 40-page PDF then no longer
 * holds up a save issued meanwhile, and a hostile file that exhausts the worker's heap ends that worker, not
 * the app. Workers are kept for a short while between imports (an audit of a folder reads file after file).
 */
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ImportReport } from '../../../shared/api';
import { AppError } from '../../../shared/errors';
import type { ReportDoc } from '../../../shared/report';
import { WorkerReply, type WorkerJob } from './protocol';

/** Time allowed for one file (a PDF also stops itself at 30 s, with the page it reached). */
export const IMPORT_TIME_LIMIT_MS = 60_000;
/** Heap of a worker: a 40-page PDF needs some 150 MB; a hostile file is stopped well before the PC runs out. */
export const IMPORT_MEMORY_LIMIT_MB = 1024;
/**
 * Memory outside the V8 heap a file may take on top (decoded PDF streams and file buffers are ArrayBuffers,
 * which resourceLimits do not count: a 66 KB PDF of one stream inflating to 64 MB, drawn 50 times, took 9 GB).
 * Watched as the process's resident memory while the file is read.
 */
export const IMPORT_OFF_HEAP_MB = 512;
const WATCH_MS = 50;
/** A worker idle this long is ended: its heap is given back. */
const IDLE_MS = 20_000;
/** Files parsed at once; more wait their turn (an import dialog and a 汇总 in two windows at most). */
const MAX_BUSY = 2;

export interface ParseOptions {
  /** Aborting ends the worker at once: the import fails with code `cancelled`, nothing is stored. */
  signal?: AbortSignal;
  timeLimitMs?: number;
  memoryLimitMb?: number;
}

export type ParseResult = { doc: ReportDoc; report: ImportReport };

const NOTHING_SAVED = '未导入任何内容。';
const tooSlow = (fileName: string, ms: number) =>
  new AppError('too_large', `读取“${fileName}”超过 ${Math.round(ms / 1000)} 秒仍未完成，文件过大或过于复杂，已停止读取，${NOTHING_SAVED}`);
const tooBig = (fileName: string, mb: number) =>
  new AppError('too_large', `读取“${fileName}”需要的内存超过上限（${mb} MB），文件过大或过于复杂，已停止读取，${NOTHING_SAVED}`);
const crashed = (fileName: string) =>
  new AppError(
    'internal',
    `读取“${fileName}”时导入程序意外退出，${NOTHING_SAVED}请重试；如仍失败，请改为导入该报告的 Word 文件、网页或交换文件。`,
  );
const cancelled = (fileName: string) => new AppError('cancelled', `已取消导入“${fileName}”，${NOTHING_SAVED}`);

/**
 * The worker's script: beside the bundle in the Electron build (dist/electron/main.cjs and import-worker.cjs,
 * where import.meta.url is the bundle's own URL), the TypeScript entry through tsx otherwise.
 */
export function defaultWorkerScript(): URL {
  const here = import.meta.url;
  return /\.[cm]?js$/.test(here) ? new URL('./import-worker.cjs', here) : new URL('./boot.mjs', here);
}

interface Slot {
  worker: Worker;
  memoryLimitMb: number;
  idle: ReturnType<typeof setTimeout> | null;
}

export class ImportWorkers {
  private readonly free: Slot[] = [];
  private readonly waiting: (() => void)[] = [];
  private busy = 0;
  private nextId = 1;
  private started = 0;

  constructor(private readonly script: URL | string = defaultWorkerScript()) {}

  /** Workers started so far (tests: a worker is reused, and a failed one replaced). */
  get workersStarted(): number {
    return this.started;
  }

  async parse(fileName: string, bytes: Uint8Array, options: ParseOptions = {}): Promise<ParseResult> {
    const { signal } = options;
    if (signal?.aborted) throw cancelled(fileName);
    await this.turn();
    try {
      if (signal?.aborted) throw cancelled(fileName);
      return await this.run(this.slot(options.memoryLimitMb ?? IMPORT_MEMORY_LIMIT_MB), fileName, bytes, options);
    } finally {
      this.busy--;
      this.waiting.shift()?.();
    }
  }

  /** Ends every worker (the app closing). */
  async close(): Promise<void> {
    const slots = this.free.splice(0);
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  private async turn(): Promise<void> {
    while (this.busy >= MAX_BUSY) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.busy++;
  }

  private slot(memoryLimitMb: number): Slot {
    const at = this.free.findIndex((s) => s.memoryLimitMb === memoryLimitMb);
    if (at >= 0) {
      const [slot] = this.free.splice(at, 1);
      if (slot!.idle) clearTimeout(slot!.idle);
      slot!.idle = null;
      slot!.worker.ref();
      return slot!;
    }
    this.started++;
    // a path, not a URL: Electron reads a worker's script from inside app.asar by its path
    const worker = new Worker(typeof this.script === 'string' ? this.script : fileURLToPath(this.script), {
      // tsx (source runs) or nothing (the bundle): never the parent's flags, some are not allowed in workers
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: memoryLimitMb, maxYoungGenerationSizeMb: Math.min(64, Math.max(8, memoryLimitMb / 8)) },
    });
    // an error between two jobs (none is listening then) must not become an uncaught exception
    worker.on('error', () => undefined);
    const slot: Slot = { worker, memoryLimitMb, idle: null };
    worker.once('exit', () => {
      const at = this.free.indexOf(slot);
      if (at >= 0) this.free.splice(at, 1);
    });
    return slot;
  }

  private release(slot: Slot): void {
    slot.worker.unref(); // an idle worker never keeps the CLI's process alive
    slot.idle = setTimeout(() => {
      const at = this.free.indexOf(slot);
      if (at >= 0) this.free.splice(at, 1);
      void slot.worker.terminate();
    }, IDLE_MS);
    slot.idle.unref();
    this.free.push(slot);
  }

  private run(slot: Slot, fileName: string, bytes: Uint8Array, options: ParseOptions): Promise<ParseResult> {
    const { worker } = slot;
    const id = this.nextId++;
    const timeLimitMs = options.timeLimitMs ?? IMPORT_TIME_LIMIT_MS;
    return new Promise<ParseResult>((resolve, reject) => {
      const done = (keep: boolean) => {
        clearTimeout(timer);
        clearInterval(watch);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        options.signal?.removeEventListener('abort', onAbort);
        if (keep) this.release(slot);
        else void worker.terminate();
      };
      const fail = (error: AppError) => {
        done(false);
        reject(error);
      };
      const onMessage = (raw: unknown) => {
        const reply = WorkerReply.safeParse(raw);
        if (!reply.success || reply.data.id !== id) {
          console.error(`import worker: unexpected reply for ${fileName}`, reply.success ? `id ${reply.data.id}` : reply.error);
          fail(crashed(fileName));
          return;
        }
        done(true);
        const r = reply.data;
        if (r.ok) resolve({ doc: r.doc, report: r.report });
        else reject(new AppError(r.code, r.message, r.details));
      };
      const onError = (e: Error & { code?: string }) => {
        if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') fail(tooBig(fileName, slot.memoryLimitMb));
        else {
          console.error(`import worker failed on ${fileName}`, e);
          fail(crashed(fileName));
        }
      };
      const onExit = (code: number) => {
        console.error(`import worker exited (code ${code}) while reading ${fileName}`);
        fail(crashed(fileName));
      };
      const onAbort = () => fail(cancelled(fileName));
      const timer = setTimeout(() => fail(tooSlow(fileName, timeLimitMs)), timeLimitMs);
      // the heap limit is V8's; what is allocated outside it is bounded here, from this (idle) thread
      const rssLimit = process.memoryUsage.rss() + (slot.memoryLimitMb + IMPORT_OFF_HEAP_MB) * 1024 * 1024;
      const watch = setInterval(() => {
        if (process.memoryUsage.rss() > rssLimit) fail(tooBig(fileName, slot.memoryLimitMb + IMPORT_OFF_HEAP_MB));
      }, WATCH_MS);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      options.signal?.addEventListener('abort', onAbort, { once: true });
      // a copy of its own, handed over without a second copy (the caller's buffer may be a pooled Buffer)
      const own = new Uint8Array(bytes);
      worker.postMessage({ id, fileName, bytes: own } satisfies WorkerJob, [own.buffer]);
    });
  }
}

let shared: ImportWorkers | null = null;

/** Parse a report file in a worker of the process-wide set: the one path every reader of report files takes. */
export function parseInWorker(fileName: string, bytes: Uint8Array, options: ParseOptions = {}): Promise<ParseResult> {
  shared ??= new ImportWorkers();
  return shared.parse(fileName, bytes, options);
}

/**
 * Replace the process-wide set (tests: a worker script that crashes; benches: a set with other limits).
 * Returns the one it replaces.
 */
export function useImportWorkers(workers: ImportWorkers): ImportWorkers {
  const before = shared ?? new ImportWorkers();
  shared = workers;
  return before;
}
