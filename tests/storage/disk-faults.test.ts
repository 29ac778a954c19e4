/**
 * Disk full and read-only, on real file systems where the test can mount a small tmpfs (root), else a
 * read-only file by permissions (non-root) and SQLite's own SQLITE_FULL (max_page_count). Each save is
 * refused with a Chinese message saying what happened; nothing already saved is lost; the same save
 * succeeds once space is back. The CLI says the same with exit code 3.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import Database from 'better-sqlite3';
import type { Io } from '../../src/main/cli/io';
import { main } from '../../src/main/cli/main';
import { storageError } from '../../src/main/storage/index';
import { coreIn, tempDir } from './helpers';

const isRoot = process.getuid?.() === 0;

/** A tmpfs of `size` at a fresh folder, or null where mounting is not allowed. */
function tmpfs(t: TestContext, size: string): string | null {
  if (!isRoot || process.platform !== 'linux') return null;
  const dir = mkdtempSync(join(tmpdir(), 'gov-tmpfs-'));
  if (spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir]).status !== 0) {
    rmdirSync(dir);
    return null;
  }
  t.after(() => {
    spawnSync('umount', ['-l', dir]);
    rmdirSync(dir);
  });
  return dir;
}

async function reportIn(t: TestContext, dir: string) {
  const c = coreIn(t, dir, { autoBackup: false });
  const agency = await c.call('agencies.create', { name: '磁盘测试局', level: 'county' });
  const report = await c.call('reports.create', { agencyId: agency.id, year: 2025 });
  await c.call('reports.updateNarrative', { id: report.id, key: 's1', text: '已保存的总体情况。' });
  return { c, id: report.id };
}

test('read-only data file: the reports open and read, each save says 数据文件为只读 and nothing is lost', async (t) => {
  const mounted = tmpfs(t, '16m');
  if (!mounted && isRoot) return t.skip('root without mount: permissions do not stop root');
  const dir = mounted ?? tempDir(t);
  const first = await reportIn(t, dir);
  first.c.core.close();
  await new Promise((r) => setTimeout(r, 50));
  if (mounted) assert.equal(spawnSync('mount', ['-o', 'remount,ro', mounted]).status, 0);
  else {
    chmodSync(join(dir, 'reports.sqlite'), 0o444);
    chmodSync(dir, 0o555);
    t.after(() => chmodSync(dir, 0o755));
  }
  const c = coreIn(t, dir, { autoBackup: false });
  assert.equal((await c.call('reports.list', {})).length, 1);
  assert.equal((await c.call('reports.open', { id: first.id })).narrative.s1, '已保存的总体情况。');
  const refused = await c.fail('reports.updateNarrative', { id: first.id, key: 's1', text: '新的文字' });
  assert.equal(refused.code, 'read_only');
  assert.match(refused.message, /^数据文件为只读，修改未保存/);
  assert.doesNotMatch(refused.message, /readonly|attempt to write/);
  c.core.close();

  let err = '';
  const io: Io = { out: () => {}, err: (s) => void (err += s) };
  writeFileSync(join(tempDir(t), 'x.txt'), '');
  const code = await main(['db', 'import', join(import.meta.dirname, '../fixtures/2025-clean.json'), '--db', join(dir, 'reports.sqlite')], io);
  assert.equal(code, 3, err);
  assert.match(err, /数据文件为只读/);
});

test('disk full (a 3 MB tmpfs): the save says 磁盘空间已满, the saved text stays, and the same save succeeds once space is freed', async (t) => {
  const dir = tmpfs(t, '3m');
  if (!dir) return t.skip('no tmpfs here: SQLITE_FULL is covered by the max_page_count test');
  const { c, id } = await reportIn(t, dir);
  const filler = join(dir, 'filler');
  // fill the disk to the last byte
  try {
    for (let i = 0; ; i++) writeFileSync(join(filler + i), Buffer.alloc(64 * 1024, 1));
  } catch (e) {
    assert.equal((e as NodeJS.ErrnoException).code, 'ENOSPC');
  }
  const big = '这是一段在磁盘已满时输入的长文字。'.repeat(10_000);
  const refused = await c.fail('reports.updateNarrative', { id, key: 's2', text: big });
  assert.equal(refused.code, 'disk_full', refused.message);
  assert.match(refused.message, /^磁盘空间已满，修改未保存/);
  assert.equal((await c.call('reports.open', { id })).narrative.s1, '已保存的总体情况。');
  // space again: the editor's retry of the same save goes through
  for (let i = 0; i < 100; i++) rmSync(filler + i, { force: true });
  await c.call('reports.updateNarrative', { id, key: 's2', text: big });
  assert.equal((await c.call('reports.open', { id })).narrative.s2, big);
});

test('SQLITE_FULL from SQLite itself (max_page_count) and ENOSPC map to disk_full; read-only to read_only', (t) => {
  const dir = tempDir(t);
  mkdirSync(dir, { recursive: true });
  const db = new Database(join(dir, 'full.sqlite'));
  t.after(() => db.close());
  db.exec('CREATE TABLE t (x TEXT)');
  db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
  let caught: unknown;
  try {
    db.prepare('INSERT INTO t VALUES (?)').run('x'.repeat(100_000));
  } catch (e) {
    caught = e;
  }
  assert.equal((caught as { code?: string }).code, 'SQLITE_FULL');
  assert.equal(storageError(caught, 'a.sqlite')?.code, 'disk_full');
  assert.equal(storageError(Object.assign(new Error('x'), { code: 'ENOSPC' }), 'a.sqlite')?.code, 'disk_full');
  assert.equal(storageError(Object.assign(new Error('x'), { code: 'SQLITE_READONLY' }), 'a.sqlite')?.code, 'read_only');
  assert.equal(storageError(new Error('x'), 'a.sqlite'), null);
});
