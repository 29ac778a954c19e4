import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { AppError } from '../../src/shared/errors';
import { openCore } from '../../src/main/services/core';
import { SCHEMA_VERSION, Store, openDatabase } from '../../src/main/storage/index';
import { backupsToPrune, listBackups } from '../../src/main/storage/backups';
import { MIGRATIONS } from '../../src/main/storage/migrations';
import { agencyAndReport, coreIn, tempDir, testCore } from './helpers';

test('round trip: cells (0 distinct from null), narrative, acknowledgements, status survive closing the file', async (t) => {
  const dir = tempDir(t);
  const a = coreIn(t, dir);
  const { report } = await agencyAndReport(a);
  await a.call('reports.updateCells', {
    id: report.id,
    changes: [
      { cell: 't3.new.natural', value: 0 },
      { cell: 't3.new.business', value: 4 },
      { cell: 't2.fees.amount', value: 0.35 },
    ],
  });
  await a.call('reports.updateNarrative', { id: report.id, key: 's1', text: '（一）主动公开\n\n全年主动公开信息 120 条。' });
  await a.call('reports.acknowledge', { id: report.id, ack: { rule: 'xyear.carryOver', cells: ['t3.carriedIn.natural'], reason: '机构合并' } });
  await a.call('reports.setStatus', { id: report.id, status: 'review' });
  a.core.close();

  const b = coreIn(t, dir);
  const got = await b.call('reports.open', { id: report.id });
  assert.equal(got.cells['t3.new.natural'], 0);
  assert.equal(got.cells['t3.new.business'], 4);
  assert.equal(got.cells['t3.new.research'], null);
  assert.equal(got.cells['t2.fees.amount'], 0.35);
  assert.equal(got.narrative.s1, '（一）主动公开\n\n全年主动公开信息 120 条。');
  assert.deepEqual(got.acknowledged, [{ rule: 'xyear.carryOver', cells: ['t3.carriedIn.natural'], reason: '机构合并' }]);
  assert.equal(got.status, 'review');
  b.core.close();

  // In the file itself: a stored NULL row, a stored 0 — different things.
  const db = new Database(join(dir, 'reports.sqlite'), { readonly: true });
  const row = (cell: string) => db.prepare('SELECT value FROM cells WHERE report_id = ? AND cell = ?').get(report.id, cell) as { value: number | null };
  assert.equal(row('t3.new.natural').value, 0);
  assert.equal(row('t3.new.research').value, null);
  assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
  db.close();
});

test('migration from an empty file and from no file: the whole schema, user_version at the latest step', (t) => {
  const dir = tempDir(t);
  for (const name of ['empty.sqlite', 'absent.sqlite']) {
    const path = join(dir, name);
    if (name === 'empty.sqlite') writeFileSync(path, '');
    const db = openDatabase(path, join(dir, 'backups'));
    assert.equal(db.pragma('user_version', { simple: true }), SCHEMA_VERSION);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
    assert.deepEqual(tables, ['acknowledgements', 'agencies', 'cells', 'export_log', 'narratives', 'reports', 'revisions', 'settings', 'unread_tables']);
    assert.equal(db.pragma('foreign_keys', { simple: true }), 1);
    assert.equal(db.pragma('synchronous', { simple: true }), 2, 'synchronous = FULL');
    db.close();
    // Opening again applies nothing more.
    const again = openDatabase(path, join(dir, 'backups'));
    assert.equal(again.pragma('user_version', { simple: true }), SCHEMA_VERSION);
    again.close();
  }
});

test('upgrade from a version-1 database keeps its data (each step in a transaction)', (t) => {
  const dir = tempDir(t);
  const path = join(dir, 'v1.sqlite');
  const v1 = new Database(path);
  MIGRATIONS[0]!(v1);
  v1.pragma('user_version = 1');
  v1.prepare("INSERT INTO agencies (name, level, created_at) VALUES ('旧局', 'county', '2024-01-01T00:00:00Z')").run();
  v1.prepare("INSERT INTO reports (agency_id, year, format, created_at, updated_at) VALUES (1, 2023, 'GOV-2021', 'x', 'x')").run();
  v1.prepare("INSERT INTO cells (report_id, cell, value) VALUES (1, 't3.new.natural', 0)").run();
  v1.close();
  const db = openDatabase(path, join(dir, 'backups'));
  t.after(() => db.close());
  assert.equal(db.pragma('user_version', { simple: true }), SCHEMA_VERSION);
  assert.deepEqual(db.prepare('SELECT year, counts_stale FROM reports').all(), [{ year: 2023, counts_stale: 0 }]);
  assert.equal((db.prepare('SELECT value FROM cells').get() as { value: number }).value, 0);
});

