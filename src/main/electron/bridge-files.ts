/** The file work behind the bridge's openFiles and saveFile, in plain Node (the dialogs stay in main.ts). */
import { readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { AppError } from '../../shared/errors';
import { checkOpenSizes } from './ipc-schemas';

export interface PickedFile {
  fileName: string;
  /** base64 */
  data: string;
}

/** A file-system failure as a sentence the user can act on. */
export function fileErrorMessage(error: unknown, path: string, doing: '保存' | '读取'): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const name = `“${basename(path)}”`;
  switch (code) {
    case 'EBUSY':
    case 'EPERM':
    case 'EACCES':
      return doing === '保存'
        ? `无法保存${name}：文件可能正在被 WPS 或 Word 打开，或者没有写入该文件夹的权限。请关闭该文件或换一个位置后重试。`
        : `无法读取${name}：文件正被其他程序占用，或者没有读取权限。`;
    case 'ENOSPC':
      return `无法保存${name}：磁盘空间不足。`;
    case 'ENOENT':
      return doing === '保存' ? `无法保存${name}：目标文件夹不存在。` : `找不到${name}，它可能已被移动或删除。`;
    case 'EISDIR':
      return `${name}是一个文件夹，不是文件。`;
    default:
      return `${doing}${name}失败：${error instanceof Error ? error.message : String(error)}`;
  }
}

/** Reads the files chosen in the open dialog, refusing oversized ones before reading a byte. */
export async function readPickedFiles(paths: readonly string[]): Promise<PickedFile[]> {
  const sizes = await Promise.all(
    paths.map(async (p) => {
      try {
        const s = await stat(p);
        if (!s.isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
        return { name: basename(p), bytes: s.size };
      } catch (e) {
        throw new AppError('unsupported_file', fileErrorMessage(e, p, '读取'));
      }
    }),
  );
  checkOpenSizes(sizes);
  const files: PickedFile[] = [];
  for (const p of paths) {
    try {
      files.push({ fileName: basename(p), data: (await readFile(p)).toString('base64') });
    } catch (e) {
      throw new AppError('unsupported_file', fileErrorMessage(e, p, '读取'));
    }
  }
  return files;
}

/**
 * Writes an export through a temporary file beside the target, so a failed write (disk full, file locked
 * by WPS) leaves the previous file intact instead of a truncated document.
 */
export async function writeExportFile(path: string, base64: string): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(tmp, Buffer.from(base64, 'base64'));
    await rename(tmp, path);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw new AppError('internal', fileErrorMessage(e, path, '保存'));
  }
}

/** The save dialog's type filter, from the suggested name's extension. */
export function saveFilters(fileName: string): { name: string; extensions: string[] }[] {
  const ext = extname(fileName).slice(1).toLowerCase();
  const known: Record<string, string> = { docx: 'Word 文档', html: '网页文件', htm: '网页文件', json: '年报交换文件', txt: '文本文件', zip: '压缩包', xlsx: 'Excel 工作簿' };
  const label = known[ext];
  return label ? [{ name: label, extensions: [ext] }, { name: '所有文件', extensions: ['*'] }] : [{ name: '所有文件', extensions: ['*'] }];
}
