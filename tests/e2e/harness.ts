/**
 * End-to-end harness: the renderer built once per test file into a temp folder, the real core on a
 * temporary SQLite file behind the real browser-mode server, and Debian's Chromium through
 * playwright-core. Tests skip with a message where Chromium is absent.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../src/main/server/server';
import { openCore, type Core } from '../../src/main/services/core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ROOT = new URL('../..', import.meta.url).pathname;

/** Why the browser tests cannot run here, or null. */
export function skipReason(): string | null {
  return existsSync(CHROMIUM) ? null : `Chromium 不存在（${CHROMIUM}），跳过浏览器测试 / Chromium not found, browser tests skipped`;
}

export function buildRenderer(outdir: string): void {
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts/build.mjs'), '--renderer-only', '--outdir', outdir], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`renderer build failed:\n${r.stdout}\n${r.stderr}`);
}

export interface App {
  dir: string;
  core: Core;
  server: RunningServer;
  close(): Promise<void>;
}

/** A fresh database and server; `rootDir` is a built renderer. */
export async function startApp(rootDir: string, dir = mkdtempSync(join(tmpdir(), 'gov-e2e-'))): Promise<App> {
  const core = openCore({ dbPath: join(dir, 'reports.sqlite'), mode: 'browser', version: 'test', autoBackup: false });
  const server = await startServer({ core, rootDir });
  return {
    dir,
    core,
    server,
    close: async () => {
      await server.close();
      core.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A built renderer, the app on a fresh database, and a 1366×768 page on its address (downloads on). */
export async function startSession(prefix = 'gov-e2e-build-'): Promise<{ build: string; app: App; browser: Browser; page: Page }> {
  const build = mkdtempSync(join(tmpdir(), prefix));
  buildRenderer(build);
  const app = await startApp(build);
  const browser = await launchBrowser();
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(app.server.url);
  return { build, app, browser, page };
}

/** Drives the first-start welcome and lands on the home screen. */
export async function createAgency(page: Page, name: string): Promise<void> {
  await page.getByTestId('agency-name').fill(name);
  await page.getByRole('button', { name: '开始' }).click();
  await page.getByRole('button', { name: '新建年度报告' }).waitFor();
}

/** From the home screen: a new report on `year`, opened in the editor. */
export async function createReport(page: Page, year: number): Promise<void> {
  await page.getByRole('button', { name: '新建年度报告' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('combobox', { name: '报告年度' }).click();
  await page.getByRole('option', { name: `${year}年度`, exact: true }).click();
  await dialog.getByRole('button', { name: '创建' }).click();
  await page.getByTestId('save-state').waitFor();
}

export const cell = (page: Page, id: string) => page.locator(`input[data-cell="${id}"]`);

/** Types a value into a table cell the way a person does: click, type, Enter. */
export async function typeInto(page: Page, id: string, text: string): Promise<void> {
  await cell(page, id).click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

/** Pastes text as a clipboard event on the focused element (what Ctrl+V from a spreadsheet delivers). */
export async function pasteText(page: Page, text: string): Promise<void> {
  await page.evaluate((t) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', t);
    document.activeElement!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, text);
}

export async function waitSaved(page: Page): Promise<void> {
  await page.getByTestId('save-state').filter({ hasText: '已保存' }).waitFor({ timeout: 10_000 });
}

/**
 * The serious and critical axe-core violations on the page as it is now (axe injected from node_modules;
 * the page needs `bypassCSP`, the app's CSP forbids inline scripts), one line each: rule, impact, nodes.
 */
export async function axeViolations(page: Page, context?: string): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: join(ROOT, 'node_modules/axe-core/axe.min.js') });
  const violations = await page.evaluate(async (selector) => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, o: unknown): Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(selector ? document.querySelector(selector) : document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
  }, context ?? null);
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.targets.join(', ')}`);
}
