/**
 * 设置 in a real browser against the browser-mode server: the body font and size changed (from the home
 * screen and from the editor's export menu) and the preview drawn with them, a backup made and listed with
 * a Chinese date, an agency renamed, and a restore (after a confirm) that brings the old name back. With
 * UPDATE_SCREENSHOTS=1 the settings page at 1366×768 goes to docs/screenshots/ui-settings-1366.png.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { buildRenderer, createAgency, createReport, launchBrowser, ROOT, settled, skipReason, startApp, type App } from './harness';

const skip = skipReason();
const AGENCY = '某某县自然资源局';
const RENAMED = '某某县自然资源和规划局';
const CHINESE_DATE_TIME = /\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}/;

describe('settings: export fonts, backups, agencies', { skip: skip ?? false }, () => {
  let build: string;
  let out: string;
  let app: App;
  let browser: Browser;
  let page: Page;

  const bodyParagraph = () => page.getByTestId('preview').locator('p').first();
  /** Font family and size in points of the preview's first body paragraph. */
  const bodyStyle = () =>
    bodyParagraph().evaluate((p) => ({ family: getComputedStyle(p).fontFamily, size: Math.round((parseFloat(getComputedStyle(p).fontSize) * 72) / 96 * 10) / 10 }));
  const backHome = async () => {
    await page.getByRole('button', { name: '‹ 报告列表' }).click();
    await page.getByTestId('report-list').waitFor();
  };
  const openSettings = async () => {
    await page.getByRole('button', { name: '设置', exact: true }).click();
    await page.getByTestId('settings-export').waitFor();
  };
  const closeSettings = async () => {
    await page.getByRole('button', { name: '完成' }).click();
    await page.getByTestId('settings-export').waitFor({ state: 'detached' });
  };
  const choose = async (combobox: string, option: RegExp) => {
    await page.getByRole('combobox', { name: combobox }).click();
    await page.getByRole('option', { name: option }).click();
    await page.getByRole('listbox').waitFor({ state: 'detached' });
  };
  const dismissNotice = async () => {
    const close = page.locator('.MuiSnackbar-root .MuiAlert-action button');
    if (await close.count()) await close.first().click();
  };

  before(async () => {
    build = mkdtempSync(join(tmpdir(), 'gov-e2e-settings-'));
    buildRenderer(build);
    out = process.env.UPDATE_SCREENSHOTS ? join(ROOT, 'docs/screenshots') : mkdtempSync(join(tmpdir(), 'gov-shots-settings-'));
    mkdirSync(out, { recursive: true });
    app = await startApp(build);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    page.on('pageerror', (e) => console.error('page error:', e.message));
    await page.goto(app.server.url);
    await createAgency(page, AGENCY);
    await createReport(page, 2025);
    await page.getByTestId('nav-preview').click();
    await bodyParagraph().waitFor();
  });

  after(async () => {
    await browser?.close();
    await app?.close();
    if (build) rmSync(build, { recursive: true, force: true });
    if (!process.env.UPDATE_SCREENSHOTS && out) rmSync(out, { recursive: true, force: true });
  });

  test('the preview starts in the default body font, 仿宋_GB2312 三号', async () => {
    const { family, size } = await bodyStyle();
    assert.match(family, /^"Times New Roman", 仿宋_GB2312/);
    assert.equal(size, 16);
  });

  test('设置 from the home screen: body font 仿宋, saved; the preview uses it', async () => {
    await backHome();
    await openSettings();
    assert.match((await page.getByRole('combobox', { name: '正文字体' }).textContent()) ?? '', /^仿宋_GB2312\s*（规定字体）$/);
    await choose('正文字体', /^仿宋\s*（系统自带）$/);
    await page.getByText('已保存：正文字体改为仿宋').waitFor();
    assert.match(await page.getByTestId('settings-sample-body').evaluate((e) => getComputedStyle(e).fontFamily), /^"Times New Roman", 仿宋, FangSong/);

    const shot = join(out, 'ui-settings-1366.png');
    await dismissNotice();
    await page.mouse.move(1364, 766);
    await settled(page);
    await page.screenshot({ path: shot });
    assert.ok(statSync(shot).size > 10_000);

    await closeSettings();
    await page.getByTestId(`report-${AGENCY}-2025`).getByRole('button', { name: '打开' }).click();
    await page.getByTestId('nav-preview').click();
    await bodyParagraph().waitFor();
    assert.match((await bodyStyle()).family, /^"Times New Roman", 仿宋, FangSong/);
    // saved in the database, not only in this window
    assert.equal(((await app.core.dispatch('settings.getExport', {})) as { value: { fonts: { body: string } } }).value.fonts.body, '仿宋');
  });

  test('the editor’s export menu opens the export settings; the open preview redraws at once', async () => {
    await page.getByTestId('export-more').click();
    await page.getByRole('menuitem', { name: /导出设置/ }).click();
    await page.getByTestId('settings-export').waitFor();
    assert.equal(await page.getByTestId('settings-tab-data').count(), 0, 'no restore under an open report');
    await choose('正文字号', /^四号（14 磅）$/);
    await page.getByText('已保存：正文字号改为四号（14 磅）').waitFor();
    await closeSettings();
    assert.equal((await bodyStyle()).size, 14);
    await backHome();
  });

  test('数据与备份: the data folder, 立即备份 listed with a Chinese date', async () => {
    await openSettings();
    await page.getByTestId('settings-tab-data').click();
    await page.getByTestId('settings-data-dir').filter({ hasText: app.dir }).waitFor();
    assert.equal(await page.getByTestId('settings-data-dir').textContent(), app.dir);
    assert.equal(await page.getByTestId('settings-db-path').textContent(), join(app.dir, 'reports.sqlite'));
    await page.getByText('还没有备份').waitFor();
    await page.getByRole('button', { name: '立即备份' }).click();
    await page.getByText(/^已备份（/).waitFor();
    const rows = page.getByTestId('backup-row');
    assert.equal(await rows.count(), 1);
    assert.match((await rows.first().textContent()) ?? '', CHINESE_DATE_TIME);
    assert.match((await rows.first().textContent()) ?? '', /备份.*KB/);
    await dismissNotice();
    await page.mouse.move(1364, 766);
    await settled(page);
    await page.screenshot({ path: join(out, 'ui-settings-data-1366.png') });
  });

  test('机关: rename an agency; the home screen shows the new name', async () => {
    await page.getByTestId('settings-tab-agencies').click();
    const row = page.getByTestId('settings-agencies').getByRole('row', { name: new RegExp(AGENCY) });
    await row.getByRole('button', { name: '编辑' }).click();
    const dialog = page.getByRole('dialog', { name: '编辑机关' });
    await dialog.getByTestId('agency-name').fill(RENAMED);
    await dialog.getByRole('button', { name: '保存' }).click();
    await page.getByText(`已保存：${RENAMED}（县级政府部门）`).waitFor();
    await page.getByTestId('settings-agencies').getByRole('cell', { name: RENAMED, exact: true }).waitFor();
    await closeSettings();
    await page.getByTestId(`report-${RENAMED}-2025`).waitFor();
  });

  test('恢复: confirm says the current state is kept first; afterwards the old name is back', async () => {
    await openSettings();
    await page.getByTestId('settings-tab-data').click();
    await page.getByTestId('backup-row').first().getByRole('button', { name: '恢复' }).click();
    const confirm = page.getByRole('dialog', { name: '从备份恢复' });
    assert.match((await confirm.textContent()) ?? '', /恢复前会先把当前的全部数据另存为一个备份/);
    await confirm.getByRole('button', { name: '恢复' }).click();
    await page.getByText(/^已恢复到 .* 的备份$/).waitFor();
    const rows = page.getByTestId('backup-row');
    assert.equal(await rows.count(), 2);
    assert.match((await rows.first().textContent()) ?? '', /恢复前自动保留/);
    await page.getByTestId('settings-tab-agencies').click();
    await page.getByTestId('settings-agencies').getByRole('cell', { name: AGENCY, exact: true }).waitFor();
    await closeSettings();
    await page.getByTestId(`report-${AGENCY}-2025`).waitFor();
    // the settings saved before the backup came back with it
    await openSettings();
    assert.match((await page.getByRole('combobox', { name: '正文字号' }).textContent()) ?? '', /四号/);
  });

  test('恢复默认 puts every element back to typography.md', async () => {
    await page.getByRole('button', { name: '恢复默认' }).click();
    await page.getByText('已恢复默认字体和字号').waitFor();
    assert.match((await page.getByRole('combobox', { name: '正文字体' }).textContent()) ?? '', /^仿宋_GB2312/);
    assert.match((await page.getByRole('combobox', { name: '正文字号' }).textContent()) ?? '', /^三号/);
    assert.equal(await page.getByRole('button', { name: '恢复默认' }).isDisabled(), true);
    await closeSettings();
  });
});
