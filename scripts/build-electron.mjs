// Bundles the Electron main process and the preload with esbuild:
//   src/main/electron/main.ts → dist/electron/main.cjs     (Node, CommonJS; electron and better-sqlite3 stay external)
//   src/preload/preload.ts    → dist/electron/preload.cjs  (sandboxed preload: may only require 'electron')
// Used by scripts/build.mjs (`await buildElectron()`), or on its own: `node scripts/build-electron.mjs [--minify] [--out-dir <dir>]`.
import { build } from 'esbuild';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

// Electron 45 ships Node 22 and Chromium 140.
const NODE_TARGET = 'node22';
const CHROME_TARGET = 'chrome140';

/** @param {{ root?: string, outDir?: string, minify?: boolean, sourcemap?: boolean, logLevel?: import('esbuild').LogLevel }} [options] */
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
  const [main, preload] = await Promise.all([
    build({
      ...common,
      entryPoints: [join(root, 'src/main/electron/main.ts')],
      outfile: join(outDir, 'main.cjs'),
      target: NODE_TARGET,
      // better-sqlite3 loads its native .node at run time (unpacked from the asar by electron-builder);
      // pdf.js loads its worker module and CMaps from its own package folder at run time.
      external: ['electron', 'better-sqlite3', 'pdfjs-dist'],
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
  ]);
  return {
    main: join(outDir, 'main.cjs'),
    preload: join(outDir, 'preload.cjs'),
    preloadInputs: Object.keys(preload.metafile.inputs),
    mainBytes: Object.entries(main.metafile.outputs).filter(([f]) => f.endsWith('.cjs')).reduce((s, [, o]) => s + o.bytes, 0),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const at = process.argv.indexOf('--out-dir');
  const outDir = at > 0 ? process.argv[at + 1] : undefined;
  const r = await buildElectron({ minify: process.argv.includes('--minify'), ...(outDir ? { outDir } : {}) });
  console.log(`已生成 ${r.main}（${(r.mainBytes / 1024).toFixed(0)} KB）和 ${r.preload}`);
}
