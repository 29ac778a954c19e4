/**
 * The tables an import could not read are stored with the report: after the import (and after reopening the
 * database) the report's checks say import.tableUnread — as `gov-report check` does on the source file — not
 * cell.missing for those cells. The exchange file (shared spec) does not carry them: they stay in the database.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { importFile } from '../../src/main/import/index';
import { findingsFor } from '../../src/main/cli/report-commands';
import { MIGRATIONS } from '../../src/main/storage/migrations';
import type { Finding } from '../../src/shared/findings';
import { formatIndex } from '../../src/shared/format/index';
import { liveChecks } from '../../src/renderer/editor/liveChecks';
import { imageTablePage } from '../import/helpers';
import { coreIn, tempDir } from '../storage/helpers';

const key = (f: Finding) => `${f.severity} ${f.rule} ${[...f.cells].sort().join(',')}`;

test('an imported report keeps its unread tables: its checks say import.tableUnread like gov-report check, after reopening too', async (t) => {
  const dir = tempDir(t);
  const bytes = imageTablePage();
  const t3Cells = formatIndex('GOV-2021').cells.filter((c) => c.table === 't3').map((c) => c.id);
  const c = coreIn(t, dir, { autoBackup: false });
  const imported = await c.call('reports.import', { fileName: 'page.html', data: Buffer.from(bytes).toString('base64') });
  const id = imported.report!.id;
  assert.deepEqual(imported.report!.unread?.map((u) => u.table), ['t3']);

  const cli = findingsFor((await importFile('page.html', bytes)).doc, null);
  assert.equal(cli.filter((f) => f.rule === 'import.tableUnread').length, 1);
  const stored = (await c.call('reports.check', { id, forExport: true })).findings;
  assert.deepEqual(stored.map(key), cli.map(key), 'the stored report is checked as gov-report check checks the file');
  assert.equal(stored.filter((f) => f.rule === 'cell.missing' && f.cells.some((id) => t3Cells.includes(id))).length, 0);

  // the editor's live checks, from what reports.open sends
  const detail = await c.call('reports.open', { id });
  const live = liveChecks(detail, detail.cells);
  assert.ok(live.ok);
  assert.equal(live.findings.filter((f) => f.rule === 'import.tableUnread').length, 1);

  // an edit keeps it (the revision snapshot carries it), a cell filled in counts as read
  await c.call('reports.updateCells', { id, changes: [{ cell: 't3.new.natural', value: 3 }] });
  c.core.close();
  const again = coreIn(t, dir, { autoBackup: false });
  const reopened = await again.call('reports.open', { id });
  assert.equal(reopened.unread?.[0]?.cells.length, t3Cells.length);
  const f = (await again.call('reports.check', { id, forExport: true })).findings.find((x) => x.rule === 'import.tableUnread')!;
  assert.ok(!f.cells.includes('t3.new.natural'), 'a cell filled in since the import counts as read');

  // restoring the import's revision brings back exactly what the import stored
  await again.call('reports.restore', { id, revision: 1 });
  assert.deepEqual((await again.call('reports.open', { id })).unread, imported.report!.unread);

  // the exchange file is the shared format: no import bookkeeping in it
  const exported = await again.call('reports.export', { id, kind: 'exchange' });
  const json = JSON.parse(Buffer.from(exported.data, 'base64').toString('utf8')) as Record<string, unknown>;
  assert.equal('unread' in json, false);
});

test('the unread-tables migration is idempotent', (t) => {
  const db = new Database(`${tempDir(t)}/old.sqlite`);
  t.after(() => db.close());
  for (const m of MIGRATIONS.slice(0, 3)) m(db);
  MIGRATIONS[3]!(db);
  MIGRATIONS[3]!(db); // a second run (a build that already made the table) does not fail
  const columns = (db.prepare("SELECT name FROM pragma_table_info('unread_tables')").all() as { name: string }[]).map((r) => r.name);
  assert.deepEqual(columns, ['report_id', 'table_id', 'cells', 'reason']);
});
