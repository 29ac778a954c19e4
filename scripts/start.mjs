// `npm start`: the desktop app when the Electron binary is installed; otherwise browser mode — build
// the renderer if needed, serve it on 127.0.0.1 and print the address. Arguments pass through
// (--db <file>, --port <n>, --no-open); GOV_REPORT_DATA_DIR picks the data folder.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const require = createRequire(import.meta.url);

/**
 * The Electron executable when installed. Not `require('electron')`: that tries to download the binary
 * when it is missing (no network here, and a slow start); read the path it would return instead.
 */
function electronBinary(env = process.env) {
  let pkgDir;
  try {
    pkgDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = join(pkgDir, 'path.txt');
  const exe = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const full = env.ELECTRON_OVERRIDE_DIST_PATH ? join(env.ELECTRON_OVERRIDE_DIST_PATH, exe || 'electron') : exe ? join(pkgDir, 'dist', exe) : null;
  return full && existsSync(full) ? full : null;
}

function newestMtime(dir) {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p);
    newest = Math.max(newest, st.isDirectory() ? newestMtime(p) : st.mtimeMs);
  }
  return newest;
}

function needsBuild(output, sources) {
  if (!existsSync(output)) return true;
  const built = statSync(output).mtimeMs;
  return sources.some((dir) => existsSync(dir) && newestMtime(dir) > built);
}

function run(cmd, cmdArgs) {
  const child = spawn(cmd, cmdArgs, { cwd: root, stdio: 'inherit' });
  const forward = (sig) => child.kill(sig);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code) => process.exit(code ?? 0));
}

const srcDirs = ['src/renderer', 'src/shared'].map((d) => join(root, d));
const electron = electronBinary();
const electronMain = join(root, 'dist/electron/main.cjs');

if (electron) {
  if (needsBuild(electronMain, [...srcDirs, join(root, 'src/main'), join(root, 'src/preload')]) || needsBuild(join(root, 'dist/renderer/app.js'), srcDirs)) {
    const r = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
  run(electron, [electronMain, ...args]);
} else {
  if (needsBuild(join(root, 'dist/renderer/app.js'), srcDirs)) {
    console.log('正在构建界面… (building the renderer)');
    const r = spawnSync(process.execPath, [join(root, 'scripts/build.mjs'), '--renderer-only'], { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
  console.log('未找到 Electron 程序，以浏览器模式启动。 (Electron binary not found: starting browser mode.)');
  run(process.execPath, ['--import', 'tsx', join(root, 'src/main/server/main.ts'), ...args]);
}
