import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join, resolve, sep } from 'node:path';
import { test } from 'node:test';
import {
  APP_ENTRY_URL,
  APP_ORIGIN,
  CONTENT_SECURITY_POLICY,
  SECURITY_HEADERS,
  appRelativePath,
  containedPath,
  contentTypeFor,
  isAllowedNavigation,
  isAllowedRequest,
  isAppUrl,
  isPermissionAllowed,
  isSpaRoute,
  isTrustedSender,
  resolveAppFile,
} from '../../src/main/electron/security';

const ROOT = resolve('/srv/app/dist/renderer');

/** URLs that must never map to a file outside the UI folder: each either refused or contained. */
const HOSTILE_URLS = [
  'app://report/../../../etc/passwd',
  'app://report/a/../../../../etc/passwd',
  'app://report/%2e%2e/%2e%2e/etc/passwd',
  'app://report/%2E%2E/secret',
  'app://report/.%2e/secret',
  'app://report/..%2f..%2fetc%2fpasswd',
  'app://report/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  'app://report/..%5c..%5cwindows%5cwin.ini',
  'app://report/..\\..\\windows\\win.ini',
  'app://report/a\\..\\..\\secret',
  'app://report/%00',
  'app://report/index.html%00.png',
  'app://report/\u0000/etc',
  'app://report//etc/passwd',
  'app://report///etc/passwd',
  'app://report/C:/Windows/win.ini',
  'app://report/c:%5cwindows%5cwin.ini',
  'app://report/%252e%252e/%252e%252e/etc/passwd',
  'app://report/%',
  'app://report/%E0%A4%A',
  'app://report/%0a/x',
];

test('hostile app:// paths are refused or stay inside the UI folder', () => {
  for (const url of HOSTILE_URLS) {
    const file = resolveAppFile(ROOT, url);
    if (file !== null) assert.ok(file.startsWith(ROOT + sep), `${url} → ${file} escapes ${ROOT}`);
  }
});

test('traversal that needs decoding is refused outright, not just contained', () => {
  for (const url of [
    'app://report/..%2fsecret',
    'app://report/..%5csecret',
    'app://report/%2e%2e%2fsecret',
    'app://report/a%2f..%2f..%2fsecret',
    'app://report/..\\secret',
    'app://report/index.html%00.js',
    'app://report/C:/Windows/win.ini',
    'app://report/%',
  ]) {
    assert.equal(appRelativePath(url), null, url);
  }
});

test('dot segments the URL parser resolves never climb above the root', () => {
  // WHATWG parsing folds these to /etc/passwd; what remains is inside the root.
  assert.equal(appRelativePath('app://report/../../etc/passwd'), 'etc/passwd');
  assert.equal(resolveAppFile(ROOT, 'app://report/%2e%2e/%2e%2e/etc/passwd'), join(ROOT, 'etc', 'passwd'));
});

test('ordinary app:// URLs map to the expected files', () => {
  assert.equal(appRelativePath('app://report'), 'index.html');
  assert.equal(appRelativePath('app://report/'), 'index.html');
  assert.equal(appRelativePath(APP_ENTRY_URL), 'index.html');
  assert.equal(appRelativePath('app://report/assets/main-3f2a.js?v=1#top'), 'assets/main-3f2a.js');
  assert.equal(appRelativePath('app://report/a/./b/../c.css'), 'a/c.css');
  assert.equal(appRelativePath('app://report/%E5%9B%BE%E6%A0%87.png'), '图标.png');
  assert.equal(resolveAppFile(ROOT, 'app://report/assets/x.js'), join(ROOT, 'assets', 'x.js'));
});

test('other schemes, hosts, ports and credentials are not the app', () => {
  for (const url of [
    'file:///etc/passwd',
    'file://report/index.html',
    'javascript:alert(1)',
    'JavaScript:alert(document.domain)',
    'data:text/html,<script>alert(1)</script>',
    'http://report/index.html',
    'https://report/index.html',
    'https://evil.example/app://report/',
    'app://evil/index.html',
    'app://report.evil.example/index.html',
    'app://report:8080/index.html',
    'app://user:pass@report/index.html',
    'app://user@report/index.html',
    'app:report/index.html',
    'app:///etc/passwd',
    'about:blank',
    'chrome://settings',
    'devtools://devtools/bundled/inspector.html',
    '',
    'not a url',
  ]) {
    assert.equal(isAppUrl(url), false, url);
    assert.equal(isAllowedNavigation(url), false, url);
    assert.equal(appRelativePath(url), null, url);
  }
  for (const value of [null, undefined, 42, {}, ['app://report/'], `app://report/${'a'.repeat(9000)}`]) {
    assert.equal(isAppUrl(value), false, String(value).slice(0, 40));
  }
  assert.equal(isAppUrl(APP_ENTRY_URL), true);
  assert.equal(isAllowedNavigation(`${APP_ORIGIN}/#/report/12`), true);
});

