// `npm run build`: bundles the renderer (React + MUI) with esbuild into dist/renderer/ (index.html +
// app.js), then runs scripts/build-electron.mjs when present (main and preload bundles).
// Options: --outdir <dir> (default dist/renderer), --renderer-only.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { register } from 'tsx/esm/api';

const root = new URL('..', import.meta.url).pathname;
const argv = process.argv.slice(2);
const outIdx = argv.indexOf('--outdir');
const outdir = outIdx >= 0 ? resolve(argv[outIdx + 1]) : join(root, 'dist/renderer');
const rendererOnly = argv.includes('--renderer-only');

// The policy both transports send as a header (src/main/security/policy.ts), in its <meta> form.
register();
const { contentSecurityPolicy } = await import('../src/main/security/policy.ts');
const CSP = contentSecurityPolicy('meta');

const INDEX_HTML = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>政府信息公开年报助手</title>
<link rel="icon" href="data:,">
<style>html,body,#root{height:100%;margin:0}body{font-family:"Microsoft YaHei","PingFang SC","Noto Sans CJK SC",sans-serif}</style>
</head>
<body>
<div id="root"></div>
<noscript>本程序需要启用 JavaScript。</noscript>
<script src="app.js"></script>
</body>
</html>
`;

mkdirSync(outdir, { recursive: true });
const started = Date.now();
try {
  await build({
    entryPoints: [join(root, 'src/renderer/main.tsx')],
    outfile: join(outdir, 'app.js'),
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['chrome120'],
    platform: 'browser',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    legalComments: 'none',
    logLevel: 'warning',
    tsconfig: join(root, 'src/renderer/tsconfig.json'),
  });
} catch {
  console.error('界面打包失败 (renderer build failed)');
  process.exit(1);
}
writeFileSync(join(outdir, 'index.html'), INDEX_HTML);
const js = readFileSync(join(outdir, 'app.js'));
console.log(
  `renderer: ${outdir}/app.js ${(js.length / 1024).toFixed(0)} KB, gzip ${(gzipSync(js).length / 1024).toFixed(0)} KB (${Date.now() - started} ms)`,
);

const electronBuild = join(root, 'scripts/build-electron.mjs');
if (!rendererOnly && existsSync(electronBuild)) {
  const r = spawnSync(process.execPath, [electronBuild], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
