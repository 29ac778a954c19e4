/**
 * Two editor conveniences in a real browser against the real server: the part on screen lives in the
 * address (a reload or back returns to it; an address without a part still opens), and 空白单元格填 0
 * in the export errors dialog fills every blank cell in one batch, after which the export goes on.
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { formatIndex } from '../../src/shared/format/index';
import { cell, createAgency, createReport, skipReason, typeInto, waitSaved, startSession, type App } from './harness';

const skip = skipReason();

describe('editor: the part in the address, and blanks filled with 0', { skip: skip ?? false }, () => {
  let build: string;
  let app: App;
  let browser: Browser;
  let page: Page;

  const selectedNav = () => page.locator('nav [data-testid^="nav-"].Mui-selected').getAttribute('data-testid');
  const stored = async () => {
    const r = (await app.core.dispatch('reports.open', { id: 1 })) as { ok: true; value: { cells: Record<string, number | null> } };
    return r.value.cells;
  };

  before(async () => {
    ({ build, app, browser, page } = await startSession('gov-e2e-build-'));
    await createAgency(page, '某某县教育局');
    await createReport(page, 2025);
    await page.getByRole('heading', { name: '某某县教育局 · 2025年度报告' }).waitFor();
  });

  after(async () => {
    await browser?.close();
    await app?.close();
    if (build) rmSync(build, { recursive: true, force: true });
  });

  test('a reload returns to the part on screen; back returns to the previous part', async () => {
    await page.getByTestId('nav-s3').click();
    await cell(page, 't3.new.natural').waitFor();
    assert.match(page.url(), /#\/report\/1\/s3$/);
    await page.reload();
    await cell(page, 't3.new.natural').waitFor();
    assert.equal(await selectedNav(), 'nav-s3');

    await page.getByTestId('nav-history').click();
    assert.match(page.url(), /#\/report\/1\/history$/);
    await page.reload();
    await page.getByTestId('nav-history').and(page.locator('.Mui-selected')).waitFor();

    await page.goBack();
    await cell(page, 't3.new.natural').waitFor();
    assert.equal(await selectedNav(), 'nav-s3');
  });

  test('an address without a part (older links) opens part 一', async () => {
    await page.evaluate(() => history.replaceState(null, '', location.href.replace(/#.*$/, '#/report/1')));
    await page.reload();
    await page.getByTestId('narrative-preamble').waitFor();
    assert.equal(await selectedNav(), 'nav-s1');
  });

  test('空白单元格填 0 on a half-filled report: no blank left, values stored, the export goes on', async () => {
    await page.getByTestId('nav-s3').click();
    await typeInto(page, 't3.new.natural', '5');
    await typeInto(page, 't3.granted.natural', '5');
    await waitSaved(page);

    await page.getByTestId('export-docx').click();
    const dialog = page.getByRole('dialog', { name: '报告中还有错误' });
    await dialog.waitFor();
    await dialog.getByTestId('fill-blanks').click();
    const index = formatIndex('GOV-2021');
    const before = await stored();
    const blanks = index.cells.filter((c) => (before[c.id] ?? null) === null && !index.totalCells.has(c.id));
    assert.ok(blanks.length > 100, `the report is half-filled (${blanks.length} blank cells)`);
    const message = (await page.getByTestId('fill-blanks-message').textContent()) ?? '';
    assert.equal(message, `共 ${blanks.length} 个空白单元格将填为 0，可在“历史”中恢复。`);

    const download = page.waitForEvent('download');
    await page.getByTestId('fill-blanks-confirm').click();
    assert.match((await download).suggestedFilename(), /\.docx$/);
    await dialog.waitFor({ state: 'hidden' });

    const after = await stored();
    for (const c of blanks) assert.equal(after[c.id], 0, `${c.id} filled with 0`);
    assert.equal(after['t3.new.natural'], 5, 'typed values kept');
    // the 总计 follows its parts instead of being overwritten with 0
    assert.equal(after['t3.new.total'], 5);
    const check = (await app.core.dispatch('reports.check', { id: 1, forExport: true })) as { ok: true; value: { findings: { rule: string; severity: string }[] } };
    assert.deepEqual(check.value.findings.filter((f) => f.severity === 'error').map((f) => f.rule), []);
    assert.equal(await cell(page, 't3.new.natural').inputValue(), '5');
    assert.equal(await cell(page, 't3.carriedIn.natural').inputValue(), '0', 'the table shows the zeros');
  });
});
