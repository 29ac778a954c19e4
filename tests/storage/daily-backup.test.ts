/**
 * The daily backup while the app stays open: not only at start — an app left open for days gets one a day
 * (the core looks every BACKUP_TIMER_MS; the timer is node's, mocked here, the backup itself is real).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BACKUP_TIMER_MS } from '../../src/main/services/core';
import { defaultBackupDir, listBackups } from '../../src/main/storage/index';
import { testCore } from './helpers';

test('an app left open gets its daily backup from the timer, not only at start', async (t) => {
  t.mock.timers.enable({ apis: ['setInterval'] });
  const c = testCore(t, { autoBackup: true });
  const backupDir = defaultBackupDir(c.dbPath);
  // nothing to back up at start (no agency yet): the first data comes while the app is open
  assert.deepEqual(listBackups(backupDir), []);
  await c.call('agencies.create', { name: '某某县教育局', level: 'county-department' });
  t.mock.timers.tick(BACKUP_TIMER_MS - 1);
  assert.deepEqual(listBackups(backupDir), [], 'not before the timer');
  t.mock.timers.tick(1);
  // the online backup copies in steps between calls: wait for it like a user would
  for (let i = 0; i < 200 && listBackups(backupDir).length === 0; i++) await new Promise((r) => setImmediate(r));
  const made = listBackups(backupDir);
  assert.equal(made.length, 1, 'the timer made the daily backup');
  // within the day the timer makes no second one
  t.mock.timers.tick(BACKUP_TIMER_MS);
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
  assert.equal(listBackups(backupDir).length, 1);
});
