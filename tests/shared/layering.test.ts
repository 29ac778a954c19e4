/**
 * Folders by where code may run (architecture guide): a wrong import must fail a test, not only a review.
 * The per-environment tsconfigs catch DOM/Node types; this catches imports across folders.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';

const root = resolve(import.meta.dirname, '../..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts') ? [p] : [];
  });
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]/gm;

function importsOf(file: string): { spec: string; target: string | null }[] {
  const text = readFileSync(file, 'utf8');
  const out: { spec: string; target: string | null }[] = [];
  for (const m of text.matchAll(IMPORT)) {
    const spec = m[1] ?? m[2] ?? m[3]!;
    out.push({ spec, target: spec.startsWith('.') ? relative(root, resolve(dirname(file), spec)) : null });
  }
  return out;
}

function violations(folder: string, allowed: (imp: { spec: string; target: string | null }, file: string) => boolean): string[] {
  return sources(join(root, folder)).flatMap((file) =>
    importsOf(file)
      .filter((imp) => !allowed(imp, file))
      .map((imp) => `${relative(root, file)} → ${imp.spec}`),
  );
}

test('src/shared imports only src/shared and zod', () => {
  assert.deepEqual(
    violations('src/shared', (imp) => (imp.target ? imp.target.startsWith('src/shared') : imp.spec === 'zod' || imp.spec.startsWith('zod/v4/locales/'))),
    [],
  );
});

test('src/renderer imports neither src/main nor Node nor electron', () => {
  assert.deepEqual(
    violations('src/renderer', (imp) =>
      imp.target ? imp.target.startsWith('src/shared') || imp.target.startsWith('src/renderer') : !/^(node:|electron$|better-sqlite3)/.test(imp.spec),
    ),
    [],
  );
});

test('only src/main/electron and src/preload import electron', () => {
  const outside = ['src/shared', 'src/renderer', 'src/main'].flatMap((folder) =>
    violations(folder, (imp, file) => imp.spec !== 'electron' || relative(root, file).startsWith('src/main/electron/')),
  );
  assert.deepEqual(outside, []);
});

test('the core (src/main outside electron) does not import the renderer', () => {
  assert.deepEqual(
    violations('src/main', (imp) => !imp.target || !imp.target.startsWith('src/renderer')),
    [],
  );
});
