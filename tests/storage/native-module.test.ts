import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { isNativeModuleLoadError, nativeModuleError } from '../../src/main/storage/native-module';

// What `electron-builder install-app-deps` leaves offline: better-sqlite3 without its build folder. The real
// loader error is turned into the Chinese instruction to rebuild.
test('a better-sqlite3 without its compiled module: the loader error becomes "run npm rebuild better-sqlite3"', () => {
  const repo = join(import.meta.dirname, '..', '..');
  const dir = mkdtempSync(join(tmpdir(), 'no-bindings-'));
  try {
    for (const m of ['bindings', 'file-uri-to-path']) cpSync(join(repo, 'node_modules', m), join(dir, 'node_modules', m), { recursive: true });
    for (const f of ['package.json', 'lib']) cpSync(join(repo, 'node_modules', 'better-sqlite3', f), join(dir, 'node_modules', 'better-sqlite3', f), { recursive: true });
    const Database = createRequire(join(dir, 'index.js'))('better-sqlite3') as new (p: string) => unknown;
    let error: unknown;
    try {
      new Database(':memory:');
    } catch (e) {
      error = e;
    }
    assert.match((error as Error).message, /Could not locate the bindings file/);
    assert.ok(isNativeModuleLoadError(error));
    const appError = nativeModuleError(error);
    assert.equal(appError.code, 'internal');
    assert.match(appError.message, /^无法加载 SQLite 模块（better-sqlite3）/);
    assert.match(appError.message, /npm rebuild better-sqlite3/);
    assert.ok(!/[A-Z][a-z]+ [a-z]+ the bindings/.test(appError.message), 'no English loader text in the message');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  assert.ok(isNativeModuleLoadError(new Error("The module 'x.node' was compiled against a different Node.js version using NODE_MODULE_VERSION 150.")));
  assert.ok(!isNativeModuleLoadError(new Error('SQLITE_BUSY: database is locked')));
});
