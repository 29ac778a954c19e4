/**
 * Decisions of the browser-mode server as pure functions, so hostile inputs can be tested without a
 * socket: which requests carry the launch token, which Host and Origin headers are ours, which file a
 * URL path may read.
 */
import { timingSafeEqual } from 'node:crypto';
import { isAbsolute, normalize, relative, resolve, sep } from 'node:path';

export const TOKEN_HEADER = 'x-gov-report-token';

/** Host headers a page served by us sends: only the loopback names with our port. */
export function hostAllowed(host: string | undefined, port: number): boolean {
  if (!host) return false;
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

/** A browser adds Origin to cross-site requests; absent is fine (same-origin GET, curl), foreign is not. */
export function originAllowed(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true;
  return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}

/** Constant-time comparison so the token cannot be guessed byte by byte from response times. */
export function tokenMatches(given: string | undefined | null, token: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The file under `root` a URL path names, or null when it would leave `root` (`..`, encoded
 * separators, NUL bytes, absolute or drive paths). `/` maps to index.html.
 */
export function staticPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0]!.split('#')[0]!);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  if (!decoded.startsWith('/')) return null;
  const rel = decoded === '/' ? 'index.html' : decoded.slice(1);
  if (isAbsolute(rel) || /^[a-zA-Z]:/.test(rel)) return null;
  const base = resolve(root);
  const full = resolve(base, normalize(rel));
  const inside = relative(base, full);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside) || inside.split(sep).includes('..')) return null;
  return full;
}

/** API method name from a request path `/api/<method>`; only the characters method names use. */
export function apiMethodOf(urlPath: string): string | null {
  const m = /^\/api\/([a-zA-Z]+\.[a-zA-Z]+)$/.exec(urlPath.split('?')[0]!);
  return m ? m[1]! : null;
}

export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

/** The CSP of every page we serve: nothing from the network, no eval. MUI/emotion inject <style>. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
