/**
 * 批量检查 in the app: the page uploads the files in batches and polls for progress. A job reads each file
 * as it arrives — one at a time, yielding to the event loop between files so saves and status requests
 * go on — and, once the last file is in, checks them all. Reading and checking are audit.ts's, the same
 * as `gov-report audit`; this only queues, counts and cancels.
 */
import { randomUUID } from 'node:crypto';
import type { AuditRowView, AuditStatus } from '../../shared/api';
import { AppError } from '../../shared/errors';
import { MAX_UPLOAD_FILE_BYTES, uploadTooLargeMessage } from '../../shared/upload-limits';
import { auditRows, readAuditFile, unreadable, yieldToEventLoop, type AuditInput, type AuditRead, type AuditRow } from './audit';
import { deadlineStatus, deadlineText } from './published';
import { severityCount } from './workbook';

/** Jobs kept per core: a finished one stays for its export until newer ones push it out. */
export const MAX_KEPT_JOBS = 4;
/** Bytes waiting to be read: the page sends the next batch once the queue has drained, so this is only a guard. */
export const MAX_QUEUED_BYTES = 256 * 1024 * 1024;

type Queued = AuditInput | { name: string; reason: string };

export class AuditJob {
  readonly id = randomUUID();
  state: AuditStatus['state'] = 'reading';
  received = 0;
  current: string | null = null;
  rows: AuditRow[] | null = null;
  private readonly reads: AuditRead[] = [];
  private readonly queue: Queued[] = [];
  private queuedBytes = 0;
  private last = false;
  private cancelled = false;
  private working: Promise<void> | null = null;

  constructor(readonly total: number) {}

  /** Queues a batch; `last` closes the job to more files. Oversized files come as rows saying why. */
  add(files: readonly AuditInput[], oversize: readonly { fileName: string; bytes: number }[], last: boolean): void {
    if (this.state !== 'reading' || this.last) throw new AppError('conflict', this.cancelled ? '这次批量检查已取消，请重新开始。' : '这次批量检查已收齐文件，不能再添加。');
    const count = files.length + oversize.length;
    if (this.received + count > this.total) throw new AppError('invalid_input', `文件数超过开始时声明的 ${this.total} 个。`);
    const bytes = files.reduce((s, f) => s + f.bytes.byteLength, 0);
    if (this.queuedBytes + bytes > MAX_QUEUED_BYTES) throw new AppError('too_large', '待检查的文件过多，请等前面的文件检查完再添加。');
    for (const f of oversize) this.queue.push({ name: f.fileName, reason: uploadTooLargeMessage(f.fileName, f.bytes) });
    for (const f of files) {
      // a file over the shared limit is not read, whichever way it came
      if (f.bytes.byteLength > MAX_UPLOAD_FILE_BYTES) this.queue.push({ name: f.name, reason: uploadTooLargeMessage(f.name, f.bytes.byteLength) });
      else {
        this.queue.push(f);
        this.queuedBytes += f.bytes.byteLength;
      }
    }
    this.received += count;
    this.last = last;
    this.work();
  }

  /** Stops after the file being read; the files read so far are checked and shown. */
  cancel(): void {
    if (this.state !== 'reading') return;
    this.cancelled = true;
    this.queue.length = 0;
    this.queuedBytes = 0;
    this.work();
  }

  /** Resolves when the job has nothing left to do for now (for tests and the CLI-like callers). */
  async idle(): Promise<void> {
    while (this.working) await this.working;
  }

  private work(): void {
    if (this.working) return;
    this.working = this.run().finally(() => {
      this.working = null;
    });
  }

  private async run(): Promise<void> {
    while (this.queue.length > 0 && !this.cancelled) {
      const next = this.queue.shift()!;
      this.current = next.name;
      if ('reason' in next) this.reads.push(unreadable(next.name, next.reason));
      else {
        this.queuedBytes -= next.bytes.byteLength;
        this.reads.push(await readAuditFile(next));
      }
      this.current = null;
      await yieldToEventLoop();
    }
    if (this.state === 'reading' && (this.cancelled || (this.last && this.queue.length === 0))) {
      this.state = 'checking';
      this.rows = await auditRows(this.reads);
      this.state = this.cancelled ? 'cancelled' : 'done';
    }
  }

  status(withRows = true): AuditStatus {
    return {
      id: this.id,
      state: this.state,
      total: this.total,
      received: this.received,
      done: this.reads.length,
      current: this.current,
      rows: withRows && this.rows && (this.state === 'done' || this.state === 'cancelled') ? this.rows.map(rowView) : null,
    };
  }

  /** The rows for the workbook or summary; refused until the files are checked. */
  finishedRows(): AuditRow[] {
    if (!this.rows || (this.state !== 'done' && this.state !== 'cancelled')) throw new AppError('conflict', '批量检查尚未完成，请等检查完再保存结果。');
    return this.rows;
  }
}

export function rowView(r: AuditRow): AuditRowView {
  return {
    file: r.file,
    kind: r.kind,
    ok: r.ok,
    reason: r.reason ?? null,
    agency: r.agency ?? null,
    level: r.level ?? null,
    year: r.year ?? null,
    format: r.format ?? null,
    matched: r.matched ?? null,
    errors: severityCount(r, 'error'),
    warnings: severityCount(r, 'warning'),
    deadline: r.ok ? { status: deadlineStatus(r.level!, r.year!, r.published).kind, text: deadlineText(r.level!, r.year!, r.published) } : null,
    previousFile: r.previousFile ?? null,
    findings: r.findings.filter((f) => f.severity !== 'info'),
  };
}

/** The jobs of one core, newest last. */
export class AuditJobs {
  private readonly jobs = new Map<string, AuditJob>();

  start(total: number): AuditJob {
    const job = new AuditJob(total);
    this.jobs.set(job.id, job);
    // the oldest go first; one still reading is cancelled, so its files are let go
    for (const old of this.jobs.values()) {
      if (this.jobs.size <= MAX_KEPT_JOBS) break;
      old.cancel();
      this.jobs.delete(old.id);
    }
    return job;
  }

  get(id: string): AuditJob {
    const job = this.jobs.get(id);
    if (!job) throw new AppError('not_found', '找不到这次批量检查（程序重启过，或已开始了更新的检查），请重新选择文件。');
    return job;
  }
}
