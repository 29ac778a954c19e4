import assert from 'node:assert/strict';
import { until } from '../e2e/harness';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { METHOD_NAMES } from '../../src/shared/api';
import { runChecks } from '../../src/shared/checks/index';
import { ExchangeFile, type ReportDoc } from '../../src/shared/report';
import { createRegistry } from '../../src/main/services/core';
import { buildRegistry, missingHandlers } from '../../src/main/services/registry';
import { agencyAndReport, testCore } from '../storage/helpers';

const root = join(import.meta.dirname, '..', '..');
const cleanBytes = readFileSync(join(root, 'tests/fixtures/2025-clean.json'));
const clean = ExchangeFile.parse(JSON.parse(cleanBytes.toString('utf8'))) as ReportDoc;
const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');

test('every method of api.ts has exactly one handler; duplicates are refused', () => {
  assert.deepEqual(missingHandlers(createRegistry()), []);
  assert.equal(createRegistry().size, METHOD_NAMES.length);
  assert.throws(() => buildRegistry({ 'app.info': () => 1 }, { 'app.info': () => 2 }), /twice/);
});

test('dispatch: unknown method, invalid input → { code, message } in Chinese naming the field', async (t) => {
  const c = testCore(t);
  const unknown = await c.fail('reports.frobnicate', {});
  assert.equal(unknown.code, 'not_found');
  assert.match(unknown.message, /没有名为/);
  const bad = await c.fail('reports.open', { id: 'seven' });
  assert.equal(bad.code, 'invalid_input');
  assert.match(bad.message, /字段 id：/);
  const missingYear = await c.fail('reports.create', { agencyId: 1 });
  assert.equal(missingYear.code, 'invalid_input');
  assert.match(missingYear.message, /字段 year：/);
  const name = await c.fail('agencies.create', { name: '  ', level: 'county-department' });
  assert.match(name.message, /机关名称不能为空/);
  const level = await c.fail('agencies.create', { name: '某局', level: 'galaxy' });
  assert.match(level.message, /字段 level：/);
  assert.equal((await c.fail('reports.open', { id: 42 })).code, 'not_found');
});

test('updateCells refuses an unknown cell id, "12a", −3, 1.5 in a count, 1e20 — and writes nothing', async (t) => {
  const c = testCore(t);
  const { report } = await agencyAndReport(c);
  await c.call('reports.updateCells', { id: report.id, changes: [{ cell: 't3.new.natural', value: 5 }] });
  const before = await c.call('reports.open', { id: report.id });
  const cases: [unknown, RegExp][] = [
    [{ cell: 't3.nope.natural', value: 1 }, /changes\[1\]\.cell：未知的单元格“t3\.nope\.natural”/],
    [{ cell: 't3.new.business', value: '12a' }, /字段 changes\[1\]\.value：/],
    [{ cell: 't3.new.business', value: -3 }, /changes\[1\]\.value：.*不能为负数/],
    [{ cell: 't3.new.business', value: 1.5 }, /changes\[1\]\.value：.*应为整数/],
    [{ cell: 't3.new.business', value: 1e20 }, /changes\[1\]\.value：.*过大/],
  ];
  for (const [bad, message] of cases) {
    // A valid change beside the bad one: the whole call is refused, not half applied.
    const e = await c.fail('reports.updateCells', { id: report.id, changes: [{ cell: 't3.new.natural', value: 6 }, bad] });
    assert.equal(e.code, 'invalid_input');
    assert.match(e.message, message);
  }
  const after = await c.call('reports.open', { id: report.id });
  assert.deepEqual(after.cells, before.cells);
  assert.equal(after.revision, before.revision);
});

test('totals are computed in the same write unless typed by hand', async (t) => {
  const c = testCore(t);
  const { report } = await agencyAndReport(c);
  await c.call('reports.updateCells', {
    id: report.id,
    changes: [
      { cell: 't3.new.natural', value: 5 },
      { cell: 't3.new.business', value: 2 },
      { cell: 't3.new.total', value: 100 }, // a pasted 总计 column: the computed value wins
    ],
  });
  let r = await c.call('reports.open', { id: report.id });
  assert.equal(r.cells['t3.new.total'], 7);
  await c.call('reports.setOptions', { id: report.id, manualTotals: true });
  await c.call('reports.updateCells', { id: report.id, changes: [{ cell: 't3.new.total', value: 8 }] });
  r = await c.call('reports.open', { id: report.id });
  assert.equal(r.manualTotals, true);
  assert.equal(r.cells['t3.new.total'], 8);
  await c.call('reports.setOptions', { id: report.id, manualTotals: false });
  r = await c.call('reports.open', { id: report.id });
  assert.equal(r.cells['t3.new.total'], 7, 'recomputed when switching back');
});

