import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { runInNewContext } from 'node:vm';
import { BRIDGE_KEY } from '../../src/shared/bridge';
import { CHANNELS } from '../../src/main/electron/channels';

// The preload as it ships: bundled by scripts/build-electron.mjs, then run in a fresh V8 context whose only
// module is a recording stand-in for 'electron' (contextBridge/ipcRenderer), so the test sees exactly what
// the page would get.

const repo = join(import.meta.dirname, '..', '..');
let out: string;
let source: string;

before(() => {
  out = mkdtempSync(join(tmpdir(), 'preload-build-'));
  execFileSync(process.execPath, [join(repo, 'scripts', 'build-electron.mjs'), '--out-dir', out], { cwd: repo, stdio: 'pipe' });
  source = readFileSync(join(out, 'preload.cjs'), 'utf8');
});
after(() => rmSync(out, { recursive: true, force: true }));

interface Loaded {
  exposed: Map<string, Record<string, (...a: unknown[]) => unknown>>;
  invoked: unknown[][];
  listeners: Map<string, Set<(...a: unknown[]) => void>>;
  answer: (channel: string, ...args: unknown[]) => unknown;
}

function load(answer: Loaded['answer'] = () => ({ ok: true, value: null })): Loaded {
  const loaded: Loaded = { exposed: new Map(), invoked: [], listeners: new Map(), answer };
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: Record<string, (...a: unknown[]) => unknown>) => loaded.exposed.set(key, api) },
    ipcRenderer: {
      invoke: async (channel: string, ...args: unknown[]) => {
        loaded.invoked.push([channel, ...args]);
        return loaded.answer(channel, ...args);
      },
      on: (channel: string, fn: (...a: unknown[]) => void) => {
        const set = loaded.listeners.get(channel) ?? new Set();
        set.add(fn);
        loaded.listeners.set(channel, set);
      },
      removeListener: (channel: string, fn: (...a: unknown[]) => void) => loaded.listeners.get(channel)?.delete(fn),
    },
  };
  const required: string[] = [];
  const sandboxRequire = (name: string) => {
    required.push(name);
    if (name === 'electron') return electron;
    throw new Error(`the sandboxed preload cannot require ${name}`);
  };
  runInNewContext(source, { require: sandboxRequire, module: { exports: {} }, exports: {}, Promise, Error, TypeError, Object, Array, console });
  assert.deepEqual(required, ['electron'], 'a sandboxed preload may only require electron');
  return loaded;
}

test('the bundle requires nothing but electron and carries no Node or zod code', () => {
  const requires = [...source.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
  assert.deepEqual(requires, ['electron']);
  assert.doesNotMatch(source, /node:|process\.|ZodError/);
  assert.ok(source.length < 10_000, `preload is ${source.length} bytes`);
});

test('exactly one key is exposed, with exactly the bridge methods', () => {
  const { exposed } = load();
  assert.deepEqual([...exposed.keys()], [BRIDGE_KEY]);
  const bridge = exposed.get(BRIDGE_KEY)!;
  assert.deepEqual(Object.keys(bridge).sort(), ['onMenu', 'openFiles', 'saveFile', 'send', 'showInFolder']);
  for (const v of Object.values(bridge)) assert.equal(typeof v, 'function');
  assert.ok(!('ipcRenderer' in bridge) && !('invoke' in bridge) && !('on' in bridge));
});

test('send goes over the one rpc channel with the name and input only', async () => {
  const l = load(() => ({ ok: true, value: [{ id: 1 }] }));
  const r = await l.exposed.get(BRIDGE_KEY)!.send!('agencies.list', {});
  assert.deepEqual(r, { ok: true, value: [{ id: 1 }] });
  assert.deepEqual(l.invoked, [[CHANNELS.rpc, 'agencies.list', {}]]);
});

test('file methods unwrap the envelope; failures become Errors with the Chinese message', async () => {
  const l = load((channel) =>
    channel === CHANNELS.saveFile ? { ok: true, value: '/home/u/报告.docx' } : { ok: false, error: { code: 'too_large', message: '文件“a.docx”太大' } },
  );
  const bridge = l.exposed.get(BRIDGE_KEY)!;
  assert.equal(await bridge.saveFile!('报告.docx', 'UEsDBA=='), '/home/u/报告.docx');
  await assert.rejects(bridge.openFiles!([{ name: 'Word', extensions: ['docx'] }], true) as Promise<unknown>, (e: Error & { code?: string }) => {
    assert.equal(e.message, '文件“a.docx”太大');
    assert.equal(e.code, 'too_large');
    return true;
  });
  await assert.rejects(bridge.showInFolder!('/etc') as Promise<unknown>);
  assert.deepEqual(
    l.invoked.map((c) => c[0]),
    [CHANNELS.saveFile, CHANNELS.openFiles, CHANNELS.showInFolder],
  );
});

test('menu commands reach the listener without the IPC event; unknown ones are dropped; unsubscribe works', () => {
  const l = load();
  const got: unknown[][] = [];
  const off = l.exposed.get(BRIDGE_KEY)!.onMenu!((...args: unknown[]) => got.push(args)) as () => void;
  const fire = (cmd: unknown) => {
    for (const fn of l.listeners.get(CHANNELS.menu) ?? []) fn({ sender: 'the IPC event must not leak' }, cmd);
  };
  fire('export');
  fire('rm -rf');
  fire({ toString: () => 'new' });
  assert.deepEqual(got, [['export']]);
  off();
  fire('new');
  assert.deepEqual(got, [['export']]);
  assert.throws(() => l.exposed.get(BRIDGE_KEY)!.onMenu!('not a function'));
});
