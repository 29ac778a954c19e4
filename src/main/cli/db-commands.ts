/** `gov-report db …`: the app's database, through the same core (openCore + dispatch) as the app. */
import { basename } from 'node:path';
import type { ImportReport, ReportSummary } from '../../shared/api';
import { REPORT_STATUS_NAMES } from '../../shared/api';
import { AppError, type ApiError } from '../../shared/errors';
import type { FormatId } from '../../shared/format/index';
import { defaultDbPath } from '../paths';
import { openCore, type Core } from '../services/core';
import { acquireLock, beijingTime, defaultBackupDir, listBackups, restoreBackupFile, type BackupInfo } from '../storage/index';
import { parse, noExtraPositionals, requirePositional, type Options } from './args';
import { readInput, writeOutput } from './files';
import type { Io } from './io';
import { importSummary } from './report-commands';
import { table } from './text';
import { exitCodeOf } from './main';
import { DB_USAGE } from './usage';


const DB_OPTION: Options = { db: { type: 'string' } };

async function call<T>(core: Core, name: string, input: unknown): Promise<T> {
  const r = await core.dispatch(name, input);
  if (!r.ok) throw new AppError(r.error.code, r.error.message, r.error.details);
  return r.value as T;
}

/** 'read': a database another program holds open can still be listed and exported, never changed. */
async function withCore<T>(dbPath: string, fn: (core: Core) => Promise<T>, access: 'read' | 'write' = 'write'): Promise<T> {
  const core = openCore({ dbPath, mode: 'cli', access, autoBackup: access === 'write' });
  try {
    return await fn(core);
  } finally {
    core.close();
  }
}


