/**
 * gov-report: the command line. Exit codes: 0 done (check: no error-level finding), 1 the report has
 * errors (check, or export refused), 2 unreadable input or a wrong argument, 3 an internal error or a
 * database that cannot be used (held by another program, damaged, newer, read-only, disk full).
 */
import { AppError, type ErrorCode } from '../../shared/errors';
import { processIo, type Io } from './io';
import { AGGREGATE_HELP } from '../aggregate/usage';
import { AUDIT_HELP } from '../audit/usage';
import { DB_USAGE, USAGE } from './usage';

export const HELP = `政府信息公开年报助手 命令行工具

用法：
  ${USAGE.check}
      检查报告（.json 交换文件；.pdf、.docx、.html、.txt、.md 先导入再检查）。按发布前的要求检查：空白单元格算作错误。
      --previous  上年度报告，用于跨年度核对（上年结转、重复率）
      --json      以 JSON 输出：{ "findings": [ { "rule", "severity", "cells", "message" } ] }
  ${USAGE.export}
      导出为 Word 文档（或网页、Excel/WPS 统计表）。报告有错误时拒绝导出 Word 和网页并列出错误，加 --force 强制导出；
      统计表（.xlsx）另有一页检查结果，有错误时也导出。
  ${USAGE.new}
      在标准输出生成一份空白交换文件。机关级别：province、province-department、city、city-department、
      county、county-department、township、other，也可写中文：县级、县级部门、乡镇、县级政府部门 等。
  ${USAGE.import}
      导入已发布的报告（PDF、Word、网页、文本、Excel/WPS 表格），在标准输出给出交换文件，在标准错误给出导入报告；
      --json 时输出 { "exchange", "importReport" }。
  ${DB_USAGE.join('\n  ')}
      操作本程序的数据库：列出、导入、导出交换文件，备份与恢复。--db 默认为程序的数据文件夹中的数据库。
  ${AGGREGATE_HELP}
  ${AUDIT_HELP}

退出码：0 成功（check：没有错误）；1 报告有错误（check，或 export 被拒绝）；2 输入无法读取或参数有误；
3 程序内部错误，或数据文件无法使用（正被另一个程序使用、已损坏、版本更新、只读、磁盘已满）。
`;

/** Codes of a database or disk that cannot be used: exit 3, as an internal error — the input was fine. */
const STORAGE_CODES: ReadonlySet<ErrorCode> = new Set(['internal', 'db_locked', 'db_corrupt', 'db_newer', 'read_only', 'disk_full']);

export function exitCodeOf(code: ErrorCode): number {
  return code === 'has_errors' ? 1 : STORAGE_CODES.has(code) ? 3 : 2;
}

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const [command, ...args] = argv;
  try {
    switch (command) {
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        io.out(HELP);
        return command === undefined ? 2 : 0;
      // Loaded on demand: --help and `new` need neither the importers nor the exporters.
      case 'check':
        return await (await import('./report-commands')).checkCommand(args, io);
      case 'export':
        return await (await import('./report-commands')).exportCommand(args, io);
      case 'new':
        return await (await import('./new-command')).newCommand(args, io);
      case 'import':
        return await (await import('./report-commands')).importCommand(args, io);
      case 'aggregate':
        return await (await import('../aggregate/cli')).aggregateCommand(args, io);
      case 'db':
        return await (await import('./db-commands')).dbCommand(args, io);
      case 'audit':
        return await (await import('../audit/cli')).auditCommand(args, io);
      default:
        io.err(`未知的命令“${command}”。运行 gov-report --help 查看用法。\n`);
        return 2;
    }
  } catch (e) {
    if (e instanceof AppError) {
      io.err(`错误：${e.message}\n`);
      return exitCodeOf(e.code);
    }
    io.err(`程序内部错误：${(e as Error)?.message ?? String(e)}\n`);
    return 3;
  }
}