test('the page may load only its own files and inline data', () => {
  for (const url of ['app://report/assets/a.js', 'data:image/png;base64,iVBORw0KGgo=', 'blob:app://report/5b1c-…', 'devtools://devtools/x']) {
    assert.equal(isAllowedRequest(url), true, url);
  }
  for (const url of [
    'https://cdn.example.com/react.js',
    'http://127.0.0.1:8080/api',
    'ws://127.0.0.1:9229',
    'file:///C:/Windows/win.ini',
    'ftp://example.com/x',
    'app://elsewhere/x.js',
    'javascript:alert(1)',
  ]) {
    assert.equal(isAllowedRequest(url), false, url);
  }
});

test('containment is checked on the resolved path', () => {
  assert.equal(containedPath(ROOT, '../x'), null);
  assert.equal(containedPath(ROOT, 'a/../../x'), null);
  assert.equal(containedPath(ROOT, ''), null, 'the folder itself is not a file');
  assert.equal(containedPath(ROOT, '/etc/passwd'), join(ROOT, 'etc', 'passwd'), 'a leading slash stays relative to the root');
  assert.equal(containedPath(ROOT, 'x\0.js'), null);
  // A sibling folder sharing the prefix ("renderer-evil") is outside.
  assert.equal(containedPath(ROOT, '../renderer-evil/x.js'), null);
});

test('routes without an extension fall back to index.html, files do not', () => {
  assert.equal(isSpaRoute('reports/12'), true);
  assert.equal(isSpaRoute('assets/main.js'), false);
  assert.equal(isSpaRoute('icon.PNG'), false);
});

test('content types', () => {
  assert.equal(contentTypeFor('/x/index.html'), 'text/html; charset=utf-8');
  assert.equal(contentTypeFor('C:\\x\\main.js'), 'text/javascript; charset=utf-8');
  assert.equal(contentTypeFor('a.woff2'), 'font/woff2');
  assert.equal(contentTypeFor('a.exe'), 'application/octet-stream');
});

test('permissions: all denied but clipboard writing from the app itself', () => {
  for (const p of ['media', 'geolocation', 'notifications', 'midi', 'midiSysex', 'pointerLock', 'fullscreen', 'openExternal', 'clipboard-read', 'display-capture', 'hid', 'serial', 'usb', 'unknown']) {
    assert.equal(isPermissionAllowed(p, APP_ENTRY_URL), false, p);
  }
  assert.equal(isPermissionAllowed('clipboard-sanitized-write', APP_ENTRY_URL), true);
  assert.equal(isPermissionAllowed('clipboard-sanitized-write', 'https://evil.example/'), false);
  assert.equal(isPermissionAllowed('clipboard-sanitized-write', undefined), false);
});

test('IPC senders: only the main frame of our window at our origin', () => {
  const ok = { frameUrl: `${APP_ORIGIN}/index.html#/editor`, isMainFrame: true, fromMainWindow: true };
  assert.equal(isTrustedSender(ok), true);
  assert.equal(isTrustedSender({ ...ok, isMainFrame: false }), false, 'an iframe');
  assert.equal(isTrustedSender({ ...ok, fromMainWindow: false }), false, 'another webContents');
  assert.equal(isTrustedSender({ ...ok, frameUrl: null }), false, 'a destroyed frame');
  for (const frameUrl of ['file:///tmp/evil.html', 'https://evil.example/', 'app://evil/index.html', 'about:blank', 'data:text/html,x', 'app://report:1/']) {
    assert.equal(isTrustedSender({ ...ok, frameUrl }), false, frameUrl);
  }
});

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name!, values];
    }),
  );
}

test('the Content-Security-Policy is strict', () => {
  const d = directives(CONTENT_SECURITY_POLICY);
  assert.deepEqual(d.get('default-src'), ["'none'"]);
  assert.deepEqual(d.get('script-src'), ["'self'"]);
  assert.deepEqual(d.get('style-src'), ["'self'", "'unsafe-inline'"]);
  assert.deepEqual(d.get('img-src'), ["'self'", 'data:', 'blob:']);
  assert.deepEqual(d.get('connect-src'), ["'self'"]);
  assert.deepEqual(d.get('object-src'), ["'none'"]);
  assert.deepEqual(d.get('base-uri'), ["'none'"]);
  assert.deepEqual(d.get('frame-ancestors'), ["'none'"]);
  assert.doesNotMatch(CONTENT_SECURITY_POLICY, /unsafe-eval|\*|https?:/);
  assert.equal(SECURITY_HEADERS['Content-Security-Policy'], CONTENT_SECURITY_POLICY);
});

test("Google's CSP evaluator (as used by Electronegativity) finds nothing worse than a maybe", () => {
  const require = createRequire(import.meta.url);
  const csp = require('@doyensec/csp-evaluator') as {
    CspParser: new (s: string) => { csp: unknown };
    CspEvaluator: new (c: unknown, v: unknown) => { evaluate(): { severity: number; directive: string; description: string }[] };
    Version: { CSP3: unknown };
  };
  const findings = new csp.CspEvaluator(new csp.CspParser(CONTENT_SECURITY_POLICY).csp, csp.Version.CSP3).evaluate();
  // Severity numbers: 10 high, 20 syntax, 30 medium, 40 high-maybe; 50 medium-maybe and above are advisory.
  const serious = findings.filter((f) => f.severity < 50);
  assert.deepEqual(serious, [], JSON.stringify(serious));
});
