/**
 * One size limit for a file sent to the core: picked in the desktop dialog, chosen or dropped in browser
 * mode (base64 inside a JSON request). Every place that refuses a file names this limit, and the
 * browser-mode server's body limit is derived from it, so the number in the message is the real one.
 */
const MB = 1024 * 1024;

/** Largest single file accepted (the biggest real report with photos is < 20 MB). */
export const MAX_UPLOAD_FILE_BYTES = 50 * MB;

/** The limit as users read it: "50 MB". */
export const MAX_UPLOAD_LABEL = `${MAX_UPLOAD_FILE_BYTES / MB} MB`;

/** Bytes of a request carrying a file of `fileBytes` as base64, plus room for the JSON around it. */
export function requestBytesFor(fileBytes: number): number {
  return Math.ceil(fileBytes / 3) * 4 + MB;
}

/** Size in MB with one decimal, for messages. */
export function megabytes(bytes: number): string {
  return `${(bytes / MB).toFixed(1)} MB`;
}

/** The message for a file over the limit, naming it, its size and the limit. */
export function uploadTooLargeMessage(fileName: string, bytes: number): string {
  return `文件“${fileName}”太大（${megabytes(bytes)}），单个文件不能超过 ${MAX_UPLOAD_LABEL}。`;
}

/** The first file over the limit, or null. */
export function oversizeFile<F extends { name: string; size: number }>(files: readonly F[]): F | null {
  return files.find((f) => f.size > MAX_UPLOAD_FILE_BYTES) ?? null;
}
