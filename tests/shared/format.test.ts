import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FORMATS, formatForYear, formatIndex } from '../../src/shared/format/index';
import { gridFor, gridSlots, scaleWidths } from '../../src/shared/grid';

test('the year picks the format', () => {
  assert.equal(formatForYear(2019), 'GOV-2019');
  assert.equal(formatForYear(2020), 'GOV-2019');
  assert.equal(formatForYear(2021), 'GOV-2021');
  assert.equal(formatForYear(2025), 'GOV-2021');
});

test('cell counts per format', () => {
  // T2 10 + T3 25 rows × 7 + T4 15
  assert.equal(formatIndex('GOV-2021').cells.length, 10 + 25 * 7 + 15);
  // T2 15 + T3 23 rows × 7 + T4 15 (2019 has 3 more T2 rows, one （六） row)
  assert.equal(formatIndex('GOV-2019').cells.length, 22 + 23 * 7 + 15);
  for (const f of ['GOV-2021', 'GOV-2019'] as const) {
    const ids = formatIndex(f).cells.map((c) => c.id);
    assert.equal(new Set(ids).size, ids.length, 'cell ids are unique');
  }
});

test('T3 label merges: 22 rows (20 in 2019) with nested 8/3/5/3', () => {
  const spans = (f: 'GOV-2021' | 'GOV-2019') =>
    gridFor(formatIndex(f).format, 't3')
      .rows.flatMap((r) => r.cells)
      .filter((c) => c.kind === 'label' && c.rowSpan > 1)
      .map((c) => c.rowSpan);
  assert.deepEqual(spans('GOV-2021'), [22, 8, 3, 5, 3]);
  assert.deepEqual(spans('GOV-2019'), [20, 8, 3, 5]);
});

test('T3 header spans 3/7/5 and every grid row covers all 10 columns', () => {
  const grid = gridFor(formatIndex('GOV-2021').format, 't3');
  const h = grid.rows.filter((r) => r.header).map((r) => r.cells.map((c) => [c.text?.slice(0, 4), c.rowSpan, c.colSpan]));
  assert.deepEqual(h[0]!.map((c) => c[2]), [3, 7]);
  assert.deepEqual(h[1]!.map((c) => c[2]), [1, 5, 1]);
  for (const row of gridSlots(grid)) {
    const covered = row.reduce((s, slot) => s + slot.cell.colSpan, 0);
    assert.equal(covered, 10);
  }
});

test('widths scale to an exact total', () => {
  const w = scaleWidths([1.3, 1, 1, 1], 8844);
  assert.equal(w.reduce((a, b) => a + b, 0), 8844);
});

test('sum constraints: T3 row totals, result totals, T4 group totals', () => {
  const ix = formatIndex('GOV-2021');
  const rules = ix.sums.reduce<Record<string, number>>((m, s) => ((m[s.rule] = (m[s.rule] ?? 0) + 1), m), {});
  assert.deepEqual(rules, { 't3.rowTotal': 25, 't3.resultTotal': 7, 't4.total': 3 });
  const rt = ix.sums.find((s) => s.total === 't3.resultTotal.natural')!;
  assert.equal(rt.parts.length, 21);
  assert.equal(formatIndex('GOV-2019').sums.find((s) => s.total === 't3.resultTotal.natural')!.parts.length, 19);
});

test('the guidance of part 二 names every 第二十条 item of that format’s table', () => {
  for (const format of Object.values(FORMATS)) {
    const t2 = format.tables.t2;
    assert.equal(t2.kind, 'blocks');
    const guidance = format.sections.find((s) => s.id === 's2')!.guidance;
    for (const block of t2.kind === 'blocks' ? t2.blocks : []) {
      const item = /（.+?）/.exec(block.title)![0];
      assert.ok(guidance.includes(item), `${format.id}: ${block.title} named in “${guidance}”`);
    }
  }
});
