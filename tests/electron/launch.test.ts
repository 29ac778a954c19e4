import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { _electron } from 'playwright-core';

// The whole desktop app in the real Electron binary: window, app:// protocol, preload bridge, CSP,
// navigation lock, IPC to the real core on a temporary database. Needs the Electron binary (absent on the
// development machine, which cannot download it) and, on Linux, a display (e.g. xvfb-run).
// better-sqlite3 must be built for Electron's ABI for the core to open (`npx electron-builder install-app-deps`).

const repo = join(import.meta.dirname, '..', '..');

/** The binary `require('electron')` would return, found without letting that call start a download. */
function electronBinary(): string | null {
  const dir = join(repo, 'node_modules', 'electron');
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const rel = readFileSync(pathFile, 'utf8').trim();
  const bin = process.env.ELECTRON_OVERRIDE_DIST_PATH ? join(process.env.ELECTRON_OVERRIDE_DIST_PATH, rel) : join(dir, 'dist', rel);
  return existsSync(bin) ? bin : null;
}

function skipReason(): string | null {
  if (!electronBinary()) return 'Electron binary not available here — node_modules/electron has no downloaded dist (run `npx install-electron` where the network allows)';
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return 'no display for Electron — run under xvfb-run';
  return null;
}

test('the desktop app starts hardened and talks to the core', { timeout: 120_000 }, async (t) => {
  const reason = skipReason();
  if (reason) {
    t.skip(reason);
    return;
  }
  execFileSync(process.execPath, [join(repo, 'scripts', 'build.mjs')], { cwd: repo, stdio: 'pipe' });
  const data = mkdtempSync(join(tmpdir(), 'electron-launch-'));
  const app = await _electron.launch({
    executablePath: electronBinary()!,
    args: [join(repo, 'dist', 'electron', 'main.cjs'), '--db', join(data, 'reports.sqlite')],
    env: { ...process.env, GOV_REPORT_DATA_DIR: data, ELECTRON_ENABLE_LOGGING: '1' },
    timeout: 60_000,
  });
  try {
    const page = await app.firstWindow({ timeout: 60_000 });
    await page.waitForLoadState('domcontentloaded');
    assert.match(page.url(), /^app:\/\/report\//);
    assert.equal(await page.title(), '政府信息公开年报助手');

    const surface = await page.evaluate(() => {
      const g = globalThis as unknown as Record<string, unknown>;
      return { bridge: Object.keys((g.govReport as object) ?? {}).sort(), require: typeof g.require, process: typeof g.process, module: typeof g.module };
    });
    assert.deepEqual(surface, { bridge: ['onMenu', 'openFiles', 'saveFile', 'send', 'showInFolder'], require: 'undefined', process: 'undefined', module: 'undefined' });

    const info = await page.evaluate(() => (globalThis as unknown as { govReport: { send(n: string, i: unknown): Promise<{ ok: boolean; value?: { mode: string } }> } }).govReport.send('app.info', {}));
    assert.equal(info.ok, true, JSON.stringify(info));
    assert.equal(info.value?.mode, 'electron');

    const bad = await page.evaluate(() => (globalThis as unknown as { govReport: { send(n: string, i: unknown): Promise<unknown> } }).govReport.send('no.such.method' as never, {}));
    assert.equal((bad as { ok: boolean }).ok, false, 'an unknown method is refused, not thrown');

    const hardened = await page.evaluate(async () => {
      let evalBlocked = false;
      try {
        eval('1');
      } catch {
        evalBlocked = true;
      }
      const remote = await fetch('https://example.com/').then(
        () => 'loaded',
        () => 'blocked',
      );
      const file = await fetch('file:///etc/passwd').then(
        () => 'loaded',
        () => 'blocked',
      );
      const popup = window.open('app://report/index.html');
      return { evalBlocked, remote, file, popup: popup === null };
    });
    assert.deepEqual(hardened, { evalBlocked: true, remote: 'blocked', file: 'blocked', popup: true });

    await page.evaluate(() => {
      location.href = 'https://example.com/';
    });
    await new Promise((r) => setTimeout(r, 1000));
    assert.match(page.url(), /^app:\/\/report\//, 'navigation away was prevented');

    const main = await app.evaluate(({ BrowserWindow, Menu }) => {
      const w = BrowserWindow.getAllWindows()[0]!;
      // Undocumented but long-standing (Electron's own tests use it); absent → the renderer checks above stand alone.
      const wc = w.webContents as unknown as { getLastWebPreferences?: () => Record<string, unknown> };
      const p = wc.getLastWebPreferences?.() ?? { contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true };
      return {
        prefs: { contextIsolation: p.contextIsolation, sandbox: p.sandbox, nodeIntegration: p.nodeIntegration, webSecurity: p.webSecurity },
        menu: Menu.getApplicationMenu()?.items.map((i) => i.label),
      };
    });
    assert.deepEqual(main.prefs, { contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    assert.deepEqual(main.menu?.slice(-4), ['文件(&F)', '编辑(&E)', '视图(&V)', '帮助(&H)']);
  } finally {
    await app.close();
    rmSync(data, { recursive: true, force: true });
  }
});
