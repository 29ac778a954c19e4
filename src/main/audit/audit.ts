/**
 * 批量检查: every report file in a folder read through the one import entry point and checked exactly
 * as `gov-report check` checks it (with the previous year's report of the same agency when the folder
 * holds one). A file that cannot be read is a row that says why, never a crash.
 */
import { REPORT_FILE } from '../import/report-files';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type { AgencyLevel } from '../../shared/agency';
import { AppError } from '../../shared/errors';
import type { Finding } from '../../shared/findings';
import type { FormatId } from '../../shared/format/index';
import type { ReportDoc } from '../../shared/report';
import { findingsFor } from '../cli/report-commands';
import { readReportFile } from '../services/import';
import { publicationDate, type PublicationDate } from './published';

/** Every kind the importers read; a kind this version cannot read yet (PDF) comes back as a row saying so. */

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

interface Read {
  input: AuditInput;
  doc?: ReportDoc;
  matched?: number;
  reason?: string;
}

async function readOne(input: AuditInput): Promise<Read> {
  try {
    const { doc, report } = await readReportFile(input.name, input.bytes);
    return { input, doc, matched: report.matched };
  } catch (e) {
    const reason = e instanceof AppError ? e.message : `无法读取：${(e as Error)?.message ?? String(e)}`;
    return { input, reason };
  }
}

/** Check files given as bytes (the app uploads them; the CLI reads them from the folder). */
export async function auditInputs(inputs: readonly AuditInput[] | (() => Iterable<AuditInput>), total: number, options: AuditOptions = {}): Promise<AuditRow[]> {
  const reads: Read[] = [];
  const source = typeof inputs === 'function' ? inputs() : inputs;
  for (const input of source) {
    if (options.signal?.aborted) break;
    reads.push(await readOne(input));
    options.onProgress?.({ done: reads.length, total, file: input.name });
  }
  // the previous year's report of the same agency, when the folder holds it (the last file of a pair wins)
  const byAgencyYear = new Map<string, Read>();
  for (const r of reads) if (r.doc) byAgencyYear.set(`${agencyKey(r.doc.agency.name)}|${r.doc.year}`, r);
  return reads.map((r): AuditRow => {
    const kind = extname(r.input.name).slice(1).toLowerCase();
    if (!r.doc) return { file: r.input.name, kind, ok: false, reason: r.reason, findings: [] };
    const prev = byAgencyYear.get(`${agencyKey(r.doc.agency.name)}|${r.doc.year - 1}`);
    return {
      file: r.input.name,
      kind,
      ok: true,
      agency: r.doc.agency.name,
      level: r.doc.agency.level,
      year: r.doc.year,
      format: r.doc.format,
      matched: r.matched,
      previousFile: prev?.input.name,
      findings: findingsFor(r.doc, prev?.doc ?? null),
      cells: r.doc.cells,
      published: publicationDate(kind, r.input.bytes),
    };
  });
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
