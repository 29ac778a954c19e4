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
import { buildRenderer, launchBrowser, skipReason, startApp, type App } from '../e2e/harness';
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
    await page.waitForTimeout(500); // the dialog fades in
    await page.screenshot({ path: join(shots, 'aggregate-trace.png'), fullPage: false });
  }
  await page.getByRole('button', { name: '关闭' }).click();
  await page.close();
});

test('汇总 page fails safe: unread, duplicate and replaced units are shown with their reasons; including one asks why; a restored backup is shown at once', { skip: skip ?? false }, async () => {
  const agency = await call('agencies.create', { name: '某某区人民政府', level: 'county' });
  await call('reports.create', { agencyId: agency.id, year: 2025 });
  await call('backups.create', {}); // the parent without units
  const a = unitReport(601, 2025, '某某区教育局');
  const b = unitReport(602, 2025, '某某区财政局');
  const unread = unitReport(603, 2025, '某某区水务局');
  for (const id of Object.keys(unread.cells)) if (id.startsWith('t3.')) unread.cells[id] = null;
  const twin = { ...a, agency: { ...a.agency, name: '某某区教育局（重报）' } };
  const write = (name: string, doc: unknown) => {
    const path = join(work, name);
    writeFileSync(path, JSON.stringify(toExchange(doc as Parameters<typeof toExchange>[0])));
    return path;
  };
  const first = [write('jyj.json', a), write('czj.json', b), write('swj.json', unread), write('jyj-copy.json', twin)];

  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  await page.goto(app.server.url);
  await page.getByRole('button', { name: '汇总', exact: true }).click();
  await page.getByTestId('aggregate-parent').click();
  await page.getByRole('option', { name: '某某区人民政府 · 2025 年度' }).click();
  await page.getByTestId('aggregate-files').setInputFiles(first);
  await page.getByText('计入汇总 2 个').waitFor();
  await page.getByTestId('aggregate-files').setInputFiles([write('czj-v2.json', unitReport(604, 2025, '某某区财政局'))]);
  await page.getByText('已替换先前的文件“czj.json”（现为“czj-v2.json”）').waitFor();

  const rows = page.getByTestId('aggregate-units').locator('tbody tr').filter({ has: page.locator('input[type=checkbox]') });
  const row = (name: string) => rows.filter({ hasText: name });
  assert.equal(await rows.count(), 4);
  assert.equal(await row('某某区水务局').locator('input[type=checkbox]').isChecked(), false);
  assert.match(await row('某某区水务局').innerText(), /未计入：表格未完整读取：表三只读到 0\/\d+ 格/);
  const copy = row('某某区教育局（重报）');
  assert.equal(await copy.locator('input[type=checkbox]').isChecked(), false);
  assert.match(await copy.innerText(), /未计入：与“某某区教育局”（jyj\.json）的表格数字完全相同/);
  await page.getByText('计入汇总 2 个').waitFor();

  // including the unread unit takes a reason
  await row('某某区水务局').locator('input[type=checkbox]').click();
  const ask = page.getByRole('dialog', { name: /计入“某某区水务局”/ });
  await ask.waitFor();
  assert.match((await ask.innerText()) ?? '', /默认不计入汇总：表格未完整读取/);
  assert.equal(await ask.getByTestId('include-confirm').isDisabled(), true);
  await ask.getByTestId('include-note').fill('水务局表三确实全为空白，已电话核实');
  await ask.getByTestId('include-confirm').click();
  await page.getByText('计入汇总 3 个').waitFor();
  assert.match(await row('某某区水务局').innerText(), /经确认计入.*水务局表三确实全为空白/);
  if (shots) await page.screenshot({ path: join(shots, 'aggregate-reasons.png'), fullPage: true });

  // a restored backup (taken before the units were added): the page shows what is stored now
  await page.getByRole('button', { name: '设置' }).click();
  await page.getByTestId('settings-tab-data').click();
  const backup = page.getByTestId('backup-row').filter({ hasNotText: '恢复前自动保留' }).first();
  await backup.getByRole('button', { name: '恢复' }).click();
  await page.getByRole('dialog', { name: '从备份恢复' }).getByRole('button', { name: '恢复' }).click();
  await page.getByText(/^已恢复到 .* 的备份$/).waitFor();
  await page.getByRole('button', { name: '完成' }).click();
  await page.getByText('还没有单位报告').waitFor();
  assert.equal(await rows.count(), 0);
  await page.close();
});
