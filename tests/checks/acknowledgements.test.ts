import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyAcknowledgements, acknowledgementKey, acknowledges } from '../../src/shared/checks/acknowledgements';
import { runChecks } from '../../src/shared/checks/index';
import type { Finding } from '../../src/shared/findings';
import { blankReport } from '../../src/shared/report';

const finding = (f: Partial<Finding>): Finding => ({ rule: 't2.feeUnit', severity: 'warning', cells: [], message: 'm', ...f });

test('one matcher: same rule, same cells in any order, warnings only; a stale mark is cleared', () => {
  const w = finding({ cells: ['a', 'b'] });
  assert.ok(acknowledges({ rule: 't2.feeUnit', cells: ['b', 'a'] }, w));
  assert.ok(!acknowledges({ rule: 't2.feeUnit', cells: ['a'] }, w));
  assert.ok(!acknowledges({ rule: 't2.feeUnit', cells: ['a', 'a'] }, w), 'a multiset, not a set');
  assert.ok(!acknowledges({ rule: 'text.period', cells: ['a', 'b'] }, w));
  assert.equal(acknowledgementKey(['b', 'a']), acknowledgementKey(['a', 'b']));
  const acks = [{ rule: 't2.feeUnit', cells: ['b', 'a'], reason: '确为万元' }];
  assert.deepEqual(applyAcknowledgements([w], acks)[0]!.acknowledged, { reason: '确为万元' });
  assert.equal(applyAcknowledgements([finding({ severity: 'error', cells: ['a', 'b'] })], acks)[0]!.acknowledged, undefined, 'errors cannot be waived');
  assert.equal(applyAcknowledgements([finding({ severity: 'info', cells: ['a', 'b'] })], acks)[0]!.acknowledged, undefined, 'info is not a problem');
  assert.equal(applyAcknowledgements([{ ...w, acknowledged: { reason: 'old' } }], [])[0]!.acknowledged, undefined, 'withdrawn: the mark goes');
});

test('runChecks applies the acknowledgements of the report and compares the units’ sums', () => {
  const doc = blankReport(2025, { name: '某某县人民政府', level: 'county' });
  doc.cells['t3.new.natural'] = 5;
  const unitSums = { units: 2, cells: { 't3.new.natural': 4 } };
  const [mismatch] = runChecks(doc, { unitSums }).filter((f) => f.rule === 'aggregate.mismatch');
  assert.deepEqual(mismatch?.cells, ['t3.new.natural']);
  assert.match(mismatch!.message, /本报告填写 5，2 个下属单位合计 4，多 1/);
  assert.equal(runChecks(doc).filter((f) => f.rule === 'aggregate.mismatch').length, 0, 'no sums, no comparison');
  doc.acknowledged = [{ rule: 'aggregate.mismatch', cells: ['t3.new.natural'], reason: '本级直接受理 1 件' }];
  assert.deepEqual(runChecks(doc, { unitSums }).find((f) => f.rule === 'aggregate.mismatch')?.acknowledged, { reason: '本级直接受理 1 件' });
});
