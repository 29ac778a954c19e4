import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createAppRequestHandler, type AppRequestHandler } from '../../src/main/electron/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../src/main/electron/security';

let dir: string;
let handler: AppRequestHandler;
const SECRET = 'top secret outside the UI folder';

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'app-protocol-'));
  const ui = join(dir, 'renderer');
  mkdirSync(join(ui, 'assets'), { recursive: true });
  writeFileSync(join(ui, 'index.html'), '<!doctype html><title>年报</title><script src="assets/main.js"></script>');
  writeFileSync(join(ui, 'assets', 'main.js'), 'console.log("年报助手")');
  mkdirSync(join(ui, 'chunks'));
  writeFileSync(join(ui, 'chunks', 'Editor-AB12CD34.js'), 'export const editor = "编辑器";');
  writeFileSync(join(dir, 'secret.txt'), SECRET);
  mkdirSync(join(dir, 'renderer-evil'));
  writeFileSync(join(dir, 'renderer-evil', 'x.js'), SECRET);
  symlinkSync(join(dir, 'secret.txt'), join(ui, 'assets', 'link.txt'));
  symlinkSync(dir, join(ui, 'up'));
  handler = createAppRequestHandler(ui);
});

after(() => rmSync(dir, { recursive: true, force: true }));

const get = (url: string, method = 'GET') => handler(new Request(url, { method }));

test('serves the UI with the CSP and a content type', async () => {
  const r = await get('app://report/');
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'text/html; charset=utf-8');
  assert.equal(r.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
  assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
  assert.match(await r.text(), /<title>年报<\/title>/);
  const js = await get('app://report/assets/main.js?v=2');
  assert.equal(js.status, 200);
  assert.equal(js.headers.get('content-type'), 'text/javascript; charset=utf-8');
  assert.equal(await js.text(), 'console.log("年报助手")');
});

test('the lazy chunks of the split build are served as JavaScript (module scripts refuse anything else)', async () => {
  const r = await get('app://report/chunks/Editor-AB12CD34.js');
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'text/javascript; charset=utf-8');
  assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(await r.text(), 'export const editor = "编辑器";');
  assert.equal((await get('app://report/chunks/Missing-00000000.js')).status, 404);
  assert.equal((await get('app://report/chunks/..%2f..%2fsecret.txt')).status, 403);
});

test('a route without a file gets index.html; a missing file is 404', async () => {
  const r = await get('app://report/reports/12/editor');
  assert.equal(r.status, 200);
  assert.match(await r.text(), /<title>/);
  assert.equal((await get('app://report/assets/missing.js')).status, 404);
});

test('HEAD has headers and no body; other methods are refused', async () => {
  const h = await get('app://report/index.html', 'HEAD');
  assert.equal(h.status, 200);
  assert.equal(await h.text(), '');
  for (const m of ['POST', 'PUT', 'DELETE', 'OPTIONS']) assert.equal((await get('app://report/index.html', m)).status, 405, m);
});

test('nothing outside the UI folder is ever served', async () => {
  const hostile = [
    'app://report/../secret.txt',
    'app://report/%2e%2e/secret.txt',
    'app://report/..%2fsecret.txt',
    'app://report/..%5csecret.txt',
    'app://report/assets/..%2f..%2fsecret.txt',
    'app://report/../renderer-evil/x.js',
    'app://report/assets/link.txt',
    'app://report/up/secret.txt',
    'app://report/up/renderer/index.html',
    `app://report/${encodeURIComponent(join(dir, 'secret.txt'))}`,
    'app://report/secret.txt%00.js',
    'app://other/index.html',
    'file:///etc/passwd',
  ];
  for (const url of hostile) {
    const r = await get(url);
    const body = await r.text();
    assert.ok(!body.includes(SECRET), `${url} leaked the secret`);
    assert.ok(r.status === 403 || r.status === 404 || (r.status === 200 && body.includes('<title>年报')), `${url} → ${r.status}`);
  }
  assert.equal((await get('app://report/assets/link.txt')).status, 403, 'a symlink out of the folder');
  assert.equal((await get('app://report/..%2fsecret.txt')).status, 403);
  assert.equal((await get('app://other/index.html')).status, 403);
});

test('a missing UI build says so in Chinese', async () => {
  const empty = mkdtempSync(join(tmpdir(), 'app-protocol-empty-'));
  try {
    const r = await createAppRequestHandler(empty)(new Request('app://report/'));
    assert.equal(r.status, 404);
    assert.match(await r.text(), /npm run build/);
  } finally {
    rmSync(empty, { recursive: true, force: true });
  }
});
