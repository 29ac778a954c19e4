import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { DEFAULT_SIZE, MIN_SIZE, initialBounds, readWindowState, writeWindowState, type Rect } from '../../src/main/electron/window-state';

const dir = mkdtempSync(join(tmpdir(), 'window-state-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const laptop: Rect = { x: 0, y: 0, width: 1366, height: 728 };
const external: Rect = { x: 1366, y: 0, width: 1920, height: 1040 };

test('the state round-trips through a JSON file in the data folder', () => {
  const file = join(dir, 'sub', 'window-state.json');
  const state = { x: 10, y: 20, width: 1200, height: 700, maximized: true, fullScreen: false };
  writeWindowState(file, state);
  assert.deepEqual(readWindowState(file), state);
  assert.deepEqual(readdirSync(join(dir, 'sub')), ['window-state.json'], 'no temporary file left');
});

test('a missing, corrupt or absurd file is ignored', () => {
  assert.equal(readWindowState(join(dir, 'none.json')), null);
  const bad = join(dir, 'bad.json');
  for (const text of ['{', '[]', '{"width":"wide","height":700}', '{"width":10,"height":10}', '{"width":1e9,"height":700}']) {
    writeFileSync(bad, text);
    assert.equal(readWindowState(bad), null, text);
  }
  assert.throws(() => writeWindowState(join(dir, 'x.json'), { width: 5, height: 5, maximized: false, fullScreen: false }));
});

test('first start: the default size centred on the primary display, shrunk to fit', () => {
  const b = initialBounds(null, [external, laptop]);
  assert.deepEqual(b, { x: 1366 + (1920 - DEFAULT_SIZE.width) / 2, y: (1040 - DEFAULT_SIZE.height) / 2, width: DEFAULT_SIZE.width, height: DEFAULT_SIZE.height, maximized: false, fullScreen: false });
  const small = initialBounds(null, [laptop]);
  assert.equal(small.height, 728);
  assert.equal(small.y, 0);
});

test('saved bounds on a display are kept', () => {
  const saved = { x: 1500, y: 50, width: 1400, height: 900, maximized: false, fullScreen: false };
  assert.deepEqual(initialBounds(saved, [laptop, external]), saved);
});

test('a window left on a monitor that is gone comes back centred on the primary one', () => {
  const saved = { x: 1500, y: 50, width: 1400, height: 900, maximized: true, fullScreen: false };
  const b = initialBounds(saved, [laptop]);
  assert.ok(b.x >= 0 && b.x + b.width <= 1366 && b.y >= 0 && b.y + b.height <= 728, JSON.stringify(b));
  assert.equal(b.maximized, true);
});

test('a window hanging over an edge is pulled back and shrunk onto its display', () => {
  const b = initialBounds({ x: 1000, y: -5, width: 1900, height: 2000, maximized: false, fullScreen: false }, [laptop, external]);
  assert.ok(b.width <= 1366 && b.height <= 728, JSON.stringify(b));
  assert.ok(b.x >= 0 && b.x + b.width <= 1366 && b.y >= 0, JSON.stringify(b));
  assert.ok(MIN_SIZE.width <= 1366);
});
