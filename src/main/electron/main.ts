/**
 * The Electron main process: one hardened window showing dist/renderer over app://, one RPC channel to
 * the core, native dialogs for files. Every decision lives in the pure modules beside this one; this file
 * only wires them into Electron (it cannot run without the Electron binary).
 */
import {
  BrowserWindow,
  Menu,
  app,
  dialog,
  ipcMain,
  protocol,
  screen,
  session,
  shell,
  type IpcMainInvokeEvent,
  type Session,
  type WebContents,
} from 'electron';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { MenuCommand } from '../../shared/bridge';
import { AppError } from '../../shared/errors';
import { defaultDataDir, defaultDbPath } from '../paths';
import type { Core } from '../services/core';
import { openAppCore } from '../services/recovery-core';
import { createAppRequestHandler } from './app-protocol';
import { parseShellArgs } from './args';
import { readPickedFiles, saveFilters, writeExportFile } from './bridge-files';
import { CHANNELS, type BridgeResult } from './channels';
import { OpenFilesRequest, RpcRequest, SaveFileRequest, ShowInFolderRequest, canReveal, parseIpc, safeFileName } from './ipc-schemas';
import { menuTemplate } from './menu';
import {
  APP_ENTRY_URL,
  APP_SCHEME,
  CONTENT_SECURITY_POLICY,
  isAllowedNavigation,
  isAllowedRequest,
  isPermissionAllowed,
  isTrustedSender,
} from './security';
import { MIN_SIZE, WINDOW_STATE_FILE, initialBounds, readWindowState, writeWindowState, type WindowState } from './window-state';

const PRODUCT_NAME = '政府信息公开年报助手';

// Before `ready`: the scheme must be privileged as standard+secure for origin checks, fetch and storage,
// and with codeCache so V8 keeps the compiled renderer between starts (Chromium does so only for http(s)
// by default): the second start skips compiling the chunks.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true } },
]);
app.enableSandbox();
app.commandLine.appendSwitch('lang', 'zh-CN');
app.setName(PRODUCT_NAME);
// Taskbar grouping and notifications on Windows are keyed by the installer's appId.
if (process.platform === 'win32') app.setAppUserModelId('cn.gov.report.assistant');

const isDev = !app.isPackaged;
const dataDir = defaultDataDir();
// Chromium's own profile (caches, single-instance lock) goes beside the database, not in a second folder.
app.setPath('userData', join(dataDir, 'electron'));

const rendererDir = join(__dirname, '..', 'renderer');
const preloadPath = join(__dirname, 'preload.cjs');
const iconPath = join(__dirname, '..', '..', 'assets', 'icon.png');
const stateFile = join(dataDir, WINDOW_STATE_FILE);
const shellArgs = parseShellArgs(process.argv.slice(app.isPackaged ? 1 : 2), process.cwd());

let core: Core | null = null;
let mainWindow: BrowserWindow | null = null;
/** Files written through the save dialog in this session: the only ones "打开所在文件夹" may reveal. */
const savedPaths = new Set<string>();

/** The folders whose contents "打开所在文件夹" may show: the data folder and the database's own folder. */
function appDirs(): string[] {
  return shellArgs.dbPath ? [dataDir, dirname(shellArgs.dbPath)] : [dataDir];
}

function fail(error: unknown): { ok: false; error: { code: string; message: string } } {
  if (error instanceof AppError) return { ok: false, error: { code: error.code, message: error.message } };
  console.error(error);
  return { ok: false, error: { code: 'internal', message: `操作失败：${error instanceof Error ? error.message : String(error)}` } };
}

function senderIsTrusted(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  const wc = mainWindow?.webContents;
  if (!frame || !wc || wc.isDestroyed()) return false;
  return isTrustedSender({
    frameUrl: frame.url,
    isMainFrame: frame.parent === null && frame.processId === wc.mainFrame.processId && frame.routingId === wc.mainFrame.routingId,
    fromMainWindow: event.sender === wc,
  });
}

/** One handler per channel: sender check first, then the zod-validated arguments, never a thrown error. */
function handle<T>(channel: string, run: (args: unknown[]) => Promise<T>): void {
  ipcMain.handle(channel, async (event, ...args: unknown[]): Promise<BridgeResult<T>> => {
    if (!senderIsTrusted(event)) return { ok: false, error: { code: 'invalid_input', message: '拒绝了来自未知页面的请求。' } };
    try {
      return { ok: true, value: await run(args) };
    } catch (e) {
      return fail(e);
    }
  });
}

