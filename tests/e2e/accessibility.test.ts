/**
 * axe-core on every screen and dialog of the app in Chromium: no serious or critical violation (names for
 * every control, valid list markup, enough contrast).
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { blankReport, toExchange } from '../../src/shared/report';
import { unitReport } from '../aggregate/generate';
import { AUDIT_KINDS, fileOf, generatedDoc } from '../audit/generate';
import { axeViolations, buildRenderer, cell, createAgency, createReport, launchBrowser, skipReason, startApp, type App } from './harness';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const skip = skipReason();

describe('accessibility (axe-core)', { skip: skip ?? false }, () => {
  let build: string;
  let app: App;
  let browser: Browser;
  let page: Page;
  const found: string[] = [];
  /** Dialogs and alerts fade in: measure the colours they end with, once no transition is running. */
  // (an endless one — the focus pulse of a button focused from the keyboard — is not waited for)
  const settled = () => page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().endTime === Infinity));
  const check = async (where: string) => {
    await settled();
    for (const v of await axeViolations(page)) found.push(`${where}: ${v}`);
  };

  before(async () => {
    build = mkdtempSync(join(tmpdir(), 'gov-e2e-axe-'));
    buildRenderer(build);
    app = await startApp(build);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1366, height: 768 }, bypassCSP: true });
    await page.goto(app.server.url);
  });
  after(async () => {
    await browser?.close();
    await app?.close();
    if (build) rmSync(build, { recursive: true, force: true });
  });

  test('every screen and dialog: 0 serious or critical violations', async () => {
    await page.getByTestId('agency-name').waitFor();
    await check('欢迎');
    await createAgency(page, '某某县教育局');
    await check('首页');
    await page.getByRole('button', { name: '新建年度报告' }).click();
    await page.getByRole('dialog').waitFor();
    await check('新建年度报告');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await createReport(page, 2025);
    await check('编辑器·一');
    // findings on screen: outlines, badges, chips, the blocked export with its list
    await page.getByTestId('nav-s2').click();
    await cell(page, 't2.fees.amount').click();
    await page.keyboard.type('25000');
    await page.keyboard.press('Enter');
    await page.getByTestId('nav-s3').click();
    await cell(page, 't3.new.natural').click();
    await page.keyboard.type('12a');
    await page.keyboard.press('Tab');
    await check('编辑器·有问题');
    await page.getByTestId('export-docx').click();
    await page.getByRole('dialog').waitFor();
    await check('导出被阻止');
    await page.getByRole('dialog').getByRole('button', { name: '返回修改' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await cell(page, 't3.new.natural').click();
    await page.keyboard.press('Escape');
    for (const part of ['s2', 's3', 's4', 'checks', 'preview', 'history']) {
      await page.getByTestId(`nav-${part}`).click();
      await check(`编辑器·${part}`);
    }
    // a typed reason, then Esc: the question before discarding it
    await page.getByTestId('nav-checks').click();
    await page.getByTestId('checks-panel').getByRole('button', { name: '确认无误' }).first().click();
    await page.getByTestId('ack-reason').fill('本年度确无此项');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog', { name: '放弃输入的内容？' }).waitFor();
    await check('放弃输入的内容？');
    await page.getByRole('button', { name: '放弃并关闭' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    // 已定稿: the locked form under its banner, and the unlock question
    await page.getByTestId('nav-s3').click();
    await page.getByTestId('status-select').locator('..').click();
    await page.getByRole('option', { name: '已定稿' }).click();
    await page.getByTestId('locked-banner').waitFor();
    await check('编辑器·已定稿');
    await page.getByTestId('locked-banner').getByRole('button', { name: '解除定稿' }).click();
    await page.getByRole('dialog', { name: '解除定稿？' }).waitFor();
    await check('解除定稿？');
    await page.getByRole('dialog').getByRole('button', { name: '解除定稿' }).click();
    await page.getByTestId('locked-banner').waitFor({ state: 'detached' });
    await page.getByRole('button', { name: '‹ 报告列表' }).click();
    await page.getByTestId('report-list').waitFor();
    await page.getByRole('button', { name: '设置' }).click();
    await page.getByRole('dialog').waitFor();
    await check('设置');
    await page.getByRole('button', { name: '完成' }).click();
    await check('首页·有报告');
    await page.getByTestId('import-file').setInputFiles({
      name: '民政局.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(toExchange(blankReport(2024, { name: '某某县民政局', level: 'county-department' })))),
    });
    await page.getByTestId('import-report').waitFor();
    // findings of the file as published, and the agency's name and level to correct
    await page.getByTestId('import-finding').first().waitFor();
    await page.getByTestId('import-agency-fields').waitFor();
    await check('导入');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await page.getByRole('button', { name: '汇总', exact: true }).click();
    await page.getByTestId('aggregate-page').waitFor();
    await page.getByTestId('aggregate-parent').click();
    await page.getByRole('option', { name: '某某县教育局 · 2025 年度' }).click();
    const unit = unitReport(7, 2025, '某某县第一中学');
    const twin = { ...unit, agency: { ...unit.agency, name: '某某县第一中学（重报）' } };
    await page.getByTestId('aggregate-files').setInputFiles(
      [unit, twin].map((d, i) => ({ name: `unit-${i}.json`, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(toExchange(d))) })),
    );
    await page.getByText('计入汇总 1 个').waitFor();
    await check('汇总');
    await page.getByRole('button', { name: '返回报告列表' }).click();
    await page.getByRole('button', { name: '批量检查', exact: true }).click();
    await page.getByTestId('audit-page').waitFor();
    await check('批量检查');
    const files = await Promise.all(
      AUDIT_KINDS.map(async (kind, i) => ({ name: `${i}.${kind}`, mimeType: 'application/octet-stream', buffer: Buffer.from(await fileOf(generatedDoc(i), kind, i + 1)) })),
    );
    await page.getByTestId('audit-files').setInputFiles([...files, { name: '损坏.docx', mimeType: 'application/octet-stream', buffer: Buffer.from('not a zip') }]);
    await page.getByTestId('audit-summary').waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: /^查看问题：/ }).first().click();
    await page.getByTestId('audit-findings').waitFor();
    await check('批量检查·结果');
    assert.deepEqual(found, []);
  });
});
