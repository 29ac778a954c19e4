/**
 * The renderer as the Electron window runs it: `window.govReport` present, so the client uses the bridge
 * (send, saveFile, showInFolder, onMenu) instead of HTTP. The bridge here is a thin transport to the same
 * real core over the browser-mode server — the Electron binary is not available in CI — with saveFile and
 * showInFolder recording their calls.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { fileOf, generatedDoc } from '../audit/generate';
import { buildRenderer, createAgency, launchBrowser, skipReason, startApp, type App } from './harness';

const skip = skipReason();

/** Installed before the app's script runs, as the preload's contextBridge would (source text for tsx). */
const BRIDGE = `
(() => {
  const token = new URL(location.href).searchParams.get('token') || sessionStorage.getItem('bridge-token');
  sessionStorage.setItem('bridge-token', token);
  window.__calls = [];
  window.govReport = {
    send: (name, input) =>
      fetch('/api/' + name, { method: 'POST', headers: { 'content-type': 'application/json', 'x-gov-report-token': token }, body: JSON.stringify(input) }).then((r) => r.json()),
    saveFile: (name, b64) => { window.__calls.push(['saveFile', name, atob(b64).length]); return Promise.resolve('/home/staff/文档/' + name); },
    openFiles: () => Promise.resolve([]),
    showInFolder: (p) => { window.__calls.push(['showInFolder', p]); return Promise.resolve(); },
    onMenu: (listener) => { window.__menu = listener; return () => { window.__menu = null; }; },
  };
})();
`;

describe('renderer over the desktop bridge', { skip: skip ?? false }, () => {
  let build: string;
  let app: App;
  let browser: Browser;
  let page: Page;
  let downloads = 0;
  const menu = (command: string) => page.evaluate(`window.__menu(${JSON.stringify(command)})`);
  const calls = () => page.evaluate('window.__calls') as Promise<unknown[][]>;

  before(async () => {
    build = mkdtempSync(join(tmpdir(), 'gov-e2e-bridge-'));
    buildRenderer(build);
    app = await startApp(build);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
    await page.addInitScript(BRIDGE);
    page.on('download', () => downloads++);
    page.on('pageerror', (e) => console.error('page error:', e.message));
    await page.goto(app.server.url);
    await createAgency(page, '某某市司法局');
  });

  after(async () => {
    await browser?.close();
    await app?.close();
    if (build) rmSync(build, { recursive: true, force: true });
  });

  test('menu 新建 opens the new-report dialog', async () => {
    await menu('new');
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('combobox', { name: '报告年度' }).click();
    await page.getByRole('option', { name: '2025年度', exact: true }).click();
    await dialog.getByRole('button', { name: '创建' }).click();
    await page.getByRole('heading', { name: '某某市司法局 · 2025年度报告' }).waitFor();
  });

  test('menu 导出 in the editor: errors first, then the save dialog and 打开所在文件夹', async () => {
    await menu('export');
    await page.getByRole('dialog').getByRole('button', { name: '仍然导出' }).click();
    const saved = page.getByRole('dialog').filter({ hasText: '已导出' });
    await saved.waitFor();
    await saved.getByRole('button', { name: '打开所在文件夹' }).click();
    await saved.getByRole('button', { name: '完成' }).click();
    const log = await calls();
    const save = log.find((c) => c[0] === 'saveFile')!;
    assert.match(String(save[1]), /\.docx$/);
    assert.ok(Number(save[2]) > 5000, 'the .docx bytes reached saveFile');
    assert.deepEqual(log.find((c) => c[0] === 'showInFolder'), ['showInFolder', `/home/staff/文档/${save[1]}`]);
    assert.equal(downloads, 0, 'no browser download in the desktop app');
  });

  test('menu 新建 from the editor goes home and opens the dialog once', async () => {
    await menu('new');
    await page.getByRole('dialog').getByRole('button', { name: '取消' }).click();
    await page.getByTestId('report-list').waitFor();
    await page.getByRole('button', { name: '打开' }).first().click();
    await page.getByRole('button', { name: '‹ 报告列表' }).click();
    await page.getByTestId('report-list').waitFor();
    assert.equal(await page.getByRole('dialog').count(), 0, 'an old menu command does not fire again');
  });

  test('menu 设置 from the editor goes home and opens the settings', async () => {
    await page.getByRole('button', { name: '打开' }).first().click();
    await menu('settings');
    await page.getByTestId('report-list').waitFor();
    const settings = page.getByRole('dialog');
    await settings.getByRole('tab', { name: '导出字体字号' }).waitFor();
    await settings.getByRole('button', { name: '完成' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
  });

  test('menu 关于 shows the version and the data file', async () => {
    await menu('about');
    const about = page.getByRole('dialog').filter({ hasText: '关于政府信息公开年报助手' });
    await about.getByText(/版本 test/).waitFor();
    assert.match((await about.textContent()) ?? '', /reports\.sqlite/);
    await about.getByRole('button', { name: '关闭' }).click();
  });

  test('批量检查 saves its workbook through the save dialog, not as a download', async () => {
    await page.goto(app.server.url.replace(/\?token=.*$/, '#/audit'));
    await page.getByTestId('audit-page').waitFor();
    const doc = generatedDoc(1);
    await page.getByTestId('audit-files').setInputFiles([{ name: 'a.docx', mimeType: 'application/octet-stream', buffer: Buffer.from(await fileOf(doc, 'docx', 1)) }]);
    await page.getByTestId('audit-summary').waitFor({ timeout: 60_000 });
    await page.getByTestId('audit-save-xlsx').click();
    await page.getByText(/^已保存：\/home\/staff\/文档\/.*\.xlsx$/).waitFor();
    const save = (await calls()).filter((c) => c[0] === 'saveFile').at(-1)!;
    assert.match(String(save[1]), /批量检查结果\.xlsx$/);
    assert.ok(Number(save[2]) > 5000, 'the workbook bytes reached saveFile');
    assert.equal(downloads, 0, 'no browser download in the desktop app');
  });
});
