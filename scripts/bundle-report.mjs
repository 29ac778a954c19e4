// What the renderer build is made of, for `npm run build` and the bench: its chunks (minified and gzip
// bytes, which of them the first screen loads) and, from the esbuild metafile, the packages in each chunk.
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * The entry module index.html loads, the small boot script it runs first (src/renderer/boot.ts), and the
 * folder of the chunks esbuild splits off.
 */
export const ENTRY_FILE = 'app.js';
export const BOOT_FILE = 'boot.js';
export const CHUNK_DIR = 'chunks';

/**
 * The screens the app can open on, by the name of their lazy chunk (chunks/<name>-<hash>.js, named after
 * the module src/renderer/lazy.tsx imports): the report list on a start, the editor on a reload in it.
 */
export const FIRST_SCREENS = [
  { name: 'report list', chunk: 'Home' },
  { name: 'editor', chunk: 'Editor' },
];

/**
 * What boot.js preloads by the address (src/renderer/boot.ts): key → the lazy chunk whose static closure,
 * less what every screen loads anyway, is that screen's own code. `tablePart` is added on a table part.
 */
export const SCREEN_PRELOADS = { home: 'Home', editor: 'Editor', tablePart: 'TablePart' };

/** A package name for a bundled input: `zod`, `@mui/material`, or the source folder (`src/renderer/editor`). */
export function packageOf(input) {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  if (m) return m[1];
  const parts = input.split('/');
  return parts.length > 3 ? parts.slice(0, 3).join('/') : input;
}

/**
 * A module with every chunk it imports statically, transitively (dynamic imports are the lazy parts).
 * `imports(file)` lists a file's static imports, relative to outdir.
 */
export function staticClosure(imports, ...files) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const f of imports(file)) visit(f);
  };
  for (const f of files) visit(f);
  return seen;
}

/** The chunk of a screen among the built files (`chunks/Editor-<hash>.js` for `Editor`), or undefined. */
export function screenChunk(files, chunk) {
  return files.find((f) => f.startsWith(`${CHUNK_DIR}/${chunk}-`) && f.endsWith('.js'));
}

/** Static imports of each output file, from an esbuild metafile (paths relative to `workingDir`), relative to outdir. */
export function staticImportsFromMetafile(metafile, outdir, workingDir) {
  const rel = (p) => relative(outdir, join(workingDir, p)).split('\\').join('/');
  const map = new Map();
  for (const [file, out] of Object.entries(metafile.outputs)) {
    if (!file.endsWith('.js')) continue;
    map.set(rel(file), out.imports.filter((i) => i.kind === 'import-statement' && !i.external).map((i) => rel(i.path)));
  }
  return (file) => map.get(file) ?? [];
}

/**
 * Static imports of each built file, read from the files themselves (for the bench, which has no
 * metafile): esbuild writes them as `import{…}from"./chunk-X.js"` or `import"./chunk-X.js"`.
 */
export function staticImportsFromFiles(outdir) {
  return (file) => {
    const text = readFileSync(join(outdir, file), 'utf8');
    const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : '';
    const found = [];
    for (const m of text.matchAll(/(?:^|[;}\s])import\s*(?:[\w${},*\s]+from\s*)?"(\.{1,2}\/[^"]+\.js)"/g)) {
      found.push(new URL(m[1], `file:///${dir}`).pathname.slice(1));
    }
    return found;
  };
}

/** The files every first screen loads: boot.js and app.js with their static imports. */
export function entryClosure(imports) {
  return staticClosure(imports, BOOT_FILE, ENTRY_FILE);
}

/** The built .js files, relative to outdir: the entries, then the chunks. */
function builtFiles(outdir) {
  const files = [BOOT_FILE, ENTRY_FILE];
  try {
    for (const f of readdirSync(join(outdir, CHUNK_DIR))) if (f.endsWith('.js')) files.push(`${CHUNK_DIR}/${f}`);
  } catch {
    /* an unsplit build has no chunk folder */
  }
  return files;
}