test('upgrade to own agencies: an agency whose every report was imported becomes a reference agency', async (t) => {
  const dir = tempDir(t);
  const path = join(dir, 'v2.sqlite');
  const v2 = new Database(path);
  MIGRATIONS[0]!(v2);
  MIGRATIONS[1]!(v2);
  v2.pragma('user_version = 2');
  const agency = v2.prepare("INSERT INTO agencies (name, level, created_at) VALUES (?, 'county', 'x')");
  agency.run('本局');
  agency.run('外局');
  agency.run('空局');
  const report = v2.prepare("INSERT INTO reports (agency_id, year, format, created_at, updated_at) VALUES (?, 2023, 'GOV-2021', 'x', 'x')");
  const revision = v2.prepare("INSERT INTO revisions (report_id, revision, kind, summary, created_at, updated_at, snapshot) VALUES (?, 1, ?, '', 'x', 'x', '{}')");
  revision.run(report.run(1).lastInsertRowid, 'edit');
  revision.run(report.run(2).lastInsertRowid, 'import');
  v2.close();
  const db = openDatabase(path, join(dir, 'backups'));
  assert.deepEqual(db.prepare('SELECT name, own FROM agencies ORDER BY id').all(), [
    { name: '本局', own: 1 },
    { name: '外局', own: 0 },
    { name: '空局', own: 1 },
  ]);
  db.close();
});

test('a database from a newer version is refused untouched', async (t) => {
  const dir = tempDir(t);
  const dbPath = join(dir, 'reports.sqlite');
  const raw = new Database(dbPath);
  raw.exec('CREATE TABLE future (x)');
  raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
  raw.close();
  const before = readFileSync(dbPath);
  assert.throws(
    () => openCore({ dbPath, mode: 'cli' }),
    (e) => e instanceof AppError && e.code === 'db_newer' && /更新版本/.test(e.message) && e.message.includes(dbPath),
  );
  assert.deepEqual(readFileSync(dbPath), before, 'file bytes unchanged');
  assert.equal(existsSync(`${dbPath}-wal`), false, 'not switched to WAL');
});

test('a file that is not a database → db_corrupt naming the latest backup and how to restore it', async (t) => {
  const dir = tempDir(t);
  const c = coreIn(t, dir);
  await agencyAndReport(c);
  const backup = await c.call('backups.create', {});
  c.core.close();
  const dbPath = join(dir, 'reports.sqlite');
  const junk = Buffer.from('这不是数据库文件'.repeat(300));
  writeFileSync(dbPath, junk);
  assert.throws(
    () => openCore({ dbPath, mode: 'cli' }),
    (e) =>
      e instanceof AppError &&
      e.code === 'db_corrupt' &&
      e.message.includes(backup.name) &&
      e.message.includes(`gov-report db restore ${backup.name}`) &&
      !/\n\s+at /.test(e.message),
  );
  assert.deepEqual(readFileSync(dbPath), junk, 'the damaged file is left as it was');
});

test('a database with damaged pages fails the integrity check → db_corrupt', async (t) => {
  const dir = tempDir(t);
  const c = coreIn(t, dir);
  const { report } = await agencyAndReport(c);
  for (let i = 0; i < 20; i++) await c.call('reports.updateNarrative', { id: report.id, key: 's1', text: `第 ${i} 稿`.repeat(500) });
  c.core.close();
  const dbPath = join(dir, 'reports.sqlite');
  const bytes = readFileSync(dbPath);
  const pageSize = bytes.readUInt16BE(16);
  assert.ok(bytes.length >= pageSize * 6, 'several pages');
  // Scribble over the b-tree headers of pages 3…5 (page 1 holds the schema and stays readable).
  for (let page = 2; page < 5; page++) bytes.fill(0xa5, page * pageSize, page * pageSize + 64);
  writeFileSync(dbPath, bytes);
  assert.throws(
    () => openCore({ dbPath, mode: 'cli' }),
    (e) => e instanceof AppError && e.code === 'db_corrupt' && /已损坏/.test(e.message),
  );
});

