/**
 * The only bridge between the page and the main process: the typed DesktopBridge, nothing else.
 * No ipcRenderer, no event objects and no Node values reach the page; runs sandboxed.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_KEY, type DesktopBridge, type MenuCommand } from '../shared/bridge';
import { CHANNELS, isMenuCommand, type BridgeResult } from '../main/electron/channels';

/** Bridge handlers answer with a result envelope; the page sees a value or an Error with the Chinese message. */
async function call<T>(channel: string, ...args: unknown[]): Promise<T> {
  const result = (await ipcRenderer.invoke(channel, ...args)) as BridgeResult<T>;
  if (result.ok) return result.value;
  throw Object.assign(new Error(result.error.message), { code: result.error.code });
}

const bridge: DesktopBridge = {
  send: (name, input) => ipcRenderer.invoke(CHANNELS.rpc, name, input),
  saveFile: (suggestedName, base64) => call<string | null>(CHANNELS.saveFile, suggestedName, base64),
  openFiles: (filters, multiple) => call<{ fileName: string; data: string }[]>(CHANNELS.openFiles, filters, multiple),
  showInFolder: (path) => call<void>(CHANNELS.showInFolder, path),
  onMenu(listener) {
    if (typeof listener !== 'function') throw new TypeError('onMenu 需要一个函数');
    const handler = (_event: unknown, command: unknown) => {
      if (isMenuCommand(command)) listener(command as MenuCommand);
    };
    ipcRenderer.on(CHANNELS.menu, handler);
    return () => {
      ipcRenderer.removeListener(CHANNELS.menu, handler);
    };
  },
};

contextBridge.exposeInMainWorld(BRIDGE_KEY, bridge);
