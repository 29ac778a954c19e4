/**
 * The app:// request handler: Fetch API in, Fetch API out, so the same function runs under
 * `protocol.handle` in Electron and under plain Node in the tests.
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import { sep } from 'node:path';
import { SECURITY_HEADERS, appRelativePath, containedPath, contentTypeFor, isSpaRoute } from './security';

export type AppRequestHandler = (request: Request) => Promise<Response>;

function refuse(status: number, text: string): Response {
  return new Response(text, { status, headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** Serves files from `root` (dist/renderer); never a byte from outside it, symlinks included. */
export function createAppRequestHandler(root: string): AppRequestHandler {
  let realRoot: Promise<string> | null = null;
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405, '不支持的请求方式');
    let rel = appRelativePath(request.url);
    if (rel === null) return refuse(403, '拒绝访问');
    let file = containedPath(root, rel);
    if (file === null) return refuse(403, '拒绝访问');
    if (!(await isFile(file)) && isSpaRoute(rel)) {
      rel = 'index.html';
      file = containedPath(root, rel);
      if (file === null) return refuse(403, '拒绝访问');
    }
    if (!(await isFile(file))) {
      return refuse(404, rel === 'index.html' ? '找不到界面文件，请先运行 npm run build' : '找不到文件');
    }
    // A symlink inside the folder must not lead outside it. (Inside an asar archive, which holds no
    // symlinks, realpath may be unsupported: the lexical check above then stands alone.)
    realRoot ??= realpath(root).catch(() => root);
    const [base, real] = await Promise.all([realRoot, realpath(file).catch(() => file as string)]);
    if (!real.startsWith(base + sep)) return refuse(403, '拒绝访问');
    const body = request.method === 'HEAD' ? null : await readFile(real);
    return new Response(body, {
      status: 200,
      headers: { ...SECURITY_HEADERS, 'Content-Type': contentTypeFor(real), 'Cache-Control': 'no-cache' },
    });
  };
}
