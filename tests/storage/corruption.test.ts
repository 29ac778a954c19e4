/**
 * Corruption caught before it spreads, on a real 100 MB database: the damaged file does not open (it
 * would take saves), is never backed up (the copy would push good backups out); a backup is verified before
 * it gets its name; leftovers of interrupted backups and restores are removed at start.
 */
import assert from 'node:assert/strict';
import { closeSync, existsSync, openSync, readdirSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { openCore } from '../../src/main/services/core';
import { createBackup, defaultBackupDir, listBackups } from '../../src/main/storage/index';
import { AppError } from '../../src/shared/errors';
import { coreIn, tempDir } from './helpers';

const MB = 1024 * 1024;

/** A real app database grown past 100 MB with ordinary rows (b-tree pages, which quick_check reads). */
async function bigDatabase(dir: string): Promise<string> {
  const c = openCore({ dbPath: join(dir, 'reports.sqlite'), mode: 'cli', autoBackup: false });
  const agency = await c.dispatch('agencies.create', { name: '大文件局', level: 'county' });
  assert.ok(agency.ok);
  c.close();
  const dbPath = join(dir, 'reports.sqlite');
  const db = new Database(dbPath);
  db.exec('CREATE TABLE filler (id INTEGER PRIMARY KEY, text TEXT)');
  const insert = db.prepare('INSERT INTO filler (text) VALUES (?)');
  const row = '政务公开'.repeat(80);
  db.transaction(() => {
    for (let i = 0; i < 110_000; i++) insert.run(`${i}${row}`);
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  assert.ok(statSync(dbPath).size > 100 * MB, `${statSync(dbPath).size} bytes`);
  return dbPath;
}

/** Scribble over a few pages in the middle of the file, as a failing disk would. */
function damage(dbPath: string): void {
  const size = statSync(dbPath).size;
  const fd = openSync(dbPath, 'r+');
  for (const at of [0.5, 0.6, 0.7]) writeSync(fd, Buffer.alloc(4096 * 3, 0x5a), 0, 4096 * 3, Math.floor((size * at) / 4096) * 4096);
  closeSync(fd);
}

test('a corrupted 100 MB database does not open, is not backed up, and the good backups stay', async (t) => {
  const dir = tempDir(t, 'gov-corrupt-');
  const dbPath = await bigDatabase(dir);
  const backupDir = defaultBackupDir(dbPath);
  const sound = new Database(dbPath);
  const good = await createBackup(sound, backupDir);
  sound.close();

  damage(dbPath);
  assert.throws(
    () => openCore({ dbPath, mode: 'cli' }),
    (e: unknown) => e instanceof AppError && e.code === 'db_corrupt' && e.message.includes(good.name) && e.message.includes('北京时间'),
  );

  // a connection that was already open when the disk failed: its backup is refused
  const live = new Database(dbPath);
  t.after(() => live.close());
  await assert.rejects(createBackup(live, backupDir, '', new Date(Date.now() + 1000)), (e: unknown) => e instanceof AppError && e.code === 'db_corrupt');
  assert.deepEqual(
    listBackups(backupDir).map((b) => b.name),
    [good.name],
    'no copy of the damaged file, the good backup kept',
  );
  assert.deepEqual(readdirSync(backupDir), [good.name], 'no partial file left behind');
});

test('startup removes leftovers of an interrupted backup and restore; names stay', async (t) => {
  const dir = tempDir(t);
  const dbPath = join(dir, 'reports.sqlite');
  const backupDir = defaultBackupDir(dbPath);
  const first = coreIn(t, dir, { autoBackup: false });
  await first.call('agencies.create', { name: '甲局', level: 'county' });
  const kept = await first.call('backups.create', {});
  first.core.close();
  await new Promise((r) => setTimeout(r, 50));
  writeFileSync(join(backupDir, 'backup-20250101-000000000.sqlite.partial'), Buffer.alloc(4096));
  writeFileSync(`${dbPath}.restoring`, Buffer.alloc(184 * 1024));
  const again = coreIn(t, dir, { autoBackup: false });
  assert.equal((await again.call('agencies.list', {})).length, 1);
  assert.ok(!existsSync(`${dbPath}.restoring`));
  assert.deepEqual(readdirSync(backupDir), [kept.name]);
});

test('an emptied (0-byte) database beside backups does not open as a new, empty one', async (t) => {
  const dir = tempDir(t);
  const dbPath = join(dir, 'reports.sqlite');
  const c = coreIn(t, dir, { autoBackup: false });
  await c.call('agencies.create', { name: '甲局', level: 'county' });
  const b = await c.call('backups.create', {});
  c.core.close();
  await new Promise((r) => setTimeout(r, 50));
  writeFileSync(dbPath, '');
  for (const f of ['-wal', '-shm']) rmSync(dbPath + f, { force: true });
  assert.throws(
    () => openCore({ dbPath, mode: 'cli' }),
    (e: unknown) => e instanceof AppError && e.code === 'db_corrupt' && e.message.includes('0 字节') && e.message.includes(b.name),
  );
  assert.equal(statSync(dbPath).size, 0, 'the file is left as it was');
});
