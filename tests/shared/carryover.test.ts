import assert from 'node:assert/strict';
import { test } from 'node:test';
import { carriedInFrom, mapCells, mapCellsForSum } from '../../src/shared/carryover';
import { formatIndex } from '../../src/shared/format/index';
import { blankReport } from '../../src/shared/report';
import { applyComputedTotals } from '../../src/shared/totals';

const agency = { name: '某某县教育局', level: 'county-department' as const };

test('carry-over: 上年结转 of year N from 结转下年度 of N−1, also from a 2020 (2019-format) report', () => {
  const last = blankReport(2020, agency);
  last.cells['t3.carriedOut.natural'] = 4;
  last.cells['t3.carriedOut.legal'] = 1;
  const carried = carriedInFrom(last, 'GOV-2021');
  assert.equal(carried['t3.carriedIn.natural'], 4);
  assert.equal(carried['t3.carriedIn.legal'], 1);
  assert.equal(carried['t3.carriedIn.business'], null);
  assert.equal(Object.keys(carried).length, 7);
});

test('mapCells 2021 → 2019 sums block （六） into the single row', () => {
  const doc = blankReport(2025, agency);
  doc.cells['t3.other.overdueCorrection.natural'] = 2;
  doc.cells['t3.other.other.natural'] = 5;
  assert.equal(mapCells(doc, 'GOV-2019')['t3.other.natural'], 7);
});

test('mapCellsForSum 2019 → 2021: （六） into 3.其他, shared ids kept, non-zero cells without counterpart dropped', () => {
  const doc = blankReport(2020, agency);
  doc.cells['t3.granted.natural'] = 3;
  doc.cells['t3.other.natural'] = 2;
  doc.cells['t2.licensing.decisions'] = 9;
  doc.cells['t2.procurement.amount'] = 125.5;
  doc.cells['t2.fees.change'] = 0; // a zero loses nothing
  const full = applyComputedTotals('GOV-2019', doc.cells);
  const { cells, dropped } = mapCellsForSum({ format: 'GOV-2019', cells: full }, 'GOV-2021');
  assert.equal(cells['t3.other.other.natural'], 2);
  assert.equal(cells['t3.other.overdueFee.natural'] ?? null, null);
  assert.equal(cells['t3.granted.natural'], 3);
  assert.equal(cells['t2.licensing.decisions'], 9);
  assert.deepEqual(dropped, ['t2.procurement.amount']);
  // the mapped result totals still add up in 2021 terms
  const recomputed = applyComputedTotals('GOV-2021', cells);
  assert.equal(recomputed['t3.resultTotal.natural'], full['t3.resultTotal.natural']);
  for (const id of Object.keys(cells)) assert.ok(formatIndex('GOV-2021').cellById.has(id), id);
});

test('mapCellsForSum within one format is the identity', () => {
  const doc = blankReport(2025, agency);
  doc.cells['t2.fees.amount'] = 1.25;
  const { cells, dropped } = mapCellsForSum(doc, 'GOV-2021');
  assert.deepEqual(cells, doc.cells);
  assert.deepEqual(dropped, []);
});
