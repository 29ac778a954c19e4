/**
 * IPC channel names and the menu commands, shared by main and preload. No imports with side effects:
 * the sandboxed preload bundles this file and must stay tiny.
 */
import type { MenuCommand } from '../../shared/bridge';

export const CHANNELS = {
  /** renderer → main: one service call, answered by core.dispatch. */
  rpc: 'rpc',
  saveFile: 'bridge:saveFile',
  openFiles: 'bridge:openFiles',
  showInFolder: 'bridge:showInFolder',
  /** main → renderer: an application-menu command. */
  menu: 'menu',
} as const;

export const MENU_COMMANDS = ['new', 'open', 'import', 'export', 'settings', 'backup', 'about', 'dataFolder'] as const satisfies readonly MenuCommand[];

// Fails to compile when bridge.ts gains a command this list lacks.
type Missing = Exclude<MenuCommand, (typeof MENU_COMMANDS)[number]>;
const everyCommandListed: [Missing] extends [never] ? true : Missing = true;
void everyCommandListed;

export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value);
}

/** What the bridge handlers answer: never a thrown Error across IPC (its message would be mangled). */
export type BridgeResult<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };
