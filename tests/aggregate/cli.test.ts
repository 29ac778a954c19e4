import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { aggregateCommand } from '../../src/main/aggregate/cli';
import { ExchangeFile, toExchange } from '../../src/shared/report';
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

  assert.match(c.out(), /unit-0003\.json：未计入：2024 年度的报告，汇总的是 2025 年度/);

  // another year is not an error to force with --include-errors: it takes naming the file
  const errorsOnly = capture();
  assert.equal(await aggregateCommand([join(dir, 'units'), '--include-errors', '--json'], errorsOnly.io), 1);
  assert.equal(JSON.parse(errorsOnly.out()).summed, 3);
  const all = capture();
  assert.equal(await aggregateCommand([join(dir, 'units'), '--include', 'unit-0003.json', '--json'], all.io), 0);
  const json = JSON.parse(all.out()) as { summed: number; units: { file: string; included: boolean; reason: string | null; includedByChoice: boolean }[] };
  assert.equal(json.summed, 4);
  const chosen = json.units.find((u) => u.file.endsWith('unit-0003.json'))!;
  assert.deepEqual([chosen.included, chosen.includedByChoice], [true, true]);
  assert.match(chosen.reason!, /2024 年度/);
});

test('gov-report aggregate fails safe: a unit with unread tables, the same report under two names and a replaced file are left out, each with its reason', async () => {
  const units = join(dir, 'safe');
  const [a, b] = [41, 42].map((s) => unitReport(s));
  const unread = unitReport(43);
  for (const id of Object.keys(unread.cells)) if (id.startsWith('t3.')) unread.cells[id] = null; // 表三 not read at all
  const renamed = { ...a!, agency: { ...a!.agency, name: '某某县第41单位（重报）' } };
  writeExchangeFiles(units, [a!, b!, unread, renamed]);
  const replaced = unitReport(44, 2025, b!.agency.name);
  writeFileSync(join(units, 'unit-0005-again.json'), JSON.stringify(toExchange(replaced)));
  const c = capture();
  assert.equal(await aggregateCommand([units, '--json'], c.io), 1);
  const json = JSON.parse(c.out()) as { summed: number; units: { file: string; included: boolean; reason: string | null }[] };
  const unit = (name: string) => json.units.find((u) => u.file.endsWith(name))!;
  assert.equal(json.summed, 2, 'unit 41 and the file that replaced unit 42');
  assert.deepEqual([unit('unit-0000.json').included, unit('unit-0000.json').reason], [true, null]);
  assert.equal(unit('unit-0002.json').included, false);
  assert.match(unit('unit-0002.json').reason!, /表格未完整读取：表三只读到 0\/\d+ 格/);
  assert.equal(unit('unit-0003.json').included, false);
  assert.match(unit('unit-0003.json').reason!, /与“某某县第41单位”（unit-0000\.json）的表格数字完全相同/);
  assert.equal(unit('unit-0001.json').included, false);
  assert.match(unit('unit-0001.json').reason!, /已被.*“unit-0005-again\.json”替换/);
  for (const u of json.units) assert.equal(typeof u.included, 'boolean');
  // the text output says the same
  const text = capture();
  await aggregateCommand([units], text.io);
  assert.match(text.out(), /unit-0002\.json：未计入：表格未完整读取/);
  assert.match(text.out(), /unit-0003\.json：未计入：与“某某县第41单位”/);
});

test('gov-report aggregate: wrong arguments give Chinese messages', async () => {
  await assert.rejects(aggregateCommand([], capture().io), /缺少要汇总的文件/);
  await assert.rejects(aggregateCommand([join(dir, 'missing')], capture().io), /找不到文件或文件夹/);
  await assert.rejects(aggregateCommand([dir, '--level', 'planet'], capture().io), /机关级别/);
  await assert.rejects(aggregateCommand([dir, '--year', '1999'], capture().io), /2008/);
});
