/**
 * Browser mode: the renderer and the service API over HTTP on 127.0.0.1. The same `core.dispatch` the
 * Electron IPC channel calls; the transport adds only the launch token, the Host/Origin checks and a
 * body size limit.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MAX_UPLOAD_FILE_BYTES, MAX_UPLOAD_LABEL, requestBytesFor } from '../../shared/upload-limits';
import type { Core, DispatchResult } from '../services/core';
import { SECURITY_HEADERS, contentTypeFor } from '../security/policy';
import { TOKEN_HEADER, apiMethodOf, hostAllowed, originAllowed, staticPath, tokenMatches } from './guard';

/** A request carrying the largest file accepted (as base64), small enough to refuse junk fast. */
export const DEFAULT_BODY_LIMIT = requestBytesFor(MAX_UPLOAD_FILE_BYTES);

/** The refusal names the file limit users can act on, not the request size (base64 adds a third). */
function tooLarge(limit: number): RequestError {
  const what = limit === DEFAULT_BODY_LIMIT ? `单个文件不能超过 ${MAX_UPLOAD_LABEL}` : `请求不能超过 ${Math.max(1, Math.round(limit / 1024))} KB`;
  return new RequestError(413, 'too_large', `请求内容过大，未处理：${what}。请选择较小的文件，或分批添加。`);
}

export interface ServerOptions {
  core: Core;
  /** Folder with the built renderer (index.html, app.js). */
  rootDir: string;
  port?: number;
  token?: string;
  bodyLimit?: number;
}

export interface RunningServer {
  port: number;
  token: string;
  /** The address to open, token included. */
  url: string;
  close(): Promise<void>;
}

class RequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: 'invalid_input' | 'too_large' | 'not_found',
    message: string,
  ) {
    super(message);
  }
}


function sendJson(res: ServerResponse, status: number, body: DispatchResult): void {
  const text = JSON.stringify(body);
  // after a refused upload the connection is not reused
  const close = status === 413 ? { connection: 'close' } : {};
  res.writeHead(status, { ...SECURITY_HEADERS, ...close, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

function refuse(res: ServerResponse, status: number, message: string): void {
  sendJson(res, status, { ok: false, error: { code: 'invalid_input', message } });
}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      reject(tooLarge(limit));
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        // stop keeping the data but let the upload drain, so the client still reads our answer
        reject(tooLarge(limit));
        req.removeAllListeners('data');
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function handleApi(req: IncomingMessage, res: ServerResponse, method: string, options: Required<Pick<ServerOptions, 'core' | 'bodyLimit'>>) {
  if (req.method !== 'POST') return refuse(res, 405, '接口只接受 POST 请求');
  if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) return refuse(res, 415, '请求格式应为 JSON');
  let input: unknown;
  try {
    const text = await readBody(req, options.bodyLimit);
    input = text === '' ? {} : JSON.parse(text);
  } catch (e) {
    if (e instanceof RequestError) return sendJson(res, e.status, { ok: false, error: { code: e.code, message: e.message } });
    return refuse(res, 400, '请求内容不是有效的 JSON');
  }
  const result = await options.core.dispatch(method, input);
  sendJson(res, 200, result);
}

function serveStatic(req: IncomingMessage, res: ServerResponse, rootDir: string) {
  if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, '不支持的请求方法');
  const path = staticPath(rootDir, req.url ?? '/');
  let size = -1;
  if (path) {
    try {
      const st = statSync(path);
      if (st.isFile()) size = st.size;
    } catch {
      /* absent: 404 below */
    }
  }
  if (!path || size < 0) {
    res.writeHead(404, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' });
    res.end('未找到该页面');
    return;
  }
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'content-type': contentTypeFor(path),
    'content-length': size,
    'cache-control': 'no-cache',
  });
  if (req.method === 'HEAD') return res.end();
  createReadStream(path).pipe(res);
}

export function startServer(options: ServerOptions): Promise<RunningServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  let port = 0;
  const server: Server = createServer((req, res) => {
    // A foreign Host means DNS rebinding or a proxy; a foreign Origin means another site's page.
    if (!hostAllowed(req.headers.host, port)) return refuse(res, 403, '拒绝访问：请求的主机名不是本机');
    if (!originAllowed(req.headers.origin, port)) return refuse(res, 403, '拒绝访问：请求来自其他网站');
    const path = (req.url ?? '/').split('?')[0]!;
    if (path.startsWith('/api/')) {
      const given = req.headers[TOKEN_HEADER];
      if (!tokenMatches(Array.isArray(given) ? given[0] : given, token)) return refuse(res, 401, '拒绝访问：缺少或错误的访问令牌，请使用启动时显示的地址打开');
      const method = apiMethodOf(path);
      if (!method) return refuse(res, 404, '没有这个接口');
      handleApi(req, res, method, { core: options.core, bodyLimit }).catch(() => {
        if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'internal', message: '处理请求时发生内部错误' } });
        else res.end();
      });
      return;
    }
    serveStatic(req, res, options.rootDir);
  });
  server.requestTimeout = 120_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      port = (server.address() as AddressInfo).port;
      resolve({
        port,
        token,
        url: `http://127.0.0.1:${port}/?token=${token}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
