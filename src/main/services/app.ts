/** app.info, agencies.*, backups.* */
import { dirname } from 'node:path';
import { createBackup, listBackups, restoreBackupFile } from '../storage/index';
import type { Handlers } from './context';

type AppMethods = 'app.info' | 'agencies.list' | 'agencies.create' | 'agencies.update' | 'backups.list' | 'backups.create' | 'backups.restore';

export const appHandlers: Handlers<AppMethods> = {
  'app.info': (_input, ctx) => ({ version: ctx.version, dataDir: dirname(ctx.dbPath), dbPath: ctx.dbPath, mode: ctx.mode }),

  'agencies.list': (_input, { store }) => store.listAgencies(),
  'agencies.create': (ref, { store }) => store.transaction(() => store.createAgency(ref)),
  'agencies.update': ({ id, ...patch }, { store }) => store.transaction(() => store.updateAgency(id, patch)),

  'backups.list': (_input, { backupDir }) => listBackups(backupDir),
  'backups.create': (_input, { store, backupDir }) => createBackup(store.db, backupDir),
  'backups.restore': async ({ name }, ctx) => {
    await ctx.reopenAround(() => restoreBackupFile(ctx.dbPath, ctx.backupDir, name));
    return { ok: true as const };
  },
};
