/**
 * One owner per database file, with two real processes on one file: the second writer is refused with a
 * message naming the holder, the CLI still reads but neither writes nor restores, and the lock of a killed
 * process is taken over. And the stale editor: a narrative save based on an older text is refused with
 * both versions.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import type { Io } from '../../src/main/cli/io';
import { main } from '../../src/main/cli/main';
import { openCore } from '../../src/main/services/core';
import { acquireLock, lockPathOf } from '../../src/main/storage/index';
import { AppError } from '../../src/shared/errors';
import { textHash } from '../../src/shared/textHash';
import { coreIn, tempDir } from './helpers';

const root = join(import.meta.dirname, '..', '..');

async function startHolder(t: TestContext, dbPath: string, mode = 'browser'): Promise<{ child: ChildProcess; reportId: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'tests/storage/lock-holder.ts'), dbPath, mode], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  t.after(() => child.kill('SIGKILL'));
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const reportId = await new Promise<number>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`holder too slow: ${stderr}`)), 60_000);
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /ready (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.on('exit', () => reject(new Error(`holder exited: ${stderr}`)));
  });
  return { child, reportId };
}

function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: Io = { out: (s) => void (out += s), err: (s) => void (err += s) };
  return main(args, io).then((code) => ({ code, out, err }));
}

test('two processes on one file: the second writer is told who holds it; the CLI reads but does not write or restore', async (t) => {
  const dir = tempDir(t, 'gov-lock-');
  const dbPath = join(dir, 'reports.sqlite');
  const { child } = await startHolder(t, dbPath, 'browser');

  assert.throws(
    () => openCore({ dbPath, mode: 'electron', autoBackup: false }),
    (e: unknown) =>
      e instanceof AppError &&
      e.code === 'db_locked' &&
      e.message.includes(`进程号 ${child.pid}`) &&
      e.message.includes('浏览器模式') &&
      /\d{4}-\d{2}-\d{2} \d{2}:\d{2} 起/.test(e.message),
  );

  const list = await cli(['db', 'list', '--db', dbPath]);
  assert.equal(list.code, 0, list.err);
  assert.match(list.out, /加锁测试局/);
  assert.match(list.out, /北京时间/);

  writeFileSync(join(dir, 'new.json'), '{}');
  const imported = await cli(['db', 'import', join(dir, 'new.json'), '--db', dbPath]);
  assert.equal(imported.code, 3, imported.err);
  assert.match(imported.err, /正由年报助手（浏览器模式）（进程号/);

  const backup = await cli(['db', 'backup', '--db', dbPath]);
  assert.equal(backup.code, 3);
  const restore = await cli(['db', 'restore', 'backup-20250101-000000000.sqlite', '--db', dbPath]);
  assert.equal(restore.code, 3, restore.err);
  assert.match(restore.err, /进程号/);
  assert.doesNotMatch(restore.err, /\n\s+at /, 'no stack trace');

  // the holder dies without closing: its lock is stale and taken over
  const gone = new Promise((r) => child.on('exit', r));
  child.kill('SIGKILL');
  await gone;
  assert.ok(existsSync(lockPathOf(dbPath)), 'the killed holder left its lock file');
  const c = coreIn(t, dir, { mode: 'electron', autoBackup: false });
  assert.equal((await c.call('reports.list', {})).length, 1);
  c.core.close();
  await new Promise((r) => setTimeout(r, 50));
  assert.ok(!existsSync(lockPathOf(dbPath)), 'closing removes the lock');
});

test('a lock of another computer (shared folder) stands; an unreadable one is taken over', (t) => {
  const dir = tempDir(t, 'gov-lock-');
  const dbPath = join(dir, 'reports.sqlite');
  writeFileSync(lockPathOf(dbPath), JSON.stringify({ pid: 1, program: 'electron', since: '2025-03-01T02:00:00.000Z', host: `${hostname()}-other` }));
  assert.throws(
    () => acquireLock(dbPath, 'cli'),
    (e: unknown) => e instanceof AppError && e.code === 'db_locked' && e.message.includes('计算机') && e.message.includes('2025-03-01 10:00 起'),
  );
  writeFileSync(lockPathOf(dbPath), '{"pid": 12');
  const lock = acquireLock(dbPath, 'cli');
  lock.release();
  assert.ok(!existsSync(lockPathOf(dbPath)));
});

test('a stale editor is told and given both versions instead of overwriting the other text', async (t) => {
  const c = coreIn(t, tempDir(t), { autoBackup: false });
  const agency = await c.call('agencies.create', { name: '甲局', level: 'county' });
  const report = await c.call('reports.create', { agencyId: agency.id, year: 2025 });
  const base = textHash('');
  // window A saves first
  await c.call('reports.updateNarrative', { id: report.id, key: 's1', text: '窗口甲的总体情况。', base });
  // window B, loaded before A's save, saves its own text on the same base
  const stale = await c.fail('reports.updateNarrative', { id: report.id, key: 's1', text: '窗口乙的总体情况。', base });
  assert.equal(stale.code, 'stale_edit');
  assert.match(stale.message, /一、总体情况.*已在另一个窗口或程序中被修改/);
  assert.deepEqual(stale.details, { key: 's1', theirs: '窗口甲的总体情况。', yours: '窗口乙的总体情况。' });
  assert.equal((await c.call('reports.open', { id: report.id })).narrative.s1, '窗口甲的总体情况。');
  // B chooses its own version after seeing both: based on A's text now
  await c.call('reports.updateNarrative', { id: report.id, key: 's1', text: '窗口乙的总体情况。', base: textHash('窗口甲的总体情况。') });
  // A's next keystroke on its own text goes on (base = what A saved) → told again, nothing lost silently
  assert.equal((await c.fail('reports.updateNarrative', { id: report.id, key: 's1', text: '窗口甲的总体情况。补充', base: textHash('窗口甲的总体情况。') })).code, 'stale_edit');
  // the same text again is not a conflict
  await c.call('reports.updateNarrative', { id: report.id, key: 's1', text: '窗口乙的总体情况。', base });
});