/** For boot.js: each SCREEN_PRELOADS key → the chunks that screen needs beyond the entries', sorted. */
export function screenPreloads(outdir, imports) {
  const files = builtFiles(outdir);
  const entry = entryClosure(imports);
  const lists = {};
  for (const [key, chunk] of Object.entries(SCREEN_PRELOADS)) {
    const own = screenChunk(files, chunk);
    lists[key] = own ? [...staticClosure(imports, own)].filter((f) => !entry.has(f)).sort() : [];
  }
  return lists;
}

/**
 * Every .js file of a built renderer with its sizes and the first screens that need it (`screens`: names
 * of FIRST_SCREENS; `entry` marks boot.js, app.js and their static imports, which every screen needs), plus the
 * totals of each first screen. Files are relative to outdir, the first screens' first.
 */
export function describeChunks(outdir, imports = staticImportsFromFiles(outdir)) {
  const files = builtFiles(outdir);
  const entry = entryClosure(imports);
  const screens = FIRST_SCREENS.map(({ name, chunk }) => {
    const own = screenChunk(files, chunk);
    return { name, files: own ? new Set([...entry, ...staticClosure(imports, own)]) : entry };
  });
  const chunks = files.map((file) => {
    const bytes = readFileSync(join(outdir, file));
    return {
      file,
      bytes: bytes.length,
      gzip: gzipSync(bytes).length,
      entry: entry.has(file),
      screens: screens.filter((s) => s.files.has(file)).map((s) => s.name),
    };
  });
  chunks.sort((a, b) => Number(b.entry) - Number(a.entry) || b.screens.length - a.screens.length || b.bytes - a.bytes);
  const totals = screens.map((s) => {
    const mine = chunks.filter((c) => s.files.has(c.file));
    return { name: s.name, files: mine.length, bytes: mine.reduce((n, c) => n + c.bytes, 0), gzip: mine.reduce((n, c) => n + c.gzip, 0) };
  });
  return { chunks, totals };
}

/** Bytes per package in each output chunk of a metafile, biggest first. */
export function packagesByChunk(metafile, outdir, workingDir) {
  const result = new Map();
  for (const [file, out] of Object.entries(metafile.outputs)) {
    if (!file.endsWith('.js')) continue;
    const sums = new Map();
    for (const [input, { bytesInOutput }] of Object.entries(out.inputs)) {
      const p = packageOf(input);
      sums.set(p, (sums.get(p) ?? 0) + bytesInOutput);
    }
    const rel = relative(outdir, join(workingDir, file)).split('\\').join('/');
    result.set(rel, [...sums].filter(([, b]) => b > 0).sort((a, b) => b[1] - a[1]));
  }
  return result;
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

/** The composition as printed by `npm run build`. */
export function formatReport({ chunks, totals }, packages, top = 15) {
  const lines = [];
  const sum = (k) => chunks.reduce((s, c) => s + c[k], 0);
  lines.push(`renderer: ${chunks.length} files, ${kb(sum('bytes'))} (gzip ${kb(sum('gzip'))}); JavaScript needed for the first screen:`);
  for (const t of totals) lines.push(`  ${t.name.padEnd(12)} ${kb(t.bytes).padStart(9)} (gzip ${kb(t.gzip)}) in ${t.files} files`);
  for (const c of chunks) {
    const mark = c.entry ? '*' : c.screens.length ? c.screens.map((s) => s[0]).join('') : ' ';
    lines.push(`  ${mark.padEnd(2)} ${c.file.padEnd(36)} ${kb(c.bytes).padStart(9)}  gzip ${kb(c.gzip).padStart(8)}`);
    const pk = packages.get(c.file) ?? [];
    const shown = pk.slice(0, top).map(([p, b]) => `${p} ${kb(b)}`);
    if (pk.length > top) shown.push(`… ${pk.length - top} more`);
    if (shown.length) lines.push(`      ${shown.join(', ')}`);
  }
  lines.push(`  (* = loaded for every first screen; ${FIRST_SCREENS.map((s) => `${s.name[0]} = for the ${s.name}`).join(', ')}; the rest on demand)`);
  return lines.join('\n');
}
