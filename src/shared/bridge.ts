/**
 * What the Electron preload exposes to the renderer as `window.govReport`. In browser mode it is absent
 * and the renderer talks HTTP instead; the same `send` contract either way.
 */
import type { MethodName } from './api';

export type MenuCommand = 'new' | 'open' | 'import' | 'export' | 'settings' | 'backup' | 'about' | 'dataFolder';

export interface DesktopBridge {
  /** Calls a service method; resolves with `{ ok, value }` or `{ ok: false, error: { code, message } }`. */
  send(name: MethodName, input: unknown): Promise<{ ok: true; value: unknown } | { ok: false; error: { code: string; message: string } }>;
  /** Shows a native save dialog and writes the file; resolves with the saved path, or null when cancelled. */
  saveFile(suggestedName: string, base64: string): Promise<string | null>;
  /** Shows a native open dialog; resolves with the chosen files' names and contents (base64). */
  openFiles(filters: { name: string; extensions: string[] }[], multiple: boolean): Promise<{ fileName: string; data: string }[]>;
  /** Reveals a saved file in the system file manager. */
  showInFolder(path: string): Promise<void>;
  /** Subscribes to application-menu commands; returns an unsubscribe function. */
  onMenu(listener: (command: MenuCommand) => void): () => void;
}

export const BRIDGE_KEY = 'govReport';
