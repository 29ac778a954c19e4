/**
 * `gov-report audit <文件夹> --xlsx 结果.xlsx [--html 结果.html] [--json]`: every report in a folder checked as
 * `check` checks it, the results as a workbook and a one-page summary. Exit 0 when every file was read and
 * no report has errors, 1 otherwise, 2 for a wrong argument.
 */
import { AppError } from '../../shared/errors';
import { parse, noExtraPositionals, requirePositional } from '../cli/args';
import { writeOutput } from '../cli/files';
import type { Io } from '../cli/io';
import { auditFolder } from './audit';
import { auditSummaryHtml } from './summary';
import { auditWorkbook, problemCounts, severityCount } from './workbook';
import { AUDIT_USAGE } from './usage';


export async function auditCommand(args: string[], io: Io): Promise<number> {
  const p = parse(args, { xlsx: { type: 'string' }, html: { type: 'string' }, json: { type: 'boolean' } }, AUDIT_USAGE);
  noExtraPositionals(p, 1, AUDIT_USAGE);
  const folder = requirePositional(p, 0, '要检查的文件夹', AUDIT_USAGE);
  if (typeof p.values.xlsx !== 'string' && typeof p.values.html !== 'string' && !p.values.json)
    throw new AppError('invalid_input', `缺少参数 --xlsx <结果.xlsx>（或 --html <结果.html>、--json）。\n用法：${AUDIT_USAGE}`);
  const started = performance.now();
  const rows = await auditFolder(folder, {
    onProgress: ({ done, total }) => {
      if (done % 50 === 0 || done === total) io.err(`已检查 ${done} / ${total}\n`);
    },
  });
  if (rows.length === 0) throw new AppError('invalid_input', `文件夹“${folder}”中没有报告文件（.json、.docx、.html、.mht、.txt、.xlsx）。`);
  if (typeof p.values.xlsx === 'string') io.out(`已写入工作簿：${writeOutput(p.values.xlsx, await auditWorkbook(rows))}\n`);
  if (typeof p.values.html === 'string') io.out(`已写入摘要：${writeOutput(p.values.html, auditSummaryHtml(rows))}\n`);
  const unreadable = rows.filter((r) => !r.ok).length;
  const withErrors = rows.filter((r) => r.ok && severityCount(r, 'error') > 0).length;
  if (p.values.json) {
    const out = rows.map(({ file, ok, reason, agency, year, format, findings }) => ({
      file,
      ok,
      ...(ok ? { agency, year, format, findings: findings.map(({ rule, severity, cells, message }) => ({ rule, severity, cells, message })) } : { reason }),
    }));
    io.out(JSON.stringify({ reports: out, problems: problemCounts(rows) }, null, 2) + '\n');
  } else {
    io.out(`共 ${rows.length} 个文件：${rows.length - unreadable} 份已读取，其中 ${withErrors} 份有错误；${unreadable} 个文件无法读取。用时 ${((performance.now() - started) / 1000).toFixed(1)} 秒。\n`);
  }
  return unreadable > 0 || withErrors > 0 ? 1 : 0;
}
