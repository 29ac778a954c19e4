import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { ReportDetail, ReportSummary } from '../../src/shared/api';
import type { Finding } from '../../src/shared/findings';
import { toExchange } from '../../src/shared/report';
import { liveChecks } from '../../src/renderer/editor/liveChecks';
import { AGGREGATE_TEST_CORE, type Call } from '../aggregate/core';
import { unitReport } from '../aggregate/generate';

// One producer of findings: the report list's counts (computed in the core), the editor's live checks (in the
// renderer, from what reports.open sends) and reports.check agree for a 汇总 parent, whose aggregate.mismatch
// warnings need the units' sums from storage — and acknowledging one in the editor lowers every count.

const dir = mkdtempSync(join(tmpdir(), 'one-check-path-'));
let call: Call;
let close: () => void;
before(async () => ({ call, close } = await AGGREGATE_TEST_CORE(join(dir, 'reports.sqlite'))));
after(() => {
  close?.();
  rmSync(dir, { recursive: true, force: true });
});

const open = (findings: Finding[]) => ({
  errors: findings.filter((f) => f.severity === 'error').length,
  warnings: findings.filter((f) => f.severity === 'warning' && !f.acknowledged).length,
});
const key = (f: Finding) => `${f.severity} ${f.rule} ${f.cells.join(',')} ${f.acknowledged ? 'ack' : ''}`;

async function counts(parentId: number, agencyId: number) {
  const listed = ((await call('reports.list', { agencyId })) as ReportSummary[]).find((r) => r.id === parentId)!;
  const detail = (await call('reports.open', { id: parentId })) as ReportDetail;
  const editor = liveChecks(detail, detail.cells);
  assert.ok(editor.ok);
  const checked = ((await call('reports.check', { id: parentId })) as { findings: Finding[] }).findings;
  assert.deepEqual(editor.findings.map(key), checked.map(key), 'the editor and reports.check find the same');
  return { home: { errors: listed.errors, warnings: listed.warnings }, editor: open(editor.findings), findings: editor.findings };
}

test('a 汇总 parent: the home list and the editor count the same, aggregate.mismatch included and acknowledgeable', async () => {
  const agency = (await call('agencies.create', { name: '某某县人民政府', level: 'county' })) as { id: number };
  const parentId = ((await call('reports.create', { agencyId: agency.id, year: 2025 })) as { id: number }).id;
  const units = [unitReport(201, 2025, '某某县教育局'), unitReport(202, 2025, '某某县卫生健康局')];
  const files = units.map((u) => ({ fileName: `${u.agency.name}.json`, data: Buffer.from(JSON.stringify(toExchange(u))).toString('base64') }));
  await call('aggregate.addUnits', { parentId, files });
  await call('aggregate.apply', { parentId });

  // One cell changed after summing: a mismatch there and in its computed 总计.
  const summed = (await call('reports.open', { id: parentId })) as ReportDetail;
  assert.equal(summed.unitSums?.units, 2, 'reports.open sends the units’ sums');
  const cell = 't3.new.natural';
  await call('reports.updateCells', { id: parentId, changes: [{ cell, value: (summed.cells[cell] ?? 0) + 3 }] });

  const before = await counts(parentId, agency.id);
  const mismatch = before.findings.filter((f) => f.rule === 'aggregate.mismatch');
  assert.deepEqual(mismatch.map((f) => f.cells), [[cell], ['t3.new.total']], 'the editor shows the mismatches');
  assert.ok(before.home.warnings >= 1);
  assert.deepEqual(before.editor, before.home, 'home and editor agree');

  await call('reports.acknowledge', { id: parentId, ack: { rule: 'aggregate.mismatch', cells: [cell], reason: '本级另有直接受理的申请' } });
  const acked = await counts(parentId, agency.id);
  assert.deepEqual(acked.editor, acked.home, 'home and editor agree after acknowledging');
  assert.equal(acked.home.warnings, before.home.warnings - 1, 'the acknowledged mismatch is no longer counted');
  assert.deepEqual(acked.findings.find((f) => f.rule === 'aggregate.mismatch')?.acknowledged, { reason: '本级另有直接受理的申请' });
});

test('a check that throws is a failure in the editor, never "no problems"', () => {
  const broken = { format: 'GOV-1999', year: 2025, agency: { name: '某局', level: 'county-department' }, narrative: {}, acknowledged: [], previous: null, unitSums: null };
  const result = liveChecks(broken as unknown as ReportDetail, { 't3.new.natural': 1 });
  assert.equal(result.ok, false);
  assert.match((result as { failure: string }).failure, /^检查没有完成（.+），以下结果不可信/);
  assert.deepEqual(result.findings, []);
});
