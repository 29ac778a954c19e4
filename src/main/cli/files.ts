/** Reading input files and writing output files for the CLI: clear Chinese errors, atomic writes. */
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { AppError } from '../../shared/errors';
import type { ReportDoc } from '../../shared/report';
import { readReportFile } from '../services/import';
import type { ImportReport } from '../../shared/api';

/** Larger input than this is refused before reading (the importers have their own, tighter limits). */
export const MAX_INPUT_BYTES = 200 * 1024 * 1024;

export function readInput(path: string): Uint8Array {
  try {
    const size = statSync(path).size;
    if (size > MAX_INPUT_BYTES) throw new AppError('too_large', `文件“${path}”过大（${Math.round(size / 1048576)} MB），最大 200 MB。`);
    return readFileSync(path);
  } catch (e) {
    if (e instanceof AppError) throw e;
    const code = (e as { code?: string }).code;
    const why = code === 'ENOENT' ? '文件不存在' : code === 'EISDIR' ? '这是一个文件夹' : code === 'EACCES' ? '没有读取权限' : (e as Error).message;
    throw new AppError('invalid_input', `无法读取文件“${path}”：${why}。`);
  }
}

/** A report from any supported file: exchange .json, or .docx/.html/.txt through the importers. */
export async function readReport(path: string): Promise<{ doc: ReportDoc; report: ImportReport }> {
  return readReportFile(basename(path), readInput(path));
}

const WRITE_FAILURES: Readonly<Record<string, string>> = {
  EACCES: '没有写入权限',
  EPERM: '没有写入权限',
  EISDIR: '这是一个文件夹',
  ENOTDIR: '路径中有一段是文件而不是文件夹',
  EEXIST: '路径中有一段是文件而不是文件夹',
  ENOSPC: '磁盘空间不足',
  EROFS: '磁盘只读',
};

/**
 * Write through a temporary file and a rename, so a failed run never leaves half a file. A missing folder is
 * created; what cannot be written is an input error in Chinese (exit code 2).
 */
export function writeOutput(path: string, data: Uint8Array | string): string {
  const target = resolve(path);
  const temp = `${target}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(temp, data);
    renameSync(temp, target);
  } catch (e) {
    try {
      rmSync(temp, { force: true });
    } catch {
      /* the folder itself is not there: no temporary file either */
    }
    const code = (e as { code?: string }).code ?? '';
    throw new AppError('invalid_input', `无法写入文件“${path}”：${WRITE_FAILURES[code] ?? (e as Error).message}。`);
  }
  return target;
}
