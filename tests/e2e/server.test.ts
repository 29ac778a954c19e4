/**
 * The browser-mode server: the launch token, the Host and Origin checks, the body limit and the static
 * path containment — over real sockets, plus the pure guard functions with hostile inputs.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startServer } from '../../src/main/server/server';
import { apiMethodOf, hostAllowed, originAllowed, staticPath, tokenMatches, TOKEN_HEADER } from '../../src/main/server/guard';
import { startApp, type App } from './harness';

interface Reply {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

function raw(port: number, path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers: options.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
    });
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

describe('browser-mode server over HTTP', () => {
  let app: App;
  let root: string;
  let port: number;
  let token: string;
  const api = (method: string, body: unknown, headers: Record<string, string> = {}) =>
    raw(port, `/api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', host: `127.0.0.1:${port}`, [TOKEN_HEADER]: token, ...headers },
      body: JSON.stringify(body),
    });

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'gov-server-root-'));
    mkdirSync(join(root, 'sub'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>t</title>');
    writeFileSync(join(root, 'app.js'), 'void 0');
    mkdirSync(join(root, 'chunks'));
    writeFileSync(join(root, 'chunks', 'Editor-AB12CD34.js'), 'export const editor = 1;');
    writeFileSync(join(root, '..', `secret-${process.pid}.txt`), 'secret');
    app = await startApp(root);
    port = app.server.port;
    token = app.server.token;
  });

  after(async () => {
    await app?.close();
    rmSync(join(root, '..', `secret-${process.pid}.txt`), { force: true });
    rmSync(root, { recursive: true, force: true });
  });

  test('prints a loopback URL with the token', () => {
    assert.match(app.server.url, new RegExp(`^http://127\\.0\\.0\\.1:${port}/\\?token=[A-Za-z0-9_-]{24,}$`));
  });

  test('with the token an API call reaches the core', async () => {
    const r = await api('agencies.create', { name: '某某县民政局', level: 'county-department' });
    assert.equal(r.status, 200);
    const body = JSON.parse(r.body) as { ok: boolean; value: { name: string } };
    assert.equal(body.ok, true);
    assert.equal(body.value.name, '某某县民政局');
  });

  test('refuses an API call without the token or with a wrong one', async () => {
    const none = await raw(port, '/api/agencies.list', { method: 'POST', headers: { 'content-type': 'application/json', host: `127.0.0.1:${port}` }, body: '{}' });
    assert.equal(none.status, 401);
    assert.match(JSON.parse(none.body).error.message, /令牌/);
    const wrong = await api('agencies.list', {}, { [TOKEN_HEADER]: token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A') });
    assert.equal(wrong.status, 401);
    const inQuery = await raw(port, `/api/agencies.list?token=${token}`, { method: 'POST', headers: { 'content-type': 'application/json', host: `127.0.0.1:${port}` }, body: '{}' });
    assert.equal(inQuery.status, 401, 'the token is a header, not a query parameter a link could carry');
  });

  test('refuses a foreign Host header (DNS rebinding), for pages and the API', async () => {
    for (const host of ['evil.example', `evil.example:${port}`, `127.0.0.1:${port + 1}`, `127.0.0.1.nip.io:${port}`]) {
      assert.equal((await api('agencies.list', {}, { host })).status, 403, host);
      assert.equal((await raw(port, '/', { headers: { host } })).status, 403, host);
    }
    assert.equal((await api('agencies.list', {}, { host: `localhost:${port}` })).status, 200);
  });

  test('refuses a foreign Origin even with the token', async () => {
    for (const origin of ['http://evil.example', `http://127.0.0.1:${port + 1}`, 'null', `https://127.0.0.1:${port}`]) {
      const r = await api('agencies.list', {}, { origin });
      assert.equal(r.status, 403, origin);
      assert.match(JSON.parse(r.body).error.message, /其他网站/);
    }
    assert.equal((await api('agencies.list', {}, { origin: `http://127.0.0.1:${port}` })).status, 200);
  });

  test('refuses other methods, non-JSON bodies, bad JSON, unknown methods and oversize bodies with Chinese messages', async () => {
    const get = await raw(port, '/api/agencies.list', { headers: { host: `127.0.0.1:${port}`, [TOKEN_HEADER]: token } });
    assert.equal(get.status, 405);
    const text = await raw(port, '/api/agencies.list', { method: 'POST', headers: { host: `127.0.0.1:${port}`, [TOKEN_HEADER]: token, 'content-type': 'text/plain' }, body: '{}' });
    assert.equal(text.status, 415);
    const bad = await raw(port, '/api/agencies.list', { method: 'POST', headers: { host: `127.0.0.1:${port}`, [TOKEN_HEADER]: token, 'content-type': 'application/json' }, body: '{oops' });
    assert.equal(bad.status, 400);
    assert.match(JSON.parse(bad.body).error.message, /JSON/);
    const unknown = await api('nothing.here', {});
    assert.equal(JSON.parse(unknown.body).ok, false);
    // a second server on the same core with a small limit, so the refusal is exercised for real
    const small = await startServer({ core: app.core, rootDir: root, bodyLimit: 1024 });
    try {
      const big = await raw(small.port, '/api/agencies.list', {
        method: 'POST',
        headers: { host: `127.0.0.1:${small.port}`, [TOKEN_HEADER]: small.token, 'content-type': 'application/json' },
        body: JSON.stringify({ pad: 'x'.repeat(4096) }),
      });
      assert.equal(big.status, 413);
      assert.match(JSON.parse(big.body).error.message, /请求内容过大/);
    } finally {
      await small.close();
    }
    const invalid = await api('agencies.create', { name: '', level: 'county-department' });
    const body = JSON.parse(invalid.body) as { ok: boolean; error: { code: string; message: string } };
    assert.equal(body.ok, false);
    assert.equal(body.error.code, 'invalid_input');
    assert.match(body.error.message, /机关名称不能为空/);
  });

  test('serves the renderer with a CSP and never a file outside its folder', async () => {
    const index = await raw(port, '/?token=x', { headers: { host: `127.0.0.1:${port}` } });
    assert.equal(index.status, 200);
    assert.match(String(index.headers['content-security-policy']), /default-src 'none'/);
    assert.equal((await raw(port, '/app.js', { headers: { host: `localhost:${port}` } })).status, 200);
    // the split build's chunks, as module scripts need them: JavaScript, never sniffed
    const chunk = await raw(port, '/chunks/Editor-AB12CD34.js', { headers: { host: `127.0.0.1:${port}` } });
    assert.equal(chunk.status, 200);
    assert.equal(chunk.headers['content-type'], 'text/javascript; charset=utf-8');
    assert.equal(chunk.headers['x-content-type-options'], 'nosniff');
    assert.equal(chunk.body, 'export const editor = 1;');
    for (const path of [`/../secret-${process.pid}.txt`, `/%2e%2e/secret-${process.pid}.txt`, `/sub/..%2f..%2fsecret-${process.pid}.txt`, '/%00', '/sub', '/nope.js', `/chunks/..%2f..%2fsecret-${process.pid}.txt`, '/chunks/Missing-0.js']) {
      const r = await raw(port, path, { headers: { host: `127.0.0.1:${port}` } });
      assert.equal(r.status, 404, path);
      assert.ok(!r.body.includes('secret'), path);
    }
  });
});

describe('server guard functions', () => {
  test('hostAllowed: only loopback names with our port', () => {
    assert.ok(hostAllowed('127.0.0.1:8080', 8080));
    assert.ok(hostAllowed('localhost:8080', 8080));
    for (const h of [undefined, '', '127.0.0.1', 'localhost', '127.0.0.1:80', 'LOCALHOST:8080.evil', 'evil.com:8080', '[::1]:8080', '127.0.0.1:8080@evil'])
      assert.equal(hostAllowed(h, 8080), false, String(h));
  });

  test('originAllowed: absent or our own origin', () => {
    assert.ok(originAllowed(undefined, 8080));
    assert.ok(originAllowed('http://127.0.0.1:8080', 8080));
    for (const o of ['null', '', 'http://127.0.0.1:8081', 'http://127.0.0.1:8080.evil.com', 'https://localhost:8080', 'file://'])
      assert.equal(originAllowed(o, 8080), false, o);
  });

  test('tokenMatches: exact only', () => {
    assert.ok(tokenMatches('abc', 'abc'));
    for (const t of [undefined, null, '', 'ab', 'abcd', 'ABC']) assert.equal(tokenMatches(t, 'abc'), false, String(t));
  });

  test('staticPath: contained in the root', () => {
    const root = '/srv/app';
    assert.equal(staticPath(root, '/'), '/srv/app/index.html');
    assert.equal(staticPath(root, '/app.js?x=1'), '/srv/app/app.js');
    assert.equal(staticPath(root, '/assets/a%20b.png'), '/srv/app/assets/a b.png');
    for (const p of ['/..', '/../etc/passwd', '/%2e%2e/etc/passwd', '/a/../../x', '/..%2f..%2fetc', '/a%5c..%5c..%5cx', '/%00', 'app.js', '/C:/x', '/%E0%A4%A', '//etc/passwd'])
      assert.equal(staticPath(root, p), null, p);
  });

  test('apiMethodOf: namespace.method only', () => {
    assert.equal(apiMethodOf('/api/reports.open'), 'reports.open');
    for (const p of ['/api/', '/api/reports', '/api/reports.open/x', '/api/../x', '/api/__proto__.x1', '/api/a.b.c']) assert.equal(apiMethodOf(p), null, p);
  });
});
