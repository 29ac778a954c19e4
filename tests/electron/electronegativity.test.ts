import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

// Electronegativity (Doyensec's static scanner for Electron apps) over the shell's own source: the main
// process (src/main/electron) and the preload (src/preload). Fails on any HIGH or MEDIUM finding.
// Excluded: AvailableSecurityFixesGlobalCheck, the one check that asks the network for Electron releases
// (this build is offline; keeping Electron current is the release job's business, not a unit test's).
// Inline `eng-disable` comments in the source carry their own justification next to the line.

interface Issue {
  id: string;
  file: string;
  location: { line: number; column: number };
  severity: { name: string; value: number };
  confidence: { name: string };
  description: string;
  manualReview: boolean;
}
interface Result {
  globalChecks: number;
  atomicChecks: number;
  errors: { file: string; message: string; tolerable: boolean }[];
  issues: Issue[];
}

const repo = join(import.meta.dirname, '..', '..');
const require = createRequire(import.meta.url);
const run = require('@doyensec/electronegativity') as (options: Record<string, unknown>) => Promise<Result>;
const electronVersion = (JSON.parse(readFileSync(join(repo, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version;
const EXCLUDED = ['AvailableSecurityFixesGlobalCheck'];

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'electronegativity-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

async function scan(input: string): Promise<Result> {
  return run({ input, excludeFromScan: EXCLUDED, electronVersionOverride: electronVersion, isRelative: true, parserPlugins: [] });
}

const serious = (issues: Issue[]) => issues.filter((i) => i.severity.name === 'HIGH' || i.severity.name === 'MEDIUM');
const show = (issues: Issue[]) => issues.map((i) => `${i.id} ${i.severity.name} ${i.file}:${i.location.line} ${i.description}`).join('\n');

test('the shell and preload have no HIGH or MEDIUM findings', async () => {
  const input = join(dir, 'shell');
  cpSync(join(repo, 'src', 'main', 'electron'), join(input, 'main', 'electron'), { recursive: true });
  cpSync(join(repo, 'src', 'preload'), join(input, 'preload'), { recursive: true });
  const r = await scan(input);
  assert.ok(r.atomicChecks > 20 && r.globalChecks > 3, `checks loaded: ${r.atomicChecks} atomic, ${r.globalChecks} global`);
  assert.deepEqual(r.errors.filter((e) => !e.tolerable), [], 'every file parsed (an unparsed file is an unchecked file)');
  assert.deepEqual(serious(r.issues), [], show(serious(r.issues)));
});

test('the same scan does catch an insecure window (the test can fail)', async () => {
  const input = join(dir, 'insecure');
  mkdirSync(input, { recursive: true });
  writeFileSync(
    join(input, 'main.ts'),
    [
      "import { BrowserWindow, shell } from 'electron';",
      'const win = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false, webSecurity: false } });',
      "win.webContents.on('new-window', (e: unknown, url: string) => shell.openExternal(url));",
      "win.loadURL('http://example.com/');",
    ].join('\n'),
  );
  const r = await scan(input);
  const ids = new Set(serious(r.issues).map((i) => i.id));
  for (const id of ['CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK', 'WEB_SECURITY_JS_CHECK', 'LIMIT_NAVIGATION_GLOBAL_CHECK', 'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK']) assert.ok(ids.has(id), `${id} in ${[...ids].join(', ')}`);
});
