import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { aggregateFindings } from '../../src/main/aggregate/findings';
import { AggregateStore } from '../../src/main/aggregate/store';
import { assessUnit } from '../../src/main/aggregate/units';
import { openDatabase, Store } from '../../src/main/storage/index';
import { blankReport } from '../../src/shared/report';
import { unitReport } from './generate';

const dir = mkdtempSync(join(tmpdir(), 'agg-findings-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('aggregateFindings on a stored report: none without units, a mismatch per differing cell, follows include/remove', () => {
  const db = openDatabase(join(dir, 'r.sqlite'), join(dir, 'backups'));
  try {
    const store = new Store(db);
    const agency = store.createAgency({ name: '某某县人民政府', level: 'county' });
    const blank = blankReport(2025, { name: agency.name, level: agency.level });
    const id = store.insertReport(agency.id, 2025, 'GOV-2021', { status: 'draft', manualTotals: false, narrative: {}, cells: blank.cells, acknowledged: [] });
    const report = () => store.report(id);
    assert.deepEqual(aggregateFindings(db, report()), []);

    const units = AggregateStore.for(db);
    const unit = unitReport(601, 2025, '某某县教育局');
    const { id: unitId } = units.put({ parentId: id, doc: unit, fileName: 'a.json', source: 'exchange', assessment: assessUnit(unit, { year: 2025, format: 'GOV-2021' }) }, store.now());
    const nonZero = Object.keys(unit.cells).filter((c) => (unit.cells[c] ?? 0) !== 0);
    const findings = aggregateFindings(db, report());
    assert.equal(findings.length, nonZero.length);
    assert.ok(findings.every((f) => f.rule === 'aggregate.mismatch' && f.severity === 'warning'));

    store.writeCells(id, Object.entries(unit.cells).map(([cell, value]) => ({ cell, value })));
    assert.deepEqual(aggregateFindings(db, report()), []);

    units.setIncluded(unitId, false);
    assert.deepEqual(aggregateFindings(db, report()), [], 'no included unit: nothing to compare with');
    units.setIncluded(unitId, null);
    store.writeCells(id, [{ cell: 't3.granted.natural', value: (unit.cells['t3.granted.natural'] ?? 0) + 1 }]);
    assert.deepEqual(aggregateFindings(db, report()).map((f) => f.cells), [['t3.granted.natural']]);
    units.remove(unitId);
    assert.deepEqual(aggregateFindings(db, report()), []);
  } finally {
    db.close();
  }
});
