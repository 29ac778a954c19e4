/**
 * Importing never freezes the app: the file is parsed in a worker (src/main/import/worker/host.ts), so a save
 * issued while a large import is running is answered before the import finishes, and both are stored. (Before,
 * the importers ran on the main thread and the save waited for the whole parse.) No timing is asserted: only
 * the order in which the two answers arrive.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { agencyAndReport, testCore } from '../storage/helpers';

/** 8 MB of report text (a report with its narrative pasted many times over): some seconds of parsing. */
function bigReportText(): string {
  const line = '本机关坚持以习近平新时代中国特色社会主义思想为指导认真贯彻落实政府信息公开条例要求进一步加强';
  const lines = ['某某市人民政府2023年政府信息公开工作年度报告', '一、总体情况'];
  for (let bytes = 0; bytes < 8 * 1024 * 1024; bytes += Buffer.byteLength(line) + 1) lines.push(line);
  return lines.join('\n');
}

test('a save issued during a large import is answered while the import is still running', { timeout: 120_000 }, async (t) => {
  const c = testCore(t);
  const { report } = await agencyAndReport(c);
  // a first, small import: the importers are loaded (and a worker is ready) before the one that is timed
  const small = Buffer.from('某某市人民政府2023年政府信息公开工作年度报告\n一、总体情况\n本年度……').toString('base64');
  await c.call('reports.import', { fileName: 'small.txt', data: small, dryRun: true });
  const data = Buffer.from(bigReportText()).toString('base64');
  let importAnswered = false;
  const importing = c.core.dispatch('reports.import', { fileName: '某某市人民政府年报.txt', data }).then((r) => {
    importAnswered = true;
    return r;
  });
  // the import has started (its request parsed, the file handed over) when the user types the next value
  await new Promise((resolve) => setTimeout(resolve, 50));
  const saves: boolean[] = [];
  for (let value = 1; value <= 3; value++) {
    await c.call('reports.updateCells', { id: report.id, changes: [{ cell: 't3.new.natural', value }] });
    saves.push(importAnswered);
  }
  assert.deepEqual(saves, [false, false, false], 'every save was answered before the import');
  const imported = await importing;
  assert.ok(imported.ok, JSON.stringify(!imported.ok && imported.error));
  assert.equal((await c.call('reports.open', { id: report.id })).cells['t3.new.natural'], 3);
  const list = await c.call('reports.list', {});
  assert.deepEqual(list.map((r) => r.year).sort(), [2023, 2025]);
});
