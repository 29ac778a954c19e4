/**
 * Every security decision of the Electron shell as a pure function, so that Node tests can throw hostile
 * input at it without the Electron binary. main.ts only wires these into Electron's hooks.
 */
import { posix } from 'node:path';
import { assetPathOf, containedPath } from '../security/policy';

/** The UI is served from app://report/… — a standard, secure scheme of our own instead of file://. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'report';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

export { CONTENT_SECURITY_POLICY, SECURITY_HEADERS, containedPath, contentTypeFor } from '../security/policy';

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
 * separators), or null when the URL is not ours or tries to leave the folder (the shared asset-path rules).
 */
export function appRelativePath(url: unknown): string | null {
  if (!isAppUrl(url)) return null;
  return assetPathOf(new URL(url as string).pathname || '/');
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
