import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { AGGREGATE_TEST_CORE, type Call } from './core';
import { unitReport } from './generate';
import { toExchange, type ReportDoc } from '../../src/shared/report';

const dir = mkdtempSync(join(tmpdir(), 'agg-service-'));
let call: Call;
let close: () => void;
before(async () => ({ call, close } = await AGGREGATE_TEST_CORE(join(dir, 'reports.sqlite'))));
after(() => {
  close?.();
  rmSync(dir, { recursive: true, force: true });
});

const file = (doc: ReportDoc, fileName = `${doc.agency.name}.json`) => ({
  fileName,
  data: Buffer.from(JSON.stringify(toExchange(doc))).toString('base64'),
});

async function newParent(name: string, year = 2025): Promise<number> {
  const agency = (await call('agencies.create', { name, level: 'county' })) as { id: number };
  const report = (await call('reports.create', { agencyId: agency.id, year })) as { id: number };
  return report.id;
}

test('add units, replace one, flag and exclude a unit with errors, sum into the parent with a revision, trace a cell', async () => {
  const parentId = await newParent('某某县人民政府');
  const a = unitReport(101, 2025, '某某县教育局');
  const b = unitReport(102, 2025, '某某县卫生健康局');
  const wrongYear = unitReport(103, 2024, '某某县民政局');
  const added = (await call('aggregate.addUnits', {
    parentId,
    files: [file(a), file(b), file(wrongYear), { fileName: 'junk.json', data: Buffer.from('not json').toString('base64') }],
  })) as { results: { outcome: string; message?: string; unit?: { id: number; status: string; included: boolean } }[] };
  assert.deepEqual(added.results.map((r) => r.outcome), ['added', 'added', 'added', 'failed']);
  assert.match(added.results[3]!.message!, /JSON/);
  assert.equal(added.results[2]!.unit!.status, 'errors');
  assert.equal(added.results[2]!.unit!.included, false);

  // re-importing 教育局 2025 replaces the earlier copy
  const a2 = unitReport(201, 2025, '某某县教育局');
  const again = (await call('aggregate.addUnits', { parentId, files: [file(a2, 'jyj-v2.json')] })) as { results: { outcome: string }[] };
  assert.equal(again.results[0]!.outcome, 'replaced');
  const list = (await call('aggregate.listUnits', { parentId })) as {
    units: { name: string; fileName: string; included: boolean; reason: string | null; replacedFile: string | null }[];
  };
  assert.equal(list.units.length, 3);
  const jyj = list.units.find((u) => u.name === '某某县教育局')!;
  assert.deepEqual([jyj.fileName, jyj.replacedFile], ['jyj-v2.json', '某某县教育局.json'], 'a replaced unit names both files');
  assert.match(list.units.find((u) => u.name === '某某县民政局')!.reason!, /2024 年度的报告，汇总的是 2025 年度/);

  const applied = (await call('aggregate.apply', { parentId })) as { revision: number; changed: number; units: number };
  assert.equal(applied.units, 2);
  assert.ok(applied.changed > 0);
  const parent = (await call('reports.open', { id: parentId })) as { cells: Record<string, number | null>; revision: number };
  for (const id of ['t3.granted.natural', 't3.resultTotal.total', 't4.review.total', 't2.licensing.decisions'])
    assert.equal(parent.cells[id], (a2.cells[id] ?? 0) + (b.cells[id] ?? 0), id);
  const history = (await call('reports.history', { id: parentId })) as { summary: string }[];
  assert.match(history[0]!.summary, /生成汇总：2 个单位/);

  const trace = (await call('aggregate.trace', { parentId, cell: 't3.granted.natural' })) as {
    sum: number;
    parentValue: number;
    contributions: { name: string; value: number; included: boolean }[];
  };
  assert.equal(trace.sum, parent.cells['t3.granted.natural']);
  assert.equal(trace.parentValue, trace.sum);
  const summed = trace.contributions.filter((c) => c.included);
  assert.equal(summed.reduce((s, c) => s + c.value, 0), trace.sum);
  assert.ok(trace.contributions.some((c) => c.name === '某某县民政局' && !c.included) || wrongYear.cells['t3.granted.natural'] === null);

  // the user includes the unit with errors: the sum changes, and the stored parent now differs → mismatch warnings
  const mz = list.units.find((u) => u.name === '某某县民政局') as unknown as { id: number };
  // including a unit the rules leave out takes a reason, kept with the unit and named in the history
  await assert.rejects(call('aggregate.setIncluded', { unitId: mz.id, included: true }), /默认不计入汇总.*请写明理由/);
  await call('aggregate.setIncluded', { unitId: mz.id, included: true, note: '民政局按上年度口径报送，经核对后计入' });
  const chosen = ((await call('aggregate.listUnits', { parentId })) as { units: { name: string; included: boolean; includeNote: string | null }[] }).units.find(
    (u) => u.name === '某某县民政局',
  )!;
  assert.deepEqual([chosen.included, chosen.includeNote], [true, '民政局按上年度口径报送，经核对后计入']);
  const preview = (await call('aggregate.preview', { parentId })) as { units: number; mismatches: { rule: string; severity: string; cells: string[] }[] };
  assert.equal(preview.units, 3);
  const differing = Object.keys(wrongYear.cells).filter((id) => (wrongYear.cells[id] ?? 0) !== 0);
  assert.equal(preview.mismatches.length, differing.length);
  assert.ok(preview.mismatches.every((f) => f.rule === 'aggregate.mismatch' && f.severity === 'warning' && f.cells.length === 1));

  await call('aggregate.removeUnit', { unitId: mz.id });
  const after = (await call('aggregate.preview', { parentId })) as { units: number; mismatches: unknown[] };
  assert.equal(after.units, 2);
  assert.deepEqual(after.mismatches, []);
});