test('revisions: edits coalesce within the window, events always start one; restore brings back any state and keeps the later one', async (t) => {
  let now = Date.parse('2025-12-01T09:00:00Z');
  const c = testCore(t, { now: () => new Date(now) });
  const { report } = await agencyAndReport(c);
  const set = (value: number) => c.call('reports.updateCells', { id: report.id, changes: [{ cell: 't3.new.natural', value }] });
  const r1 = await set(1);
  now += 60_000;
  const r2 = await set(2); // same kind, a minute later: folded in
  assert.equal(r2.revision, r1.revision);
  now += 10 * 60_000;
  const r3 = await set(3); // older than the window: a new revision
  assert.equal(r3.revision, r1.revision + 1);
  await c.call('reports.setStatus', { id: report.id, status: 'review' });
  const history = await c.call('reports.history', { id: report.id });
  assert.deepEqual(
    history.map((h) => h.summary),
    ['状态改为“待审核”', '修改单元格 1 处', '修改单元格 2 处', '新建（空白）'],
  );

  const restored = await c.call('reports.restore', { id: report.id, revision: r1.revision });
  assert.equal(restored.cells['t3.new.natural'], 2, 'the state at the end of that revision');
  assert.equal(restored.status, 'draft');
  const after = await c.call('reports.history', { id: report.id });
  assert.equal(after[0]!.summary, `恢复到版本 ${r1.revision}`);
  assert.equal(after.length, history.length + 1, 'the state before restoring is still a revision');
  const back = await c.call('reports.restore', { id: report.id, revision: history[0]!.revision });
  assert.equal(back.cells['t3.new.natural'], 3);
  assert.equal(back.status, 'review');
  assert.equal((await c.fail('reports.restore', { id: report.id, revision: 999 })).code, 'not_found');
});

test('backup and restore: restore puts the backup back and first keeps a copy of the current state', async (t) => {
  const c = testCore(t);
  const { report } = await agencyAndReport(c);
  await c.call('reports.updateCells', { id: report.id, changes: [{ cell: 't3.new.natural', value: 7 }] });
  const backup = await c.call('backups.create', {});
  assert.match(backup.name, /^backup-\d{8}-\d{9}\.sqlite$/);
  await c.call('reports.updateCells', { id: report.id, changes: [{ cell: 't3.new.natural', value: 99 }] });

  await c.call('backups.restore', { name: backup.name });
  assert.equal((await c.call('reports.open', { id: report.id })).cells['t3.new.natural'], 7);

  const list = await c.call('backups.list', {});
  const keep = list.find((b) => b.name.endsWith('-before-restore.sqlite'));
  assert.ok(keep, 'a backup of the state before restoring');
  const db = new Database(join(c.dir, 'backups', keep.name), { readonly: true });
  const v = db.prepare("SELECT value FROM cells WHERE cell = 't3.new.natural'").get() as { value: number };
  db.close();
  assert.equal(v.value, 99);
  // Names outside the backups folder are refused.
  assert.equal((await c.fail('backups.restore', { name: '../reports.sqlite' })).code, 'not_found');
});

test('backup retention keeps the newest 10 and the newest of each day for 30 days', () => {
  const now = new Date('2025-06-30T12:00:00Z');
  const backups = [];
  for (let h = 0; h < 12; h++) backups.push({ name: `today-${h}`, createdAt: new Date(now.getTime() - h * 3600_000).toISOString(), bytes: 1 });
  for (let d = 1; d <= 40; d++)
    for (const h of [20, 8]) backups.push({ name: `d${d}-${h}`, createdAt: new Date(Date.UTC(2025, 5, 30 - d, h)).toISOString(), bytes: 1 });
  const pruned = new Set(backupsToPrune(backups, now));
  const kept = backups.filter((b) => !pruned.has(b.name)).map((b) => b.name);
  assert.deepEqual(kept.slice(0, 10), backups.slice(0, 10).map((b) => b.name));
  for (let d = 1; d <= 29; d++) assert.ok(kept.includes(`d${d}-20`), `newest of day ${d} kept`);
  assert.ok(!kept.includes('d1-8') && !kept.includes('d35-20'));
});

