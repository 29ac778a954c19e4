/**
 * Decisions of the browser-mode server as pure functions, so hostile inputs can be tested without a
 * socket: which requests carry the launch token, which Host and Origin headers are ours, which file a
 * URL path may read.
 */
import { timingSafeEqual } from 'node:crypto';
import { assetPathOf, containedPath } from '../security/policy';

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

/** The file under `root` a request path names (query and fragment ignored), or null when it would leave `root`. */
export function staticPath(root: string, urlPath: string): string | null {
  const rel = assetPathOf(urlPath.split('?')[0]!.split('#')[0]!);
  return rel === null ? null : containedPath(root, rel);
}

/** API method name from a request path `/api/<method>`; only the characters method names use. */
export function apiMethodOf(urlPath: string): string | null {
  const m = /^\/api\/([a-zA-Z]+\.[a-zA-Z]+)$/.exec(urlPath.split('?')[0]!);
  return m ? m[1]! : null;
}