test('errors come back as Chinese messages: unknown parent, unknown cell, nothing to sum', async () => {
  await assert.rejects(call('aggregate.listUnits', { parentId: 9999 }), /找不到编号为 9999 的报告/);
  const parentId = await newParent('某某市人民政府');
  await assert.rejects(call('aggregate.trace', { parentId, cell: 't3.nope' }), /未知的单元格/);
  await assert.rejects(call('aggregate.apply', { parentId }), /没有可汇总的下属单位/);
  const self = (await call('aggregate.addUnits', { parentId, files: [file(unitReport(5, 2025, '某某市人民政府'))] })) as {
    results: { outcome: string; message: string }[];
  };
  assert.equal(self.results[0]!.outcome, 'failed');
  assert.match(self.results[0]!.message, /汇总报告本身/);
});

test('a 2019-format unit sums into a 2021 parent', async () => {
  const parentId = await newParent('某某区人民政府', 2021);
  const old = unitReport(301, 2020, '某某区档案馆');
  old.year = 2021; // a unit that still used the trial format
  const cur = unitReport(302, 2021, '某某区司法局');
  await call('aggregate.addUnits', { parentId, files: [file(old), file(cur)] });
  const units = (await call('aggregate.listUnits', { parentId })) as {
    units: { id: number; name: string; format: string; included: boolean; reason: string | null; findings: { rule: string }[] }[];
  };
  const oldUnit = units.units.find((u) => u.name === '某某区档案馆')!;
  assert.equal(oldUnit.format, 'GOV-2019');
  assert.ok(oldUnit.findings.some((f) => f.rule === 'aggregate.unmapped'));
  // another format is left out by default; the user includes it knowingly
  assert.equal(oldUnit.included, false);
  assert.match(oldUnit.reason!, /使用2019年格式，汇总报告使用2021年格式/);
  await call('aggregate.setIncluded', { unitId: oldUnit.id, included: true, note: '档案馆仍用旧格式，对应后计入' });
  const applied = (await call('aggregate.apply', { parentId })) as { units: number };
  assert.equal(applied.units, 2);
  const history = (await call('reports.history', { id: parentId })) as { summary: string }[];
  assert.match(history[0]!.summary, /经确认计入 “某某区档案馆”（档案馆仍用旧格式，对应后计入）/);
  const parent = (await call('reports.open', { id: parentId })) as { cells: Record<string, number | null> };
  assert.equal(parent.cells['t3.other.other.natural'], (old.cells['t3.other.natural'] ?? 0) + (cur.cells['t3.other.other.natural'] ?? 0));
  assert.equal(parent.cells['t3.resultTotal.total'], (old.cells['t3.resultTotal.total'] ?? 0) + (cur.cells['t3.resultTotal.total'] ?? 0));
});

test('units sent as .docx and .html reports go through the importers and sum like exchange files', async () => {
  const { exportDocx } = await import('../../src/main/export/docx/index');
  const { exportHtmlPage } = await import('../../src/main/export/html/index');
  const parentId = await newParent('某某镇人民政府');
  const a = unitReport(401, 2025, '某某镇财政所');
  const b = unitReport(402, 2025, '某某镇农业服务中心');
  const added = (await call('aggregate.addUnits', {
    parentId,
    files: [
      { fileName: '财政所.docx', data: (await exportDocx(a)).toString('base64') },
      { fileName: '农业服务中心.html', data: Buffer.from(exportHtmlPage(b)).toString('base64') },
      { fileName: '假的.docx', data: Buffer.from('这不是 Word 文件').toString('base64') },
    ],
  })) as { results: { outcome: string; message?: string; unit?: { source: string; name: string } }[] };
  assert.deepEqual(added.results.map((r) => r.outcome), ['added', 'added', 'failed']);
  assert.deepEqual(added.results.slice(0, 2).map((r) => [r.unit!.source, r.unit!.name]), [
    ['docx', '某某镇财政所'],
    ['html', '某某镇农业服务中心'],
  ]);
  assert.ok(added.results[2]!.message && !/at \w+ \(/.test(added.results[2]!.message), 'a Chinese message, not a stack trace');
  const preview = (await call('aggregate.preview', { parentId })) as { units: number; cells: Record<string, number | null> };
  assert.equal(preview.units, 2);
  for (const id of ['t3.new.total', 't4.suitDirect.total', 't2.fees.amount'])
    assert.equal(preview.cells[id], Number(((a.cells[id] ?? 0) + (b.cells[id] ?? 0)).toFixed(6)), id);
});