test('cached error/warning counts follow the checks', async (t) => {
  const c = testCore(t);
  const imported = await c.call('reports.import', { fileName: '2025-clean.json', data: b64(cleanBytes) });
  const id = imported.report!.id;
  await c.call('reports.updateCells', { id, changes: [{ cell: 't3.granted.natural', value: 999 }] });
  const detail = await c.call('reports.open', { id });
  const findings = runChecks({ format: detail.format, year: detail.year, agency: detail.agency, narrative: detail.narrative, cells: detail.cells, acknowledged: detail.acknowledged });
  // Recounted shortly after the save, without waiting for a listing.
  const stale = () => {
    const db = new Database(c.dbPath, { readonly: true });
    try {
      return (db.prepare('SELECT counts_stale FROM reports WHERE id = ?').get(id) as { counts_stale: number }).counts_stale;
    } finally {
      db.close();
    }
  };
  await until(() => stale() === 0, 'the counts to be refreshed after the save');
  const raw = new Database(c.dbPath, { readonly: true });
  const cached = raw.prepare('SELECT errors, counts_stale FROM reports WHERE id = ?').get(id) as { errors: number; counts_stale: number };
  raw.close();
  assert.equal(cached.counts_stale, 0);
  assert.equal(cached.errors, findings.filter((f) => f.severity === 'error').length);
  const [summary] = await c.call('reports.list', {});
  assert.equal(summary!.errors, findings.filter((f) => f.severity === 'error').length);
  assert.ok(summary!.errors > 0, 'an impossible 予以公开 count is an error');
  const checked = await c.call('reports.check', { id });
  assert.equal(checked.findings.filter((f) => f.severity === 'error').length, summary!.errors);
});

test('create from last year: 上年结转 from 结转下年度, narrative as a starting draft, previous in the detail', async (t) => {
  const c = testCore(t);
  const { agency, report: last } = await agencyAndReport(c, 2024);
  await c.call('reports.updateCells', {
    id: last.id,
    changes: [
      { cell: 't3.carriedOut.natural', value: 3 },
      { cell: 't3.carriedOut.legal', value: 1 },
    ],
  });
  await c.call('reports.updateNarrative', { id: last.id, key: 's5', text: '（一）存在的主要问题\n\n信息更新不够及时。' });
  const next = await c.call('reports.create', { agencyId: agency.id, year: 2025, from: 'previous' });
  assert.equal(next.cells['t3.carriedIn.natural'], 3);
  assert.equal(next.cells['t3.carriedIn.legal'], 1);
  assert.equal(next.cells['t3.carriedIn.total'], 4);
  assert.equal(next.cells['t3.carriedIn.business'], null);
  assert.equal(next.narrative.s5, '（一）存在的主要问题\n\n信息更新不够及时。');
  assert.equal(next.previous?.id, last.id);
  assert.equal(next.previous?.cells['t3.carriedOut.natural'], 3);
  const none = await c.fail('reports.create', { agencyId: agency.id, year: 2030, from: 'previous' });
  assert.equal(none.code, 'not_found');
  assert.match(none.message, /2029 年度报告/);
  const dup = await c.fail('reports.create', { agencyId: agency.id, year: 2025 });
  assert.equal(dup.code, 'conflict');
});

test('duplicate copies a report to the next year (same agency) or to another agency', async (t) => {
  const c = testCore(t);
  const { report } = await agencyAndReport(c, 2024);
  await c.call('reports.updateCells', { id: report.id, changes: [{ cell: 't3.new.natural', value: 4 }] });
  const copy = await c.call('reports.duplicate', { id: report.id });
  assert.equal(copy.year, 2025);
  assert.equal(copy.cells['t3.new.natural'], 4);
  const other = await c.call('agencies.create', { name: '某某县卫生健康局', level: 'county-department' });
  const copy2 = await c.call('reports.duplicate', { id: report.id, agencyId: other.id });
  assert.equal(copy2.year, 2024);
  assert.equal(copy2.agency.name, '某某县卫生健康局');
});

