import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { test } from 'node:test';

// electron-builder.yml checked against electron-builder's own schema (the same validation `electron-builder`
// runs first), plus the promises of issue 3 it must keep, and the icons it points at.

const repo = join(import.meta.dirname, '..', '..');
const require = createRequire(join(repo, 'package.json'));
const yaml = require('js-yaml') as { load(s: string): unknown };
const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as { validateConfiguration(c: unknown, l: unknown): Promise<void> };
const { DebugLogger } = require('builder-util/out/DebugLogger') as { DebugLogger: new (enabled: boolean) => unknown };

type Target = { target: string; arch: string[] };
interface Config {
  appId: string;
  productName: string;
  directories: { output: string };
  files: string[];
  asarUnpack: string[];
  npmRebuild: boolean;
  electronFuses: Record<string, boolean>;
  win: { target: Target[]; icon: string };
  nsis: { oneClick: boolean; allowToChangeInstallationDirectory: boolean; installerLanguages: string[]; installerIcon: string };
  linux: { target: Target[]; category: string; icon: string };
}

const config = yaml.load(readFileSync(join(repo, 'electron-builder.yml'), 'utf8')) as Config;
const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { main: string; productName: string };

test('electron-builder accepts the configuration', async () => {
  await validateConfiguration(config, new DebugLogger(false));
  await assert.rejects(validateConfiguration({ ...config, nsis: { ...config.nsis, notAnOption: true } }, new DebugLogger(false)), 'the validation can fail');
});

test('identity and targets: Windows NSIS x64, Linux deb and AppImage for x64 and arm64', () => {
  assert.equal(config.appId, 'cn.gov.report.assistant');
  assert.equal(config.productName, '政府信息公开年报助手');
  assert.equal(config.productName, pkg.productName);
  assert.equal(config.directories.output, 'release');
  assert.deepEqual(config.win.target, [{ target: 'nsis', arch: ['x64'] }]);
  assert.equal(config.nsis.oneClick, false);
  assert.equal(config.nsis.allowToChangeInstallationDirectory, true);
  assert.deepEqual(config.nsis.installerLanguages, ['zh_CN']);
  assert.deepEqual(
    config.linux.target.map((t) => [t.target, [...t.arch].sort()]),
    [
      ['deb', ['arm64', 'x64']],
      ['AppImage', ['arm64', 'x64']],
    ],
  );
  assert.equal(config.linux.category, 'Office');
});

test('the packaged app contains the bundles and better-sqlite3, unpacked and not rebuilt here', () => {
  assert.equal(pkg.main, 'dist/electron/main.cjs', 'package.json main is the bundled main process');
  assert.ok(config.files.includes('dist/electron/**') && config.files.includes('dist/renderer/**'));
  assert.ok(config.files.includes('!node_modules/**'), 'bundled modules are not shipped twice');
  // What the bundle leaves external, and what better-sqlite3 needs at run time.
  for (const m of ['better-sqlite3/lib/**', 'bindings/**', 'file-uri-to-path/**']) assert.ok(config.files.includes(`node_modules/${m}`), m);
  const bindingsDeps = Object.keys((JSON.parse(readFileSync(join(repo, 'node_modules/bindings/package.json'), 'utf8')) as { dependencies?: object }).dependencies ?? {});
  for (const d of bindingsDeps) assert.ok(config.files.some((f) => f.startsWith(`node_modules/${d}/`)), `bindings needs ${d}`);
  assert.ok(config.asarUnpack.some((p) => p.includes('better-sqlite3') && p.endsWith('.node')));
  assert.equal(config.npmRebuild, false);
  assert.equal(config.electronFuses.runAsNode, false);
  assert.equal(config.electronFuses.onlyLoadAppFromAsar, true);
  assert.equal(config.electronFuses.grantFileProtocolExtraPrivileges, false);
});

function pngSize(png: Buffer): [number, number] {
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
  assert.equal(png.subarray(12, 16).toString('latin1'), 'IHDR');
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
}

