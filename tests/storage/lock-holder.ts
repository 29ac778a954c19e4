/**
 * Child process of the lock test: opens the database through the core as the given program (browser mode
 * by default) with one report, says "ready <reportId>" and keeps the database open until killed.
 */
import { openCore } from '../../src/main/services/core';

const [dbPath, mode = 'browser'] = process.argv.slice(2);
const core = openCore({ dbPath: dbPath!, mode: mode as 'browser', autoBackup: false });
const call = async (name: string, input: unknown) => {
  const r = await core.dispatch(name, input);
  if (!r.ok) throw new Error(r.error.message);
  return r.value as { id: number };
};
const agency = await call('agencies.create', { name: '加锁测试局', level: 'county-department' });
const report = await call('reports.create', { agencyId: agency.id, year: 2025 });
process.stdout.write(`ready ${report.id}\n`);
setInterval(() => {}, 1 << 30);
