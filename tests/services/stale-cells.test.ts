/**
 * Stale editors of table cells: a change carries the value it was based on (`was`); when another writer
 * saved the cell meanwhile, that cell is not overwritten — the reply lists it in `conflicts` with both
 * values — while the other cells of the same save are stored. Without `was` (the CLI, the exchange import)
 * nothing changes. Real core on a real SQLite file.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { agencyAndReport, testCore } from '../storage/helpers';

test('a cell saved elsewhere meanwhile is not overwritten: conflicts carry both values, the other cells are saved', async (t) => {
  const c = testCore(t, { autoBackup: false });
  const { report } = await agencyAndReport(c);
  const id = report.id;
  // window A and window B both read the report: t3.new.natural is empty (null)
  const a = await c.call('reports.updateCells', { id, changes: [{ cell: 't3.new.natural', value: 5, was: null }] });
  assert.deepEqual(a.conflicts, []);
  const revision = (await c.call('reports.open', { id })).revision;

  const b = await c.call('reports.updateCells', {
    id,
    changes: [
      { cell: 't3.new.natural', value: 7, was: null },
      { cell: 't3.new.business', value: 2, was: null },
    ],
  });
  assert.equal(b.conflicts.length, 1);
  assert.deepEqual({ ...b.conflicts[0], name: undefined }, { cell: 't3.new.natural', theirs: 5, yours: 7, name: undefined });
  assert.ok(b.conflicts[0]!.name.length > 0, 'named for the dialog');
  const stored = await c.call('reports.open', { id });
  assert.equal(stored.cells['t3.new.natural'], 5, 'A’s value kept');
  assert.equal(stored.cells['t3.new.business'], 2, 'the rest of B’s save stored');

  // only conflicting cells: nothing written, no new revision
  const only = await c.call('reports.updateCells', { id, changes: [{ cell: 't3.new.natural', value: 9, was: null }] });
  assert.equal(only.conflicts.length, 1);
  assert.equal((await c.call('reports.open', { id })).cells['t3.new.natural'], 5);
  assert.ok((await c.call('reports.history', { id })).length >= 1);
  assert.ok(only.revision >= revision);

  // B chose to keep its value: based on A's, it is saved
  const keep = await c.call('reports.updateCells', { id, changes: [{ cell: 't3.new.natural', value: 7, was: 5 }] });
  assert.deepEqual(keep.conflicts, []);
  assert.equal((await c.call('reports.open', { id })).cells['t3.new.natural'], 7);
});

test('no conflict when the other writer stored the same value, for computed totals, or without `was`', async (t) => {
  const c = testCore(t, { autoBackup: false });
  const { report } = await agencyAndReport(c);
  const id = report.id;
  await c.call('reports.updateCells', { id, changes: [{ cell: 't3.new.natural', value: 5 }] });
  const same = await c.call('reports.updateCells', { id, changes: [{ cell: 't3.new.natural', value: 5, was: null }] });
  assert.deepEqual(same.conflicts, []);
  // the 总计 the editor computed is its arithmetic, not an edit of its own
  const total = await c.call('reports.updateCells', { id, changes: [{ cell: 't3.new.total', value: 5, was: null }] });
  assert.deepEqual(total.conflicts, []);
  const blind = await c.call('reports.updateCells', { id, changes: [{ cell: 't3.new.natural', value: 8 }] });
  assert.deepEqual(blind.conflicts, []);
  assert.equal((await c.call('reports.open', { id })).cells['t3.new.natural'], 8);
});
