import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { afterPack } from '../../scripts/packaging/after-pack.mjs';
import { assertNativeModulesFit, nativeModuleProblems, readBinaryHeader, readModuleAbi } from '../../scripts/packaging/native-guard.mjs';

// The packaging guard read against real binaries: the better-sqlite3 build in node_modules (x86-64 Linux, built
// for the Node running the tests) and the prebuilt Node-API modules electron ships for other platforms.
const repo = join(import.meta.dirname, '..', '..');
const sqlitePath = join(repo, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
const sqlite = readFileSync(sqlitePath);
const prebuilt = (name: string) => readFileSync(join(repo, 'node_modules', '@electron-internal', 'extract-zip', `index.${name}.node`));
const nodeAbi = Number(process.versions.modules);

test('headers: ELF class and machine, PE machine, Mach-O named', () => {
  assert.deepEqual(readBinaryHeader(sqlite), { platform: 'linux', arch: 'x64', bits: 64 });
  assert.deepEqual(readBinaryHeader(prebuilt('linux-arm64-gnu')), { platform: 'linux', arch: 'arm64', bits: 64 });
  assert.deepEqual(readBinaryHeader(prebuilt('linux-arm-gnueabihf')), { platform: 'linux', arch: 'armv7l', bits: 32 });
  assert.deepEqual(readBinaryHeader(prebuilt('win32-x64-msvc')), { platform: 'win32', arch: 'x64' });
  assert.deepEqual(readBinaryHeader(prebuilt('win32-arm64-msvc')), { platform: 'win32', arch: 'arm64' });
  assert.deepEqual(readBinaryHeader(prebuilt('darwin-universal')), { platform: 'darwin', arch: 'Mach-O' });
  assert.ok('error' in readBinaryHeader(Buffer.from('not a binary at all, just text')));
  assert.ok('error' in readBinaryHeader(Buffer.alloc(0)));
  // A 32-bit ELF claiming x86-64 (x32) is not an x64 module.
  const x32 = Buffer.from(sqlite.subarray(0, 64));
  x32[4] = 1;
  assert.notEqual((readBinaryHeader(x32) as { arch: string }).arch, 'x64');
});

test('ABI: better-sqlite3 registers for the Node that built it; Node-API modules for any ABI', () => {
  assert.deepEqual(readModuleAbi(sqlite), { kind: 'node', abi: [nodeAbi] });
  assert.deepEqual(readModuleAbi(prebuilt('win32-x64-msvc')), { kind: 'napi' });
  assert.deepEqual(readModuleAbi(Buffer.from('nothing here')), { kind: 'unknown' });
});

test('the development better-sqlite3 fits only linux-x64 with the ABI of this Node', () => {
  assert.deepEqual(nativeModuleProblems(sqlite, { platform: 'linux', arch: 'x64', abi: nodeAbi }), []);
  assert.deepEqual(nativeModuleProblems(sqlite, { platform: 'linux', arch: 'arm64', abi: nodeAbi }), ['架构是 x64，目标是 arm64']);
  assert.deepEqual(nativeModuleProblems(sqlite, { platform: 'win32', arch: 'x64', abi: nodeAbi }), ['为 linux 编译，目标是 win32']);
  assert.deepEqual(nativeModuleProblems(sqlite, { platform: 'linux', arch: 'x64', abi: 150 }), [`ABI 是 ${nodeAbi}（NODE_MODULE_VERSION），目标 Electron 需要 150`]);
  assert.equal(nativeModuleProblems(sqlite, { platform: 'win32', arch: 'arm64', abi: 150 }).length, 3);
  // Node-API: right platform and arch is enough.
  assert.deepEqual(nativeModuleProblems(prebuilt('linux-arm64-gnu'), { platform: 'linux', arch: 'arm64', abi: 150 }), []);
  assert.deepEqual(nativeModuleProblems(prebuilt('win32-x64-msvc'), { platform: 'win32', arch: 'x64', abi: 150 }), []);
  assert.deepEqual(nativeModuleProblems(prebuilt('linux-arm64-gnu'), { platform: 'linux', arch: 'x64', abi: 150 }), ['架构是 arm64，目标是 x64']);
});

function packedApp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'native-guard-'));
  const release = join(dir, 'resources', 'app.asar.unpacked', 'node_modules', 'better-sqlite3', 'build', 'Release');
  mkdirSync(release, { recursive: true });
  copyFileSync(sqlitePath, join(release, 'better_sqlite3.node'));
  writeFileSync(join(dir, 'resources', 'readme.txt'), 'not a module');
  return dir;
}

test('a packed folder: every .node is checked, one error names each bad file and the rebuild command', () => {
  const dir = packedApp();
  try {
    assert.deepEqual(assertNativeModulesFit(dir, { platform: 'linux', arch: 'x64', abi: nodeAbi }), [join('resources', 'app.asar.unpacked', 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node')]);
    writeFileSync(join(dir, 'resources', 'broken.node'), 'garbage');
    assert.throws(
      () => assertNativeModulesFit(dir, { platform: 'win32', arch: 'x64', abi: 150 }),
      (e: Error) => {
        assert.match(e.message, /^打包中止：2 个原生模块不能在目标 win32-x64（Electron ABI 150）上加载/);
        assert.match(e.message, /better_sqlite3\.node：为 linux 编译，目标是 win32；ABI 是 \d+/);
        assert.match(e.message, /broken\.node：读不出文件头/);
        assert.match(e.message, /npx @electron\/rebuild -f -w better-sqlite3 --arch x64/);
        return true;
      },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the afterPack hook takes the target from electron-builder and the ABI from the Electron version', async () => {
  const dir = packedApp();
  try {
    // Arch 3 is arm64 in electron-builder's enum; Electron 45 has ABI 150.
    const context = { appOutDir: dir, electronPlatformName: 'linux', arch: 3, packager: { config: {}, info: { framework: { version: '45.5.0' } } } };
    await assert.rejects(afterPack(context), /目标 linux-arm64（Electron ABI 150）[\s\S]*架构是 x64，目标是 arm64；ABI 是 \d+（NODE_MODULE_VERSION），目标 Electron 需要 150/);
    await assert.rejects(afterPack({ ...context, arch: 1 }), /目标 linux-x64（Electron ABI 150）/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
