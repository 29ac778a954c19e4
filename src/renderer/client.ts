/**
 * The renderer's one way to reach the core: the Electron preload bridge when present, else HTTP to the
 * browser-mode server with the launch token. Both give the same typed `send`.
 */
import type { Input, MethodName, Output, Send } from '../shared/api';
import { BRIDGE_KEY, type DesktopBridge } from '../shared/bridge';
import type { ApiError } from '../shared/errors';

/** Mirrors src/main/server/guard.ts (a header name both sides agree on). */
const TOKEN_HEADER = 'x-gov-report-token';
const TOKEN_STORAGE = 'gov-report-token';
/** Bytes: under the 64 KB browsers allow for keepalive requests. */
const KEEPALIVE_LIMIT = 60_000;

/** An error from the core, with its code and Chinese message. */
export class ClientError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export function desktopBridge(): DesktopBridge | null {
  const b = (window as unknown as Record<string, unknown>)[BRIDGE_KEY];
  return b && typeof b === 'object' ? (b as DesktopBridge) : null;
}

/** The token from `?token=` (kept for reloads in this tab, then removed from the address bar). */
function launchToken(): string {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_STORAGE, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_STORAGE) ?? '';
}

type Reply = { ok: true; value: unknown } | { ok: false; error: ApiError | { code: string; message: string; details?: unknown } };

/** The data file cannot be used: the app shows the recovery screen (an editor first shows a banner with the way there). */
const recovery = new EventTarget();
export type RecoveryRequest = 'reply' | 'user';

export function requestRecovery(why: RecoveryRequest): void {
  recovery.dispatchEvent(new CustomEvent<RecoveryRequest>('needs-recovery', { detail: why }));
}

export function onRecoveryRequest(listener: (why: RecoveryRequest) => void): () => void {
  const run = (e: Event) => listener((e as CustomEvent<RecoveryRequest>).detail);
  recovery.addEventListener('needs-recovery', run);
  return () => recovery.removeEventListener('needs-recovery', run);
}

function unwrap<T>(reply: Reply): T {
  if (reply.ok) return reply.value as T;
  if (reply.error.code === 'needs_recovery') requestRecovery('reply');
  throw new ClientError(reply.error.code, reply.error.message, 'details' in reply.error ? reply.error.details : undefined);
}

export interface Client {
  send: Send;
  /** Sends without waiting, surviving the page being closed (keepalive); for the last autosave. */
  sendOnUnload<M extends MethodName>(name: M, input: Input<M>): void;
  mode: 'electron' | 'browser';
  bridge: DesktopBridge | null;
}

function httpClient(): Client {
  const token = launchToken();
  const post = (name: string, input: unknown, keepalive = false) => {
    const body = JSON.stringify(input);
    return fetch(`/api/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [TOKEN_HEADER]: token },
      body,
      // browsers refuse keepalive bodies over 64 KB; a larger one goes as a plain request
      keepalive: keepalive && new TextEncoder().encode(body).length < KEEPALIVE_LIMIT,
    });
  };
  const send = async <M extends MethodName>(name: M, input: Input<M>): Promise<Output<M>> => {
    let res: Response;
    try {
      res = await post(name, input);
    } catch {
      throw new ClientError('offline', '无法连接到本机服务，请确认程序仍在运行（启动它的命令行窗口未关闭）');
    }
    let reply: Reply;
    try {
      reply = (await res.json()) as Reply;
    } catch {
      throw new ClientError('internal', `本机服务返回了无法识别的内容（HTTP ${res.status}）`);
    }
    return unwrap<Output<M>>(reply);
  };
  return {
    send: send as Send,
    sendOnUnload: (name, input) => void post(name, input, true).catch(() => {}),
    mode: 'browser',
    bridge: null,
  };
}

function bridgeClient(bridge: DesktopBridge): Client {
  const send = async <M extends MethodName>(name: M, input: Input<M>): Promise<Output<M>> =>
    unwrap<Output<M>>((await bridge.send(name, input)) as Reply);
  return {
    send: send as Send,
    // IPC messages already queued are delivered even while the window closes.
    sendOnUnload: (name, input) => void bridge.send(name, input).catch(() => {}),
    mode: 'electron',
    bridge,
  };
}

let client: Client | null = null;

export function getClient(): Client {
  if (!client) {
    const bridge = desktopBridge();
    client = bridge ? bridgeClient(bridge) : httpClient();
  }
  return client;
}

/** The Chinese message of anything thrown. */
export function messageOf(e: unknown): string {
  if (e instanceof ClientError) return e.message;
  if (e instanceof Error) return `发生意外错误：${e.message}`;
  return '发生意外错误';
}
