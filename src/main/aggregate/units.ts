/**
 * Units' files in, assessed before summing: an exchange file is validated here; .docx, .html and .txt
 * go through the importers. A unit's status sums up its findings; whether it is summed by default is
 * decided over all the units together (eligibility.ts).
 */
import type { ImportMessage } from '../../shared/api';
import { runChecks } from '../../shared/checks/index';
import { AppError, describeZodError } from '../../shared/errors';
import type { Finding } from '../../shared/findings';
import { formatIndex, type FormatId } from '../../shared/format/index';
import { ExchangeFile, type ReportDoc } from '../../shared/report';
import { importFile } from '../import/index';
import { unitCellsIn } from './sum';
import type { z } from 'zod';

/** An exchange file is a few kilobytes; anything far larger is not one. */
export const MAX_EXCHANGE_BYTES = 5 * 1024 * 1024;

export type UnitSource = 'exchange' | 'docx' | 'html' | 'text' | 'xlsx';

export type ReadUnitResult =
  | { ok: true; doc: ReportDoc; source: UnitSource; messages: z.infer<typeof ImportMessage>[] }
  | { ok: false; code: string; error: string };

const decoder = new TextDecoder('utf-8', { fatal: true });

function readExchange(fileName: string, bytes: Uint8Array): ReadUnitResult {
  if (bytes.byteLength > MAX_EXCHANGE_BYTES)
    return { ok: false, code: 'too_large', error: `“${fileName}”过大（${(bytes.byteLength / 1048576).toFixed(1)} MB），不是交换文件。` };
  let raw: unknown;
  try {
    raw = JSON.parse(decoder.decode(bytes).replace(/^\uFEFF/, ''));
  } catch {
    return { ok: false, code: 'unsupported_file', error: `“${fileName}”不是有效的 JSON 交换文件（无法解析）。` };
  }
  const parsed = ExchangeFile.safeParse(raw);
  if (!parsed.success) return { ok: false, code: 'invalid_input', error: describeZodError(parsed.error, `交换文件“${fileName}”`) };
  return { ok: true, doc: parsed.data, source: 'exchange', messages: [] };
}

/** Read one unit's file; never throws: a bad file comes back as a Chinese error for its row. */
export async function readUnitFile(fileName: string, bytes: Uint8Array): Promise<ReadUnitResult> {
  if (/\.json$/i.test(fileName)) return readExchange(fileName, bytes);
  try {
    const { doc, report } = await importFile(fileName, bytes);
    return { ok: true, doc, source: report.source, messages: report.messages };
  } catch (e) {
    if (e instanceof AppError) return { ok: false, code: e.code, error: e.message };
    return { ok: false, code: 'unsupported_file', error: `无法读取“${fileName}”：不是可识别的报告文件（支持 .json 交换文件、.docx、.html、.txt、.xlsx）。` };
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
