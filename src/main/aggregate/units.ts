/**
 * Units' files in, assessed before summing: every file (exchange .json, .docx, .pdf, .html, .txt, .xlsx)
 * is parsed in an import worker, as everywhere else. A unit's status sums up its findings; whether it is summed by default is
 * decided over all the units together (eligibility.ts).
 */
import type { ImportMessage, ImportSource } from '../../shared/api';
import { runChecks } from '../../shared/checks/index';
import { AppError } from '../../shared/errors';
import type { Finding } from '../../shared/findings';
import { formatIndex, type FormatId } from '../../shared/format/index';
import type { ReportDoc } from '../../shared/report';
import { parseInWorker } from '../import/worker/host';
import { unitCellsIn } from './sum';
import type { z } from 'zod';

export type UnitSource = ImportSource;

export type ReadUnitResult =
  | { ok: true; doc: ReportDoc; source: UnitSource; messages: z.infer<typeof ImportMessage>[] }
  | { ok: false; code: string; error: string };

/** Read one unit's file (in an import worker, as every report file); never throws: a bad file comes back as a Chinese error for its row. */
export async function readUnitFile(fileName: string, bytes: Uint8Array): Promise<ReadUnitResult> {
  try {
    const { doc, report } = await parseInWorker(fileName, bytes);
    return { ok: true, doc, source: report.source, messages: report.messages };
  } catch (e) {
    if (e instanceof AppError) return { ok: false, code: e.code, error: e.message };
    return { ok: false, code: 'unsupported_file', error: `无法读取“${fileName}”：不是可识别的报告文件（支持 .json 交换文件、.docx、.pdf、.html、.txt、.xlsx）。` };
  }
}

export type UnitStatus = 'ok' | 'warnings' | 'errors';

export interface UnitAssessment {
  status: UnitStatus;
  errors: number;
  warnings: number;
  findings: Finding[];
}

/** Key that identifies a unit within a parent: re-importing the same agency and year replaces it. */
export function unitKey(name: string, year: number): string {
  return `${name.normalize('NFKC').replace(/\s+/g, '')}#${year}`;
}

/** The unit's own check findings, plus what makes it unfit for this parent (other year, cells lost in mapping). */
export function assessUnit(doc: ReportDoc, parent: { year: number; format: FormatId }): UnitAssessment {
  const findings: Finding[] = [...runChecks(doc, {})];
  if (doc.year !== parent.year)
    findings.push({
      rule: 'aggregate.year',
      severity: 'error',
      cells: [],
      message: `该单位报告的年度是 ${doc.year} 年，汇总报告是 ${parent.year} 年，不能相加。`,
      expected: parent.year,
      actual: doc.year,
    });
  const { dropped } = unitCellsIn({ id: 0, name: doc.agency.name, format: doc.format, cells: doc.cells }, parent.format);
  if (dropped.length) {
    const names = dropped.map((id) => formatIndex(doc.format).cellById.get(id)?.name ?? id);
    findings.push({
      rule: 'aggregate.unmapped',
      severity: 'warning',
      cells: dropped,
      message: `该单位使用 ${doc.format} 格式，以下数据在 ${parent.format} 格式中没有对应项，未计入汇总：${names.join('、')}。`,
    });
  }
  const errors = findings.filter((f) => f.severity === 'error' && !f.acknowledged).length;
  const warnings = findings.filter((f) => f.severity === 'warning' && !f.acknowledged).length;
  return { status: errors ? 'errors' : warnings ? 'warnings' : 'ok', errors, warnings, findings };
}
