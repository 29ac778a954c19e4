/** The command line `npm start -- --db <file>` passes through to the desktop app, as the CLI and browser mode accept. */
import { resolve } from 'node:path';

export interface ShellArgs {
  /** A database other than the default one in the data folder. */
  dbPath?: string;
}

/** Reads `--db <file>` or `--db=<file>` after Electron's own arguments; ignores everything else (Chromium switches). */
export function parseShellArgs(argv: readonly string[], cwd: string): ShellArgs {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = a === '--db' ? argv[i + 1] : a.startsWith('--db=') ? a.slice('--db='.length) : undefined;
    if (value !== undefined && value !== '' && !value.startsWith('--')) return { dbPath: resolve(cwd, value) };
  }
  return {};
}