function registerIpc(c: Core): void {
  ipcMain.handle(CHANNELS.rpc, async (event, ...args: unknown[]) => {
    if (!senderIsTrusted(event)) return { ok: false, error: { code: 'invalid_input', message: '拒绝了来自未知页面的请求。' } };
    try {
      const [name, input] = parseIpc(RpcRequest, args, '请求');
      return await c.dispatch(name, input);
    } catch (e) {
      return fail(e);
    }
  });

  handle(CHANNELS.saveFile, async (args) => {
    const [suggested, base64] = parseIpc(SaveFileRequest, args, '保存请求');
    const name = safeFileName(suggested);
    const options = { title: '保存文件', buttonLabel: '保存', defaultPath: join(app.getPath('documents'), name), filters: saveFilters(name) };
    const r = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
    if (r.canceled || !r.filePath) return null;
    await writeExportFile(r.filePath, base64);
    savedPaths.add(r.filePath);
    return r.filePath;
  });

  handle(CHANNELS.openFiles, async (args) => {
    const [filters, multiple] = parseIpc(OpenFilesRequest, args, '打开请求');
    const options: Electron.OpenDialogOptions = {
      title: '选择文件',
      buttonLabel: '打开',
      filters,
      properties: multiple ? ['openFile', 'multiSelections'] : ['openFile'],
    };
    const r = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
    if (r.canceled) return [];
    return readPickedFiles(r.filePaths);
  });

  handle(CHANNELS.showInFolder, async (args) => {
    const [path] = parseIpc(ShowInFolderRequest, args, '路径');
    if (!canReveal(path, savedPaths, appDirs())) throw new AppError('invalid_input', '只能打开本程序保存的文件所在的文件夹。');
    shell.showItemInFolder(path);
  });
}

async function showInfo(message: string, detail: string): Promise<void> {
  const options = { type: 'info' as const, title: PRODUCT_NAME, message, detail, buttons: ['确定'], noLink: true };
  if (mainWindow) await dialog.showMessageBox(mainWindow, options);
  else await dialog.showMessageBox(options);
}

/** about, dataFolder and backup are native by nature; the rest concerns the page and goes to it. */
async function onMenuCommand(command: MenuCommand): Promise<void> {
  switch (command) {
    case 'about':
      return showInfo(PRODUCT_NAME, `版本 ${app.getVersion()}\n按国办公开办函〔2021〕30号格式起草、核对、导出政府信息公开工作年度报告。\n\n数据文件夹：${dataDir}`);
    case 'dataFolder': {
      mkdirSync(dataDir, { recursive: true });
      const error = await shell.openPath(dataDir);
      if (error) dialog.showErrorBox('无法打开数据文件夹', `${dataDir}\n${error}`);
      return;
    }
    case 'backup': {
      if (!core) return;
      const r = await core.dispatch('backups.create', {});
      if (r.ok) return showInfo('备份完成', `已备份到数据文件夹的 backups 目录：\n${(r.value as { name: string }).name}`);
      dialog.showErrorBox('备份失败', r.error.message);
      return;
    }
    default:
      mainWindow?.webContents.send(CHANNELS.menu, command);
  }
}

function hardenSession(ses: Session): void {
  ses.setPermissionRequestHandler((_wc, permission, callback, details) => callback(isPermissionAllowed(permission, details.requestingUrl)));
  ses.setPermissionCheckHandler((_wc, permission, requestingOrigin, details) =>
    isPermissionAllowed(permission, details.requestingUrl ?? requestingOrigin),
  );
  ses.setDevicePermissionHandler(() => false);
  // No remote content, whatever the page tries: every request outside app://, data: and blob: is cancelled.
  ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedRequest(details.url) }));
  ses.webRequest.onHeadersReceived((details, callback) =>
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } }),
  );
}