test('automatic backup at open when the newest is older than a day (calls go on meanwhile)', async (t) => {
  const dir = tempDir(t);
  const backups = join(dir, 'backups');
  const a = coreIn(t, dir);
  await agencyAndReport(a);
  a.core.close();
  assert.equal(listBackups(backups).length, 0, 'an empty database is not backed up');
  const b = coreIn(t, dir);
  await b.call('app.info', {});
  // The backup file appears (renamed from .partial) once complete.
  for (let i = 0; i < 100 && listBackups(backups).length === 0; i++) await new Promise((r) => setTimeout(r, 50));
  assert.equal(listBackups(backups).length, 1);
  b.core.close();
  const c = coreIn(t, dir);
  await c.call('reports.list', {});
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(listBackups(backups).length, 1, 'not again within the day');
});

test('trash: deleted reports leave the list, can be undeleted, and free the agency/year slot', async (t) => {
  const c = testCore(t);
  const { agency, report } = await agencyAndReport(c);
  await c.call('reports.delete', { id: report.id });
  assert.equal((await c.call('reports.list', {})).length, 0);
  assert.deepEqual((await c.call('reports.list', { trash: true })).map((r) => r.id), [report.id]);
  const again = await c.call('reports.create', { agencyId: agency.id, year: 2025 });
  const conflict = await c.fail('reports.undelete', { id: report.id });
  assert.equal(conflict.code, 'conflict');
  assert.match(conflict.message, /已存在/);
  await c.call('reports.delete', { id: again.id });
  await c.call('reports.undelete', { id: report.id });
  assert.deepEqual((await c.call('reports.list', {})).map((r) => r.id), [report.id]);
  assert.equal((await c.fail('reports.updateCells', { id: again.id, changes: [{ cell: 't3.new.natural', value: 1 }] })).code, 'not_found');
});

test('export log and settings are stored', async (t) => {
  const c = testCore(t);
  const { report } = await agencyAndReport(c);
  await c.call('reports.export', { id: report.id, kind: 'exchange' });
  await c.call('reports.export', { id: report.id, kind: 'docx', force: true });
  c.core.close();
  const store = new Store(openDatabase(c.dbPath, join(c.dir, 'backups')));
  t.after(() => store.db.close());
  const log = store.exportLog(report.id);
  assert.deepEqual(log.map((e) => [e.kind, e.forced]), [['docx', true], ['exchange', false]]);
  assert.ok(log[0]!.forcedOver.includes('cell.missing'));
  assert.equal(log[1]!.fileName, '某某县教育局2025年政府信息公开工作年度报告.json');
  store.setSetting('export.fonts', JSON.stringify({ body: '仿宋_GB2312' }));
  assert.equal(store.setting('export.fonts'), '{"body":"仿宋_GB2312"}');
});

test('a restore waits for calls in progress and holds later ones; closing waits for a running backup', async (t) => {
  const c = testCore(t);
  const { report } = await agencyAndReport(c);
  await c.call('reports.updateCells', { id: report.id, changes: [{ cell: 't3.new.natural', value: 1 }] });
  const backup = await c.call('backups.create', {});
  const calls = [
    c.core.dispatch('reports.updateCells', { id: report.id, changes: [{ cell: 't3.new.natural', value: 2 }] }),
    c.core.dispatch('backups.restore', { name: backup.name }),
    c.core.dispatch('reports.open', { id: report.id }),
  ];
  const [save, restore, open] = await Promise.all(calls);
  assert.ok(save!.ok && restore!.ok && open!.ok);
  assert.equal((open!.value as { cells: Record<string, number> }).cells['t3.new.natural'], 1, 'the call after the restore sees the restored file');

  const pending = c.core.dispatch('backups.create', {});
  c.core.close();
  const made = await pending;
  assert.ok(made.ok, JSON.stringify(made));
  const name = (made.value as { name: string }).name;
  assert.ok(listBackups(join(c.dir, 'backups')).some((b) => b.name === name));
  const db = new Database(join(c.dir, 'backups', name), { readonly: true });
  assert.equal(db.pragma('quick_check', { simple: true }), 'ok');
  db.close();
});
