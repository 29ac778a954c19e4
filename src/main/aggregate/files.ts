/**
 * 汇总 of files on disk, without the database: what the CLI runs (`gov-report aggregate <folder|files…>`)
 * and what the benchmark measures — read, validate, assess and sum.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { formatForYear, type FormatId } from '../../shared/format/index';
import type { Finding } from '../../shared/findings';
import type { Cells, ReportDoc } from '../../shared/report';
import { eligibility, includedBy } from './eligibility';
import { REPORT_FILE } from '../import/report-files';
import { aggregate, type Aggregation } from './sum';
import { assessUnit, readUnitFile, unitKey, type UnitStatus } from './units';


export interface FileUnit {
  file: string;
  /** Absent when the file could not be read. */
  name?: string;
  year?: number;
  format?: FormatId;
  status: UnitStatus | 'unreadable';
  errors: number;
  warnings: number;
  included: boolean;
  /** Why the unit is not summed (or, when included by choice, why it would not have been); null: summed by default. */
  reason: string | null;
  /** Summed because the user named it (--include, or --include-errors for a unit with errors). */
  includedByChoice: boolean;
  /** The file was replaced by a later file of the same agency and year. */
  replacedBy?: string;
  message?: string;
  findings: Finding[];
  /** The unit's cells in its own format (read files only): for the 汇总 workbook's unit sheets. */
  cells?: Cells;
}

export interface FilesAggregation {
  year: number;
  format: FormatId;
  units: FileUnit[];
  sum: Aggregation;
}

export interface AggregateFilesOptions {
  /** Year of the aggregate report; default: the year most units report on. */
  year?: number;
  /** Sum units with errors too. */
  includeErrors?: boolean;
  /** Files to sum although the rules leave them out (by path or file name). */
  include?: readonly string[];
}

/** The files named, with folders expanded to the report files directly inside them (sorted by name). */
export function expandPaths(paths: readonly string[]): string[] {
  return paths.flatMap((p) =>
    statSync(p).isDirectory()
      ? readdirSync(p)
          .filter((f) => REPORT_FILE.test(f))
          .sort()
          .map((f) => join(p, f))
      : [p],
  );
}

function mostCommonYear(docs: readonly ReportDoc[]): number | undefined {
  const counts = new Map<number, number>();
  for (const d of docs) counts.set(d.year, (counts.get(d.year) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]?.[0];
}

export async function aggregateFiles(paths: readonly string[], options: AggregateFilesOptions = {}): Promise<FilesAggregation> {
  const files = expandPaths(paths);
  const read = [];
  for (const file of files) read.push({ file, result: await readUnitFile(basename(file), readFileSync(file)) });
  const docs = read.flatMap((r) => (r.result.ok ? [r.result.doc] : []));
  const year = options.year ?? mostCommonYear(docs) ?? new Date().getFullYear() - 1;
  const format = formatForYear(year);

  // a later file of the same agency and year replaces an earlier one
  const latest = new Map<string, string>();
  for (const r of read) if (r.result.ok) latest.set(unitKey(r.result.doc.agency.name, r.result.doc.year), r.file);

  // the files that stay, assessed, then the one decision of eligibility.ts over them in the order given
  const kept = read.flatMap((r, i) => {
    if (!r.result.ok) return [];
    const doc = r.result.doc;
    const winner = latest.get(unitKey(doc.agency.name, doc.year))!;
    return winner === r.file ? [{ i, file: r.file, doc, assessment: assessUnit(doc, { year, format }) }] : [];
  });
  const defaults = eligibility(
    kept.map((k) => ({ fileName: basename(k.file), doc: k.doc, assessment: k.assessment })),
    { year, format },
  );
  const named = new Set(options.include ?? []);
  const decided = new Map(kept.map((k, j) => [k.i, { ...k, eligibility: defaults[j]! }]));

  const units: FileUnit[] = [];
  const summed = [];
  for (const [i, r] of read.entries()) {
    if (!r.result.ok) {
      units.push({ file: r.file, status: 'unreadable', errors: 1, warnings: 0, included: false, reason: r.result.error, includedByChoice: false, message: r.result.error, findings: [] });
      continue;
    }
    const doc = r.result.doc;
    const d = decided.get(i);
    if (!d) {
      const winner = latest.get(unitKey(doc.agency.name, doc.year))!;
      const a = assessUnit(doc, { year, format });
      const reason = `已被同一单位同一年度的“${basename(winner)}”替换`;
      units.push({ file: r.file, name: doc.agency.name, year: doc.year, format: doc.format, ...a, included: false, reason, includedByChoice: false, replacedBy: winner, cells: doc.cells });
      continue;
    }
    const choice = named.has(r.file) || named.has(basename(r.file)) || (options.includeErrors === true && d.eligibility.kind === 'errors') ? true : null;
    const included = includedBy(d.eligibility, choice);
    units.push({
      file: r.file,
      name: doc.agency.name,
      year: doc.year,
      format: doc.format,
      ...d.assessment,
      included,
      reason: d.eligibility.reason,
      includedByChoice: included && d.eligibility.reason !== null,
      cells: doc.cells,
    });
    if (included) summed.push({ id: i + 1, name: doc.agency.name, format: doc.format, cells: doc.cells });
  }
  return { year, format, units, sum: aggregate(summed, format) };
}
