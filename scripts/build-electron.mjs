// Bundles the Electron main process and the preload with esbuild:
//   src/main/electron/main.ts → dist/electron/main.cjs     (Node, CommonJS; electron and better-sqlite3 stay external)
//   src/preload/preload.ts    → dist/electron/preload.cjs  (sandboxed preload: may only require 'electron')
//   exceljs, docx             → dist/electron/vendor/{exceljs,docx}.cjs: the export libraries, 1.6 MB of the
//                               main bundle before, each a file of its own that main.cjs requires on the first
//                               workbook or .docx (src/main/export/xlsx/loadExcelJs.ts, services/export.ts), so
//                               that V8 does not parse and compile them at every start.
//   src/main/import/worker/entry.ts → dist/electron/import-worker.cjs: the import worker thread that main.cjs
//                               starts beside itself (src/main/import/worker/host.ts), pdf.js included — the
//                               packaged app has no node_modules/pdfjs-dist; exceljs from vendor/ as in main.
//   pdfjs-dist/{cmaps,standard_fonts} → dist/electron/pdfjs/: the data pdf.js reads for fonts that are not
//                               embedded (a Chinese font in GBK or UCS-2 needs its CMap to be read at all).
// Used by scripts/build.mjs (`await buildElectron()`), or on its own: `node scripts/build-electron.mjs [--minify] [--out-dir <dir>]`.
import { build } from 'esbuild';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { cpSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

// Electron 45 ships Node 22 and Chromium 140.
const NODE_TARGET = 'node22';
const CHROME_TARGET = 'chrome140';

/** pdf.js's data folders copied beside the import worker (src/main/import/pdf/index.ts reads them there). */
export const PDFJS_DATA = ['cmaps', 'standard_fonts'];

/** Packages bundled apart from main.cjs, in vendor/<name>.cjs beside it. */
export const VENDOR_PACKAGES = ['exceljs', 'docx'];

/**
 * main.cjs requires a vendor package as its file beside it (a relative require resolves from main.cjs's
 * folder). A static import becomes that require where the importing module is first loaded (the docx
 * writer is itself loaded by the first export); a dynamic import() goes through a small CommonJS module of
 * the bundle, so it stays a require (never an ES import of a file inside the app's asar) and runs on the
 * first call only.
 */
const vendorExternal = {
  name: 'vendor-external',
  setup(b) {
    const filter = new RegExp(`^(${VENDOR_PACKAGES.join('|')})$`);
    b.onResolve({ filter }, (args) =>
      args.kind === 'dynamic-import' ? { path: args.path, namespace: 'vendor-lazy' } : { path: `./vendor/${args.path}.cjs`, external: true },
    );
    b.onResolve({ filter: /^\.\/vendor\/[\w-]+\.cjs$/ }, (args) => ({ path: args.path, external: true }));
    b.onLoad({ filter: /.*/, namespace: 'vendor-lazy' }, (args) => ({ contents: `module.exports = require('./vendor/${args.path}.cjs');`, loader: 'js' }));
  },
};

/**
 * zod's namespace (`z`) is used as a value, so a bundler keeps all it exports, `locales` with 50 languages
 * (265 KB of main.cjs) among them. The app sets zh-CN only (src/shared/zod-setup.ts): zod's list of
 * locales is replaced by that one in the bundle. Tests and the CLI, which run the sources, are unchanged.
 */
const zodChineseOnly = {
  name: 'zod-chinese-only',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]node_modules[\\/]zod[\\/]/.test(args.importer) ? { path: join(dirname(args.importer), '..', 'locales', 'zh-CN.js'), namespace: 'zod-locales' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: `export { default as zhCN } from ${JSON.stringify(args.path)};`,
      loader: 'js',
      resolveDir: dirname(args.path),
    }));
  },
};

