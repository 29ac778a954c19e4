/**
 * A click outside a dialog, or Esc, asks before throwing away what was typed in it (issue 9 item 8), in
 * Chromium: 新建年度报告, 添加机关, 导入 (agency corrected), 确认提醒 (reason) and 设置 › 编辑机关. An
 * untouched dialog closes at once; 取消 in the question keeps the dialog and its input.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { rmSync } from 'node:fs';
import type { Browser, Locator, Page } from 'playwright-core';
import { blankReport, toExchange } from '../../src/shared/report';
import { createAgency, createReport, settled, skipReason, startSession, type App } from './harness';

const skip = skipReason();

describe('dialogs with typed input ask before discarding it', { skip: skip ?? false }, () => {
  let build: string;
  let app: App;
  let browser: Browser;
  let page: Page;

  before(async () => {
    ({ build, app, browser, page } = await startSession('gov-e2e-discard-'));
    await createAgency(page, '某某县教育局');
  });
  after(async () => {
    await browser?.close();
    await app?.close();
    if (build) rmSync(build, { recursive: true, force: true });
  });

  const question = () => page.getByRole('dialog', { name: '放弃输入的内容？' });
  /** A click on the backdrop, beside the dialog. */
  const clickOutside = () => page.mouse.click(8, 700);

  /** Outside click (or Esc) asks; 取消 keeps the dialog; the second time 放弃并关闭 closes it. */
  async function asksThenDiscards(dialog: Locator, how: 'outside' | 'escape', kept: () => Promise<void>) {
    // a select's menu fading out would take the click: only the dialog is on screen
    const close = async () => {
      await page.getByRole('listbox').waitFor({ state: 'detached' });
      await settled(page);
      await (how === 'outside' ? clickOutside() : page.keyboard.press('Escape'));
    };
    await close();
    await question().waitFor();
    if (process.env.SHOTS) await page.screenshot({ path: `${process.env.SHOTS}/discard.png` });
    await question().getByRole('button', { name: '取消' }).click();
    await question().waitFor({ state: 'detached' });
    await settled(page);
    await dialog.waitFor(); // the dialog stays (a closed one would time out here)
    await kept();
    await close();
    await question().getByRole('button', { name: '放弃并关闭' }).click();
    await dialog.waitFor({ state: 'detached' });
  }

  test('新建年度报告: untouched closes at once; a changed year is asked about', async () => {
    await page.getByRole('button', { name: '新建年度报告' }).click();
    const dialog = page.getByRole('dialog', { name: '新建年度报告' });
    await dialog.waitFor();
    await clickOutside();
    await dialog.waitFor({ state: 'detached' });
    assert.equal(await question().count(), 0, 'nothing typed: no question');

    await page.getByRole('button', { name: '新建年度报告' }).click();
    await dialog.getByRole('combobox', { name: '报告年度' }).click();
    await page.getByRole('option', { name: '2023年度', exact: true }).click();
    await asksThenDiscards(dialog, 'outside', async () => assert.equal(await dialog.getByTestId('report-year').inputValue(), '2023'));
  });

  test('添加机关: a typed name is asked about (Esc)', async () => {
    await page.getByRole('button', { name: '添加机关' }).click();
    const dialog = page.getByRole('dialog', { name: '添加机关' });
    await dialog.getByTestId('agency-name').fill('某某县卫生健康局');
    await asksThenDiscards(dialog, 'escape', async () => assert.equal(await dialog.getByTestId('agency-name').inputValue(), '某某县卫生健康局'));
  });

  test('导入: a corrected agency name is asked about', async () => {
    const doc = blankReport(2024, { name: '某某县民政局', level: 'county-department' });
    await page.getByTestId('import-file').setInputFiles({ name: '民政局.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(toExchange(doc))) });
    const dialog = page.getByRole('dialog', { name: /导入报告/ });
    await page.getByTestId('import-report').waitFor();
    // only read, nothing typed: closes at once
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId('import-file').setInputFiles({ name: '民政局2.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(toExchange(doc))) });
    await page.getByTestId('import-report').waitFor();
    await dialog.getByTestId('agency-name').fill('某某县民政局（更正）');
    await asksThenDiscards(dialog, 'outside', async () => assert.equal(await dialog.getByTestId('agency-name').inputValue(), '某某县民政局（更正）'));
    assert.equal(((await app.core.dispatch('reports.list', {})) as { ok: true; value: unknown[] }).value.length, 0, 'nothing imported');
  });

  test('设置 › 编辑机关: a changed name is asked about', async () => {
    await page.getByRole('button', { name: '设置' }).click();
    await page.getByTestId('settings-tab-agencies').click();
    await page.getByTestId('settings-agencies').getByRole('button', { name: '编辑' }).first().click();
    const dialog = page.getByRole('dialog', { name: '编辑机关' });
    await dialog.getByTestId('agency-name').fill('某某县教育局（新）');
    await asksThenDiscards(dialog, 'escape', async () => assert.equal(await dialog.getByTestId('agency-name').inputValue(), '某某县教育局（新）'));
    await page.getByRole('button', { name: '完成' }).click();
  });

  test('确认提醒: a typed reason is asked about', async () => {
    await createReport(page, 2025);
    await page.getByTestId('nav-checks').click();
    await page.getByTestId('checks-panel').getByRole('button', { name: '确认无误' }).first().click();
    const dialog = page.getByRole('dialog', { name: '确认这条提醒' });
    await dialog.getByTestId('ack-reason').fill('本年度确无此项');
    await asksThenDiscards(dialog, 'escape', async () => assert.equal(await dialog.getByTestId('ack-reason').inputValue(), '本年度确无此项'));
  });
});