test('icons: 512 and 256 PNGs for Linux, and a Windows .ico up to 256', () => {
  assert.deepEqual(pngSize(readFileSync(join(repo, 'assets', 'icon.png'))), [512, 512]);
  for (const n of [16, 32, 48, 64, 128, 256, 512]) {
    assert.deepEqual(pngSize(readFileSync(join(repo, config.linux.icon, `${n}x${n}.png`))), [n, n], `${n}x${n}.png`);
  }
  const ico = readFileSync(join(repo, config.win.icon));
  assert.equal(config.nsis.installerIcon, config.win.icon);
  assert.deepEqual([ico.readUInt16LE(0), ico.readUInt16LE(2)], [0, 1], 'ICO header');
  const count = ico.readUInt16LE(4);
  const sizes: number[] = [];
  for (let i = 0; i < count; i++) {
    const e = 6 + 16 * i;
    const size = ico.readUInt8(e) || 256;
    const [len, off] = [ico.readUInt32LE(e + 8), ico.readUInt32LE(e + 12)];
    assert.deepEqual(pngSize(ico.subarray(off, off + len)), [size, size], `ico entry ${size}`);
    sizes.push(size);
  }
  for (const n of [16, 32, 48, 256]) assert.ok(sizes.includes(n), `ico has ${n}`);
  assert.ok(existsSync(join(repo, 'assets', 'make-icons.mjs')), 'the icons can be redrawn');
});

test('electron-builder packs an app with exactly the runtime files (stand-in Electron distribution)', { timeout: 240_000 }, () => {
  // A throw-away project beside the repo's node_modules: the real build outputs, the real config minus the
  // fuses (they patch the Electron binary, which is a stand-in here), and `--linux dir` (no installer).
  const project = mkdtempSync(join(tmpdir(), 'eb-project-'));
  try {
    for (const f of ['package.json', 'package-lock.json', 'electron-builder.yml']) copyFileSync(join(repo, f), join(project, f));
    cpSync(join(repo, 'assets'), join(project, 'assets'), { recursive: true });
    symlinkSync(join(repo, 'node_modules'), join(project, 'node_modules'), 'dir');
    execFileSync(process.execPath, [join(repo, 'scripts', 'build.mjs'), '--renderer-only', '--outdir', join(project, 'dist', 'renderer')], { cwd: repo, stdio: 'pipe' });
    execFileSync(process.execPath, [join(repo, 'scripts', 'build-electron.mjs'), '--out-dir', join(project, 'dist', 'electron')], { cwd: repo, stdio: 'pipe' });
    const electronDist = join(project, 'electron-dist');
    mkdirSync(electronDist);
    writeFileSync(join(electronDist, 'electron'), '');
    chmodSync(join(electronDist, 'electron'), 0o755);
    const { electronFuses: _fuses, ...rest } = config as Config & { electronFuses?: unknown };
    writeFileSync(join(project, 'eb.json'), JSON.stringify({ ...rest, electronDist, directories: { ...config.directories, output: join(project, 'release') } }));
    execFileSync(process.execPath, [require.resolve('electron-builder/cli.js'), '--projectDir', project, '--config', join(project, 'eb.json'), '--linux', 'dir', '--x64', '--publish', 'never'], {
      cwd: project,
      stdio: 'pipe',
      env: { ...process.env, ELECTRON_BUILDER_OFFLINE: 'true', CI: 'true' },
    });
    const resources = join(project, 'release', 'linux-unpacked', 'resources');
    const asar = require('@electron/asar') as { listPackage(p: string): string[]; extractFile(archive: string, file: string): Buffer };
    const files = asar.listPackage(join(resources, 'app.asar')).map((f) => f.replace(/\\/g, '/'));
    const own = files.filter((f) => !f.startsWith('/node_modules/'));
    // every file of the split renderer build (entry, chunks) and nothing else of ours
    const renderer = readdirSync(join(project, 'dist', 'renderer'), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => `/${relative(project, join(e.parentPath, e.name)).split(sep).join('/')}`);
    assert.ok(renderer.some((f) => f.startsWith('/dist/renderer/chunks/') && f.endsWith('.js')), 'the build is split into chunks');
    assert.deepEqual(own.filter((f) => /\.[a-z]+$/.test(f)).sort(), ['/assets/icon.png', '/dist/electron/main.cjs', '/dist/electron/preload.cjs', '/package.json', ...renderer].sort());
    const modules = new Set(files.filter((f) => f.startsWith('/node_modules/')).map((f) => f.split('/')[2]));
    assert.deepEqual([...modules].sort(), ['better-sqlite3', 'bindings', 'file-uri-to-path'], 'bundled modules are not shipped again');
    assert.ok(existsSync(join(resources, 'app.asar.unpacked', 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node')), 'the native module is unpacked');
    assert.ok(existsSync(join(project, 'release', 'linux-unpacked', 'gov-annual-report')), 'the Linux executable name');
    const packed = JSON.parse(asar.extractFile(join(resources, 'app.asar'), 'package.json').toString('utf8')) as { main: string };
    assert.equal(packed.main, 'dist/electron/main.cjs');
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
});
