import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createAppRequestHandler } from '../../src/main/electron/app-protocol';
import { startServer } from '../../src/main/server/server';
import { openCore } from '../../src/main/services/core';
import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS, assetPathOf, contentSecurityPolicy, contentTypeFor } from '../../src/main/security/policy';

// One policy, two transports: the browser-mode server and the Electron app:// handler answer the same files
// with the same CSP, security headers and content types, and refuse the same hostile paths; the built
// index.html carries the same policy in its <meta> form.

const PATHS = ['/', '/index.html', '/app.js', '/assets/%E5%9B%BE%E6%A0%87.svg', '/chunk.mjs', '/x.woff2'];
const HOSTILE = ['/../secret.txt', '/%2e%2e/secret.txt', '/a/..%2f..%2fsecret.txt', '/a%5c..%5csecret.txt', '/%00', '//secret.txt', '/C:/secret.txt', '/%E0%A4%A'];

function get(port: number, path: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host: `127.0.0.1:${port}` } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('the server and the app:// handler send the same policy and content types, and refuse the same paths', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'policy-'));
  const root = join(dir, 'ui');
  mkdirSync(join(root, 'assets'), { recursive: true });
  for (const f of ['index.html', 'app.js', 'assets/图标.svg', 'chunk.mjs', 'x.woff2']) writeFileSync(join(root, f), 'x');
  writeFileSync(join(dir, 'secret.txt'), 'secret');
  const core = openCore({ dbPath: join(dir, 'reports.sqlite'), mode: 'cli' });
  const server = await startServer({ core, rootDir: root });
  const app = createAppRequestHandler(root);
  try {
    for (const path of PATHS) {
      const viaServer = await get(server.port, path);
      const viaApp = await app(new Request(`app://report${path}`));
      assert.equal(viaServer.status, 200, `server ${path}`);
      assert.equal(viaApp.status, 200, `app ${path}`);
      const expectedType = contentTypeFor(path === '/' ? 'index.html' : decodeURIComponent(path));
      assert.equal(viaServer.headers['content-type'], expectedType, `server ${path}`);
      assert.equal(viaApp.headers.get('content-type'), expectedType, `app ${path}`);
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
        assert.equal(viaServer.headers[name.toLowerCase()], value, `server ${path} ${name}`);
        assert.equal(viaApp.headers.get(name), value, `app ${path} ${name}`);
      }
    }
    for (const path of HOSTILE) {
      assert.equal(assetPathOf(path), null, path);
      assert.notEqual((await get(server.port, path)).status, 200, `server ${path}`);
      const viaApp = await app(new Request(`app://report${path}`)).catch(() => null);
      if (viaApp) assert.ok(viaApp.status !== 200 || !(await viaApp.text()).includes('secret'), `app ${path}`);
    }
  } finally {
    await server.close();
    core.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('one CSP builder: the header form, and the <meta> form without header-only directives', () => {
  assert.equal(contentSecurityPolicy(), CONTENT_SECURITY_POLICY);
  assert.match(CONTENT_SECURITY_POLICY, /frame-ancestors 'none'/);
  assert.equal(contentSecurityPolicy('meta'), CONTENT_SECURITY_POLICY.replace(/; frame-ancestors 'none'/, ''));
  assert.match(CONTENT_SECURITY_POLICY, /^default-src 'none'; script-src 'self';/);
  assert.doesNotMatch(CONTENT_SECURITY_POLICY, /unsafe-eval|\*|https?:/);
  // scripts/build.mjs writes the meta form, never its own copy of the policy
  const build = readFileSync(join(import.meta.dirname, '..', '..', 'scripts', 'build.mjs'), 'utf8');
  assert.match(build, /contentSecurityPolicy\('meta'\)/);
  assert.doesNotMatch(build, /default-src/);
});

test('content types by extension, either separator, unknown as bytes', () => {
  assert.equal(contentTypeFor('/x/index.html'), 'text/html; charset=utf-8');
  assert.equal(contentTypeFor('C:\\x\\main.js'), 'text/javascript; charset=utf-8');
  assert.equal(contentTypeFor('chunk.MJS'), 'text/javascript; charset=utf-8');
  assert.equal(contentTypeFor('a.exe'), 'application/octet-stream');
});
