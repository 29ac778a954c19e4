import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, before, test } from 'node:test';
import { CHANNELS } from '../../src/main/electron/channels';
import { APP_ENTRY_URL, CONTENT_SECURITY_POLICY } from '../../src/main/electron/security';
import { loadExchange } from '../import/helpers';
import { pdfViaLibreOffice, SOFFICE } from '../import/pdfSamples';

// The real main-process bundle (dist/electron/main.cjs as built by scripts/build-electron.mjs), run in Node
// against the real core and a real SQLite file, with a recording stand-in for the 'electron' module
// (fixtures/fake-electron.cjs) since the binary is absent here. Checks the wiring: what is registered
// before `ready`, the window's webPreferences, the session and webContents hooks, the app:// handler, the
// IPC handlers with trusted and untrusted senders, the menu, and the remembered window state.
// launch.test.ts does the same in the real Electron where the binary exists.

type Any = any;

const repo = join(import.meta.dirname, '..', '..');
// Inside the repo so that better-sqlite3 resolves from the repo's node_modules; .cache/ is git-ignored.
const work = join(repo, '.cache', `electron-wiring-${process.pid}`);
const data = mkdtempSync(join(tmpdir(), 'electron-wiring-data-'));
let fake: Any;
let win: Any;
const restoreEnv = process.env.GOV_REPORT_DATA_DIR;

function event(over: Record<string, unknown> = {}): Any {
  return { sender: win.webContents, senderFrame: win.webContents.mainFrame, ...over };
}
const invoke = (channel: string, ev: Any, ...args: unknown[]) => fake.ipc.get(channel)(ev, ...args);

