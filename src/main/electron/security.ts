/**
 * Every security decision of the Electron shell as a pure function, so that Node tests can throw hostile
 * input at it without the Electron binary. main.ts only wires these into Electron's hooks.
 */
import { isAbsolute, posix, relative, resolve, sep } from 'node:path';

/** The UI is served from app://report/… — a standard, secure scheme of our own instead of file://. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'report';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * The page policy. Inline styles stay allowed because MUI/emotion inject <style> elements at run time;
 * scripts never inline, never eval, never from anywhere but the app itself.
 */
export const CSP_DIRECTIVES: ReadonlyArray<readonly [string, ...string[]]> = [
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  ['style-src', "'self'", "'unsafe-inline'"],
  ['img-src', "'self'", 'data:', 'blob:'],
  ['font-src', "'self'", 'data:'],
  ['connect-src', "'self'"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
  ['frame-src', "'none'"],
  ['worker-src', "'self'"],
  ['frame-ancestors', "'none'"],
];

export function contentSecurityPolicy(directives = CSP_DIRECTIVES): string {
  return directives.map((d) => d.join(' ')).join('; ');
}

export const CONTENT_SECURITY_POLICY = contentSecurityPolicy();

/** Headers added to every response the app:// handler gives (and to any other response the session sees). */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
};

function parseUrl(url: unknown): URL | null {
  if (typeof url !== 'string' || url.length > 8192) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True only for app://report/… exactly: no other scheme, host, port or credentials. */
export function isAppUrl(url: unknown): boolean {
  const u = parseUrl(url);
  return (
    u !== null &&
    u.protocol === `${APP_SCHEME}:` &&
    u.hostname === APP_HOST &&
    u.port === '' &&
    u.username === '' &&
    u.password === ''
  );
}

/** Navigation (will-navigate, will-redirect, will-frame-navigate) stays inside the app. */
export const isAllowedNavigation = isAppUrl;

/**
 * Every request the page may make: its own files, and inline data/blob URLs (images, downloads built in
 * the page). devtools: is the inspector in development. Anything else (http, https, file, ftp, ws …) is
 * cancelled, so no remote content can ever load.
 */
export function isAllowedRequest(url: unknown): boolean {
  if (isAppUrl(url)) return true;
  const u = parseUrl(url);
  return u !== null && (u.protocol === 'data:' || u.protocol === 'blob:' || u.protocol === 'devtools:');
}

/** Permissions are all denied, except writing text to the clipboard (a "复制" button needs it). */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

export function isPermissionAllowed(permission: string, requestingUrl: unknown): boolean {
  return ALLOWED_PERMISSIONS.has(permission) && isAppUrl(requestingUrl);
}

/**
 * The file a request for app://report/<path> may read, as a path relative to the UI folder (posix
 * separators), or null when the URL is not ours or tries to leave the folder. Checked on the decoded path,
 * since the URL parser only resolves the dot segments it can see.
 */
export function appRelativePath(url: unknown): string | null {
  if (!isAppUrl(url)) return null;
  const u = new URL(url as string);
  const raw = u.pathname;
  // Encoded separators could become traversal after decoding; no legitimate asset name contains them.
  if (/%(2f|5c|00)/i.test(raw)) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\') || /[\u0000-\u001f]/.test(decoded)) return null;
  const segments = decoded.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '.' || s === '..' || /^[a-zA-Z]:/.test(s))) return null;
  const rel = posix.normalize(segments.join('/'));
  if (rel === '.' || rel === '') return 'index.html';
  if (rel.startsWith('..') || posix.isAbsolute(rel)) return null;
  return rel;
}

/** The absolute file for a relative app path, or null when it would fall outside `root`. */
export function containedPath(root: string, rel: string): string | null {
  if (rel.includes('\0')) return null;
  const base = resolve(root);
  const full = resolve(base, ...rel.split('/'));
  const back = relative(base, full);
  if (back === '' || back.startsWith('..') || isAbsolute(back)) return null;
  if (!full.startsWith(base + sep)) return null;
  return full;
}

/** Both checks at once: the absolute file an app:// URL maps to inside `root`, or null. */
export function resolveAppFile(root: string, url: unknown): string | null {
  const rel = appRelativePath(url);
  return rel === null ? null : containedPath(root, rel);
}

/** A request for a route rather than a file (no extension) gets the single-page app's index.html. */
export function isSpaRoute(rel: string): boolean {
  return !/\.[a-z0-9]+$/i.test(posix.basename(rel));
}

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

export function contentTypeFor(file: string): string {
  const ext = posix.extname(file.replace(/\\/g, '/')).toLowerCase();
  return CONTENT_TYPES[ext] ?? 'application/octet-stream';
}

/** What main.ts knows about the frame behind an IPC message. */
export interface SenderInfo {
  /** URL of the sending frame (null when the frame is gone). */
  frameUrl: string | null;
  /** The frame is the top frame of its page (not an iframe). */
  isMainFrame: boolean;
  /** The message comes from our main window's webContents. */
  fromMainWindow: boolean;
}

/** IPC is answered only for the top frame of our own window showing our own origin. */
export function isTrustedSender(sender: SenderInfo): boolean {
  return sender.fromMainWindow && sender.isMainFrame && isAppUrl(sender.frameUrl);
}