test('export: refused over errors with the findings listed, forced on request, every kind, file names', async (t) => {
  const c = testCore(t);
  const { report } = await agencyAndReport(c);
  const refused = await c.fail('reports.export', { id: report.id, kind: 'docx' });
  assert.equal(refused.code, 'has_errors');
  assert.match(refused.message, /处错误，未导出/);
  const listed = (refused.details as { findings: { severity: string }[] }).findings;
  assert.ok(listed.length > 0 && listed.every((f) => f.severity === 'error'));
  const forced = await c.call('reports.export', { id: report.id, kind: 'docx', force: true });
  assert.equal(forced.forcedOver.length, listed.length);
  assert.equal(Buffer.from(forced.data, 'base64').subarray(0, 2).toString(), 'PK');

  const imported = await c.call('reports.import', { fileName: '2025-clean.json', data: b64(cleanBytes) });
  const id = imported.report!.id;
  const docx = await c.call('reports.export', { id, kind: 'docx' });
  assert.equal(docx.fileName, `${clean.agency.name}2025年政府信息公开工作年度报告.docx`);
  assert.equal(docx.forcedOver.length, 0);
  const exchange = await c.call('reports.export', { id, kind: 'exchange' });
  const back = ExchangeFile.parse(JSON.parse(Buffer.from(exchange.data, 'base64').toString('utf8')));
  assert.deepEqual(back.cells, clean.cells);
  assert.deepEqual(back.narrative, clean.narrative);
  for (const kind of ['html', 'html-fragment'] as const) {
    const html = await c.call('reports.export', { id, kind });
    assert.match(html.fileName, /\.html$/);
    assert.ok(Buffer.from(html.data, 'base64').toString('utf8').includes(clean.agency.name));
  }
});

test('import: exchange file creates the agency and the report; conflict, replace (keeping a revision), dry run', async (t) => {
  const c = testCore(t);
  const dry = await c.call('reports.import', { fileName: 'a.json', data: b64(cleanBytes), dryRun: true });
  assert.equal(dry.report, null);
  assert.equal(dry.importReport.source, 'exchange');
  assert.deepEqual((await c.call('reports.list', {})).length, 0, 'dry run stores nothing');
  assert.deepEqual((await c.call('agencies.list', {})).length, 0);

  const first = await c.call('reports.import', { fileName: 'a.json', data: b64(cleanBytes) });
  assert.equal(first.report!.agency.name, clean.agency.name);
  assert.deepEqual((await c.call('agencies.list', {})).map((a) => a.name), [clean.agency.name]);

  const changed = JSON.parse(cleanBytes.toString('utf8'));
  changed.narrative.s6 = '无。（替换后）';
  const conflict = await c.fail('reports.import', { fileName: 'b.json', data: b64(JSON.stringify(changed)) });
  assert.equal(conflict.code, 'conflict');
  assert.match(conflict.message, /已存在/);
  const replaced = await c.call('reports.import', { fileName: 'b.json', data: b64(JSON.stringify(changed)), replace: true });
  assert.equal(replaced.report!.id, first.report!.id);
  assert.equal(replaced.report!.narrative.s6, '无。（替换后）');
  const history = await c.call('reports.history', { id: first.report!.id });
  assert.match(history[0]!.summary, /导入并替换/);
  const old = await c.call('reports.restore', { id: first.report!.id, revision: history[1]!.revision });
  assert.equal(old.narrative.s6, clean.narrative.s6);

  const invalid = await c.fail('reports.import', { fileName: 'c.json', data: b64('{"schema": ') });
  assert.equal(invalid.code, 'invalid_input');
  assert.match(invalid.message, /不是有效的 JSON/);
  const badCell = JSON.parse(cleanBytes.toString('utf8'));
  badCell.cells['t3.new.natural'] = '12a';
  const e = await c.fail('reports.import', { fileName: 'd.json', data: b64(JSON.stringify(badCell)) });
  assert.match(e.message, /字段 cells\.t3\.new\.natural：/);
  assert.equal((await c.call('reports.list', {})).length, 1, 'nothing more stored');
});

test('app.info and agencies', async (t) => {
  const c = testCore(t);
  const info = await c.call('app.info', {});
  assert.equal(info.dbPath, c.dbPath);
  assert.equal(info.mode, 'cli');
  const a = await c.call('agencies.create', { name: '甲局', level: 'county-department' });
  await c.call('agencies.create', { name: '乙局', level: 'county' });
  assert.equal((await c.fail('agencies.create', { name: '甲局', level: 'county' })).code, 'conflict');
  assert.equal((await c.fail('agencies.update', { id: a.id, name: '乙局' })).code, 'conflict');
  const renamed = await c.call('agencies.update', { id: a.id, name: '丙局' });
  assert.equal(renamed.name, '丙局');
});

