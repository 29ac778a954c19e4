/**
 * The 汇总 page in Chromium against the real browser-mode server: pick the parent report, add units'
 * files (one broken, one with errors), see the table of units, generate the sums, click a summed cell and
 * see its units. Set AGGREGATE_SCREENSHOTS=<dir> to keep screenshots.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { toExchange } from '../../src/shared/report';
import { buildRenderer, launchBrowser, settled, skipReason, startApp, type App } from '../e2e/harness';
import { unitReport } from './generate';

const skip = skipReason();
const work = mkdtempSync(join(tmpdir(), 'agg-page-'));
const shots = process.env.AGGREGATE_SCREENSHOTS;
let app: App;
let browser: Browser;

before(async () => {
  if (skip) return;
  buildRenderer(join(work, 'renderer'));
  app = await startApp(join(work, 'renderer'));
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await app?.close();
  rmSync(work, { recursive: true, force: true });
});

async function call(name: string, input: unknown): Promise<any> {
  const r = await app.core.dispatch(name, input);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

test('汇总 page: add units with progress, statuses, generate the sums, trace a cell', { skip: skip ?? false }, async () => {
  const agency = await call('agencies.create', { name: '某某县人民政府', level: 'county' });
  const parent = await call('reports.create', { agencyId: agency.id, year: 2025 });
  const units = [unitReport(501, 2025, '某某县教育局'), unitReport(502, 2025, '某某县卫生健康局'), unitReport(503, 2025, '某某县民政局')];
  const files = units.map((d, i) => {
    const path = join(work, `unit-${i}.json`);
    writeFileSync(path, JSON.stringify(toExchange(d)));
    return path;
  });
  const wrongYear = join(work, 'wrong-year.json');
  writeFileSync(wrongYear, JSON.stringify(toExchange(unitReport(504, 2024, '某某县司法局'))));
  const broken = join(work, 'broken.json');
  writeFileSync(broken, '{ not json');

  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  await page.goto(app.server.url);
  await page.getByRole('button', { name: '汇总', exact: true }).click();
  await page.getByTestId('aggregate-parent').click();
  await page.getByRole('option', { name: '某某县人民政府 · 2025 年度' }).click();
  await page.getByTestId('aggregate-files').setInputFiles([...files, wrongYear, broken]);
  await page.getByText('以下文件未能加入汇总').waitFor();
  await page.getByText('broken.json：').waitFor();
  const rows = page.getByTestId('aggregate-units').locator('tbody tr').filter({ has: page.locator('input[type=checkbox]') });
  assert.equal(await rows.count(), 4);
  assert.match(await rows.first().innerText(), /2021年格式/, 'the format in words, not its id');
  assert.doesNotMatch(await page.getByTestId('aggregate-units').innerText(), /GOV-20/);
  const sj = rows.filter({ hasText: '某某县司法局' });
  assert.match(await sj.innerText(), /有错误/);
  assert.equal(await sj.locator('input[type=checkbox]').isChecked(), false);
  await page.getByText('计入汇总 3 个').waitFor();
  // the parent is still blank: not "N 处不一致", but that the sums are yet to be written
  await page.getByText('汇总报告的表格还没有填入合计').waitFor();
  assert.equal(await page.getByText(/处数字与计入单位的合计不一致/).count(), 0);
  if (shots) await page.screenshot({ path: join(shots, 'aggregate-units.png'), fullPage: true });

  await page.getByTestId('aggregate-apply').click();
  await page.getByRole('dialog').getByRole('button', { name: '生成汇总' }).click();
  await page.getByText('汇总报告的表格与计入单位的合计一致').waitFor();
  const stored = await call('reports.open', { id: parent.id });
  const expected = units.reduce((s, d) => s + (d.cells['t3.granted.natural'] ?? 0), 0);
  assert.equal(stored.cells['t3.granted.natural'], expected);

  await page.locator('button[data-cell="t3.granted.natural"]').click();
  const trace = page.getByTestId('aggregate-trace');
  await trace.waitFor();
  const contributing = units.filter((d) => d.cells['t3.granted.natural'] !== null);
  const traced = await trace.locator('tbody tr').allInnerTexts();
  assert.equal(traced.filter((t) => /是$/.test(t.trim())).length, contributing.length);
  assert.ok(traced.some((t) => t.includes('某某县司法局') && /否$/.test(t.trim())), 'the unit left out is listed as not summed');
  if (shots) {
    await settled(page); // the dialog fades in
    await page.screenshot({ path: join(shots, 'aggregate-trace.png'), fullPage: false });
  }
  await page.getByRole('button', { name: '关闭' }).click();
  await page.close();
});
