/** app.info, agencies.*, backups.* */
import { dirname } from 'node:path';
import { createBackup, listBackups, restoreBackupFile } from '../storage/index';
import type { Handlers } from './context';

type AppMethods = 'app.info' | 'agencies.list' | 'agencies.create' | 'agencies.update' | 'backups.list' | 'backups.create' | 'backups.restore';

export const appHandlers: Handlers<AppMethods> = {
  'app.info': (_input, ctx) => ({ version: ctx.version, dataDir: dirname(ctx.dbPath), dbPath: ctx.dbPath, mode: ctx.mode }),

  'agencies.list': (_input, { store }) => store.listAgencies(),
  'agencies.create': (ref, { store }) => store.transaction(() => store.createAgency(ref)),
  'agencies.update': ({ id, ...patch }, { store }) =>
    store.transaction(() => {
      const agency = store.updateAgency(id, patch);
      // the level decides checks (规章 of townships and county bodies): the agency's stored counts are recounted
      if (patch.level !== undefined) {
        for (const trash of [false, true]) for (const r of store.listReports({ agencyId: id, trash })) store.markCountsStale(r.id, false);
      }
      return agency;
    }),

  'backups.list': (_input, { backupDir }) => listBackups(backupDir),
  'backups.create': (_input, { store, backupDir }) => createBackup(store.db, backupDir),
  'backups.restore': async ({ name }, ctx) => {
    await ctx.reopenAround(() => restoreBackupFile(ctx.dbPath, ctx.backupDir, name));
    return { ok: true as const };
  },
};
