/**
 * 批量检查: every report file in a folder read through the one import entry point and checked exactly
 * as `gov-report check` checks it (with the previous year's report of the same agency when the folder
 * holds one). A file that cannot be read is a row that says why, never a crash.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { AgencyLevel } from '../../shared/agency';
import { AppError } from '../../shared/errors';
import { fileKindOf, REPORT_FILE } from '../../shared/report-files';
import type { Finding } from '../../shared/findings';
import type { FormatId } from '../../shared/format/index';
import type { ReportDoc } from '../../shared/report';
import { findingsFor } from '../cli/report-commands';
import { readReportFile } from '../services/import';
import { publicationDate, type PublicationDate } from './published';

export interface AuditRow {
  file: string;
  /** Kind of file by its extension: docx, html, xlsx, … */
  kind: string;
  ok: boolean;
  /** Why the file could not be read (ok = false). */
  reason?: string;
  agency?: string;
  level?: AgencyLevel;
  year?: number;
  format?: FormatId;
  /** Cells read from the file's tables. */
  matched?: number;
  /** File of the previous year's report used for the cross-year checks. */
  previousFile?: string;
  findings: Finding[];
  /** Value cells quoted in the summary (key figures), by cell id. */
  cells?: ReportDoc['cells'];
  published?: PublicationDate | null;
}

export interface AuditProgress {
  done: number;
  total: number;
  file: string;
}

export interface AuditOptions {
  onProgress?: (p: AuditProgress) => void;
  signal?: AbortSignal;
}

/** The report files directly inside a folder, sorted by name. */
export function auditFilesIn(folder: string): string[] {
  let names: string[];
  try {
    if (!statSync(folder).isDirectory()) throw new AppError('invalid_input', `“${folder}”不是文件夹。`);
    names = readdirSync(folder);
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('invalid_input', `无法读取文件夹“${folder}”：${(e as { code?: string }).code === 'ENOENT' ? '文件夹不存在' : (e as Error).message}。`);
  }
  return names.filter((n) => REPORT_FILE.test(n)).sort().map((n) => join(folder, n));
}

const agencyKey = (name: string) => name.replace(/\s+/g, '');

export interface AuditInput {
  name: string;
  bytes: Uint8Array;
}

/** One file read (not yet checked): what the pairing with the previous year and the checks need, no bytes kept. */
export interface AuditRead {
  file: string;
  kind: string;
  doc?: ReportDoc;
  matched?: number;
  /** Why the file could not be read (no doc). */
  reason?: string;
  published?: PublicationDate | null;
}

/** Lets saves, status requests and the UI run between two files: the importers are mostly synchronous work. */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Reads one file through the one import entry point; a file that cannot be read is a read with its reason. */
export async function readAuditFile(input: AuditInput): Promise<AuditRead> {
  const kind = fileKindOf(input.name);
  try {
    const { doc, report } = await readReportFile(input.name, input.bytes);
    return { file: input.name, kind, doc, matched: report.matched, published: publicationDate(kind, input.bytes) };
  } catch (e) {
    return { file: input.name, kind, reason: unreadableReason(e) };
  }
}

/** A read that never got as far as the importer (too large to upload, say), as a row saying why. */
export const unreadable = (file: string, reason: string): AuditRead => ({ file, kind: fileKindOf(file), reason });

function unreadableReason(e: unknown): string {
  return e instanceof AppError ? e.message : `无法读取：${(e as Error)?.message ?? String(e)}`;
}

/**
 * The rows of the files read: each report checked exactly as `check` checks it, with the previous year's
 * report of the same agency when one was read (the last file of a pair wins). Yields between reports.
 */
export async function auditRows(reads: readonly AuditRead[]): Promise<AuditRow[]> {
  const byAgencyYear = new Map<string, AuditRead>();
  for (const r of reads) if (r.doc) byAgencyYear.set(`${agencyKey(r.doc.agency.name)}|${r.doc.year}`, r);
  const rows: AuditRow[] = [];
  for (const r of reads) {
    if (!r.doc) {
      rows.push({ file: r.file, kind: r.kind, ok: false, reason: r.reason, findings: [] });
      continue;
    }
    const prev = byAgencyYear.get(`${agencyKey(r.doc.agency.name)}|${r.doc.year - 1}`);
    let findings: Finding[];
    try {
      findings = findingsFor(r.doc, prev?.doc ?? null);
    } catch (e) {
      // a report the checks cannot take is a row saying so, not the end of the other 299
      rows.push({ file: r.file, kind: r.kind, ok: false, reason: `检查时出错：${unreadableReason(e)}`, findings: [] });
      continue;
    }
    rows.push({
      file: r.file,
      kind: r.kind,
      ok: true,
      agency: r.doc.agency.name,
      level: r.doc.agency.level,
      year: r.doc.year,
      format: r.doc.format,
      matched: r.matched,
      previousFile: prev?.file,
      findings,
      cells: r.doc.cells,
      published: r.published ?? null,
    });
    await yieldToEventLoop();
  }
  return rows;
}

/** Check files given as bytes, one at a time (the CLI reads them from the folder as it goes). */
export async function auditInputs(inputs: readonly AuditInput[] | (() => Iterable<AuditInput>), total: number, options: AuditOptions = {}): Promise<AuditRow[]> {
  const reads: AuditRead[] = [];
  const source = typeof inputs === 'function' ? inputs() : inputs;
  for (const input of source) {
    if (options.signal?.aborted) break;
    reads.push(await readAuditFile(input));
    options.onProgress?.({ done: reads.length, total, file: input.name });
    await yieldToEventLoop();
  }
  return auditRows(reads);
}

export async function auditFolder(folder: string, options: AuditOptions = {}): Promise<AuditRow[]> {
  const files = auditFilesIn(folder);
  return auditInputs(
    function* () {
      for (const f of files) yield { name: basename(f), bytes: readFileSync(f) };
    },
    files.length,
    options,
  );
}
