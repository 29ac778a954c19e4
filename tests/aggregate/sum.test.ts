import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { aggregateFiles } from '../../src/main/aggregate/files';
import { aggregate, mismatchFindings, trace, type SumUnit } from '../../src/main/aggregate/sum';
import { assessUnit, readUnitFile, unitKey } from '../../src/main/aggregate/units';
import { formatIndex } from '../../src/shared/format/index';
import { blankReport, toExchange } from '../../src/shared/report';
import { unitReport, writeExchangeFiles } from './generate';

const dir = mkdtempSync(join(tmpdir(), 'agg-test-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const asUnit = (id: number, doc: ReturnType<typeof unitReport>): SumUnit => ({ id, name: doc.agency.name, format: doc.format, cells: doc.cells });

test('every cell is the sum over the units; null only where every unit is null; amounts exact to 6 decimals', () => {
  const docs = [1, 2, 3].map((s) => unitReport(s));
  docs[0]!.cells['t2.fees.amount'] = 0.1;
  docs[1]!.cells['t2.fees.amount'] = 0.2;
  docs[2]!.cells['t2.fees.amount'] = 4166.241619;
  docs[0]!.cells['t4.review.upheld'] = null;
  docs[1]!.cells['t4.review.upheld'] = null;
  docs[2]!.cells['t4.review.upheld'] = null;
  docs[0]!.cells['t4.review.corrected'] = null;
  const result = aggregate(docs.map((d, i) => asUnit(i + 1, d)), 'GOV-2021');
  for (const c of formatIndex('GOV-2021').cells) {
    if (c.kind !== 'count') continue;
    const values = docs.map((d) => d.cells[c.id]).filter((v): v is number => typeof v === 'number');
    assert.equal(result.cells[c.id], values.length ? values.reduce((a, b) => a + b, 0) : null, c.id);
  }
  assert.equal(result.cells['t2.fees.amount'], 4166.541619);
  assert.equal(result.cells['t4.review.upheld'], null);
  assert.equal(result.cells['t4.review.corrected'], (docs[1]!.cells['t4.review.corrected'] ?? 0) + (docs[2]!.cells['t4.review.corrected'] ?? 0));
  assert.equal(result.units, 3);
});

test('trace names the units behind a cell and their values add up to the sum', () => {
  const docs = [4, 5, 6, 7].map((s) => unitReport(s));
  docs[2]!.cells['t3.granted.natural'] = null;
  const units = docs.map((d, i) => asUnit(10 + i, d));
  const sum = aggregate(units, 'GOV-2021');
  const contributions = trace(units, 'GOV-2021', 't3.granted.natural');
  assert.deepEqual(contributions.map((c) => c.unitId), [10, 11, 13]);
  assert.deepEqual(contributions.map((c) => c.name), [docs[0]!, docs[1]!, docs[3]!].map((d) => d.agency.name));
  assert.equal(contributions.reduce((s, c) => s + c.value, 0), sum.cells['t3.granted.natural']);
});

test('2019 and 2021 units summed into a 2021 parent: 2019 （六） in 3.其他, totals consistent, lost T2 rows reported', () => {
  const u2021 = unitReport(8, 2021);
  const u2019 = unitReport(9, 2020);
  u2019.year = 2021; // same content, as if a unit still used the trial format
  const units = [asUnit(1, u2021), asUnit(2, u2019)];
  const sum = aggregate(units, 'GOV-2021');
  for (const col of formatIndex('GOV-2021').columnIds.t3) {
    assert.equal(sum.cells[`t3.other.other.${col}`], (u2021.cells[`t3.other.other.${col}`] ?? 0) + (u2019.cells[`t3.other.${col}`] ?? 0));
    assert.equal(sum.cells[`t3.resultTotal.${col}`], (u2021.cells[`t3.resultTotal.${col}`] ?? 0) + (u2019.cells[`t3.resultTotal.${col}`] ?? 0));
  }
  assert.equal(sum.cells['t2.licensing.decisions'], (u2021.cells['t2.licensing.decisions'] ?? 0) + (u2019.cells['t2.licensing.decisions'] ?? 0));
  assert.equal(sum.dropped.length, 1);
  assert.equal(sum.dropped[0]!.unitId, 2);
  assert.ok(sum.dropped[0]!.cells.includes('t2.procurement.amount'));
  const contributions = trace(units, 'GOV-2021', 't3.other.other.natural');
  assert.equal(contributions.find((c) => c.unitId === 2)!.value, u2019.cells['t3.other.natural']);
  // the unit's assessment warns about the lost cells
  const a = assessUnit(u2019, { year: 2021, format: 'GOV-2021' });
  assert.ok(a.findings.some((f) => f.rule === 'aggregate.unmapped' && f.cells.includes('t2.procurement.amount')));
});

test('aggregate.mismatch: one warning per differing cell, blank and 0 alike', () => {
  const docs = [11, 12].map((s) => unitReport(s));
  const sum = aggregate(docs.map((d, i) => asUnit(i + 1, d)), 'GOV-2021');
  const parent = { ...sum.cells };
  assert.deepEqual(mismatchFindings('GOV-2021', parent, sum), []);
  parent['t3.granted.natural'] = (sum.cells['t3.granted.natural'] ?? 0) + 2;
  parent['t2.fees.amount'] = (sum.cells['t2.fees.amount'] ?? 0) - 0.5;
  const zeroCell = formatIndex('GOV-2021').cells.find((c) => sum.cells[c.id] === 0)!.id;
  parent[zeroCell] = null; // blank vs 0 is not a difference
  const findings = mismatchFindings('GOV-2021', parent, sum);
  assert.deepEqual(findings.map((f) => [f.rule, f.severity, f.cells]), [
    ['aggregate.mismatch', 'warning', ['t2.fees.amount']],
    ['aggregate.mismatch', 'warning', ['t3.granted.natural']],
  ]);
  assert.match(findings[1]!.message, /多 2/);
  assert.equal(findings[0]!.expected! - findings[0]!.actual!, 0.5);
  // a parent without units gets no warning
  assert.deepEqual(mismatchFindings('GOV-2021', parent, aggregate([], 'GOV-2021')), []);
});

test('files: replace by agency and year, unreadable files reported, units with errors excluded unless asked', async () => {
  const docs = [21, 22, 23].map((s) => unitReport(s));
  const paths = writeExchangeFiles(join(dir, 'files'), docs);
  // a newer version of unit 22 under another file name replaces the earlier one
  const newer = unitReport(99, 2025, docs[1]!.agency.name);
  writeFileSync(join(dir, 'files', 'unit-9999-newer.json'), JSON.stringify(toExchange(newer)));
  writeFileSync(join(dir, 'files', 'broken.json'), '{"schema": "gov-annual-report/1", "format": "GOV-2021", "year": 2025, "cells": {"t3.nope": 1}');
  const wrongYear = unitReport(24, 2024);
  writeFileSync(join(dir, 'files', 'unit-wrong-year.json'), JSON.stringify(toExchange(wrongYear)));
  const r = await aggregateFiles([join(dir, 'files')]);
  assert.equal(r.year, 2025);
  assert.equal(r.format, 'GOV-2021');
  const byFile = (name: string) => r.units.find((u) => u.file.endsWith(name))!;
  assert.equal(byFile('broken.json').status, 'unreadable');
  assert.match(byFile('broken.json').message!, /JSON/);
  assert.equal(byFile('unit-0001.json').replacedBy, join(dir, 'files', 'unit-9999-newer.json'));
  assert.equal(byFile('unit-0001.json').included, false);
  assert.equal(byFile('unit-wrong-year.json').status, 'errors');
  assert.equal(byFile('unit-wrong-year.json').included, false);
  assert.match(byFile('unit-wrong-year.json').reason!, /2024 年度的报告/);
  const expected = [docs[0]!, docs[2]!, newer].reduce((s, d) => s + (d.cells['t3.resultTotal.total'] ?? 0), 0);
  assert.equal(r.sum.cells['t3.resultTotal.total'], expected);
  assert.equal(r.sum.units, 3);
  const all = await aggregateFiles(paths.concat(join(dir, 'files', 'unit-wrong-year.json')), { include: ['unit-wrong-year.json'] });
  assert.equal(all.sum.units, 4);
  assert.equal(paths.length, 3);
});

test('unit files: a bad exchange file gets a message naming the field; unit key ignores spacing', async () => {
  const doc = blankReport(2025, { name: '某某县 教育局', level: 'county-department' });
  const bad = { ...toExchange(doc), cells: { 't3.granted.natural': -3 } };
  const r = await readUnitFile('bad.json', new TextEncoder().encode(JSON.stringify(bad)));
  assert.equal(r.ok, false);
  if (!r.ok) assert.match(r.error, /t3\.granted\.natural/);
  const junk = await readUnitFile('junk.json', new Uint8Array([0xff, 0xfe, 0x00, 0x41]));
  assert.equal(junk.ok, false);
  assert.equal(unitKey('某某县 教育局', 2025), unitKey('某某县教育局', 2025));
  assert.notEqual(unitKey('某某县教育局', 2025), unitKey('某某县教育局', 2024));
});
