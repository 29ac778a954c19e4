/** Where the app is (kept in the address's hash) and the menu commands the screens act on. */
import type { MenuCommand } from '../shared/bridge';
import type { View } from './editor/parts';

/** In the editor, the part or panel on screen (s1…s6, checks, preview, history); absent in older addresses. */
export type Page = { name: 'home' } | { name: 'editor'; id: number; view?: View } | { name: 'trash' } | { name: 'aggregate' } | { name: 'audit' };

/** The page lives in the address's hash, so a reload (or the back button) returns to it. */
export function pageFromHash(hash: string): Page {
  const m = /^#\/report\/(\d+)(?:\/(s\d|checks|preview|history))?$/.exec(hash);
  if (m) return m[2] ? { name: 'editor', id: Number(m[1]), view: m[2] as View } : { name: 'editor', id: Number(m[1]) };
  if (hash === '#/trash') return { name: 'trash' };
  if (hash === '#/aggregate') return { name: 'aggregate' };
  if (hash === '#/audit') return { name: 'audit' };
  return { name: 'home' };
}

export function hashOf(page: Page): string {
  if (page.name === 'editor') return page.view ? `#/report/${page.id}/${page.view}` : `#/report/${page.id}`;
  return page.name === 'home' ? '#/' : `#/${page.name}`;
}

/**
 * A menu command with a serial, so the same command twice is seen twice. The screen that acts on it
 * marks it handled, so a screen mounted later does not act on it again.
 */
export interface MenuEvent {
  command: MenuCommand;
  serial: number;
  handled: boolean;
}

/** Takes a menu event for the caller when it is one of `commands` and still unhandled. */
export function takeMenu(menu: MenuEvent | null, commands: readonly MenuCommand[]): MenuCommand | null {
  if (!menu || menu.handled || !commands.includes(menu.command)) return null;
  menu.handled = true;
  return menu.command;
}
