/** Placeholder until the services land: the core every transport (IPC, HTTP, CLI) dispatches to. */
import type { ApiError } from '../../shared/errors';

export interface CoreOptions {
  /** Path of the SQLite database file (created when absent). */
  dbPath: string;
  /** Folder for backups (default: `backups/` beside the database). */
  backupDir?: string;
  mode: 'electron' | 'browser' | 'cli';
  version?: string;
}

export type DispatchResult = { ok: true; value: unknown } | { ok: false; error: ApiError };

export interface Core {
  /** Validates the input against api.ts, runs the handler, validates the output; never throws. */
  dispatch(name: string, input: unknown): Promise<DispatchResult>;
  close(): void;
}

export function openCore(_options: CoreOptions): Core {
  throw new Error('not implemented');
}
