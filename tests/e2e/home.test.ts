/**
 * The home screen and the report's life in a real browser: a report started from last year's (carry-over),
 * status, duplicate, delete to the 回收站 and restore, history restore, and the exchange-file export.
 */
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { GOV_2019 } from '../../src/shared/format/index';
import { ExchangeFile, blankReport, toExchange } from '../../src/shared/report';
import { cell, createAgency, createReport, skipReason, typeInto, waitSaved, startSession, type App } from './harness';

const skip = skipReason();
const AGENCY = '某某县人力资源和社会保障局';

describe('home screen and report life', { skip: skip ?? false }, () => {
  let build: string;
  let app: App;
  let browser: Browser;
  let page: Page;
  const row = (year: number) => page.getByTestId(`report-${AGENCY}-${year}`);
  const backHome = async () => {
    await page.getByRole('button', { name: '‹ 报告列表' }).click();
    await page.getByTestId('report-list').waitFor();
  };

  before(async () => {
    ({ build, app, browser, page } = await startSession('gov-e2e-home-'));
    await createAgency(page, AGENCY);
  });

  after(async () => {
    await browser?.close();
    await app?.close();
    if (build) rmSync(build, { recursive: true, force: true });
  });

  test('the deadline reminder names the agency and the date', async () => {
    const text = (await page.getByTestId('deadline').first().textContent()) ?? '';
    assert.match(text, new RegExp(`${AGENCY}的\\d{4}年度报告应于 \\d{4}年1月31日 前公开`));
  });

  test('last year’s report, finalised; this year’s starts from it with 上年结转 filled', async () => {
    await createReport(page, 2024);
    await page.getByTestId('nav-s3').click();
    await typeInto(page, 't3.carriedOut.natural', '4');
    await typeInto(page, 't3.carriedOut.business', '1');
    await page.getByTestId('status-select').locator('..').click();
    await page.getByRole('option', { name: '已定稿' }).click();
    await waitSaved(page);
    await backHome();
    assert.match((await row(2024).textContent()) ?? '', /已定稿/);

    await page.getByRole('button', { name: '新建年度报告' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('combobox', { name: '报告年度' }).click();
    await page.getByRole('option', { name: '2025年度', exact: true }).click();
    const fromPrevious = dialog.getByRole('checkbox', { name: /从上年报告开始/ });
    assert.equal(await fromPrevious.isChecked(), true);
    await dialog.getByRole('button', { name: '创建' }).click();
    await page.getByTestId('nav-s3').click();
    assert.equal(await cell(page, 't3.carriedIn.natural').inputValue(), '4');
    assert.equal(await cell(page, 't3.carriedIn.business').inputValue(), '1');
  });

  test('history lists revisions and restores an earlier one after confirming', async () => {
    await page.getByTestId('nav-s1').click();
    await page.getByTestId('narrative-s1').fill('本年度第一稿。');
    await waitSaved(page);
    await page.getByTestId('narrative-s1').fill('本年度第二稿，改写了。');
    await waitSaved(page);
    await page.getByTestId('nav-history').click();
    const rows = page.getByTestId('history').locator('tbody tr');
    await rows.nth(1).waitFor();
    assert.ok((await rows.count()) >= 2);
    await rows.last().getByRole('button', { name: '恢复' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '恢复' }).click();
    await page.getByTestId('nav-s1').click();
    assert.notEqual(await page.getByTestId('narrative-s1').inputValue(), '本年度第二稿，改写了。');
    await page.reload();
    await page.getByTestId('nav-s1').click();
    assert.notEqual(await page.getByTestId('narrative-s1').inputValue(), '本年度第二稿，改写了。');
  });

  test('导出为交换文件 downloads a valid exchange file', async () => {
    await page.getByTestId('export-more').click();
    const downloaded = page.waitForEvent('download');
    await page.getByRole('menuitem', { name: /交换文件/ }).click();
    const download = await downloaded;
    const path = join(app.dir, 'exchange.json');
    await download.saveAs(path);
    const doc = ExchangeFile.parse(JSON.parse(readFileSync(path, 'utf8')));
    assert.equal(doc.year, 2025);
    assert.equal(doc.agency.name, AGENCY);
    assert.equal(doc.cells['t3.carriedIn.natural'], 4);
    await backHome();
  });

  test('a file dropped on the home screen shows the import report, then becomes a report', async () => {
    const doc = blankReport(2022, { name: AGENCY, level: 'county-department' });
    doc.cells['t3.new.natural'] = 9;
    const text = JSON.stringify(toExchange(doc));
    const dataTransfer = await page.evaluateHandle((t) => {
      const dt = new DataTransfer();
      dt.items.add(new File([t], '2022年报告.json', { type: 'application/json' }));
      return dt;
    }, text);
    await page.getByTestId('report-list').dispatchEvent('dragover', { dataTransfer });
    await page.getByTestId('report-list').dispatchEvent('drop', { dataTransfer });
    const report = page.getByTestId('import-report');
    await report.waitFor();
    assert.match((await report.textContent()) ?? '', /交换文件.*2022年度/);
    await page.getByRole('button', { name: '创建报告' }).click();
    await page.getByRole('heading', { name: `${AGENCY} · 2022年度报告` }).waitFor();
    await page.getByTestId('nav-s3').click();
    assert.equal(await cell(page, 't3.new.natural').inputValue(), '9');
    await backHome();
    await row(2022).waitFor();
  });

  test('a dropped report of another unit goes to a new agency of its name, not silently to ours', async () => {
    const other = '某某县民政局';
    const doc = blankReport(2023, { name: other, level: 'county-department' });
    doc.cells['t3.new.natural'] = 3;
    const dataTransfer = await page.evaluateHandle((t) => {
      const dt = new DataTransfer();
      dt.items.add(new File([t], '民政局2023年报告.json', { type: 'application/json' }));
      return dt;
    }, JSON.stringify(toExchange(doc)));
    await page.getByTestId('report-list').dispatchEvent('dragover', { dataTransfer });
    await page.getByTestId('report-list').dispatchEvent('drop', { dataTransfer });
    const dialog = page.getByRole('dialog');
    await page.getByTestId('import-report').waitFor();
    await dialog.getByText(`新建机关“${other}”`).waitFor();
    await page.getByRole('button', { name: '创建报告' }).click();
    await page.getByRole('heading', { name: `${other} · 2023年度报告` }).waitFor();
    await backHome();
    await page.getByTestId(`report-${other}-2023`).waitFor();
    assert.equal(await row(2023).count(), 0, 'nothing stored under our own agency');
  });

  test('a 2020 report follows the 2019 trial format, in the form and in the preview', async () => {
    await page.getByRole('button', { name: '新建年度报告' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('combobox', { name: '报告年度' }).click();
    await page.getByRole('option', { name: '2020年度', exact: true }).click();
    await dialog.getByText(GOV_2019.notice).waitFor();
    await dialog.getByRole('button', { name: '创建' }).click();
    await page.getByTestId('nav-s3').click();
    // the single （六）其他处理 row of 2019 is a value row of its own
    await cell(page, 't3.other.natural').waitFor();
    assert.equal(await cell(page, 't3.other.overdueCorrection.natural').count(), 0);
    await page.getByTestId('nav-preview').click();
    const t3 = page.getByTestId('preview-t3');
    assert.match((await t3.textContent()) ?? '', /（六）其他处理/);
    assert.doesNotMatch((await t3.textContent()) ?? '', /逾期不补正/);
    await backHome();
  });

  test('汇总 opens the aggregation page inside the app and comes back', async () => {
    await page.getByRole('button', { name: '汇总' }).click();
    await page.getByRole('heading', { name: '汇总下属单位报告' }).waitFor();
    assert.match(page.url(), /#\/aggregate$/);
    await page.getByRole('button', { name: '返回报告列表' }).click();
    await page.getByTestId('report-list').waitFor();
  });

  test('duplicate, delete to the 回收站 and restore', async () => {
    await row(2025).getByRole('button', { name: '复制' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('combobox', { name: '报告年度' }).click();
    await page.getByRole('option', { name: '2023年度', exact: true }).click();
    await dialog.getByRole('button', { name: '复制' }).click();
    await page.getByTestId('save-state').waitFor();
    await backHome();
    await row(2023).waitFor();

    await row(2023).getByRole('button', { name: '删除' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '删除' }).click();
    await row(2023).waitFor({ state: 'detached' });
    await page.getByRole('button', { name: '回收站' }).click();
    await row(2023).getByRole('button', { name: '恢复' }).click();
    await row(2023).waitFor({ state: 'detached' });
    await page.getByRole('button', { name: '返回报告列表' }).click();
    await row(2023).waitFor();
    assert.equal(await page.getByTestId('report-list').locator('tbody tr').count(), 6, 'five of ours and the other unit’s');
  });

  test('an office keeping many units: the deadline reminders share one box and the report list stays on a 768-pixel screen', async () => {
    for (let i = 1; i <= 10; i++) {
      const r = await app.core.dispatch('agencies.create', { name: `某某县第${i}中学`, level: 'other' });
      assert.ok(r.ok);
    }
    await page.reload();
    await page.getByTestId('report-list').waitFor();
    assert.equal(await page.getByTestId('deadline').count(), 12);
    assert.equal(await page.getByTestId('deadlines').count(), 1);
    const firstRow = await page.getByTestId('report-list').locator('tbody tr').first().boundingBox();
    assert.ok(firstRow && firstRow.y + firstRow.height <= 768, `the first report is on screen (bottom at ${firstRow?.y}+${firstRow?.height})`);
  });

  test('新建 preselects our own agency, not the agency of a reference report imported last; reference agencies are kept apart', async () => {
    const other = '某某县乡村振兴局'; // sorts before ours
    const doc = blankReport(2024, { name: other, level: 'county-department' });
    const imported = await app.core.dispatch('reports.import', { fileName: '乡村振兴局.json', data: Buffer.from(JSON.stringify(toExchange(doc))).toString('base64') });
    assert.ok(imported.ok);
    const agencies = (await app.core.dispatch('agencies.list', {})) as { ok: true; value: { name: string; own: boolean }[] };
    assert.deepEqual(
      agencies.value.filter((a) => a.name === other || a.name === AGENCY).map((a) => [a.name, a.own]).sort(),
      [[AGENCY, true], [other, false]].sort(),
    );
    await page.reload();
    await page.getByRole('button', { name: '新建年度报告' }).click();
    const dialog = page.getByRole('dialog');
    assert.equal(await dialog.getByRole('combobox', { name: '机关' }).textContent(), AGENCY);
    await dialog.getByRole('combobox', { name: '机关' }).click();
    await page.getByRole('option', { name: `${other}（参考）` }).waitFor();
    await page.keyboard.press('Escape');
    await dialog.getByRole('button', { name: '取消' }).click();
  });
});
