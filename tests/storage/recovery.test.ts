/**
 * The way back from every database file the app cannot use, on real SQLite files: the app core does not
 * stop but enters a recovery state (every other call answers needs_recovery), lists the backups with their
 * dates and report counts, and restores one (the unusable file renamed beside it, never deleted), starts a
 * new file or opens another one. Damage found while in use — by a save or by the background
 * integrity_check in a worker — leads to the same state, and such a file is never backed up.
 */
import assert from 'node:assert/strict';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import Database from 'better-sqlite3';
import { openCore } from '../../src/main/services/core';
import { openAppCore, type AppCore, type AppCoreOptions } from '../../src/main/services/recovery-core';
import { defaultBackupDir, listBackups } from '../../src/main/storage/index';
import type { IntegrityOutcome } from '../../src/main/storage/integrity';
import type { Output } from '../../src/shared/api';
import { tempDir } from './helpers';

type Status = Output<'recovery.status'>;

/** The check's timer does not hold the process open (unref): a test waiting on it does. */
function within<T>(p: Promise<T>, ms = 60_000): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timed out')), ms)))]).finally(() => clearTimeout(timer));
}

/** A database with `reports` reports of one agency and a backup of it; returns the backup's name. */
async function withBackup(dir: string, reports: number): Promise<{ dbPath: string; backup: string }> {
  const dbPath = join(dir, 'reports.sqlite');
  const c = openCore({ dbPath, mode: 'browser', autoBackup: false });
  const a = await c.dispatch('agencies.create', { name: '某某县教育局', level: 'county-department' });
  assert.ok(a.ok);
  for (let i = 0; i < reports; i++) assert.ok((await c.dispatch('reports.create', { agencyId: (a.value as { id: number }).id, year: 2020 + i })).ok);
  const b = await c.dispatch('backups.create', {});
  assert.ok(b.ok);
  await c.shutdown();
  return { dbPath, backup: (b.value as { name: string }).name };
}

function appCore(t: TestContext, options: Partial<AppCoreOptions> & { dbPath: string }): AppCore {
  const core = openAppCore({ mode: 'browser', autoBackup: false, integrity: false, log: () => {}, ...options });
  t.after(() => core.shutdown());
  return core;
}

