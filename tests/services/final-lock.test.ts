/**
 * 已定稿 locks the report (issue 9 item 8): every call that would change it answers `locked` and changes
 * nothing; leaving 已定稿 takes setStatus with `unlock`, and the history records it.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { agencyAndReport, testCore } from '../storage/helpers';
import { toExchange } from '../../src/shared/report';

test('a final report refuses every change with `locked`; unlocking is explicit and in the history', async (t) => {
  const c = testCore(t, { autoBackup: false });
  const { report } = await agencyAndReport(c);
  const id = report.id;
  await c.call('reports.updateCells', { id, changes: [{ cell: 't3.new.natural', value: 5 }] });
  await c.call('reports.setStatus', { id, status: 'final' });
  const before = await c.call('reports.open', { id });

  const exchange = toExchange({ ...before, narrative: { s1: '改过的' }, acknowledged: [] } as never);
  const attempts: [string, unknown][] = [
    ['reports.updateCells', { id, changes: [{ cell: 't3.new.natural', value: 6 }] }],
    ['reports.updateNarrative', { id, key: 's1', text: '改动' }],
    ['reports.setOptions', { id, manualTotals: true }],
    ['reports.acknowledge', { id, ack: { rule: 'xyear.carryOver', cells: ['t3.carriedIn.natural'], reason: '理由' } }],
    ['reports.restore', { id, revision: 1 }],
    ['reports.delete', { id }],
    ['reports.setStatus', { id, status: 'draft' }],
    ['reports.import', { fileName: 'r.json', data: Buffer.from(JSON.stringify(exchange)).toString('base64'), agencyId: before.agencyId, replace: true }],
  ];
  for (const [name, input] of attempts) {
    const e = await c.fail(name, input);
    assert.equal(e.code, 'locked', name);
    assert.match(e.message, /已定稿.*解除定稿/);
  }
  const after = await c.call('reports.open', { id });
  assert.deepEqual({ ...after, updatedAt: '' }, { ...before, updatedAt: '' }, 'nothing changed');

  await c.call('reports.setStatus', { id, status: 'draft', unlock: true });
  assert.equal((await c.call('reports.history', { id }))[0]!.summary, '解除定稿，状态改为“草稿”');
  await c.call('reports.updateCells', { id, changes: [{ cell: 't3.new.natural', value: 6 }] });
  assert.equal((await c.call('reports.open', { id })).cells['t3.new.natural'], 6);
});
