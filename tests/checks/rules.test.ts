import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { RULES, runChecks } from '../../src/shared/checks/index';
import { Finding } from '../../src/shared/findings';
import type { ReportDoc } from '../../src/shared/report';
import { check, clean, fixture, of } from './helpers';

const SPEC = new URL('../../spec/checks.md', import.meta.url);

test('every rule of checks.md with its id and severity', () => {
  const spec = readFileSync(SPEC, 'utf8');
  const severities: Record<string, string> = {};
  let severity = '';
  for (const line of spec.split('\n')) {
    const heading = /^## (Errors|Warnings|Info)/.exec(line);
    if (heading) severity = { Errors: 'error', Warnings: 'warning', Info: 'info' }[heading[1] as 'Errors']!;
    else if (line.startsWith('## ')) severity = '';
    const id = /^\| `([a-z0-9]+\.[A-Za-z0-9]+)` \|/.exec(line);
    if (id && severity) severities[id[1]!] = severity;
  }
  assert.equal(Object.keys(severities).length, 19);
  assert.deepEqual(RULES, severities);
});

test('findings have the public shape and only known rules and severities', () => {
  const docs = [fixture('2021-planted-errors'), fixture('2020-fushun-education-bureau'), clean({ cells: { 't3.new.natural': 1.5 } })];
  for (const doc of docs)
    for (const f of [...check(doc), ...check(doc, { forExport: true })]) {
      assert.ok(Finding.safeParse(f).success, f.message);
      assert.equal(RULES[f.rule as keyof typeof RULES], f.severity, f.rule);
      assert.ok(/[\u4e00-\u9fff]/.test(f.message), 'Chinese message');
    }
});

test('a malformed report in the editor never throws', () => {
  const odd = [
    { format: 'GOV-2021', year: 2025, cells: {} },
    { format: 'GOV-2021', year: 2025, agency: { name: 'x', level: 'township' }, narrative: {}, cells: { 't3.new.natural': '12a', 't3.new.total': Infinity, nonsense: 3 } },
    { format: 'GOV-2019', year: 2020, narrative: { s1: '收到申请件。予以公开%。', s5: '均维持' }, cells: { 't4.review.pending': 1 } },
  ] as unknown as ReportDoc[];
  for (const doc of odd) {
    assert.doesNotThrow(() => runChecks(doc, { forExport: true, previous: { year: doc.year - 1, format: 'GOV-2019', cells: {}, narrative: {} } }));
  }
  const found = runChecks(odd[1]!);
  assert.ok(found.some((f) => f.rule === 'cell.type' && f.cells[0] === 't3.new.natural'));
});

test('cell.invalid: text the editor could not read is an error naming the cell, the text and the value kept', () => {
  const doc = clean();
  const found = of(
    check(doc, { invalid: [{ cell: 't3.new.natural', text: '12a', error: '“12a”不是数字' }, { cell: 'no.such.cell', text: 'x', error: 'x' }] }),
    'cell.invalid',
  );
  assert.equal(found.length, 1, 'an unknown cell id is ignored');
  assert.equal(found[0]!.severity, 'error');
  assert.deepEqual(found[0]!.cells, ['t3.new.natural']);
  assert.match(found[0]!.message, /本年新收.*“12a”不是数字（未保存，仍为原值 \d+）/);
  assert.deepEqual(of(check(doc), 'cell.invalid'), [], 'nothing typed, nothing found');
});