before(async () => {
  mkdirSync(join(work, 'node_modules', 'electron'), { recursive: true });
  cpSync(join(import.meta.dirname, 'fixtures', 'fake-electron.cjs'), join(work, 'node_modules', 'electron', 'index.js'));
  mkdirSync(join(work, 'renderer'), { recursive: true });
  writeFileSync(join(work, 'renderer', 'index.html'), '<!doctype html><title>政府信息公开年报助手</title>');
  execFileSync(process.execPath, [join(repo, 'scripts', 'build-electron.mjs'), '--out-dir', join(work, 'electron')], { cwd: repo, stdio: 'pipe' });
  process.env.GOV_REPORT_DATA_DIR = data;
  const listeners = new Set(process.listeners('uncaughtException'));
  createRequire(import.meta.url)(join(work, 'electron', 'main.cjs'));
  // main.ts shows a dialog for uncaught errors; in this process the test runner must see them instead.
  for (const l of process.listeners('uncaughtException')) if (!listeners.has(l)) process.removeListener('uncaughtException', l);
  fake = (globalThis as Any).__fakeElectron;
  for (let i = 0; i < 100 && fake.windows.length === 0 && fake.errorBoxes.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
  assert.deepEqual(fake.errorBoxes, [], 'the app started without an error dialog');
  win = fake.windows[0];
});

after(() => {
  // Closes the core (and its SQLite file) the way quitting the app does.
  fake?.app.emit('will-quit');
  rmSync(work, { recursive: true, force: true });
  rmSync(data, { recursive: true, force: true });
  if (restoreEnv === undefined) delete process.env.GOV_REPORT_DATA_DIR;
  else process.env.GOV_REPORT_DATA_DIR = restoreEnv;
});

test('before ready: app:// privileged as standard+secure, sandbox for all, Chinese UI, profile in the data folder', () => {
  assert.equal(fake.readyBeforePrivileged, false);
  assert.equal(fake.privileged.length, 1);
  assert.equal(fake.privileged[0].scheme, 'app');
  assert.equal(fake.privileged[0].privileges.standard, true);
  assert.equal(fake.privileged[0].privileges.secure, true);
  // V8's code cache for the renderer's chunks: Chromium keeps it for custom schemes only when standard too
  assert.equal(fake.privileged[0].privileges.codeCache, true);
  assert.equal(fake.sandboxEnabled, true);
  assert.deepEqual(fake.switches, [['lang', 'zh-CN']]);
  assert.ok(fake.paths.userData.startsWith(data), fake.paths.userData);
  assert.ok(fake.calls.includes('requestSingleInstanceLock'));
});

test('one window, hardened, loading the app over app://', () => {
  assert.equal(fake.windows.length, 1);
  const p = win.options.webPreferences;
  assert.equal(p.contextIsolation, true);
  assert.equal(p.sandbox, true);
  assert.equal(p.nodeIntegration, false);
  assert.equal(p.nodeIntegrationInSubFrames, false);
  assert.equal(p.webSecurity, true);
  assert.equal(p.allowRunningInsecureContent, false);
  assert.equal(p.webviewTag, false);
  assert.equal(basename(p.preload), 'preload.cjs');
  assert.ok(existsSync(p.preload), 'the preload bundle sits beside main.cjs');
  assert.equal(win.loadedUrl, APP_ENTRY_URL);
  assert.equal(win.options.title, '政府信息公开年报助手');
});

test('the window appears on its first paint, never blank before it', () => {
  assert.equal(win.options.show, false, 'created hidden');
  assert.notEqual(win.visible, true, 'not shown before the page has painted');
  win.emit('ready-to-show');
  assert.equal(win.visible, true, 'shown on ready-to-show');
});

test('every webContents: no new windows, no navigation away, no webviews', () => {
  const wc = win.webContents;
  assert.deepEqual(wc.windowOpenHandler({ url: 'https://www.gov.cn/' }), { action: 'deny' });
  assert.deepEqual(wc.windowOpenHandler({ url: 'app://report/index.html' }), { action: 'deny' });
  const nav = (name: string, url: string) => {
    const e = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
    wc.emit(name, e, url);
    return e.defaultPrevented;
  };
  for (const name of ['will-navigate', 'will-redirect']) {
    assert.equal(nav(name, 'https://evil.example/'), true, name);
    assert.equal(nav(name, 'file:///etc/passwd'), true, name);
    assert.equal(nav(name, 'app://report/index.html#/x'), false, name);
  }
  const frameNav = (url: string) => {
    const e = { url, defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
    wc.emit('will-frame-navigate', e);
    return e.defaultPrevented;
  };
  assert.equal(frameNav('https://evil.example/'), true, 'will-frame-navigate');
  assert.equal(frameNav('app://report/index.html#/x'), false, 'will-frame-navigate');
  assert.equal(nav('will-attach-webview', 'app://report/'), true);
});

test('the session: permissions denied, remote requests cancelled, CSP on every response', () => {
  const asked: boolean[] = [];
  fake.permissionRequest(null, 'media', (ok: boolean) => asked.push(ok), { requestingUrl: APP_ENTRY_URL });
  fake.permissionRequest(null, 'geolocation', (ok: boolean) => asked.push(ok), { requestingUrl: APP_ENTRY_URL });
  assert.deepEqual(asked, [false, false]);
  assert.equal(fake.permissionCheck(null, 'notifications', 'app://report', { requestingUrl: APP_ENTRY_URL }), false);
  assert.equal(fake.devicePermission({}), false);
  const verdict = (url: string) => {
    let r: Any;
    fake.beforeRequest({ url }, (v: Any) => (r = v));
    return r.cancel;
  };
  assert.equal(verdict('https://cdn.example.com/x.js'), true);
  assert.equal(verdict('http://127.0.0.1:9/'), true);
  assert.equal(verdict('app://report/app.js'), false);
  let headers: Any;
  fake.headersReceived({ responseHeaders: { 'X-A': ['1'] } }, (v: Any) => (headers = v.responseHeaders));
  assert.deepEqual(headers['Content-Security-Policy'], [CONTENT_SECURITY_POLICY]);
  assert.deepEqual(headers['X-A'], ['1']);
});

test('app:// serves dist/renderer and nothing beside it', async () => {
  const handler = fake.protocolHandlers.get('app');
  const ok: Response = await handler(new Request('app://report/'));
  assert.equal(ok.status, 200);
  assert.match(await ok.text(), /政府信息公开年报助手/);
  assert.equal(ok.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
  for (const url of ['app://report/..%2felectron%2fmain.cjs', 'app://report/../electron/main.cjs', 'app://evil/']) {
    const r: Response = await handler(new Request(url));
    assert.ok(r.status === 403 || r.status === 404 || !(await r.text()).includes('require('), url);
  }
});

test('IPC: exactly the four channels', () => {
  assert.deepEqual([...fake.ipc.keys()].sort(), [CHANNELS.openFiles, CHANNELS.rpc, CHANNELS.saveFile, CHANNELS.showInFolder].sort());
});

test('rpc from our window reaches the real core', async () => {
  const info = await invoke(CHANNELS.rpc, event(), 'app.info', {});
  assert.equal(info.ok, true, JSON.stringify(info));
  assert.equal(info.value.mode, 'electron');
  assert.equal(info.value.version, '9.9.9-test');
  assert.ok(info.value.dbPath.startsWith(data), info.value.dbPath);
  const created = await invoke(CHANNELS.rpc, event(), 'agencies.create', { name: '抚顺市教育局', level: 'city-department' });
  assert.equal(created.ok, true, JSON.stringify(created));
  const bad = await invoke(CHANNELS.rpc, event(), 'agencies.create', { name: '', level: 'nowhere' });
  assert.equal(bad.ok, false);
  assert.equal(bad.error.code, 'invalid_input');
  const unknown = await invoke(CHANNELS.rpc, event(), 'db.dropAll', {});
  assert.equal(unknown.ok, false);
  assert.match(unknown.error.message, /[\u4e00-\u9fff]/);
});

test('zod speaks Chinese in the bundle, which carries its zh-CN locale only', async () => {
  const bad = await invoke(CHANNELS.rpc, event(), 'agencies.create', { name: '某某局', level: 'nowhere' });
  assert.equal(bad.error.code, 'invalid_input');
  assert.match(bad.error.message, /level：无效选项：期望以下之一/, bad.error.message);
  const bundle = readFileSync(join(work, 'electron', 'main.cjs'), 'utf8');
  assert.doesNotMatch(bundle, /עברית|Українська|Русский/, 'other locales are left out');
});

test('the export libraries are files of their own, required on the first workbook or .docx only', async () => {
  const loaded = (name: string) => Object.keys(createRequire(import.meta.url).cache).some((f) => f === join(work, 'electron', 'vendor', `${name}.cjs`));
  for (const name of ['exceljs', 'docx']) assert.ok(existsSync(join(work, 'electron', 'vendor', `${name}.cjs`)), `vendor/${name}.cjs beside main.cjs`);
  assert.ok(statSync(join(work, 'electron', 'main.cjs')).size < statSync(join(work, 'electron', 'vendor', 'exceljs.cjs')).size, 'exceljs is not inside main.cjs');
  // the start (an open database, a window, the rpc calls above) has not needed them
  assert.equal(loaded('exceljs'), false);
  assert.equal(loaded('docx'), false);
  const agency = await invoke(CHANNELS.rpc, event(), 'agencies.create', { name: '某某县统计局', level: 'county-department' });
  const report = await invoke(CHANNELS.rpc, event(), 'reports.create', { agencyId: agency.value.id, year: 2025 });
  assert.equal(report.ok, true, JSON.stringify(report));
  const docx = await invoke(CHANNELS.rpc, event(), 'reports.export', { id: report.value.id, kind: 'docx', force: true });
  assert.equal(docx.ok, true, JSON.stringify(docx).slice(0, 300));
  assert.equal(Buffer.from(docx.value.data, 'base64').subarray(0, 2).toString('latin1'), 'PK', 'a zip (.docx)');
  assert.equal(loaded('docx'), true, 'the first .docx required vendor/docx.cjs');
  assert.equal(loaded('exceljs'), false);
  const xlsx = await invoke(CHANNELS.rpc, event(), 'reports.export', { id: report.value.id, kind: 'xlsx', force: true });
  assert.equal(xlsx.ok, true, JSON.stringify(xlsx).slice(0, 300));
  assert.equal(Buffer.from(xlsx.value.data, 'base64').subarray(0, 2).toString('latin1'), 'PK', 'a zip (.xlsx)');
  assert.equal(loaded('exceljs'), true, 'the first workbook required vendor/exceljs.cjs');
});

test('rpc from anyone else is refused before the core sees it', async () => {
  const other = { ...win.webContents, mainFrame: win.webContents.mainFrame };
  const iframe = { processId: win.webContents.mainFrame.processId, routingId: 7, parent: win.webContents.mainFrame, url: APP_ENTRY_URL };
  const foreign = { processId: win.webContents.mainFrame.processId, routingId: 1, parent: null, url: 'https://evil.example/' };
  const untrusted = [event({ sender: other }), event({ senderFrame: iframe }), event({ senderFrame: foreign }), event({ senderFrame: null })];
  for (const ev of untrusted) {
    const r = await invoke(CHANNELS.rpc, ev, 'agencies.create', { name: '不该出现的机关', level: 'county' });
    assert.equal(r.ok, false);
    for (const channel of [CHANNELS.saveFile, CHANNELS.openFiles, CHANNELS.showInFolder]) {
      assert.equal((await invoke(channel, ev, 'x', 'y')).ok, false, channel);
    }
  }
  const list = await invoke(CHANNELS.rpc, event(), 'agencies.list', {});
  assert.ok(!JSON.stringify(list.value).includes('不该出现的机关'));
});

test('saveFile: native dialog with a bare suggested name, bytes written, folder revealable', async () => {
  const target = join(data, 'exports', '报告.docx');
  mkdirSync(join(data, 'exports'), { recursive: true });
  fake.nextSavePath = null;
  assert.deepEqual(await invoke(CHANNELS.saveFile, event(), '报告.docx', 'UEsDBA=='), { ok: true, value: null }, 'cancelled');
  fake.nextSavePath = target;
  const r = await invoke(CHANNELS.saveFile, event(), '../../etc/报告.docx', Buffer.from('PK新').toString('base64'));
  assert.deepEqual(r, { ok: true, value: target });
  assert.equal(readFileSync(target, 'utf8'), 'PK新');
  const [, options] = fake.dialogs.filter((d: Any) => d[0] === 'save').at(-1);
  assert.equal(basename(options.defaultPath), '报告.docx');
  assert.equal(options.title, '保存文件');
  assert.deepEqual(options.filters[0], { name: 'Word 文档', extensions: ['docx'] });
  assert.equal((await invoke(CHANNELS.saveFile, event(), '报告.docx', '%%%')).ok, false, 'not base64');
  assert.deepEqual(await invoke(CHANNELS.showInFolder, event(), target), { ok: true, value: undefined });
  assert.deepEqual(fake.shown, [target]);
  const refused = await invoke(CHANNELS.showInFolder, event(), '/etc/passwd');
  assert.equal(refused.ok, false);
  assert.match(refused.error.message, /只能打开本程序保存的文件/);
});

test('openFiles: native dialog, name and base64 back; bad filters refused', async () => {
  const file = join(data, '2024年报.txt');
  writeFileSync(file, '二、主动公开政府信息情况');
  fake.nextOpenPaths = [file];
  const r = await invoke(CHANNELS.openFiles, event(), [{ name: '文本', extensions: ['txt'] }], false);
  assert.equal(r.ok, true, JSON.stringify(r));
  assert.equal(r.value[0].fileName, '2024年报.txt');
  assert.equal(Buffer.from(r.value[0].data, 'base64').toString('utf8'), '二、主动公开政府信息情况');
  const [, options] = fake.dialogs.filter((d: Any) => d[0] === 'open').at(-1);
  assert.deepEqual(options.properties, ['openFile']);
  const bad = await invoke(CHANNELS.openFiles, event(), [{ name: 'x', extensions: ['../../x'] }], false);
  assert.equal(bad.ok, false);
  assert.equal(bad.error.code, 'invalid_input');
});

test('menu: page commands go to the page; about, data folder and backup are handled natively', async () => {
  const find = (label: RegExp): Any => {
    for (const top of fake.menuTemplate) for (const item of top.submenu ?? []) if (label.test(item.label ?? '')) return item;
    assert.fail(`no menu item ${label}`);
  };
  find(/^导出/).click();
  find(/^新建/).click();
  assert.deepEqual(win.webContents.sent, [
    [CHANNELS.menu, 'export'],
    [CHANNELS.menu, 'new'],
  ]);
  find(/数据文件夹/).click();
  find(/备份/).click();
  find(/^关于/).click();
  const messagesShown = () => fake.dialogs.filter((d: Any) => d[0] === 'message').map((d: Any) => d[1].message);
  for (let i = 0; i < 250 && messagesShown().length < 2 && fake.errorBoxes.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
  assert.deepEqual(fake.opened, [data]);
  const messages = messagesShown();
  assert.ok(messages.includes('备份完成'), JSON.stringify(messages));
  assert.ok(messages.includes('政府信息公开年报助手'));
  assert.deepEqual(fake.errorBoxes, []);
  assert.equal(win.webContents.sent.length, 2, 'native commands are not forwarded');
});

test('a close held by a pending autosave asks in Chinese; 返回 keeps the window, 仍然关闭 closes it', () => {
  const hold = (response: number) => {
    fake.nextMessageResponse = response;
    const e = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
    win.webContents.emit('will-prevent-unload', e);
    return e.defaultPrevented;
  };
  assert.equal(hold(0), false, '返回: the page keeps its beforeunload veto');
  assert.equal(hold(1), true, '仍然关闭: the veto is overridden');
  const [, options] = fake.dialogs.filter((d: Any) => d[0] === 'messageSync').at(-1);
  assert.deepEqual(options.buttons, ['返回', '仍然关闭']);
  assert.equal(options.cancelId, 0);
});

test('closing the window remembers its bounds in the data folder', () => {
  win.bounds = { x: 40, y: 30, width: 1280, height: 800 };
  win.emit('close');
  const saved = JSON.parse(readFileSync(join(data, 'window-state.json'), 'utf8'));
  assert.deepEqual(saved, { x: 40, y: 30, width: 1280, height: 800, maximized: false, fullScreen: false });
});

test('reports.import reads a PDF in the import worker the bundle starts beside itself (import-worker.cjs, pdf.js inside)', { skip: !SOFFICE && 'LibreOffice is not installed', timeout: 300_000 }, async () => {
  assert.ok(existsSync(join(work, 'electron', 'import-worker.cjs')), 'built beside main.cjs');
  const clean = loadExchange('2025-clean.json');
  const pdf = await pdfViaLibreOffice(clean);
  const r = await invoke(CHANNELS.rpc, event(), 'reports.import', { fileName: '年报.pdf', data: Buffer.from(pdf).toString('base64'), dryRun: true });
  assert.equal(r.ok, true, JSON.stringify(r).slice(0, 300));
  assert.equal(r.value.importReport.source, 'pdf');
  assert.ok(r.value.importReport.matched > 100, `${r.value.importReport.matched} cells`);
  assert.equal(r.value.parsed.agency.name, clean.agency.name);
  // pdf.js never ran in this (the main) thread: it sets these globals where it is loaded
  assert.equal((globalThis as Any).pdfjsLib, undefined);
  assert.equal((globalThis as Any).pdfjsWorker, undefined);
});
