import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { closeSync, cpSync, mkdirSync, mkdtempSync, openSync, readdirSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { CHANNELS } from '../../src/main/electron/channels';
import { openCore } from '../../src/main/services/core';

// The desktop shell on a damaged database: the real main-process bundle (as main-wiring.test.ts runs it,
// with the recording stand-in for 'electron') does not stop with an error box but opens its window, and
// the page's calls reach the recovery state — the backups are listed and one is restored over IPC.

type Any = any;

const repo = join(import.meta.dirname, '..', '..');
const work = join(repo, '.cache', `electron-recovery-${process.pid}`);
const data = mkdtempSync(join(tmpdir(), 'electron-recovery-data-'));
let fake: Any;
let win: Any;
const restoreEnv = process.env.GOV_REPORT_DATA_DIR;
const invoke = (name: string, input: unknown) => fake.ipc.get(CHANNELS.rpc)({ sender: win.webContents, senderFrame: win.webContents.mainFrame }, name, input);

before(async () => {
  // the data folder as a user finds it: two reports, their backup, and then a damaged file
  const dbPath = join(data, 'reports.sqlite');
  const c = openCore({ dbPath, backupDir: join(data, 'backups'), mode: 'electron', autoBackup: false });
  const a = await c.dispatch('agencies.create', { name: '抚顺市教育局', level: 'city-department' });
  for (const year of [2024, 2025]) assert.ok((await c.dispatch('reports.create', { agencyId: (a as Any).value.id, year })).ok);
  assert.ok((await c.dispatch('backups.create', {})).ok);
  await c.shutdown();
  const fd = openSync(dbPath, 'r+');
  writeSync(fd, Buffer.alloc(8192, 0x5a), 0, 8192, 4096);
  closeSync(fd);

  mkdirSync(join(work, 'node_modules', 'electron'), { recursive: true });
  cpSync(join(import.meta.dirname, 'fixtures', 'fake-electron.cjs'), join(work, 'node_modules', 'electron', 'index.js'));
  mkdirSync(join(work, 'renderer'), { recursive: true });
  writeFileSync(join(work, 'renderer', 'index.html'), '<!doctype html><title>政府信息公开年报助手</title>');
  execFileSync(process.execPath, [join(repo, 'scripts', 'build-electron.mjs'), '--out-dir', join(work, 'electron')], { cwd: repo, stdio: 'pipe' });
  process.env.GOV_REPORT_DATA_DIR = data;
  const listeners = new Set(process.listeners('uncaughtException'));
  createRequire(import.meta.url)(join(work, 'electron', 'main.cjs'));
  for (const l of process.listeners('uncaughtException')) if (!listeners.has(l)) process.removeListener('uncaughtException', l);
  fake = (globalThis as Any).__fakeElectron;
  for (let i = 0; i < 100 && fake.windows.length === 0 && fake.errorBoxes.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
  win = fake.windows[0];
});

after(() => {
  fake?.app.emit('will-quit');
  rmSync(work, { recursive: true, force: true });
  rmSync(data, { recursive: true, force: true });
  if (restoreEnv === undefined) delete process.env.GOV_REPORT_DATA_DIR;
  else process.env.GOV_REPORT_DATA_DIR = restoreEnv;
});

test('a damaged database opens the window (no error box, no quit) in the recovery state', async () => {
  assert.deepEqual(fake.errorBoxes, [], 'no “无法打开数据库” box');
  assert.ok(win, 'the window opened');
  const list = await invoke('agencies.list', {});
  assert.equal(list.ok, false);
  assert.equal(list.error.code, 'needs_recovery');
  assert.doesNotMatch(list.error.message, /gov-report|命令行/);
});

test('over IPC: the backups with their report counts, and a restore that keeps the damaged file', async () => {
  const status = await invoke('recovery.status', {});
  assert.equal(status.ok, true, JSON.stringify(status));
  assert.equal(status.value.state, 'recovery');
  assert.equal(status.value.kind, 'corrupt');
  assert.equal(status.value.backups.length, 1);
  assert.equal(status.value.backups[0].reports, 2);
  const done = await invoke('recovery.restore', { name: status.value.backups[0].name });
  assert.equal(done.ok, true, JSON.stringify(done));
  assert.match(done.value.savedAs, /reports\.sqlite\.damaged-/);
  assert.ok(readdirSync(data).some((f) => f.startsWith('reports.sqlite.damaged-')));
  const reports = await invoke('reports.list', {});
  assert.equal(reports.ok, true);
  assert.equal(reports.value.length, 2);
});
