import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { ExchangeFile } from '../../src/shared/report';
import { applyComputedTotals } from '../../src/shared/totals';
import { formatIndex } from '../../src/shared/format/index';
import { check, fixture } from './helpers';

const raw = (name: string) => JSON.parse(readFileSync(new URL(`../fixtures/${name}.json`, import.meta.url), 'utf8'));
const pairs = (findings: { rule: string; cells: string[] }[]) => findings.map((f) => [f.rule, [...f.cells].sort()] as const);

test('the Fushun 2020 transcription: a valid GOV-2019 exchange file with the printed numbers', () => {
  const parsed = ExchangeFile.safeParse(raw('2020-fushun-education-bureau'));
  assert.ok(parsed.success, parsed.success ? '' : parsed.error.message);
  const doc = parsed.data;
  assert.equal(doc.format, 'GOV-2019');
  assert.equal(doc.year, 2020);
  assert.deepEqual(doc.agency, { name: '抚顺市教育局', level: 'city-department' });
  // every cell of the format transcribed, none left blank
  const ids = formatIndex('GOV-2019').cells.map((c) => c.id);
  assert.deepEqual(Object.keys(doc.cells).sort(), [...ids].sort());
  assert.ok(ids.every((id) => typeof doc.cells[id] === 'number'));
  // 表三 all zero; 表四 one 未经复议直接起诉 case, upheld
  assert.ok(ids.filter((id) => id.startsWith('t3.')).every((id) => doc.cells[id] === 0));
  const t4 = Object.fromEntries(ids.filter((id) => id.startsWith('t4.') && doc.cells[id] !== 0).map((id) => [id, doc.cells[id]]));
  assert.deepEqual(t4, { 't4.suitDirect.upheld': 1, 't4.suitDirect.total': 1 });
  assert.equal(doc.cells['t2.licensing.decisions'], 87);
  assert.equal(doc.cells['t2.otherServices.lastYearItems'], 11);
  assert.equal(doc.cells['t2.otherServices.decisions'], 244);
  assert.equal(doc.cells['t2.penalty.lastYearItems'], 5);
  assert.equal(doc.cells['t2.fees.lastYearItems'], 1);
  // its totals are what the app would compute
  assert.deepEqual(applyComputedTotals(doc.format, doc.cells), doc.cells);
  assert.match(doc.narrative.s1!, /^市教育局结合教育行业工作实际/);
  assert.ok(!doc.narrative.s1!.includes('[bookmark'), 'Word’s bookmark marker dropped');
  assert.match(doc.narrative.s5!, /^存在的主要问题：/);
  assert.match(doc.narrative.s6!, /义务教育领域基层政务公开事项目录/);
});

test('the Fushun 2020 report checks with no error and no warning: only the three group sums (info)', () => {
  const doc = fixture('2020-fushun-education-bureau');
  const found = check(doc);
  assert.deepEqual(
    found.map((f) => [f.rule, f.severity, f.actual]),
    [
      ['t3.groupTotals', 'info', 0],
      ['t3.groupTotals', 'info', 0],
      ['t3.groupTotals', 'info', 0],
    ],
  );
  // and it is complete enough to export
  assert.equal(check(doc, { forExport: true }).filter((f) => f.severity === 'error').length, 0);
});

test('the clean 2025 report: valid, totals as computed, no error or warning even for export', () => {
  const doc = fixture('2025-clean');
  assert.equal(doc.format, 'GOV-2021');
  assert.equal(doc.agency.level, 'county-department');
  assert.deepEqual(applyComputedTotals(doc.format, doc.cells), doc.cells);
  for (const k of ['preamble', 's1', 's5', 's6'] as const) assert.ok((doc.narrative[k] ?? '').length > 50, k);
  assert.deepEqual(
    check(doc, { forExport: true }).filter((f) => f.severity !== 'info'),
    [],
  );
});

test('the planted-errors report yields exactly the planted findings', () => {
  const doc = fixture('2021-planted-errors');
  const withheld = formatIndex('GOV-2021').t3Groups.find((g) => g.id === 'withheld')!;
  const expected: [string, string[]][] = [
    ['t3.rowTotal', ['t3.new.total']],
    ['t3.rowTotal', ['t3.partial.total', 't3.partial.natural', 't3.partial.business', 't3.partial.research', 't3.partial.publicInterest', 't3.partial.legal', 't3.partial.otherOrg']],
    ['t3.resultTotal', ['t3.resultTotal.business', ...formatIndex('GOV-2021').t3ResultRows.map((r) => `t3.${r}.business`)]],
    ['t4.total', ['t4.review.total', 't4.review.upheld', 't4.review.corrected', 't4.review.other', 't4.review.pending']],
    ['t3.balance', ['t3.new.natural', 't3.carriedIn.natural', 't3.resultTotal.natural', 't3.carriedOut.natural']],
    ['t3.balance', ['t3.new.total', 't3.carriedIn.total', 't3.resultTotal.total', 't3.carriedOut.total']],
    ['t2.regulationPower', ['t2.regulations.inForce']],
    ['t2.feeUnit', ['t2.fees.amount']],
    ['text.numbers', ['t3.new.total']],
    ['text.numbers', ['t3.granted.total', 't3.partial.total']],
    ['text.reviewClaims', ['t4.review.pending']],
    ['text.period', []],
    ['format.version', []],
    ['format.version', []],
    ['format.sections', []],
    ['t3.groupTotals', withheld.rows.map((r) => `t3.${r}.total`)],
    ['t3.groupTotals', ['t3.unavailable.notHeld.total', 't3.unavailable.needsCreation.total', 't3.unavailable.unclear.total']],
    ['t3.groupTotals', ['t3.notProcessed.petition.total', 't3.notProcessed.repeated.total', 't3.notProcessed.publication.total', 't3.notProcessed.excessive.total', 't3.notProcessed.confirmation.total']],
    ['t3.groupTotals', ['t3.other.overdueCorrection.total', 't3.other.overdueFee.total', 't3.other.other.total']],
  ];
  const found = check(doc);
  assert.deepEqual(pairs(found), pairs(expected.map(([rule, cells]) => ({ rule, cells }))));
  // what each planted text finding is about
  const bySection = found.filter((f) => f.section).map((f) => [f.rule, f.section]);
  assert.deepEqual(bySection, [
    ['text.numbers', 's1'],
    ['text.numbers', 's1'],
    ['text.reviewClaims', 's1'],
    ['text.period', 'preamble'],
    ['format.version', 'preamble'],
    ['format.version', 's1'],
    ['format.sections', 's5'],
  ]);
  // severities follow checks.md
  assert.equal(found.filter((f) => f.severity === 'error').length, 6);
  assert.equal(found.filter((f) => f.severity === 'warning').length, 9);
});