async function call<T>(core: AppCore, name: string, input: unknown = {}): Promise<T> {
  const r = await core.dispatch(name, input);
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

async function status(core: AppCore): Promise<Extract<Status, { state: 'recovery' }>> {
  const s = await call<Status>(core, 'recovery.status');
  assert.equal(s.state, 'recovery');
  return s as Extract<Status, { state: 'recovery' }>;
}

/** Scribble over pages past the header, as a failing disk would: the file no longer reads as a database. */
function damage(dbPath: string): void {
  const fd = openSync(dbPath, 'r+');
  writeSync(fd, Buffer.alloc(4096 * 2, 0x5a), 0, 4096 * 2, 4096);
  closeSync(fd);
}

test('a damaged database: recovery state, backups listed with their dates and report counts, restore keeps the damaged file aside', async (t) => {
  const dir = tempDir(t, 'gov-recover-');
  const { dbPath, backup } = await withBackup(dir, 3);
  damage(dbPath);
  const damaged = readFileSync(dbPath);
  const core = appCore(t, { dbPath });
  assert.equal(core.problem?.kind, 'corrupt');

  const refused = await core.dispatch('agencies.list', {});
  assert.ok(!refused.ok && refused.error.code === 'needs_recovery');
  assert.match(refused.error.message, /已损坏/);
  const info = await call<{ dbPath: string }>(core, 'app.info');
  assert.equal(info.dbPath, dbPath);

  const s = await status(core);
  assert.equal(s.kind, 'corrupt');
  assert.match(s.message, /已损坏.*从下面的备份中选一个恢复/);
  assert.doesNotMatch(s.message, /gov-report|命令行/, 'no CLI needed');
  assert.equal(s.backups.length, 1);
  assert.deepEqual({ name: s.backups[0]!.name, reports: s.backups[0]!.reports, agencies: s.backups[0]!.agencies, problem: s.backups[0]!.problem }, {
    name: backup,
    reports: 3,
    agencies: 1,
    problem: null,
  });
  assert.ok(Date.parse(s.backups[0]!.createdAt) > Date.now() - 60_000);

  const done = await call<{ savedAs: string; dbPath: string }>(core, 'recovery.restore', { name: backup });
  assert.match(done.savedAs, /reports\.sqlite\.damaged-\d{8}-\d{9}$/);
  assert.deepEqual(readFileSync(done.savedAs), damaged, 'the damaged file kept byte for byte');
  assert.equal(core.problem, null);
  assert.equal((await call<unknown[]>(core, 'reports.list')).length, 3, 'the reports are back');
  assert.equal((await call<Status>(core, 'recovery.status')).state, 'ok');
  assert.deepEqual(
    listBackups(defaultBackupDir(dbPath)).map((b) => b.name),
    [backup],
    'the damaged file was not copied into the backups',
  );
  // saving works on the restored file
  assert.ok((await core.dispatch('agencies.create', { name: '另一局', level: 'county' })).ok);
});

test('an emptied (0-byte) database with backups: recovery instead of a new empty file; 新建 sets it aside', async (t) => {
  const dir = tempDir(t, 'gov-recover-');
  const { dbPath } = await withBackup(dir, 2);
  writeFileSync(dbPath, '');
  for (const f of ['-wal', '-shm']) rmSync(dbPath + f, { force: true });
  const core = appCore(t, { dbPath });
  const s = await status(core);
  assert.equal(s.kind, 'empty');
  assert.match(s.message, /0 字节/);
  assert.equal(s.backups[0]!.reports, 2);
  assert.equal(statSync(dbPath).size, 0, 'nothing written while deciding');

  const done = await call<{ savedAs: string }>(core, 'recovery.startNew');
  assert.equal(statSync(done.savedAs).size, 0);
  assert.deepEqual(await call<unknown[]>(core, 'agencies.list'), [], 'a new, empty file by choice');
});

test('a database of a newer version is left untouched; another file can be opened instead', async (t) => {
  const dir = tempDir(t, 'gov-recover-');
  const { dbPath } = await withBackup(dir, 1);
  const db = new Database(dbPath);
  db.pragma('user_version = 99');
  db.close();
  const before = readFileSync(dbPath);
  const other = join(dir, 'other', 'copy.sqlite');
  mkdirSync(join(dir, 'other'));
  const c = openCore({ dbPath: other, mode: 'browser', autoBackup: false });
  assert.ok((await c.dispatch('agencies.create', { name: '乙局', level: 'county' })).ok);
  await c.shutdown();

  const core = appCore(t, { dbPath });
  const s = await status(core);
  assert.equal(s.kind, 'newer');
  assert.match(s.message, /更新版本.*数据版本 99/);
  const missing = await core.dispatch('recovery.openFile', { path: join(dir, 'nothing.sqlite') });
  assert.ok(!missing.ok && missing.error.code === 'not_found');
  const done = await call<{ dbPath: string; savedAs: null }>(core, 'recovery.openFile', { path: other });
  assert.equal(done.dbPath, other);
  assert.equal(done.savedAs, null);
  assert.deepEqual((await call<{ name: string }[]>(core, 'agencies.list')).map((a) => a.name), ['乙局']);
  assert.deepEqual(readFileSync(dbPath), before, 'the newer file byte for byte as it was');
  assert.ok(existsSync(`${other}.lock`), 'the other file is now held');
  assert.ok(!existsSync(`${dbPath}.lock`), 'the first one released');
});

test('a file that cannot be opened at all (a folder in its place): recovery, then restore sets it aside', async (t) => {
  const dir = tempDir(t, 'gov-recover-');
  const { dbPath, backup } = await withBackup(dir, 1);
  rmSync(dbPath);
  for (const f of ['-wal', '-shm']) rmSync(dbPath + f, { force: true });
  mkdirSync(dbPath);
  const core = appCore(t, { dbPath });
  const s = await status(core);
  assert.equal(s.kind, 'unreadable');
  assert.match(s.message, /无法打开数据文件/);
  const done = await call<{ savedAs: string }>(core, 'recovery.restore', { name: backup });
  assert.ok(statSync(done.savedAs).isDirectory());
  assert.equal((await call<unknown[]>(core, 'reports.list')).length, 1);
});

test('a backup that is itself damaged is listed as such and not restored', async (t) => {
  const dir = tempDir(t, 'gov-recover-');
  const { dbPath, backup } = await withBackup(dir, 1);
  damage(dbPath);
  writeFileSync(join(defaultBackupDir(dbPath), backup), Buffer.alloc(8192, 0x41));
  const core = appCore(t, { dbPath });
  const s = await status(core);
  assert.equal(s.backups[0]!.reports, null);
  assert.match(s.backups[0]!.problem ?? '', /损坏/);
  const r = await core.dispatch('recovery.restore', { name: backup });
  assert.ok(!r.ok && r.error.code === 'db_corrupt');
  assert.equal(core.problem?.kind, 'corrupt', 'still in recovery, the damaged file where it was');
  assert.ok(existsSync(dbPath));
});

/** The app's database with an index whose contents no longer match its table: quick_check passes, integrity_check does not. */
async function indexDamaged(dir: string): Promise<string> {
  const { dbPath } = await withBackup(dir, 2);
  const db = new Database(dbPath);
  db.unsafeMode(true);
  db.pragma('writable_schema = ON');
  db.prepare(`UPDATE sqlite_master SET sql = 'CREATE UNIQUE INDEX reports_agency_year ON reports(year, agency_id) WHERE deleted_at IS NULL' WHERE name = 'reports_agency_year'`).run();
  db.close();
  const check = new Database(dbPath, { readonly: true });
  assert.equal(check.pragma('quick_check', { simple: true }), 'ok', 'quick_check lets it through');
  check.close();
  return dbPath;
}

test('background integrity_check in a worker finds what quick_check missed: recovery, and the daily backup never copies it', async (t) => {
  const dir = tempDir(t, 'gov-recover-');
  const dbPath = await indexDamaged(dir);
  const backupDir = defaultBackupDir(dbPath);
  // the newest backup is years old: the daily backup is due at open
  for (const b of readdirSync(backupDir)) renameSync(join(backupDir, b), join(backupDir, 'backup-20200101-000000000.sqlite'));
  const backupsBefore = readdirSync(backupDir);
  let core!: AppCore;
  const checked = new Promise<IntegrityOutcome>((resolve) => {
    core = appCore(t, { dbPath, autoBackup: true, integrity: { delayMs: 0, minBytes: 0 }, onIntegrity: resolve });
  });
  assert.equal(core.problem?.kind, undefined, 'it opens: quick_check passes');
  const r = await within(checked);
  assert.equal(r.outcome, 'corrupt');
  assert.match(r.detail, /missing from index/);
  assert.equal(core.problem?.kind, 'corrupt');
  const refused = await core.dispatch('agencies.create', { name: '丙局', level: 'county' });
  assert.ok(!refused.ok && refused.error.code === 'needs_recovery');
  assert.match(refused.error.message, /使用中发现数据文件已损坏/);
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.deepEqual(readdirSync(backupDir), backupsBefore, 'no backup of the damaged file');
});

test('a sound file passes the background check and keeps working; the check runs on its own connection', async (t) => {
  const dir = tempDir(t, 'gov-recover-');
  const { dbPath } = await withBackup(dir, 1);
  let core!: AppCore;
  const checked = new Promise<IntegrityOutcome>((resolve) => {
    core = appCore(t, { dbPath, integrity: { delayMs: 0, minBytes: 0 }, onIntegrity: resolve });
  });
  const saves = await Promise.all([1, 2, 3].map((i) => core.dispatch('agencies.create', { name: `局${i}`, level: 'county' })));
  assert.ok(saves.every((s) => s.ok));
  assert.equal((await within(checked)).outcome, 'ok');
  assert.equal(core.problem, null);
});

test('damage a save runs into leads to the recovery state as well', async (t) => {
  const dir = tempDir(t, 'gov-recover-');
  const { dbPath } = await withBackup(dir, 1);
  const core = appCore(t, { dbPath });
  assert.equal((await call<unknown[]>(core, 'reports.list')).length, 1);
  // the disk fails under the running app: the pages of the tables are overwritten
  const size = statSync(dbPath).size;
  const fd = openSync(dbPath, 'r+');
  for (let at = 4096; at < size; at += 4096) writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, at);
  closeSync(fd);
  rmSync(`${dbPath}-wal`, { force: true });
  let reply = await core.dispatch('reports.list', {});
  for (let i = 0; i < 3 && reply.ok; i++) reply = await core.dispatch('agencies.create', { name: `局${i}`, level: 'county' });
  assert.ok(!reply.ok, 'a call notices the damage');
  assert.equal(core.problem?.kind, 'corrupt');
  const s = await status(core);
  assert.equal(s.backups.length, 1);
});
