import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { aggregateCommand } from '../../src/main/aggregate/cli';
import { ExchangeFile } from '../../src/shared/report';
import { unitReport, writeExchangeFiles } from './generate';

const dir = mkdtempSync(join(tmpdir(), 'agg-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) }, out: () => out.join(''), err: () => err.join('') };
}

test('gov-report aggregate: table of units, sums written as a valid exchange file, exit 1 when a unit is left out', async () => {
  const docs = [31, 32, 33].map((s) => unitReport(s));
  writeExchangeFiles(join(dir, 'units'), [...docs, unitReport(34, 2024)]);
  const c = capture();
  const code = await aggregateCommand([join(dir, 'units'), '--out', join(dir, 'sum.json'), '--agency', '某某县人民政府'], c.io);
  assert.equal(code, 1);
  assert.match(c.out(), /计入 3 个单位/);
  assert.match(c.out(), /某某县第34单位\s+2024/);
  const sum = ExchangeFile.parse(JSON.parse(readFileSync(join(dir, 'sum.json'), 'utf8')));
  assert.equal(sum.agency.name, '某某县人民政府');
  assert.equal(sum.cells['t3.resultTotal.total'], docs.reduce((s, d) => s + (d.cells['t3.resultTotal.total'] ?? 0), 0));

  const all = capture();
  assert.equal(await aggregateCommand([join(dir, 'units'), '--include-errors', '--json'], all.io), 0);
  assert.equal(JSON.parse(all.out()).summed, 4);
});

test('gov-report aggregate: wrong arguments give Chinese messages', async () => {
  await assert.rejects(aggregateCommand([], capture().io), /缺少要汇总的文件/);
  await assert.rejects(aggregateCommand([join(dir, 'missing')], capture().io), /找不到文件或文件夹/);
  await assert.rejects(aggregateCommand([dir, '--level', 'planet'], capture().io), /机关级别/);
  await assert.rejects(aggregateCommand([dir, '--year', '1999'], capture().io), /2008/);
});
