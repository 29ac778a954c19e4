/**
 * Photographs the first-start welcome, the import dialog on a 2019-format page with blank cells, imports a complete 2025 report through the UI (file picker → import report → 创建报告) and photographs
 * the home screen, each table, the check panel and the preview at 1366×768 and 1920×1080. Checks along
 * the way that table 三 fits a 1080p screen without horizontal scrolling and the preview shows the
 * typed numbers; the locked (已定稿) editor; and 批量检查 with the results of a folder of reports at 1920. With UPDATE_SCREENSHOTS=1 the pictures go to docs/screenshots/ui-*.png.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { writeAuditFolder } from '../audit/generate';
import { blank2019Page } from '../import/helpers';
import { buildRenderer, cell, createAgency, launchBrowser, ROOT, settled, skipReason, startApp, typeInto, waitSaved, type App } from './harness';

const skip = skipReason();
const FIXTURE = join(ROOT, 'tests/fixtures/2025-clean.json');
const SIZES = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;

describe('screens', { skip: skip ?? false }, () => {
  let build: string;
  let out: string;
  let app: App;
  let browser: Browser;
  let page: Page;
  const shots: string[] = [];
  const shoot = async (name: string, width: number) => {
    const path = join(out, `ui-${name}-${width}.png`);
    // a passing notice would hide part of the screen; ripples take ~0.5 s to fade
    const close = page.locator('.MuiSnackbar-root .MuiAlert-action button');
    if (await close.count()) await close.first().click();
    const vp = page.viewportSize()!;
    await page.mouse.move(vp.width - 2, vp.height - 2);
    await settled(page);
    await page.screenshot({ path });
    shots.push(path);
  };

  before(async () => {
    build = mkdtempSync(join(tmpdir(), 'gov-shots-build-'));
    buildRenderer(build);
    out = process.env.UPDATE_SCREENSHOTS ? join(ROOT, 'docs/screenshots') : mkdtempSync(join(tmpdir(), 'gov-shots-'));
    mkdirSync(out, { recursive: true });
    app = await startApp(build);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: SIZES[0] });
    page.on('pageerror', (e) => console.error('page error:', e.message));
    await page.goto(app.server.url);
  });

  after(async () => {
    await browser?.close();
    await app?.close();
    rmSync(build, { recursive: true, force: true });
    if (!process.env.UPDATE_SCREENSHOTS && out) rmSync(out, { recursive: true, force: true });
  });

  test('import through the UI shows the import report, then opens the report', async () => {
    const fixture = JSON.parse(readFileSync(FIXTURE, 'utf8')) as { agency: { name: string }; cells: Record<string, number | null> };
    await page.getByTestId('agency-name').waitFor();
    await shoot('welcome', SIZES[0].width);
    await createAgency(page, fixture.agency.name);
    // a published 2019-format page with blank cells: the import report grouped, the findings as published
    await page.getByTestId('import-file').setInputFiles({ name: '抚顺市教育局2020年报告.html', mimeType: 'text/html', buffer: Buffer.from(blank2019Page()) });
    await page.getByTestId('import-finding').first().waitFor();
    await shoot('import', SIZES[0].width);
    await page.getByRole('dialog').getByRole('button', { name: '取消' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await page.getByTestId('import-file').setInputFiles(FIXTURE);
    const report = page.getByTestId('import-report');
    await report.waitFor();
    assert.match((await report.textContent()) ?? '', /交换文件.*2025年度/);
    await page.getByRole('button', { name: '创建报告' }).click();
    await page.getByTestId('nav-s3').click();
    assert.equal(await cell(page, 't3.new.natural').inputValue(), String(fixture.cells['t3.new.natural']));
  });

  for (const size of SIZES) {
    test(`screens at ${size.width}×${size.height}`, async () => {
      await page.setViewportSize(size);
      await page.goto(app.server.url.replace(/\?token=.*$/, '#/'));
      await page.getByTestId('report-list').waitFor();
      await shoot('home', size.width);
      await page.getByRole('button', { name: '打开' }).first().click();
      for (const [part, name] of [['s2', 't2'], ['s3', 't3'], ['s4', 't4'], ['s1', 'text']] as const) {
        await page.getByTestId(`nav-${part}`).click();
        await settled(page);
        if (name === 't3' && size.width >= 1920) {
          const overflow = await page.locator('main').evaluate((m) => m.scrollWidth - m.clientWidth);
          assert.ok(overflow <= 0, `table 三 fits 1080p without horizontal scrolling (overflow ${overflow}px)`);
        }
        await shoot(name, size.width);
      }
      // a planted inconsistency so the check panel has something to show
      await page.getByTestId('nav-s3').click();
      const before = await cell(page, 't3.new.business').inputValue();
      await typeInto(page, 't3.new.business', String(Number(before) + 2));
      await page.getByTestId('nav-checks').click();
      await page.locator('[data-testid="finding"][data-rule="t3.balance"]').first().waitFor();
      if (size.width >= 1600) await page.getByTestId('nav-s3').click();
      await shoot('checks', size.width);
      await page.getByTestId('nav-s3').click();
      await typeInto(page, 't3.new.business', before);
      await waitSaved(page);
      if (size.width < 1600) await page.getByTestId('nav-preview').click();
      else await page.getByRole('tab', { name: '预览' }).click();
      const preview = page.getByTestId('preview');
      await preview.getByTestId('preview-t3').waitFor();
      assert.ok(((await preview.textContent()) ?? '').includes('三、收到和处理政府信息公开申请情况'));
      await shoot('preview', size.width);
    });
  }

  test('批量检查 with its results at 1920×1080', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'gov-shots-audit-'));
    try {
      await writeAuditFolder(folder, 16);
      writeFileSync(join(folder, 'zz-扫描件（损坏）.docx'), 'not a zip at all');
      await page.setViewportSize(SIZES[1]);
      await page.goto(app.server.url.replace(/\?token=.*$/, '#/audit'));
      await page.getByTestId('audit-page').waitFor();
      await page.getByTestId('audit-folder').setInputFiles(folder);
      await page.getByTestId('audit-summary').waitFor({ timeout: 60_000 });
      assert.equal(await page.getByTestId('audit-row').count(), 17);
      await page.getByRole('button', { name: /^查看问题：0001-/ }).click();
      await page.getByTestId('audit-findings').waitFor();
      await shoot('audit', SIZES[1].width);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  test('已定稿: the locked editor at 1366×768', async () => {
    await page.setViewportSize(SIZES[0]);
    await page.goto(app.server.url.replace(/\?token=.*$/, '#/'));
    await page.getByRole('button', { name: '打开' }).first().click();
    await page.getByTestId('nav-s3').click();
    await page.getByTestId('status-select').locator('..').click();
    await page.getByRole('option', { name: '已定稿' }).click();
    await page.getByTestId('locked-banner').waitFor();
    await waitSaved(page);
    await shoot('locked', SIZES[0].width);
    await page.getByTestId('locked-banner').getByRole('button', { name: '解除定稿' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '解除定稿' }).click();
    await page.getByTestId('locked-banner').waitFor({ state: 'detached' });
  });

  test('every picture was written', () => {
    assert.equal(shots.length, 1 + 1 + 2 * 7 + 1 + 1);
    for (const p of shots) assert.ok(statSync(p).size > 10_000, p);
  });
});
