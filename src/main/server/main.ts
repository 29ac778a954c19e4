/**
 * `npm start` in browser mode: opens the database, serves the built renderer on 127.0.0.1 and prints the
 * address (token included). Options: --db <file>, --port <n>, --no-open, --root <dist/renderer>.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultDbPath } from '../paths';
import { openAppCore } from '../services/recovery-core';
import { startServer } from './server';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

interface Args {
  db: string;
  port: number;
  open: boolean;
  root: string;
}

function parseArgs(argv: string[], env: NodeJS.ProcessEnv): Args {
  const args: Args = { db: defaultDbPath(env), port: 0, open: true, root: join(repoRoot, 'dist/renderer') };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`参数 ${a} 缺少取值`);
      return v;
    };
    if (a === '--db') args.db = resolve(next());
    else if (a === '--port') args.port = Number(next());
    else if (a === '--root') args.root = resolve(next());
    else if (a === '--no-open') args.open = false;
    else throw new Error(`未知参数 ${a}（可用：--db <文件> --port <端口> --no-open）`);
  }
  if (!Number.isInteger(args.port) || args.port < 0 || args.port > 65535) throw new Error('端口应为 0–65535 之间的整数');
  return args;
}

/** Opens the default browser only where one can show: a desktop session, Windows or macOS. */
function openBrowser(url: string): void {
  const hasDisplay = process.platform === 'win32' || process.platform === 'darwin' || !!process.env.DISPLAY || !!process.env.WAYLAND_DISPLAY;
  if (!hasDisplay) return;
  const [cmd, args] =
    process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : process.platform === 'darwin' ? ['open', [url]] : ['xdg-open', [url]];
  try {
    const child = spawn(cmd as string, args as string[], { stdio: 'ignore', detached: true });
    child.on('error', () => {});
    child.unref();
  } catch {
    /* no browser: the printed address is enough */
  }
}

/** Why the server could not listen, in Chinese and without a stack trace. */
export function listenFailure(e: unknown, port: number): string {
  const code = (e as { code?: string }).code;
  if (code === 'EADDRINUSE') return `端口 ${port} 已被其他程序占用。请换一个端口（--port <端口>），或不加 --port 由系统自动选择。`;
  if (code === 'EACCES') return `没有权限使用端口 ${port}（1024 以下的端口需要管理员权限）。请换一个端口，或不加 --port。`;
  return `无法在端口 ${port} 上启动：${(e as Error).message}`;
}

async function main(): Promise<void> {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2), process.env);
  } catch (e) {
    console.error((e as Error).message);
    process.exit(2);
  }
  if (!existsSync(join(args.root, 'index.html'))) {
    console.error(`找不到界面文件 ${join(args.root, 'index.html')}，请先运行 npm run build`);
    process.exit(2);
  }
  mkdirSync(dirname(args.db), { recursive: true });
  const version = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
  let core;
  try {
    // a damaged, emptied or newer file does not stop the server: the page shows the recovery screen
    core = openAppCore({ dbPath: args.db, mode: 'browser', version });
  } catch (e) {
    console.error(`无法打开数据文件 ${args.db}：${(e as Error).message}`);
    process.exit(1);
  }
  let server;
  try {
    server = await startServer({ core, rootDir: args.root, port: args.port });
  } catch (e) {
    core.close();
    console.error(listenFailure(e, args.port));
    process.exit(2);
  }
  console.log(`数据文件 / database: ${args.db}`);
  if (core.problem) console.log(`数据文件无法使用，请在浏览器页面中恢复 / the database cannot be used, recover it in the page: ${core.problem.message}`);
  console.log(`政府信息公开年报助手已启动（浏览器模式），请在浏览器中打开：${server.url}`);
  console.log(`Browser mode is running; open: ${server.url}`);
  console.log('按 Ctrl+C 退出 / press Ctrl+C to quit');
  if (args.open) openBrowser(server.url);
  const stop = () => {
    void server.close().finally(() => {
      core.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
