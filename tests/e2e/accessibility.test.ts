/**
 * axe-core on every screen and dialog of the app in Chromium: no serious or critical violation (names for
 * every control, valid list markup, enough contrast).
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, buildRenderer, createAgency, createReport, launchBrowser, skipReason, startApp, type App } from './harness';
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
  const check = async (where: string) => {
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
    for (const part of ['s2', 's3', 's4', 'checks', 'preview', 'history']) {
      await page.getByTestId(`nav-${part}`).click();
      await page.waitForTimeout(100);
      await check(`编辑器·${part}`);
    }
    await page.getByRole('button', { name: '‹ 报告列表' }).click();
    await page.getByTestId('report-list').waitFor();
    await page.getByRole('button', { name: '设置' }).click();
    await page.getByRole('dialog').waitFor();
    await check('设置');
    await page.getByRole('button', { name: '完成' }).click();
    await page.getByRole('button', { name: '汇总', exact: true }).click();
    await page.getByTestId('aggregate-page').waitFor();
    await check('汇总');
    assert.deepEqual(found, []);
  });
});
