/**
 * Units' files go to the core in small batches, so a few hundred files show steady progress, can be
 * cancelled between batches, and no request exceeds the browser-mode server's body limit.
 */
export const BATCH_MAX_FILES = 20;
export const BATCH_MAX_BYTES = 8 * 1024 * 1024;

/** Consecutive groups of files; a file larger than the byte budget travels alone. */
export function batchesOf<F extends { size: number }>(files: readonly F[]): F[][] {
  const out: F[][] = [];
  let current: F[] = [];
  let bytes = 0;
  for (const f of files) {
    if (current.length && (current.length >= BATCH_MAX_FILES || bytes + f.size > BATCH_MAX_BYTES)) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(f);
    bytes += f.size;
  }
  if (current.length) out.push(current);
  return out;
}

export const UNIT_FILE_ACCEPT = '.json,.docx,.html,.htm,.txt,.xlsx';
