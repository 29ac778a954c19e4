/**
 * Child process of the crash test: writes cells through the core in a loop and acknowledges each write on
 * stdout only after dispatch returned (the transaction is committed). Killed with SIGKILL by the parent.
 * Write i sets cell CELLS[i % CELLS.length] to i.
 */
import { openCore } from '../../src/main/services/core';
import { CELLS } from './crash-cells';

const dbPath = process.argv[2]!;
const core = openCore({ dbPath, mode: 'cli', autoBackup: false });
const call = async (name: string, input: unknown) => {
  const r = await core.dispatch(name, input);
  if (!r.ok) throw new Error(r.error.message);
  return r.value as { id: number };
};
const agency = await call('agencies.create', { name: '崩溃测试局', level: 'county-department' });
const report = await call('reports.create', { agencyId: agency.id, year: 2025 });
process.stdout.write(`ready ${report.id}\n`);
for (let i = 1; ; i++) {
  await call('reports.updateCells', { id: report.id, changes: [{ cell: CELLS[i % CELLS.length], value: i }] });
  process.stdout.write(`ack ${i}\n`);
}
