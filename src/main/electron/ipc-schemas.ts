/** zod schemas for every IPC payload the main process accepts, and the pure rules around them. */
import '../../shared/zod-setup';
import { isAbsolute, normalize, relative, resolve } from 'node:path';
import * as z from 'zod';
import { METHOD_NAMES, type MethodName } from '../../shared/api';
import { AppError, invalidInput } from '../../shared/errors';
import { MAX_UPLOAD_FILE_BYTES, uploadTooLargeMessage } from '../../shared/upload-limits';

/** One file picked in the open dialog: the same limit as an upload in browser mode. */
export const MAX_OPEN_FILE_BYTES = MAX_UPLOAD_FILE_BYTES;
/** And all files of one pick together. */
export const MAX_OPEN_TOTAL_BYTES = 200 * 1024 * 1024;
export const MAX_OPEN_FILES = 200;
/** A saved export at most this large (base64 characters), in line with the import limit of api.ts. */
export const MAX_SAVE_BASE64 = 300_000_000;

export const MethodNameSchema = z.enum(METHOD_NAMES as [MethodName, ...MethodName[]]);

/** `rpc` arrives as (name, input); the input itself is validated by core.dispatch against api.ts. */
export const RpcRequest = z.tuple([MethodNameSchema, z.unknown()]);

const Base64 = z
  .string()
  .max(MAX_SAVE_BASE64)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, '不是有效的 base64 数据');

export const SaveFileRequest = z.tuple([z.string().trim().min(1).max(255), Base64]);

export const FileFilter = z.object({
  name: z.string().trim().min(1).max(60),
  extensions: z
    .array(z.string().regex(/^(\*|[A-Za-z0-9]{1,10})$/, '扩展名只能是字母和数字'))
    .min(1)
    .max(20),
});

export const OpenFilesRequest = z.tuple([z.array(FileFilter).max(10), z.boolean()]);

export const ShowInFolderRequest = z.tuple([z.string().min(1).max(4096)]);

/** Parses an IPC argument list or throws an AppError('invalid_input') with a Chinese message. */
export function parseIpc<S extends z.ZodType>(schema: S, args: unknown[], what: string): z.output<S> {
  const r = schema.safeParse(args);
  if (!r.success) throw invalidInput(r.error, what);
  return r.data;
}

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

/**
 * The renderer proposes a file name (e.g. "某某局2025年政府信息公开工作年度报告.docx"); keep it a bare
 * name that is valid on Windows and Linux, so it cannot steer the dialog to another folder.
 */
export function safeFileName(suggested: string, fallback = '年度报告.docx'): string {
  const base = suggested.split(/[\\/]/).pop() ?? '';
  let name = base
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_')
    .replace(/^[\s.]+/, '')
    .replace(/[\s.]+$/, '')
    .slice(0, 200);
  if (name === '' || WINDOWS_RESERVED.test(name)) name = fallback;
  return name;
}

/** Refuses files over the limits before reading them, with the sizes in the message. */
export function checkOpenSizes(files: readonly { name: string; bytes: number }[]): void {
  if (files.length > MAX_OPEN_FILES) {
    throw new AppError('too_large', `一次最多打开 ${MAX_OPEN_FILES} 个文件，这次选了 ${files.length} 个。`);
  }
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  for (const f of files) {
    if (f.bytes > MAX_OPEN_FILE_BYTES) {
      throw new AppError('too_large', uploadTooLargeMessage(f.name, f.bytes));
    }
  }
  const total = files.reduce((s, f) => s + f.bytes, 0);
  if (total > MAX_OPEN_TOTAL_BYTES) {
    throw new AppError('too_large', `所选文件合计 ${mb(total)}，一次不能超过 ${mb(MAX_OPEN_TOTAL_BYTES)}，请分批打开。`);
  }
}

/**
 * "打开所在文件夹" reveals only what the app itself wrote: a file saved through the save dialog in this
 * session, or something inside its own folders (data folder, database folder, backups). Not an arbitrary
 * path of the renderer's choosing.
 */
export function canReveal(path: string, savedPaths: ReadonlySet<string>, appDirs: readonly string[]): boolean {
  if (!isAbsolute(path) || path.includes('\0')) return false;
  const p = normalize(path);
  if (savedPaths.has(p)) return true;
  return appDirs.some((dir) => {
    const back = relative(resolve(dir), resolve(p));
    return back !== '' && !back.startsWith('..') && !isAbsolute(back);
  });
}
