/** Where the app keeps its data when no --db is given: the platform's per-user data folder. */
import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_FOLDER = 'gov-annual-report';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.GOV_REPORT_DATA_DIR) return env.GOV_REPORT_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_FOLDER);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_FOLDER);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_FOLDER);
}

export function defaultDbPath(env?: NodeJS.ProcessEnv): string {
  return join(defaultDataDir(env), 'reports.sqlite');
}