/** @param {{ root?: string, outDir?: string, minify?: boolean, sourcemap?: boolean, logLevel?: import('esbuild').LogLevel, metafile?: boolean }} [options] */
export async function buildElectron(options = {}) {
  const root = options.root ?? repoRoot;
  const outDir = options.outDir ?? join(root, 'dist', 'electron');
  const common = {
    bundle: true,
    format: 'cjs',
    platform: 'node',
    minify: options.minify ?? false,
    sourcemap: options.sourcemap ?? true,
    logLevel: options.logLevel ?? 'warning',
    legalComments: 'none',
    absWorkingDir: root,
  };
  const [main, preload, vendor, worker] = await Promise.all([
    build({
      ...common,
      entryPoints: [join(root, 'src/main/electron/main.ts')],
      outfile: join(outDir, 'main.cjs'),
      target: NODE_TARGET,
      // better-sqlite3 loads its native .node at run time (unpacked from the asar by electron-builder);
      // pdf.js is only ever loaded by the import worker (its own bundle below), never by main.
      external: ['electron', 'better-sqlite3', 'pdfjs-dist'],
      plugins: [vendorExternal, zodChineseOnly],
      // Core modules written as ES modules may use import.meta.url; give them the bundle's own URL.
      define: { 'import.meta.url': '__bundleUrl' },
      banner: { js: "const __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
      metafile: true,
    }),
    build({
      ...common,
      entryPoints: [join(root, 'src/preload/preload.ts')],
      outfile: join(outDir, 'preload.cjs'),
      target: CHROME_TARGET,
      external: ['electron'],
      metafile: true,
    }),
    build({
      ...common,
      entryPoints: Object.fromEntries(VENDOR_PACKAGES.map((p) => [p, p])),
      outdir: join(outDir, 'vendor'),
      outExtension: { '.js': '.cjs' },
      target: NODE_TARGET,
      metafile: true,
    }),
    build({
      ...common,
      entryPoints: [join(root, 'src/main/import/worker/entry.ts')],
      outfile: join(outDir, 'import-worker.cjs'),
      target: NODE_TARGET,
      plugins: [vendorExternal, zodChineseOnly],
      define: { 'import.meta.url': '__bundleUrl' },
      banner: { js: "const __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
      metafile: true,
    }),
  ]);
  const pdfjsDir = dirname(createRequire(join(root, 'package.json')).resolve('pdfjs-dist/package.json'));
  rmSync(join(outDir, 'pdfjs'), { recursive: true, force: true });
  for (const d of PDFJS_DATA) cpSync(join(pdfjsDir, d), join(outDir, 'pdfjs', d), { recursive: true });
  const bytes = (meta) => Object.entries(meta.outputs).filter(([f]) => f.endsWith('.cjs')).reduce((s, [, o]) => s + o.bytes, 0);
  return {
    main: join(outDir, 'main.cjs'),
    preload: join(outDir, 'preload.cjs'),
    importWorker: join(outDir, 'import-worker.cjs'),
    importWorkerBytes: bytes(worker.metafile),
    preloadInputs: Object.keys(preload.metafile.inputs),
    vendor: VENDOR_PACKAGES.map((p) => join(outDir, 'vendor', `${p}.cjs`)),
    mainBytes: bytes(main.metafile),
    vendorBytes: bytes(vendor.metafile),
    ...(options.metafile ? { metafiles: { main: main.metafile, vendor: vendor.metafile } } : {}),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const at = process.argv.indexOf('--out-dir');
  const outDir = at > 0 ? process.argv[at + 1] : undefined;
  const r = await buildElectron({ minify: process.argv.includes('--minify'), ...(outDir ? { outDir } : {}) });
  console.log(`已生成 ${r.main}（${(r.mainBytes / 1024).toFixed(0)} KB）、${r.importWorker}（${(r.importWorkerBytes / 1024).toFixed(0)} KB，导入时才启动）、${r.preload} 和导出库 ${VENDOR_PACKAGES.map((p) => `vendor/${p}.cjs`).join('、')}（${(r.vendorBytes / 1024).toFixed(0)} KB，首次导出时才载入）`);
}