export async function dbCommand(args: string[], io: Io): Promise<number> {
  const [sub, ...rest] = args;
  const usage = DB_USAGE.join('\n      ');
  switch (sub) {
    case 'list': {
      const p = parse(rest, { ...DB_OPTION, trash: { type: 'boolean' }, json: { type: 'boolean' } }, DB_USAGE[0]!);
      noExtraPositionals(p, 0, DB_USAGE[0]!);
      const dbPath = (p.values.db as string | undefined) ?? defaultDbPath();
      const reports = await withCore(dbPath, (core) => call<ReportSummary[]>(core, 'reports.list', { trash: !!p.values.trash }), 'read');
      if (p.values.json) io.out(JSON.stringify(reports, null, 2) + '\n');
      else if (reports.length === 0) io.out(p.values.trash ? '回收站是空的。\n' : `数据库中还没有报告（${dbPath}）。\n`);
      else
        io.out(
          table(
            ['编号', '机关', '年度', '格式', '状态', '错误', '提醒', '修改时间（北京时间）'],
            reports.map((r) => [String(r.id), r.agencyName, String(r.year), r.format, REPORT_STATUS_NAMES[r.status], String(r.errors), String(r.warnings), beijingTime(r.updatedAt)]),
          ),
        );
      return 0;
    }
    case 'import': {
      const p = parse(rest, { ...DB_OPTION, replace: { type: 'boolean' } }, DB_USAGE[1]!);
      requirePositional(p, 0, '要导入的文件', DB_USAGE[1]!);
      // Every file is read before the database is opened: a missing file changes nothing.
      const files = p.positionals.map((f) => ({ path: f, data: Buffer.from(readInput(f)).toString('base64') }));
      let failed = 0;
      let storageFailed = false;
      await withCore((p.values.db as string | undefined) ?? defaultDbPath(), async (core) => {
        for (const f of files) {
          const r = await core.dispatch('reports.import', { fileName: basename(f.path), data: f.data, replace: !!p.values.replace });
          if (r.ok) {
            const v = r.value as { report: { id: number; agency: { name: string }; year: number; format: FormatId }; importReport: ImportReport };
            io.out(`已导入：${f.path} → “${v.report.agency.name}”${v.report.year} 年度报告（编号 ${v.report.id}）\n`);
            if (v.importReport.messages.length > 0) io.err(importSummary(v.importReport, v.report));
          } else {
            failed++;
            if (exitCodeOf(r.error.code) === 3) storageFailed = true;
            const hint = r.error.code === 'conflict' ? '\n命令行中替换请加 --replace。' : '';
            io.err(`未导入：${f.path}\n${(r.error as ApiError).message}${hint}\n`);
          }
        }
      });
      return storageFailed ? 3 : failed > 0 ? 2 : 0;
    }
    case 'export': {
      const p = parse(rest, { ...DB_OPTION, out: { type: 'string' } }, DB_USAGE[2]!);
      noExtraPositionals(p, 1, DB_USAGE[2]!);
      const idText = requirePositional(p, 0, '报告编号（见 gov-report db list）', DB_USAGE[2]!);
      const id = Number(idText);
      if (!Number.isInteger(id) || id <= 0) throw new AppError('invalid_input', `报告编号应为正整数，而不是“${idText}”。`);
      const result = await withCore((p.values.db as string | undefined) ?? defaultDbPath(), (core) =>
        call<{ fileName: string; data: string }>(core, 'reports.export', { id, kind: 'exchange' }),
        'read',
      );
      const data = Buffer.from(result.data, 'base64');
      if (typeof p.values.out === 'string') io.out(`已导出：${writeOutput(p.values.out, data)}\n`);
      else io.out(data.toString('utf8'));
      return 0;
    }
    case 'backup': {
      const p = parse(rest, { ...DB_OPTION, list: { type: 'boolean' } }, DB_USAGE[3]!);
      noExtraPositionals(p, 0, DB_USAGE[3]!);
      const dbPath = (p.values.db as string | undefined) ?? defaultDbPath();
      if (p.values.list) {
        const backups = listBackups(defaultBackupDir(dbPath));
        io.out(
          backups.length === 0
            ? `还没有备份（${defaultBackupDir(dbPath)}）。\n`
            : table(['备份名称', '时间（北京时间）', '大小 (KB)'], backups.map((b) => [b.name, beijingTime(b.createdAt), String(Math.ceil(b.bytes / 1024))])),
        );
        return 0;
      }
      const b = await withCore(dbPath, (core) => call<BackupInfo>(core, 'backups.create', {}));
      io.out(`已备份：${b.name}（${defaultBackupDir(dbPath)}）\n`);
      return 0;
    }
    case 'restore': {
      const p = parse(rest, DB_OPTION, DB_USAGE[4]!);
      noExtraPositionals(p, 1, DB_USAGE[4]!);
      const name = requirePositional(p, 0, '备份名称（见 gov-report db backup --list）', DB_USAGE[4]!);
      const dbPath = (p.values.db as string | undefined) ?? defaultDbPath();
      // The lock first: a damaged file is looked at and replaced only by its one owner.
      const lock = acquireLock(dbPath, 'cli');
      try {
        let core: Core | null = null;
        try {
          core = openCore({ dbPath, mode: 'cli', autoBackup: false, lock });
        } catch (e) {
          if (!(e instanceof AppError && e.code === 'db_corrupt')) throw e;
        }
        if (core) {
          try {
            await call(core, 'backups.restore', { name });
          } finally {
            core.close();
          }
          io.out(`已恢复备份“${name}”。恢复前的数据已自动备份，可用 gov-report db backup --list 查看。\n`);
        } else {
          // The current file does not open: it is kept aside, renamed, instead of backed up.
          const { savedAs } = await restoreBackupFile(dbPath, defaultBackupDir(dbPath), name);
          io.out(`已恢复备份“${name}”。损坏的数据库文件已改名保留为：${savedAs}\n`);
        }
      } finally {
        lock.release();
      }
      return 0;
    }
    default:
      throw new AppError('invalid_input', `${sub ? `未知的 db 子命令“${sub}”` : '缺少 db 子命令'}。\n用法：${usage}`);
  }
}
