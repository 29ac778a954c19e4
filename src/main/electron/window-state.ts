/**
 * The window's size and position, remembered in a small JSON file in the data folder. The file is
 * advisory: anything unreadable or off-screen falls back to a centred default.
 */
import '../../shared/zod-setup';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import * as z from 'zod';

export const WINDOW_STATE_FILE = 'window-state.json';

/** Fits a 1366×768 office screen (minus the taskbar) and shows table 三 whole on 1920×1080. */
export const DEFAULT_SIZE = { width: 1360, height: 860 } as const;
export const MIN_SIZE = { width: 1000, height: 640 } as const;

const Px = z.number().int().min(-100_000).max(100_000);

export const WindowState = z.object({
  x: Px.optional(),
  y: Px.optional(),
  width: z.number().int().min(MIN_SIZE.width).max(20_000),
  height: z.number().int().min(MIN_SIZE.height).max(20_000),
  maximized: z.boolean().default(false),
  fullScreen: z.boolean().default(false),
});
export type WindowState = z.output<typeof WindowState>;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export function readWindowState(file: string): WindowState | null {
  try {
    const r = WindowState.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

/** Written through a temporary file so that a crash mid-write leaves the old state, not half a JSON. */
export function writeWindowState(file: string, state: WindowState): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(WindowState.parse(state), null, 2));
  renameSync(tmp, file);
}

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/**
 * Where to open the window: the saved bounds when their title bar area is still on some display (a laptop
 * unplugged from its second monitor must not open the window off-screen), shrunk to fit that display;
 * otherwise the default size centred on the primary display.
 */
export function initialBounds(saved: WindowState | null, workAreas: readonly Rect[]): Rect & Pick<WindowState, 'maximized' | 'fullScreen'> {
  const primary = workAreas[0] ?? { x: 0, y: 0, ...DEFAULT_SIZE };
  const centred = (width: number, height: number, area: Rect): Rect => {
    const w = Math.min(width, area.width);
    const h = Math.min(height, area.height);
    return { x: area.x + Math.round((area.width - w) / 2), y: area.y + Math.round((area.height - h) / 2), width: w, height: h };
  };
  const flags = { maximized: saved?.maximized ?? false, fullScreen: saved?.fullScreen ?? false };
  if (!saved) return { ...centred(DEFAULT_SIZE.width, DEFAULT_SIZE.height, primary), ...flags };
  if (saved.x === undefined || saved.y === undefined) return { ...centred(saved.width, saved.height, primary), ...flags };
  const titleBar: Rect = { x: saved.x, y: saved.y, width: saved.width, height: 40 };
  const area = workAreas.find((a) => overlap(a, titleBar) >= Math.min(100 * 40, titleBar.width * titleBar.height) / 2);
  if (!area) return { ...centred(saved.width, saved.height, primary), ...flags };
  const width = Math.min(saved.width, area.width);
  const height = Math.min(saved.height, area.height);
  const x = Math.min(Math.max(saved.x, area.x), area.x + area.width - width);
  const y = Math.min(Math.max(saved.y, area.y), area.y + area.height - height);
  return { x, y, width, height, ...flags };
}