/** Applied to every webContents ever created (the window, and anything a bug might open). */
function hardenContents(contents: WebContents): void {
  // The app is offline and links nowhere: no new windows, and nothing handed to the system browser either.
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAllowedNavigation(url)) event.preventDefault();
  });
  // will-navigate sees only the main frame; a sub-frame navigating elsewhere is stopped here
  contents.on('will-frame-navigate', (event) => {
    if (!isAllowedNavigation(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

function currentState(win: BrowserWindow): WindowState {
  const b = win.getNormalBounds();
  return { x: b.x, y: b.y, width: Math.max(b.width, MIN_SIZE.width), height: Math.max(b.height, MIN_SIZE.height), maximized: win.isMaximized(), fullScreen: win.isFullScreen() };
}

function rememberState(win: BrowserWindow): void {
  let timer: NodeJS.Timeout | null = null;
  const save = () => {
    try {
      if (!win.isDestroyed()) writeWindowState(stateFile, currentState(win));
    } catch (e) {
      console.warn('窗口位置未能保存', e);
    }
  };
  const later = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, 500);
  };
  for (const e of ['resize', 'move', 'maximize', 'unmaximize', 'enter-full-screen', 'leave-full-screen'] as const) win.on(e as 'resize', later);
  win.on('close', () => {
    if (timer) clearTimeout(timer);
    save();
  });
}

function createWindow(): BrowserWindow {
  const primary = screen.getPrimaryDisplay();
  const areas = [primary, ...screen.getAllDisplays().filter((d) => d.id !== primary.id)].map((d) => d.workArea);
  const bounds = initialBounds(readWindowState(stateFile), areas);
  const win = new BrowserWindow({
    x: bounds.x,
    y: bounds.y,
    width: bounds.width,
    height: bounds.height,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    // Shown on ready-to-show, i.e. after the first paint, which is the app's frame that index.html draws
    // before any script runs: never a blank window, however slow the PC is at evaluating the renderer.
    show: false,
    title: PRODUCT_NAME,
    icon: iconPath,
    // the page's own background, for the moments before a repaint (resizing)
    backgroundColor: '#f4f6f9',
    webPreferences: {
      // Reviewed: the preload exposes only the typed DesktopBridge (tests/electron/preload.test.ts checks its surface).
      preload: preloadPath, // eng-disable PRELOAD_JS_CHECK
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      // Middle-click must not open links in new windows either.
      disableBlinkFeatures: 'Auxclick',
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: isDev,
    },
  });
  if (bounds.maximized) win.maximize();
  if (bounds.fullScreen) win.setFullScreen(true);
  rememberState(win);
  win.once('ready-to-show', () => win.show());
  // The page holds the close (beforeunload) while an autosave is still in flight; let the user decide, in Chinese.
  win.webContents.on('will-prevent-unload', (event) => {
    const choice = dialog.showMessageBoxSync(win, {
      type: 'warning',
      title: PRODUCT_NAME,
      message: '最后的修改还在保存',
      detail: '请稍等片刻再关闭，以免丢失刚才输入的内容。',
      buttons: ['返回', '仍然关闭'],
      defaultId: 0,
      cancelId: 0,
      noLink: true,
    });
    if (choice === 1) event.preventDefault();
  });
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  void win.loadURL(APP_ENTRY_URL);
  return win;
}

function focusMainWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

async function start(): Promise<void> {
  try {
    mkdirSync(dataDir, { recursive: true });
    // a damaged, emptied or newer file opens the window on the recovery screen instead of stopping here
    core = shellArgs.dbPath
      ? openAppCore({ dbPath: shellArgs.dbPath, mode: 'electron', version: app.getVersion() })
      : openAppCore({ dbPath: defaultDbPath(), backupDir: join(dataDir, 'backups'), mode: 'electron', version: app.getVersion() });
  } catch (e) {
    dialog.showErrorBox('无法打开数据库', e instanceof Error ? e.message : String(e));
    app.quit();
    return;
  }
  hardenSession(session.defaultSession);
  protocol.handle(APP_SCHEME, createAppRequestHandler(rendererDir));
  const onCommand = (c: MenuCommand) => void onMenuCommand(c).catch((e) => dialog.showErrorBox(PRODUCT_NAME, fail(e).error.message));
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate({ isDev, platform: process.platform, productName: PRODUCT_NAME }, onCommand)));
  registerIpc(core);
  mainWindow = createWindow();
}

process.on('uncaughtException', (e) => {
  console.error(e);
  dialog.showErrorBox('程序出错', `${e instanceof Error ? e.message : String(e)}\n\n您的数据已自动保存。如问题反复出现，请重新启动本程序。`);
});

if (!app.requestSingleInstanceLock()) {
  // Another window already has the database open: hand over to it (it focuses itself) and leave.
  app.quit();
} else {
  app.on('second-instance', focusMainWindow);
  app.on('web-contents-created', (_event, contents) => hardenContents(contents));
  app.on('window-all-closed', () => app.quit());
  app.on('activate', () => {
    if (core && !mainWindow) mainWindow = createWindow();
  });
  app.on('will-quit', () => {
    core?.close();
    core = null;
  });
  app.whenReady().then(start, (e) => {
    dialog.showErrorBox('无法启动', e instanceof Error ? e.message : String(e));
    app.quit();
  });
}
