/**
 * Saving under faults, in Chromium against the browser-mode server: two tabs editing the same part (the
 * stale one is shown both versions instead of overwriting), and a full disk (a small tmpfs where the test
 * can mount one) — a banner says so, the text stays in the editor and is saved by the retry once space is back.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { buildRenderer, createAgency, createReport, launchBrowser, skipReason, startApp, waitSaved, type App } from './harness';

const skip = skipReason();

/** A new tab on the app: the first creates the report; another opens the same editor address. */
async function openEditor(browser: Browser, app: App, sameAs?: Page): Promise<Page> {
  // one context: the second tab shares the first one's session (the server's token cookie)
  const page = sameAs ? await sameAs.context().newPage() : await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  if (sameAs) {
    // the server's address carries the session token; the hash is the editor's route
    await page.goto(`${app.server.url}#${new URL(sameAs.url()).hash.slice(1)}`);
    await page.getByTestId('save-state').waitFor();
  } else {
    await page.goto(app.server.url);
    await createAgency(page, '某某县教育局');
    await createReport(page, 2025);
  }
  await page.getByTestId('nav-s1').click();
  await page.getByTestId('narrative-s1').waitFor();
  return page;
}

describe('saving under faults', { skip: skip ?? false }, () => {
  let build: string;
  let browser: Browser;

  before(async () => {
    build = mkdtempSync(join(tmpdir(), 'gov-e2e-faults-'));
    buildRenderer(build);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    if (build) rmSync(build, { recursive: true, force: true });
  });

  test('two tabs on one part: the stale tab is shown both versions and chooses; nothing is overwritten silently', async () => {
    const app = await startApp(build);
    try {
      const a = await openEditor(browser, app);
      const b = await openEditor(browser, app, a);
      await a.getByTestId('narrative-s1').fill('甲窗口写的总体情况。');
      await waitSaved(a);
      await b.getByTestId('narrative-s1').fill('乙窗口写的总体情况。');
      const dialog = b.getByTestId('conflict-dialog');
      await dialog.waitFor({ timeout: 10_000 });
      assert.equal(await b.getByTestId('conflict-theirs').textContent(), '甲窗口写的总体情况。');
      assert.equal(await b.getByTestId('conflict-yours').textContent(), '乙窗口写的总体情况。');
      assert.match((await dialog.textContent()) ?? '', /已在另一个窗口或程序中被修改/);
      const stored = await app.core.dispatch('reports.open', { id: 1 });
      assert.ok(stored.ok && (stored.value as { narrative: { s1?: string } }).narrative.s1 === '甲窗口写的总体情况。', 'A’s text not overwritten');
      await dialog.getByRole('button', { name: '保留本窗口的版本' }).click();
      await waitSaved(b);
      const after = await app.core.dispatch('reports.open', { id: 1 });
      assert.ok(after.ok && (after.value as { narrative: { s1?: string } }).narrative.s1 === '乙窗口写的总体情况。');
      await a.context().close();
    } finally {
      await app.close();
    }
  });

  test('disk full: a banner says so, the text stays in the editor, and the retry saves it once space is back', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'gov-e2e-tmpfs-'));
    if (process.getuid?.() !== 0 || spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=3m', 'tmpfs', dir]).status !== 0) {
      rmdirSync(dir);
      return t.skip('no tmpfs can be mounted here (needs root); SQLITE_FULL is covered in tests/storage/disk-faults.test.ts');
    }
    const app = await startApp(build, dir);
    try {
      const page = await openEditor(browser, app);
      const fillers: string[] = [];
      try {
        for (let i = 0; ; i++) {
          const f = join(dir, `filler${i}`);
          writeFileSync(f, Buffer.alloc(64 * 1024, 1));
          fillers.push(f);
        }
      } catch {
        /* ENOSPC: the disk is full */
      }
      const text = '磁盘已满时输入的总体情况。'.repeat(8000);
      await page.getByTestId('narrative-s1').fill(text);
      const banner = page.getByTestId('storage-banner');
      await banner.waitFor({ timeout: 10_000 });
      assert.match((await banner.textContent()) ?? '', /^磁盘空间已满，修改未保存/);
      assert.equal(await page.getByTestId('narrative-s1').inputValue(), text, 'the edit stays in the editor');
      for (const f of fillers) rmSync(f, { force: true });
      await banner.waitFor({ state: 'detached', timeout: 15_000 });
      await waitSaved(page);
      const stored = await app.core.dispatch('reports.open', { id: 1 });
      assert.ok(stored.ok && (stored.value as { narrative: { s1?: string } }).narrative.s1 === text);
      await page.context().close();
    } finally {
      await app.close().catch(() => {});
      spawnSync('umount', ['-l', dir]);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
