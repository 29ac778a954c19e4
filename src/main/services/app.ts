/** app.info, agencies.*, backups.* */
import { dirname } from 'node:path';
import { AppError } from '../../shared/errors';
import { createBackup, listBackups, restoreBackupFile } from '../storage/index';
import type { Handlers } from './context';

type AppMethods =
  | 'app.info'
  | 'agencies.list'
  | 'agencies.create'
  | 'agencies.update'
  | 'backups.list'
  | 'backups.create'
  | 'backups.restore'
  | 'recovery.status'
  | 'recovery.restore'
  | 'recovery.startNew'
  | 'recovery.openFile';

/** The recovery methods on a database that opened: nothing to recover (recovery-core.ts answers them otherwise). */
const nothingToRecover = () => {
  throw new AppError('conflict', '数据文件可以正常使用，无需恢复。要换用某个备份，请在“设置 › 数据与备份”中恢复。');
};

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

  'recovery.status': () => ({ state: 'ok' as const }),
  'recovery.restore': nothingToRecover,
  'recovery.startNew': nothingToRecover,
  'recovery.openFile': nothingToRecover,
};
