import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
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
  // dist/electron/** takes vendor/ (exceljs, docx, bundled apart from main.cjs) with it
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

test('electron-builder packs an app with exactly the runtime files, and the afterPack guard refuses the development better-sqlite3 for linux-arm64', { timeout: 240_000 }, () => {
  // A throw-away project beside the repo's node_modules: the real build outputs, the real config minus the
  // fuses (they patch the Electron binary, which is a stand-in here), and `--linux dir` (no installer). The
  // target is arm64 while node_modules holds the x86-64 build for Node's ABI: the real afterPack hook must stop
  // the release (the app folder is already packed by then, so its contents are checked as well).
  const project = mkdtempSync(join(tmpdir(), 'eb-project-'));
  try {
    for (const f of ['package.json', 'package-lock.json', 'electron-builder.yml']) copyFileSync(join(repo, f), join(project, f));
    cpSync(join(repo, 'assets'), join(project, 'assets'), { recursive: true });
    cpSync(join(repo, 'scripts', 'packaging'), join(project, 'scripts', 'packaging'), { recursive: true });
    symlinkSync(join(repo, 'node_modules'), join(project, 'node_modules'), 'dir');
    execFileSync(process.execPath, [join(repo, 'scripts', 'build.mjs'), '--renderer-only', '--outdir', join(project, 'dist', 'renderer')], { cwd: repo, stdio: 'pipe' });
    execFileSync(process.execPath, [join(repo, 'scripts', 'build-electron.mjs'), '--out-dir', join(project, 'dist', 'electron')], { cwd: repo, stdio: 'pipe' });
    const electronDist = join(project, 'electron-dist');
    mkdirSync(electronDist);
    writeFileSync(join(electronDist, 'electron'), '');
    chmodSync(join(electronDist, 'electron'), 0o755);
    const { electronFuses: _fuses, ...rest } = config as Config & { electronFuses?: unknown };
    assert.equal((rest as { afterPack?: string }).afterPack, './scripts/packaging/after-pack.mjs', 'the guard is wired into the real configuration');
    writeFileSync(join(project, 'eb.json'), JSON.stringify({ ...rest, electronDist, directories: { ...config.directories, output: join(project, 'release') } }));
    const run = spawnSync(process.execPath, [require.resolve('electron-builder/cli.js'), '--projectDir', project, '--config', join(project, 'eb.json'), '--linux', 'dir', '--arm64', '--publish', 'never'], {
      cwd: project,
      encoding: 'utf8',
      env: { ...process.env, ELECTRON_BUILDER_OFFLINE: 'true', CI: 'true' },
    });
    const output = `${run.stdout}\n${run.stderr}`;
    assert.notEqual(run.status, 0, 'the release stops');
    assert.match(output, /打包中止：1 个原生模块不能在目标 linux-arm64（Electron ABI \d+）上加载/);
    assert.match(output, /better_sqlite3\.node：架构是 x64，目标是 arm64；ABI 是 115（NODE_MODULE_VERSION），目标 Electron 需要 \d+/);
    assert.match(output, /npx @electron\/rebuild -f -w better-sqlite3 --arch arm64/);

    const resources = join(project, 'release', 'linux-arm64-unpacked', 'resources');
    const asar = require('@electron/asar') as { listPackage(p: string): string[]; extractFile(archive: string, file: string): Buffer };
    const files = asar.listPackage(join(resources, 'app.asar')).map((f) => f.replace(/\\/g, '/'));
    const own = files.filter((f) => !f.startsWith('/node_modules/'));
    // every file of the split renderer build (entry, chunks) and nothing else of ours
    const renderer = readdirSync(join(project, 'dist', 'renderer'), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => `/${relative(project, join(e.parentPath, e.name)).split(sep).join('/')}`);
    assert.ok(renderer.some((f) => f.startsWith('/dist/renderer/chunks/') && f.endsWith('.js')), 'the build is split into chunks');
    // the export libraries bundled apart from main.cjs, which requires them from beside itself on the first export
    const vendor = ['/dist/electron/vendor/docx.cjs', '/dist/electron/vendor/exceljs.cjs'];
    // pdf.js's CMaps and font metrics, copied beside the import worker
    const pdfjsData = readdirSync(join(project, 'dist', 'electron', 'pdfjs'), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => `/${relative(project, join(e.parentPath, e.name)).split(sep).join('/')}`);
    assert.ok(pdfjsData.includes('/dist/electron/pdfjs/cmaps/UniGB-UCS2-H.bcmap'), 'the CMaps of Chinese encodings');
    assert.deepEqual(own.filter((f) => /\.[a-z]+$/.test(f)).sort(), [...pdfjsData.filter((f) => /\.[a-z]+$/.test(f)), '/assets/icon.png', '/dist/electron/import-worker.cjs', '/dist/electron/main.cjs', '/dist/electron/preload.cjs', '/package.json', ...vendor, ...renderer].sort());
    const modules = new Set(files.filter((f) => f.startsWith('/node_modules/')).map((f) => f.split('/')[2]));
    assert.deepEqual([...modules].sort(), ['better-sqlite3', 'bindings', 'file-uri-to-path'], 'bundled modules are not shipped again');
    assert.ok(existsSync(join(resources, 'app.asar.unpacked', 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node')), 'the native module is unpacked');
    assert.ok(existsSync(join(project, 'release', 'linux-arm64-unpacked', 'gov-annual-report')), 'the Linux executable name');
    // the import worker (pdf.js inside) sits beside main.cjs, where src/main/import/worker/host.ts starts it
    assert.match(asar.extractFile(join(resources, 'app.asar'), 'dist/electron/import-worker.cjs').toString('utf8'), /getDocument/);
    const packed = JSON.parse(asar.extractFile(join(resources, 'app.asar'), 'package.json').toString('utf8')) as { main: string };
    assert.equal(packed.main, 'dist/electron/main.cjs');
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
});

test('the release workflow builds each target on its own runner and rebuilds better-sqlite3 for Electron before packaging', () => {
  type Step = { name?: string; run?: string; uses?: string };
  type Job = { 'runs-on': string; strategy: { matrix: { include: { name: string; runner: string; arch: string; builder: string }[] } }; steps: Step[] };
  const workflow = yaml.load(readFileSync(join(repo, '.github', 'workflows', 'release.yml'), 'utf8')) as { jobs: { package: Job } };
  const job = workflow.jobs.package;
  const targets = job.strategy.matrix.include.map((t) => [t.runner, t.arch, t.builder]);
  assert.deepEqual(targets, [
    ['windows-2022', 'x64', '--win nsis --x64'],
    ['ubuntu-24.04', 'x64', '--linux deb AppImage --x64'],
    ['ubuntu-24.04-arm', 'arm64', '--linux deb AppImage --arm64'],
  ]);
  const runs = job.steps.map((s) => s.run ?? '');
  const at = (re: RegExp) => runs.findIndex((r) => re.test(r));
  const install = at(/node node_modules\/electron\/install\.js/);
  const rebuild = at(/npx @electron\/rebuild -f -w better-sqlite3 --arch \$\{\{ matrix\.arch \}\}/);
  const smoke = at(/ELECTRON_RUN_AS_NODE=1 npx electron -e .*require\('better-sqlite3'\)/);
  const pack = at(/npx electron-builder --config electron-builder\.yml \$\{\{ matrix\.builder \}\}/);
  assert.ok(install >= 0 && rebuild > install && smoke > rebuild && pack > smoke, `order: install ${install}, rebuild ${rebuild}, load ${smoke}, package ${pack}`);
  assert.ok(!runs.slice(rebuild + 1).some((r) => /npm (ci|install|rebuild)/.test(r)), 'nothing rebuilds for Node after the Electron rebuild');
});

test('engines.node admits no Node that an installed dependency refuses', () => {
  const { engines } = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { engines: { node: string } };
  const lock = JSON.parse(readFileSync(join(repo, 'package-lock.json'), 'utf8')) as { packages: Record<string, { engines?: { node?: string }; dev?: boolean }> };
  assert.equal(lock.packages['']!.engines?.node, engines.node, 'package-lock.json agrees');
  const semver = require('semver') as { subset(a: string, b: string): boolean; validRange(r: string): string | null };
  const refusing: string[] = [];
  for (const [path, p] of Object.entries(lock.packages)) {
    const name = path.replace(/^.*node_modules\//, '');
    const range = p.engines?.node;
    if (!path || !range || !semver.validRange(range)) continue;
    if (!semver.subset(engines.node, range)) refusing.push(`${name} ${range}`);
  }
  assert.deepEqual(refusing, []);
});
