import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { CELLS, valueAfter } from './crash-cells';
import { tempDir } from './helpers';

const root = join(import.meta.dirname, '..', '..');

test('crash: a writer killed with SIGKILL leaves a sound database holding every acknowledged write', async (t) => {
  const dir = tempDir(t, 'gov-crash-');
  const dbPath = join(dir, 'reports.sqlite');
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'tests/storage/crash-writer.ts'), dbPath], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  let reportId = 0;
  let lastAck = 0;
  let buffered = '';
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`writer too slow (acks: ${lastAck}) ${stderr}`)), 60_000);
    child.stdout.on('data', (d: Buffer) => {
      buffered += d.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        const [word, n] = line.split(' ');
        if (word === 'ready') reportId = Number(n);
        if (word === 'ack') lastAck = Number(n);
      }
      // Kill in the middle of the stream of writes, at an arbitrary point.
      if (lastAck >= 300 && child.exitCode === null && !child.killed) {
        child.kill('SIGKILL');
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', () => {
      clearTimeout(timer);
      if (lastAck < 300) reject(new Error(`writer exited early: ${stderr}`));
    });
  });
  assert.equal(await exited, 'SIGKILL');
  // Acks already in the pipe when the kill landed count too.
  for (const line of buffered.split('\n')) if (line.startsWith('ack ')) lastAck = Math.max(lastAck, Number(line.slice(4)));

  const db = new Database(dbPath);
  t.after(() => db.close());
  assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
  const value = (cell: string) =>
    (db.prepare('SELECT value FROM cells WHERE report_id = ? AND cell = ?').get(reportId, cell) as { value: number | null }).value;
  // Every acknowledged write is there; at most the one write in flight went further.
  const expected = (n: number) => Object.fromEntries(CELLS.map((c, k) => [c, valueAfter(n, k)]));
  const actual = Object.fromEntries(CELLS.map((c) => [c, value(c)]));
  const matches = [lastAck, lastAck + 1].some((n) => JSON.stringify(expected(n)) === JSON.stringify(actual));
  assert.ok(matches, `state after ${lastAck} acknowledged writes: ${JSON.stringify(actual)} vs ${JSON.stringify(expected(lastAck))}`);
  const revision = db.prepare('SELECT max(revision) AS r FROM revisions WHERE report_id = ?').get(reportId) as { r: number };
  assert.ok(revision.r >= 2, 'the revision history was written along');
});
