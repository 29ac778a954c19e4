/**
 * A cold start does not wait for app.js (React, MUI) before asking for its data and its screen's code:
 * boot.js, the page's first script, starts the first API requests and preloads the screen's chunks. The
 * proof holds app.js back until those requests have been seen: without boot.js they would come only
 * after app.js ran, and the page would never get there. Order, not timing.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Request } from 'playwright-core';
import { buildRenderer, launchBrowser, skipReason, startApp, until, type App } from './harness';

const skip = skipReason();

describe('cold start', { skip: skip ?? false }, () => {
  let build: string;
  let app: App;
  let browser: Browser;

  before(async () => {
    build = mkdtempSync(join(tmpdir(), 'gov-e2e-cold-'));
    buildRenderer(build);
    app = await startApp(build);
    const agency = (await app.core.dispatch('agencies.create', { name: '某某县教育局', level: 'county-department' })) as { ok: true; value: { id: number } };
    assert.ok(agency.ok, JSON.stringify(agency));
    const report = await app.core.dispatch('reports.create', { agencyId: agency.value.id, year: 2025 });
    assert.ok((report as { ok: boolean }).ok, JSON.stringify(report));
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await app?.close();
    if (build) rmSync(build, { recursive: true, force: true });
  });

  /** Opens `hash` in a fresh context with app.js held until `ready(requests so far)`; the requests seen before its release. */
  async function openHoldingAppJs(hash: string, ready: (seen: string[]) => boolean) {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    const seen: string[] = [];
    page.on('request', (r: Request) => seen.push(new URL(r.url()).pathname));
    let released: string[] | null = null;
    await page.route(/\/app\.js$/, async (route) => {
      await until(() => ready(seen), 'the early requests while app.js is held back', 10_000);
      released = [...seen];
      await route.continue();
    });
    await page.goto(app.server.url + hash);
    await page.getByTestId('save-state').or(page.getByRole('button', { name: '新建年度报告' })).first().waitFor();
    await context.close();
    return { before: released as string[] | null, all: seen };
  }

  test('on an editor address: the agencies, the report and the editor chunk are asked for before app.js has come', async () => {
    const { before, all } = await openHoldingAppJs('#/report/1', (s) => s.includes('/api/agencies.list') && s.includes('/api/reports.open') && s.some((p) => /\/chunks\/Editor-/.test(p)));
    assert.ok(before, 'released');
    assert.ok(before.includes('/api/reports.open'), before.join(' '));
    // app.js takes boot.js's replies instead of asking again
    assert.equal(all.filter((p) => p === '/api/agencies.list').length, 1, all.join(' '));
    assert.equal(all.filter((p) => p === '/api/reports.open').length, 1, all.join(' '));
  });

  test('on the report list: the agencies and the list chunk before app.js, and no editor code', async () => {
    const { before, all } = await openHoldingAppJs('#/', (s) => s.includes('/api/agencies.list') && s.some((p) => /\/chunks\/Home-/.test(p)));
    assert.equal(all.filter((p) => p === '/api/agencies.list').length, 1, all.join(' '));
    assert.ok(before);
    assert.ok(!before.some((p) => /\/chunks\/Editor-/.test(p)), before.join(' '));
    assert.ok(!before.includes('/api/reports.open'));
  });
});
