/**
 * 批量检查 in the app, in Chromium over the browser-mode server: pick a folder of generated reports (every
 * file kind, a broken file, a picture and a subfolder beside them), watch the progress, read the rows,
 * download the workbook and read it back with exceljs (the same rows as `gov-report audit` gives for the
 * folder); then a larger pick cancelled half-way.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { auditFolder } from '../../src/main/audit/audit';
import { AGENCY_LEVEL_NAMES } from '../../src/shared/agency-levels';
import { writeAuditFolder } from '../audit/generate';
import { createAgency, skipReason, startSession, type App } from './harness';

const skip = skipReason();

/** Every text the progress line showed, recorded in the page as it changes (the run is too quick to sample). */
const RECORD_PROGRESS = `
  window.__progress = [];
  new MutationObserver(() => {
    for (const id of ['audit-count', 'audit-current']) {
      const t = document.querySelector('[data-testid="' + id + '"]')?.textContent;
      if (t && window.__progress.at(-1) !== t) window.__progress.push(t);
    }
  }).observe(document.body, { subtree: true, childList: true, characterData: true });
`;

describe('批量检查 page', { skip: skip ?? false }, () => {
  let build: string;
  let app: App;
  let browser: Browser;
  let page: Page;
  let dir: string;

  before(async () => {
    ({ build, app, browser, page } = await startSession('gov-e2e-audit-'));
    dir = mkdtempSync(join(tmpdir(), 'gov-e2e-audit-files-'));
    await createAgency(page, '某某市政务公开办公室');
  });
  after(async () => {
    await browser?.close();
    await app?.close();
    rmSync(build, { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
  });

  test('pick a folder: progress, one row per report, unreadable files say why, the workbook downloads', async () => {
    const folder = join(dir, '各单位年报');
    mkdirSync(join(folder, '旧稿'), { recursive: true });
    const made = await writeAuditFolder(folder, 24);
    writeFileSync(join(folder, 'zz-损坏.docx'), 'not a zip at all');
    writeFileSync(join(folder, '说明.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    writeFileSync(join(folder, '旧稿', '0000-旧稿.json'), '{}');

    await page.getByRole('button', { name: '批量检查', exact: true }).click();
    await page.getByTestId('audit-page').waitFor();
    assert.match(page.url(), /#\/audit$/);
    await page.evaluate(RECORD_PROGRESS);
    await page.getByTestId('audit-folder').setInputFiles(folder);
    const summary = page.getByTestId('audit-summary');
    await summary.waitFor({ timeout: 60_000 });

    const progress = (await page.evaluate('window.__progress')) as string[];
    assert.ok(progress.some((t) => /^已读取 ([1-9]\d*) \/ 25$/.test(t)), `progress shown as N / 25: ${progress.join(' | ')}`);
    assert.ok(progress.some((t) => /^正在读取：\d{4}-云溪县/.test(t)), 'the file being read is named');
    assert.match((await summary.textContent()) ?? '', /共 25 个文件：24 份已读取.*1 个文件无法读取.*另有 2 个所选文件不是报告文件或在子文件夹中/);

    const rows = page.getByTestId('audit-row');
    assert.equal(await rows.count(), 25);
    const broken = page.locator('[data-testid="audit-row"][data-file="zz-损坏.docx"]');
    assert.match((await broken.getByTestId('audit-unreadable').textContent()) ?? '', /^无法读取（Word 文档）：.+/);
    const first = made[1]!;
    const cells = await page.locator(`[data-testid="audit-row"][data-file="${first.file}"] td`).allTextContents();
    assert.deepEqual(cells.slice(0, 4), [first.file, first.doc.agency.name, AGENCY_LEVEL_NAMES[first.doc.agency.level], String(first.doc.year)]);

    // the planted errors: a row with errors lists them
    const withErrors = page.locator('[data-testid="audit-row"]').filter({ has: page.locator('td:nth-child(8)', { hasNotText: /^0$/ }) }).first();
    await withErrors.getByRole('button', { name: /^查看问题/ }).click();
    const findings = page.getByTestId('audit-findings');
    await findings.waitFor();
    assert.match((await findings.textContent()) ?? '', /【错误】/);

    // the workbook, read back: one row per file, as `gov-report audit` gives them for this folder
    const download = page.waitForEvent('download');
    await page.getByTestId('audit-save-xlsx').click();
    const file = join(dir, 'result.xlsx');
    await (await download).saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(file) as never);
    const sheet = wb.getWorksheet('各单位情况')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
    const col = (name: string) => header.indexOf(name) + 1;
    assert.equal(sheet.actualRowCount, 1 + 25);
    const cli = await auditFolder(folder);
    const fromSheet = new Map<string, ExcelJS.Row>();
    sheet.eachRow((row, n) => n > 1 && fromSheet.set(String(row.getCell(col('文件')).value), row));
    assert.deepEqual([...fromSheet.keys()].sort(), cli.map((r) => r.file).sort());
    for (const r of cli.filter((c) => c.ok)) {
      const row = fromSheet.get(r.file)!;
      assert.equal(row.getCell(col('机关')).value, r.agency, r.file);
      assert.equal(row.getCell(col('错误')).value, r.findings.filter((f) => f.severity === 'error' && !f.acknowledged).length, r.file);
    }
    assert.match(String(fromSheet.get('zz-损坏.docx')!.getCell(col('读取情况')).value), /^无法读取：/);
    assert.ok(wb.getWorksheet('全部问题')!.actualRowCount > 1);

    const html = page.waitForEvent('download');
    await page.getByTestId('audit-save-html').click();
    assert.match((await html).suggestedFilename(), /批量检查结果\.html$/);

    // to the report list and back: the result is still there to save
    await page.getByRole('button', { name: '返回报告列表' }).click();
    await page.getByTestId('report-list').waitFor();
    await page.getByRole('button', { name: '批量检查', exact: true }).click();
    assert.equal(await page.getByTestId('audit-row').count(), 25);
  });

  test('files dropped on the page are checked', async () => {
    const docx = readFileSync(join(dir, '各单位年报', readdirSync(join(dir, '各单位年报')).find((f) => f.endsWith('.docx'))!));
    await page.getByTestId('audit-page').evaluate((el, bytes) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(bytes)], '拖入的报告.docx'));
      dt.items.add(new File(['x'], '照片.jpg'));
      el.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    }, [...docx]);
    await page.getByTestId('audit-summary').filter({ hasText: '共 1 个文件：1 份已读取' }).waitFor({ timeout: 30_000 });
    assert.equal(await page.locator('[data-testid="audit-row"][data-file="拖入的报告.docx"]').count(), 1);
  });

  test('cancel half-way: the files read so far are the rows', async () => {
    const folder = join(dir, '大批');
    mkdirSync(folder);
    await writeAuditFolder(folder, 90);
    await page.getByTestId('audit-files').setInputFiles(readdirSync(folder).map((f) => join(folder, f)));
    await page.getByText(/^正在读取：/).waitFor({ timeout: 30_000 });
    await page.getByTestId('audit-progress').getByRole('button', { name: '取消' }).click();
    const summary = page.getByTestId('audit-summary');
    await summary.filter({ hasText: '已取消' }).waitFor({ timeout: 60_000 });
    const n = await page.getByTestId('audit-row').count();
    assert.ok(n > 0 && n < 90, `${n} rows after cancelling`);
    assert.match((await summary.textContent()) ?? '', new RegExp(`共 ${n} 个文件`));
  });
});
