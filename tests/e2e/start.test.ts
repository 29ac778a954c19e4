/**
 * `npm start` without the Electron binary: builds when needed, serves browser mode, prints the URL in
 * Chinese and English, and the page it names loads. Then a keystroke typed just before the tab closes
 * is still stored (the keepalive flush on pagehide).
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openCore } from '../../src/main/services/core';
import { cell, createAgency, createReport, launchBrowser, ROOT, skipReason, until } from './harness';

/** Whether the Electron binary is installed (its path.txt names an existing file), without require('electron'). */
function electronPresent(): boolean {
  try {
    const dir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    return existsSync(join(dir, 'path.txt')) && existsSync(join(dir, 'dist', readFileSync(join(dir, 'path.txt'), 'utf8').trim()));
  } catch {
    return false;
  }
}

const skip = skipReason() ?? (electronPresent() ? 'Electron 已安装：npm start 会启动桌面程序，跳过浏览器模式测试 / Electron present, browser-mode start test skipped' : null);

describe('npm start in browser mode', { skip: skip ?? false }, () => {
  let dir: string;
  let child: ChildProcess;
  let url = '';
  let output = '';

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gov-start-'));
    child = spawn(process.execPath, [join(ROOT, 'scripts/start.mjs'), '--no-open'], {
      cwd: ROOT,
      env: { ...process.env, GOV_REPORT_DATA_DIR: dir, DISPLAY: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed within 90 s:\n${output}`)), 90_000);
      child.stdout!.on('data', (c: Buffer) => {
        output += c.toString();
        const m = /Browser mode is running; open: (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(output);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      child.on('exit', (code) => reject(new Error(`start exited with ${code}:\n${output}`)));
    });
  });

  after(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('prints the address in Chinese and English, with the database in GOV_REPORT_DATA_DIR', () => {
    assert.match(output, /请在浏览器中打开：http:\/\/127\.0\.0\.1:\d+\/\?token=/);
    assert.ok(output.includes(join(dir, 'reports.sqlite')), output);
  });

  test('a keystroke typed just before the page closes is stored', async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
      await page.goto(url);
      await createAgency(page, '某某镇人民政府');
      await createReport(page, 2025);
      await page.getByTestId('nav-s3').click();
      await cell(page, 't3.new.natural').click();
      await page.keyboard.type('42');
      // no wait for the autosave: close at once, as a person closing the tab would
      await page.close({ runBeforeUnload: true });
    } finally {
      await browser.close();
    }
    // the server still holds the database: read it as the CLI would, beside it
    const core = openCore({ dbPath: join(dir, 'reports.sqlite'), mode: 'cli', access: 'read', autoBackup: false });
    try {
      const stored = async () => {
        const list = (await core.dispatch('reports.list', {})) as { ok: true; value: { id: number }[] };
        const open = (await core.dispatch('reports.open', { id: list.value[0]!.id })) as { ok: true; value: { cells: Record<string, number | null> } };
        return open.value.cells['t3.new.natural'];
      };
      // the page's last save (a keepalive request) may land a moment after the tab is gone
      await until(async () => (await stored()) === 42, 'the last keystroke to be stored').catch(() => {});
      assert.equal(await stored(), 42);
    } finally {
      core.close();
    }
  });
});
