/**
 * The Electron shell's own costs, measurable without the Electron binary: serving the UI over app://
 * (the handler the window loads every file through), the size of the main and preload bundles and of the
 * export libraries bundled apart (vendor/), and the
 * main process's start-up work (bundle load → core open → window created), run with the recording
 * electron stand-in of tests/electron/fixtures in fresh Node processes.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAppRequestHandler } from '../src/main/electron/app-protocol';
import { row, timeIt, type BenchRow } from './lib';

const root = new URL('..', import.meta.url).pathname;

const STARTUP_PROBE = `
const t0 = performance.now();
require(process.argv[1]);
const s = globalThis.__fakeElectron;
const wait = () => (s.windows.length || s.errorBoxes.length) ? finish() : setTimeout(wait, 1);
function finish() {
  process.stdout.write(JSON.stringify({ ms: performance.now() - t0, errors: s.errorBoxes }));
  s.app.emit('will-quit');
  process.exit(0);
}
wait();
`;

export default async function (): Promise<BenchRow[]> {
  const work = join(root, '.cache', `bench-electron-${process.pid}`);
  const data = mkdtempSync(join(tmpdir(), 'bench-electron-data-'));
  try {
    mkdirSync(join(work, 'node_modules', 'electron'), { recursive: true });
    cpSync(join(root, 'tests/electron/fixtures/fake-electron.cjs'), join(work, 'node_modules/electron/index.js'));
    execFileSync(process.execPath, [join(root, 'scripts/build.mjs'), '--renderer-only', '--outdir', join(work, 'renderer')], { cwd: root, stdio: 'pipe' });
    execFileSync(process.execPath, [join(root, 'scripts/build-electron.mjs'), '--minify', '--out-dir', join(work, 'electron')], { cwd: root, stdio: 'pipe' });

    const handler = createAppRequestHandler(join(work, 'renderer'));
    const index = await timeIt(async () => (await handler(new Request('app://report/'))).arrayBuffer(), 300);
    const app = await timeIt(async () => (await handler(new Request('app://report/app.js'))).arrayBuffer(), 100);
    const refused = await timeIt(async () => (await handler(new Request('app://report/..%2f..%2fetc%2fpasswd'))).arrayBuffer(), 300);

    const startup: number[] = [];
    for (let i = 0; i < 7; i++) {
      const dir = join(data, `run-${i}`);
      const out = execFileSync(process.execPath, ['-e', STARTUP_PROBE, join(work, 'electron', 'main.cjs')], {
        cwd: work,
        env: { ...process.env, GOV_REPORT_DATA_DIR: dir },
        encoding: 'utf8',
      });
      const r = JSON.parse(out) as { ms: number; errors: unknown[] };
      if (r.errors.length) throw new Error(`start-up failed: ${JSON.stringify(r.errors)}`);
      if (i > 0) startup.push(r.ms); // the first run warms the file cache
    }
    startup.sort((a, b) => a - b);

    const kb = (f: string) => statSync(join(work, 'electron', f)).size / 1024;
    return [
      row('app:// index.html', index, 'µs'),
      row('app:// app.js (renderer bundle)', app, 'ms'),
      row('app:// traversal refused', refused, 'µs'),
      row('main process start → window (fresh database, no Electron)', startup, 'ms'),
      { name: 'main.cjs bundle (minified)', median: kb('main.cjs'), unit: 'KB' },
      { name: 'preload.cjs bundle (minified)', median: kb('preload.cjs'), unit: 'KB', target: '< 10 KB' },
      // required by the first workbook or .docx only, not at start-up
      { name: 'vendor/exceljs.cjs (loaded on first workbook)', median: kb('vendor/exceljs.cjs'), unit: 'KB' },
      { name: 'vendor/docx.cjs (loaded on first .docx)', median: kb('vendor/docx.cjs'), unit: 'KB' },
    ];
  } finally {
    rmSync(work, { recursive: true, force: true });
    rmSync(data, { recursive: true, force: true });
  }
}
