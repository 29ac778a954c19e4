/** Errors that cross a boundary as `{ code, message }` with a Chinese message for the user. */
import * as z from 'zod';

export const ERROR_CODES = [
  'invalid_input',
  'not_found',
  'conflict',
  'has_errors',
  'db_newer',
  'db_corrupt',
  /** Another program holds the database file (details: the lock's holder). */
  'db_locked',
  /** The disk is full: the change was not saved. */
  'disk_full',
  /** The database file or its folder is read-only: the change was not saved. */
  'read_only',
  /** The database file cannot be used (damaged, empty, newer, unreadable): only the recovery screen works. */
  'needs_recovery',
  /** The text was changed elsewhere since this editor loaded it (details: both versions). */
  'stale_edit',
  /** The report is 已定稿: nothing in it changes until it is unlocked (setStatus with unlock, recorded in 历史). */
  'locked',
  'unsupported_file',
  'too_large',
  /** The user cancelled the operation (an import): nothing was saved. */
  'cancelled',
  'internal',
] as const;

export const ErrorCode = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ApiError = z.object({ code: ErrorCode, message: z.string(), details: z.unknown().optional() });
export type ApiError = z.infer<typeof ApiError>;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
  toJSON(): ApiError {
    return { code: this.code, message: this.message, ...(this.details === undefined ? {} : { details: this.details }) };
  }
}

/** Path of a zod issue as the user would read it: cells["t3.new.natural"] → cells.t3.new.natural */
export function issuePath(path: readonly PropertyKey[]): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p))).join('.').replace(/\.\[/g, '[');
}

/** One Chinese sentence per issue, each naming its field. */
export function describeZodError(error: z.ZodError, what = '数据'): string {
  const lines = error.issues.slice(0, 10).map((i) => {
    const path = issuePath(i.path);
    return path ? `字段 ${path}：${i.message}` : i.message;
  });
  const more = error.issues.length > 10 ? `\n……另有 ${error.issues.length - 10} 处错误` : '';
  return `${what}有误：\n${lines.join('\n')}${more}`;
}

/** Issues listed in an error's details: a 10^6-cell file with every cell wrong must not answer with 68 MiB. */
export const MAX_ISSUE_DETAILS = 100;

export function invalidInput(error: z.ZodError, what?: string): AppError {
  const issues = error.issues.slice(0, MAX_ISSUE_DETAILS).map((i) => ({ path: issuePath(i.path), message: i.message }));
  const more = error.issues.length - issues.length;
  return new AppError('invalid_input', describeZodError(error, what), more > 0 ? { issues, more } : { issues });
}
