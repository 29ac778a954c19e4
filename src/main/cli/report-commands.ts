/** Commands on report files: check, export, new, import. None of them touches the database. */
import type { ImportReport } from '../../shared/api';
import { checkAsPublished } from '../../shared/checks/index';
import { importReportText, type ImportedInfo } from '../../shared/importReport';
import { AppError } from '../../shared/errors';
import { SEVERITY_NAMES, type Finding } from '../../shared/findings';
import { toExchange, type ReportDoc } from '../../shared/report';
import { exportFileName, renderExport } from '../services/export';
import { docxToPdf } from '../export/pdf';
import { parse, noExtraPositionals, requirePositional } from './args';
import { USAGE } from './usage';
import { readReport, writeOutput } from './files';
import type { Io } from './io';


/** The command line checks a report as it would be published — the one path the import dialog and 检查 share. */
export function findingsFor(doc: ReportDoc, previous: ReportDoc | null): Finding[] {
  return checkAsPublished(doc, previous);
}

const sameAgency = (a: string, b: string) => a.normalize('NFKC').replace(/\s+/g, '') === b.normalize('NFKC').replace(/\s+/g, '');

/** Why a report given as --previous is not last year's report of the same agency (null when it is). */
export function whyNotPrevious(doc: ReportDoc, previous: ReportDoc): string | null {
  const problems: string[] = [];
  if (!sameAgency(doc.agency.name, previous.agency.name)) problems.push(`是“${previous.agency.name}”的报告，不是“${doc.agency.name}”的`);
  if (previous.year !== doc.year - 1) problems.push(`是 ${previous.year} 年度的报告，不是上一年度（${doc.year - 1} 年）的`);
  return problems.length ? `--previous 指定的报告${problems.join('，且')}` : null;
}

function describeDoc(doc: ReportDoc): string {
  return `“${doc.agency.name}”${doc.year} 年度报告（${doc.format}）`;
}

/** The import report for the reader: the same grouped lines and format name as the app's import dialog. */
export function importSummary(report: ImportReport, doc: ImportedInfo | null = null): string {
  return importReportText(report, doc);
}

/** One finding per block: number, severity and rule; the message; the cells to look at. */
export function findingsTable(findings: readonly Finding[]): string {
  const width = String(findings.length).length;
  return findings
    .map((f, i) => {
      const head = `${String(i + 1).padStart(width)}. [${SEVERITY_NAMES[f.severity]}${f.acknowledged ? '，已确认' : ''}] ${f.rule}`;
      const indent = ' '.repeat(width + 2);
      const lines = [head, ...f.message.split(/\n/).map((l) => indent + l.trim())];
      if (f.cells.length > 0) lines.push(`${indent}单元格：${f.cells.length > 6 ? `${f.cells.slice(0, 6).join('、')} 等 ${f.cells.length} 个` : f.cells.join('、')}`);
      if (f.acknowledged) lines.push(`${indent}确认理由：${f.acknowledged.reason}`);
      return lines.join('\n');
    })
    .join('\n\n') + '\n';
}

export async function checkCommand(args: string[], io: Io): Promise<number> {
  const p = parse(args, { previous: { type: 'string' }, json: { type: 'boolean' } }, USAGE.check);
  noExtraPositionals(p, 1, USAGE.check);
  const file = requirePositional(p, 0, '要检查的报告文件', USAGE.check);
  const current = await readReport(file);
  const given = typeof p.values.previous === 'string' ? (await readReport(p.values.previous)).doc : null;
  const notPrevious = given ? whyNotPrevious(current.doc, given) : null;
  if (notPrevious) io.err(`注意：${notPrevious}，未做跨年度核对（上年结转、现行有效件数、与上年重复）。\n`);
  const previous = notPrevious ? null : given;
  const findings = findingsFor(current.doc, previous);
  const errors = findings.filter((f) => f.severity === 'error').length;
  if (p.values.json) {
    io.out(JSON.stringify({ findings: findings.map(({ rule, severity, cells, message }) => ({ rule, severity, cells, message })) }, null, 2) + '\n');
  } else {
    if (current.report.source !== 'exchange') io.err(importSummary(current.report, current.doc));
    const warnings = findings.filter((f) => f.severity === 'warning').length;
    io.out(`检查${describeDoc(current.doc)}${previous ? `，对照 ${previous.year} 年度报告` : ''}：${errors} 处错误，${warnings} 条提醒，${findings.length - errors - warnings} 条信息\n`);
    if (findings.length > 0) io.out('\n' + findingsTable(findings));
    else io.out('没有发现问题。\n');
  }
  return errors > 0 ? 1 : 0;
}

export async function exportCommand(args: string[], io: Io): Promise<number> {
  const p = parse(
    args,
    { docx: { type: 'string' }, html: { type: 'string' }, xlsx: { type: 'string' }, pdf: { type: 'string' }, force: { type: 'boolean' } },
    USAGE.export,
  );
  noExtraPositionals(p, 1, USAGE.export);
  const file = requirePositional(p, 0, '要导出的报告文件', USAGE.export);
  const targets = (['docx', 'html', 'xlsx'] as const).filter((k) => typeof p.values[k] === 'string');
  const pdfPath = typeof p.values.pdf === 'string' ? p.values.pdf : undefined;
  if (targets.length === 0 && !pdfPath) throw new AppError('invalid_input', `缺少参数 --docx <输出.docx>（或 --html <输出.html>、--xlsx <输出.xlsx>）。\n用法：${USAGE.export}`);
  const { doc } = await readReport(file);
  const findings = findingsFor(doc, null);
  // the workbook lists the findings, so it is written for a draft too (as the app does); Word and web pages wait
  const gated = !!pdfPath || targets.some((k) => k !== 'xlsx');
  const errors = gated ? findings.filter((f) => f.severity === 'error') : [];
  if (errors.length > 0 && !p.values.force) {
    io.err(`报告还有 ${errors.length} 处错误，未导出：\n\n${findingsTable(errors)}\n请先改正；如确需导出，请加 --force。\n`);
    return 1;
  }
  for (const kind of targets) {
    const data = await renderExport(doc, kind, {}, findings);
    const written = writeOutput(p.values[kind] as string, data);
    io.out(`已导出：${written}（${exportFileName(doc, kind)}）\n`);
  }
  if (pdfPath) {
    // the PDF is the Word file as LibreOffice prints it: the same document, not a second layout
    const pdf = docxToPdf(await renderExport(doc, 'docx', {}, findings));
    io.out(`已导出：${writeOutput(pdfPath, pdf)}（PDF，由 LibreOffice 从 Word 文件转换）\n`);
  }
  if (errors.length > 0) io.err(`注意：报告还有 ${errors.length} 处错误，已按 --force 强制导出。\n`);
  return 0;
}

export async function importCommand(args: string[], io: Io): Promise<number> {
  const p = parse(args, { json: { type: 'boolean' } }, USAGE.import);
  noExtraPositionals(p, 1, USAGE.import);
  const file = requirePositional(p, 0, '要导入的文件', USAGE.import);
  const { doc, report } = await readReport(file);
  if (p.values.json) {
    io.out(JSON.stringify({ exchange: toExchange(doc), importReport: report }, null, 2) + '\n');
  } else {
    // The exchange file on stdout (to redirect into a file), the import report for the reader on stderr.
    io.out(JSON.stringify(toExchange(doc), null, 2) + '\n');
    io.err(importSummary(report, doc));
  }
  return 0;
}
