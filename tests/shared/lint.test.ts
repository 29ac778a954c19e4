import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { ESLint } from 'eslint';

// The environment boundaries of the architecture guide, as the linter enforces them: each forbidden import
// in the folder where it is forbidden is an error; the same import where it belongs is not.
const root = join(import.meta.dirname, '..', '..');

test('the lint rules refuse imports across the environment boundaries', { timeout: 120_000 }, async () => {
  const eslint = new ESLint({ cwd: root });
  const errorsOf = async (code: string, file: string) => {
    const [result] = await eslint.lintText(code, { filePath: join(root, file) });
    return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
  };
  const cases: [string, string, RegExp | null][] = [
    ["import { app } from 'electron';\nexport const a = app;\n", 'src/shared/x.ts', /electron/],
    ["import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n", 'src/shared/x.ts', /Node 模块/],
    ["import Database from 'better-sqlite3';\nexport const d = Database;\n", 'src/shared/x.ts', /核心/],
    ["import { openCore } from '../main/services/core';\nexport const o = openCore;\n", 'src/renderer/x.ts', /src\/main/],
    ["import { ipcRenderer } from 'electron';\nexport const i = ipcRenderer;\n", 'src/renderer/x.ts', /electron/],
    ["import { app } from 'electron';\nexport const a = app;\n", 'src/main/services/x.ts', /electron/],
    ["import { app } from 'electron';\nexport const a = app;\n", 'src/main/electron/x.ts', null],
    ["import { ipcRenderer } from 'electron';\nexport const i = ipcRenderer;\n", 'src/preload/x.ts', null],
    ["import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n", 'src/main/services/x.ts', null],
  ];
  for (const [code, file, expected] of cases) {
    const errors = await errorsOf(code, file);
    if (expected) assert.ok(errors.some((m) => expected.test(m)), `${file}: ${code.split('\n')[0]} → ${JSON.stringify(errors)}`);
    else assert.deepEqual(errors, [], `${file}: ${code.split('\n')[0]}`);
  }
});
