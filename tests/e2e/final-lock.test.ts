/**
 * 已定稿 locks the report in the editor (issue 9 item 8), in Chromium on the real server: the form is a
 * disabled fieldset under a banner, nothing can be typed or saved; 解除定稿 asks, unlocks, and the
 * history says so.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { rmSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { cell, createAgency, createReport, settled, skipReason, startSession, typeInto, waitSaved, type App } from './harness';

const skip = skipReason();

describe('已定稿 locks the report', { skip: skip ?? false }, () => {
  let build: string;
  let app: App;
  let browser: Browser;
  let page: Page;

  before(async () => {
    ({ build, app, browser, page } = await startSession('gov-e2e-lock-'));
    await createAgency(page, '某某县教育局');
    await createReport(page, 2025);
  });
  after(async () => {
    await browser?.close();
    await app?.close();
    if (build) rmSync(build, { recursive: true, force: true });
  });

  test('final: disabled form with a banner, the server refuses; 解除定稿 asks, unlocks, and is in 历史', async () => {
    await page.getByTestId('nav-s3').click();
    await typeInto(page, 't3.new.natural', '7');
    await waitSaved(page);
    await page.getByTestId('status-select').locator('..').click();
    await page.getByRole('option', { name: '已定稿' }).click();
    await page.getByTestId('locked-banner').waitFor();
    await waitSaved(page);
    assert.equal(await page.getByTestId('report-form').evaluate((f) => (f as HTMLFieldSetElement).disabled), true);
    assert.equal(await cell(page, 't3.new.natural').isDisabled(), true);
    // typing at the table changes nothing
    await cell(page, 't3.new.natural').click({ force: true });
    await page.keyboard.type('99');
    assert.equal(await cell(page, 't3.new.natural').inputValue(), '7');
    await page.getByTestId('nav-s1').click();
    assert.equal(await page.getByTestId('narrative-s1').isDisabled(), true);
    await settled(page);
    if (process.env.SHOTS) await page.screenshot({ path: `${process.env.SHOTS}/final-lock.png` });

    // whatever the page does, the service refuses
    const id = Number((await app.core.dispatch('reports.list', {}) as { ok: true; value: { id: number }[] }).value[0]!.id);
    const refused = await app.core.dispatch('reports.updateCells', { id, changes: [{ cell: 't3.new.natural', value: 8 }] });
    assert.equal(refused.ok ? 'ok' : refused.error.code, 'locked');

    // choosing another status in the bar is the same explicit unlock; cancelling keeps the lock
    await page.getByTestId('status-select').locator('..').click();
    await page.getByRole('option', { name: '待审核' }).click();
    const ask = page.getByRole('dialog', { name: '解除定稿？' });
    await ask.waitFor();
    await ask.getByRole('button', { name: '取消' }).click();
    await ask.waitFor({ state: 'detached' });
    assert.equal(await page.getByTestId('locked-banner').isVisible(), true);

    await page.getByTestId('locked-banner').getByRole('button', { name: '解除定稿' }).click();
    await ask.getByRole('button', { name: '解除定稿' }).click();
    await page.getByTestId('locked-banner').waitFor({ state: 'detached' });
    await page.getByTestId('narrative-s1').fill('定稿后补充的一句。');
    await waitSaved(page);
    await page.getByTestId('nav-history').click();
    await page.getByText('解除定稿，状态改为“草稿”').waitFor();
  });
});
