/**
 * Two tabs on the same table, in Chromium against the browser-mode server: the tab whose value is stale
 * is shown both values (a dialog naming the cell) instead of overwriting what the other tab saved; the
 * rest of its save is stored; keeping its own value or taking the other works.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { buildRenderer, cell, createAgency, createReport, launchBrowser, skipReason, startApp, typeInto, waitSaved, type App } from './harness';

const skip = skipReason();

/** Tab A creates the report; tab B opens the same editor address. Both show part 三's table. */
async function twoTabs(browser: Browser, app: App): Promise<[Page, Page]> {
  const a = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
  a.on('pageerror', (e) => console.error('page error:', e.message));
  await a.goto(app.server.url);
  await createAgency(a, '某某县教育局');
  await createReport(a, 2025);
  const b = await a.context().newPage();
  b.on('pageerror', (e) => console.error('page error:', e.message));
  await b.goto(`${app.server.url}#${new URL(a.url()).hash.slice(1)}`);
  await b.getByTestId('save-state').waitFor();
  for (const p of [a, b]) {
    await p.getByTestId('nav-s3').click();
    await cell(p, 't3.new.natural').waitFor();
  }
  return [a, b];
}

async function storedCells(app: App): Promise<Record<string, number | null>> {
  const r = await app.core.dispatch('reports.open', { id: 1 });
  assert.ok(r.ok);
  return (r.value as { cells: Record<string, number | null> }).cells;
}

describe('stale table cells', { skip: skip ?? false }, () => {
  let build: string;
  let browser: Browser;
  before(async () => {
    build = mkdtempSync(join(tmpdir(), 'gov-e2e-stale-'));
    buildRenderer(build);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    if (build) rmSync(build, { recursive: true, force: true });
  });

  test('the stale tab is shown both values and keeps its own only by choice; its other cells are saved', async () => {
    const app = await startApp(build);
    try {
      const [a, b] = await twoTabs(browser, app);
      await typeInto(a, 't3.new.natural', '5');
      await waitSaved(a);
      await typeInto(b, 't3.new.natural', '7');
      await typeInto(b, 't3.new.legal', '2');
      const dialog = b.getByTestId('cell-conflict-dialog');
      await dialog.waitFor({ timeout: 10_000 });
      assert.equal(await dialog.getByTestId('cell-conflict-row').count(), 1);
      assert.equal(await dialog.getByTestId('cell-conflict-theirs').textContent(), '5');
      assert.equal(await dialog.getByTestId('cell-conflict-yours').textContent(), '7');
      assert.match((await dialog.textContent()) ?? '', /已在另一个窗口或程序中被修改/);
      if (process.env.STALE_SCREENSHOT) await b.screenshot({ path: process.env.STALE_SCREENSHOT });
      const stored = await storedCells(app);
      assert.equal(stored['t3.new.natural'], 5, 'A’s value not overwritten');
      assert.equal(stored['t3.new.legal'], 2, 'B’s other cell saved');
      await dialog.getByRole('button', { name: '保留本窗口的数值' }).click();
      await waitSaved(b);
      assert.equal((await storedCells(app))['t3.new.natural'], 7);
      await a.context().close();
    } finally {
      await app.close();
    }
  });

  test('taking the other value shows it in the stale tab and saves nothing over it', async () => {
    const app = await startApp(build);
    try {
      const [a, b] = await twoTabs(browser, app);
      await typeInto(a, 't3.new.natural', '5');
      await waitSaved(a);
      await typeInto(b, 't3.new.natural', '7');
      const dialog = b.getByTestId('cell-conflict-dialog');
      await dialog.waitFor({ timeout: 10_000 });
      await dialog.getByRole('button', { name: '采用另一处的数值' }).click();
      await waitSaved(b);
      assert.equal(await cell(b, 't3.new.natural').inputValue(), '5');
      assert.equal((await storedCells(app))['t3.new.natural'], 5);
      await a.context().close();
    } finally {
      await app.close();
    }
  });
});
