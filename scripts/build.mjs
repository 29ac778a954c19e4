// `npm run build`: bundles the renderer (React + MUI) with esbuild into dist/renderer/ (index.html, the
// entry module app.js and the chunks/ it and the lazy parts import), prints what the bundle is made of,
// then runs scripts/build-electron.mjs when present (main and preload bundles).
// Options: --outdir <dir> (default dist/renderer), --renderer-only, --metafile <file> (esbuild's metafile,
// paths relative to the repository, for the bench's rows per chunk), --sourcemap (a .map beside each
// renderer file, for bench/profile-cold-load.ts and the browser's developer tools; main and preload always
// have theirs; electron-builder.yml never packages dist/**/*.map).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { register } from 'tsx/esm/api';
import {
  BOOT_FILE,
  CHUNK_DIR,
  ENTRY_FILE,
  describeChunks,
  entryClosure,
  formatReport,
  packagesByChunk,
  screenPreloads,
  staticImportsFromMetafile,
} from './bundle-report.mjs';

const root = new URL('..', import.meta.url).pathname;
const argv = process.argv.slice(2);
const outIdx = argv.indexOf('--outdir');
const outdir = outIdx >= 0 ? resolve(argv[outIdx + 1]) : join(root, 'dist/renderer');
const rendererOnly = argv.includes('--renderer-only');
const metaIdx = argv.indexOf('--metafile');
const metafileOut = metaIdx >= 0 ? resolve(argv[metaIdx + 1]) : null;
const sourcemap = argv.includes('--sourcemap');

// The policy both transports send as a header (src/main/security/policy.ts), in its <meta> form.
register();
const { contentSecurityPolicy } = await import('../src/main/security/policy.ts');
const CSP = contentSecurityPolicy('meta');

/**
 * The page. boot.js comes first, an async module run as soon as it arrives: it preloads the chunks of the
 * screen the address shows (listed per screen in <meta name="screen-chunks">, which must precede it) and
 * starts the first API requests. The entry is a module (deferred, so the frame below paints before any
 * script runs); the chunks it imports are preloaded alongside it instead of discovered one after the other. #root holds a still
 * picture of the app's frame, a bar with the title, which React replaces on its first render: the window
 * is never blank, even on a slow PC while the script is still being evaluated.
 */
const indexHtml = (preload, screens) => `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>政府信息公开年报助手</title>
<link rel="icon" href="data:,">
<style>html,body,#root{height:100%;margin:0}body{background:#f4f6f9;font-family:"Microsoft YaHei","PingFang SC","Noto Sans CJK SC",sans-serif}
.boot-bar{height:48px;display:flex;align-items:center;padding:0 24px;background:#1f5fa8;color:#fff;font-size:18px;font-weight:500}
.boot-body{padding:24px;color:rgba(0,0,0,.6);font-size:14px}</style>
<meta name="screen-chunks" content='${JSON.stringify(screens)}'>
<script type="module" async src="${BOOT_FILE}"></script>
<script type="module" src="${ENTRY_FILE}"></script>
${preload.map((f) => `<link rel="modulepreload" href="${f}">`).join('\n')}
</head>
<body>
<div id="root"><div class="boot-bar">政府信息公开年报助手</div><div class="boot-body">正在启动…</div></div>
<noscript>本程序需要启用 JavaScript。</noscript>
</body>
</html>
`;

mkdirSync(outdir, { recursive: true });
// Chunk names carry a content hash: the previous build's would linger (and be packaged) otherwise.
rmSync(join(outdir, CHUNK_DIR), { recursive: true, force: true });
const started = Date.now();
let result;
try {
  const common = {
    outdir,
    absWorkingDir: root,
    bundle: true,
    minify: true,
    format: 'esm',
    target: ['chrome120'],
    platform: 'browser',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    legalComments: 'none',
    logLevel: 'warning',
    metafile: true,
    ...(sourcemap ? { sourcemap: 'linked', sourcesContent: false } : {}),
    tsconfig: join(root, 'src/renderer/tsconfig.json'),
  };
  const [app, boot] = await Promise.all([
    // ESM with splitting: each React.lazy part becomes a chunk loaded on demand, code shared by several
    // parts goes into chunks of its own.
    build({ ...common, entryPoints: { app: join(root, 'src/renderer/main.tsx') }, splitting: true, chunkNames: `${CHUNK_DIR}/[name]-[hash]` }),
    // boot.js on its own, one file without imports: it runs as soon as it has come (src/renderer/boot.ts)
    build({ ...common, entryPoints: { boot: join(root, 'src/renderer/boot.ts') } }),
  ]);
  result = { metafile: { inputs: { ...app.metafile.inputs, ...boot.metafile.inputs }, outputs: { ...app.metafile.outputs, ...boot.metafile.outputs } } };
} catch {
  console.error('界面打包失败 (renderer build failed)');
  process.exit(1);
}
const imports = staticImportsFromMetafile(result.metafile, outdir, root);
const preload = [...entryClosure(imports)].filter((f) => f !== ENTRY_FILE && f !== BOOT_FILE).sort();
writeFileSync(join(outdir, 'index.html'), indexHtml(preload, screenPreloads(outdir, imports)));
if (metafileOut) writeFileSync(metafileOut, JSON.stringify(result.metafile));
console.log(formatReport(describeChunks(outdir, imports), packagesByChunk(result.metafile, outdir, root)));
console.log(`renderer built in ${Date.now() - started} ms → ${outdir}`);

const electronBuild = join(root, 'scripts/build-electron.mjs');
if (!rendererOnly && existsSync(electronBuild)) {
  const r = spawnSync(process.execPath, [electronBuild], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