test('import: totals that disagree with their parts are kept as typed (manual totals), else computed', async (t) => {
  const c = testCore(t);
  const typed = JSON.parse(cleanBytes.toString('utf8'));
  typed.cells['t3.new.total'] = (clean.cells['t3.new.total'] ?? 0) + 5;
  const a = await c.call('reports.import', { fileName: 'typed.json', data: b64(JSON.stringify(typed)) });
  assert.equal(a.report!.manualTotals, true);
  assert.equal(a.report!.cells['t3.new.total'], typed.cells['t3.new.total']);

  const blankTotals = JSON.parse(cleanBytes.toString('utf8'));
  blankTotals.agency.name = '另一个局';
  for (const id of Object.keys(blankTotals.cells)) if (/\.total$/.test(id)) blankTotals.cells[id] = null;
  const b = await c.call('reports.import', { fileName: 'blank-totals.json', data: b64(JSON.stringify(blankTotals)) });
  assert.equal(b.report!.manualTotals, false);
  // The fixture is consistent: the recomputed totals are exactly its own.
  for (const [id, value] of Object.entries(clean.cells)) assert.equal(b.report!.cells[id], value, id);
});

test('import: a published report in plain text goes through the importers (Fushun 2020, GOV-2019)', async (t) => {
  const c = testCore(t);
  const text = readFileSync(join(root, 'tests', 'fixtures', '2020-fushun-education-bureau.txt'));
  const dry = await c.call('reports.import', { fileName: 'fushun.txt', data: b64(text), dryRun: true });
  assert.equal(dry.importReport.source, 'text');
  assert.equal(dry.report, null);
  const done = await c.call('reports.import', { fileName: 'fushun.txt', data: b64(text) });
  assert.equal(done.report!.year, 2020);
  assert.equal(done.report!.format, 'GOV-2019');
  assert.deepEqual((await c.call('agencies.list', {})).map((a) => a.name), [done.report!.agency.name]);
  const junk = await c.fail('reports.import', { fileName: 'junk.docx', data: b64(Buffer.alloc(2000, 7)) });
  assert.ok(['unsupported_file', 'invalid_input'].includes(junk.code), junk.code);
  assert.doesNotMatch(junk.message, /\n\s+at /);
});

test('history names an acknowledged warning in Chinese, never by its rule id', async (t) => {
  const c = testCore(t);
  const { report } = await agencyAndReport(c);
  await c.call('reports.acknowledge', { id: report.id, ack: { rule: 'text.reviewClaims', cells: [], reason: '诉讼尚在审理' } });
  const summaries = (await c.call('reports.history', { id: report.id })).map((h) => h.summary).join('\n');
  assert.match(summaries, /确认提醒（正文称均获维持与表四不符）/);
  assert.doesNotMatch(summaries, /text\.reviewClaims/);
  const missing = await c.fail('reports.unacknowledge', { id: report.id, rule: 't2.feeUnit', cells: [] });
  assert.equal(missing.code, 'not_found');
  assert.match(missing.message, /收费金额单位疑似有误/);
});

test('history counts the cells a user changed, not the computed 总计 the editor sends along', async (t) => {
  const c = testCore(t);
  const { report } = await agencyAndReport(c);
  // what the editor sends for one typed cell: the cell and the totals it recomputed
  await c.call('reports.updateCells', {
    id: report.id,
    changes: [
      { cell: 't3.granted.natural', value: 3 },
      { cell: 't3.granted.total', value: 3 },
      { cell: 't3.resultTotal.natural', value: 3 },
      { cell: 't3.resultTotal.total', value: 3 },
    ],
  });
  const [last] = await c.call('reports.history', { id: report.id });
  assert.equal(last!.summary, '修改单元格 1 处');
});

test('a bulk edit (a pasted block, 填 0) starts its own revision, so the state just before it can be restored', async (t) => {
  const c = testCore(t);
  const { report } = await agencyAndReport(c);
  await c.call('reports.updateCells', { id: report.id, changes: [{ cell: 't3.new.natural', value: 5 }] });
  const blanks = ['business', 'research', 'publicInterest', 'legal', 'otherOrg'].flatMap((col) =>
    ['new', 'carriedIn'].map((row) => ({ cell: `t3.${row}.${col}`, value: 0 })),
  );
  await c.call('reports.updateCells', { id: report.id, changes: [...blanks, { cell: 't3.carriedIn.natural', value: 0 }] });
  const history = await c.call('reports.history', { id: report.id });
  assert.match(history[0]!.summary, /^批量修改单元格 11 处$/);
  const before = await c.call('reports.restore', { id: report.id, revision: history[1]!.revision });
  assert.equal(before.cells['t3.new.natural'], 5, 'the typed cell survives');
  assert.equal(before.cells['t3.new.business'], null, 'the bulk edit is undone');
  // typing after a bulk edit does not fold into it
  await c.call('reports.updateCells', { id: report.id, changes: [{ cell: 't3.new.legal', value: 1 }] });
  const [last] = await c.call('reports.history', { id: report.id });
  assert.equal(last!.summary, '修改单元格 1 处');
});
