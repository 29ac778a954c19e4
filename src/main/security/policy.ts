/**
 * The one web security policy of the app, for both transports of the same UI: the browser-mode server
 * (src/main/server) and the Electron shell's app:// protocol (src/main/electron), and the <meta> CSP that
 * scripts/build.mjs writes into index.html. Pure functions, tested with hostile input.
 */
import { isAbsolute, posix, relative, resolve, sep } from 'node:path';

/**
 * Nothing from the network, no eval, no inline script. Inline styles stay allowed because MUI/emotion inject
 * <style> elements at run time; workers only from the app itself.
 */
const CSP_DIRECTIVES: ReadonlyArray<readonly [string, ...string[]]> = [
  ['default-src', "'none'"],
  ['script-src', "'self'"],
  ['style-src', "'self'", "'unsafe-inline'"],
  ['img-src', "'self'", 'data:', 'blob:'],
  ['font-src', "'self'", 'data:'],
  ['connect-src', "'self'"],
  ['worker-src', "'self'"],
  ['object-src', "'none'"],
  ['frame-src', "'none'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
  ['frame-ancestors', "'none'"],
];

/** Directives a browser ignores (with a console warning) when the policy comes in a <meta> element. */
const HEADER_ONLY = new Set(['frame-ancestors', 'report-uri', 'sandbox']);

/** The policy as a header value, or for `<meta http-equiv="Content-Security-Policy">` (`'meta'`). */
export function contentSecurityPolicy(delivery: 'header' | 'meta' = 'header'): string {
  return CSP_DIRECTIVES.filter(([name]) => delivery === 'header' || !HEADER_ONLY.has(name))
    .map((d) => d.join(' '))
    .join('; ');
}

export const CONTENT_SECURITY_POLICY = contentSecurityPolicy();

/** Headers on every response either transport gives. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.txt': 'text/plain; charset=utf-8',
};

/** The Content-Type of a served file by its extension (either separator); unknown ones are opaque bytes. */
export function contentTypeFor(file: string): string {
  const ext = posix.extname(file.replace(/\\/g, '/')).toLowerCase();
  return CONTENT_TYPES[ext] ?? 'application/octet-stream';
}

/**
 * The asset a URL path names, relative to the UI folder with posix separators (`/` is index.html), or null
 * when it could leave the folder: encoded separators or NUL, a backslash, control characters, empty, `.` or
 * `..` segments, drive letters. Checked on the decoded path, since a URL parser only resolves the dot
 * segments it can see (and a raw HTTP request path has had none resolved).
 */
export function assetPathOf(pathname: string): string | null {
  if (!pathname.startsWith('/')) return null;
  if (/%(2f|5c|00)/i.test(pathname)) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\\') || /[\u0000-\u001f]/.test(decoded)) return null;
  if (decoded === '/') return 'index.html';
  const segments = decoded.slice(1).split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..' || /^[a-zA-Z]:/.test(s))) return null;
  return segments.join('/');
}

/** The absolute file for a relative asset path, or null when it would fall outside `root`. */
export function containedPath(root: string, rel: string): string | null {
  if (rel.includes('\0')) return null;
  const base = resolve(root);
  const full = resolve(base, ...rel.split('/'));
  const back = relative(base, full);
  if (back === '' || back.startsWith('..') || isAbsolute(back)) return null;
  if (!full.startsWith(base + sep)) return null;
  return full;
}
