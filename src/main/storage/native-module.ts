/**
 * better-sqlite3 loads its compiled part (better_sqlite3.node) when the first database is opened. After
 * `electron-builder install-app-deps` (rebuilt for Electron, or deleted when offline) or a Node upgrade, that fails
 * with an English loader message; this turns it into what to do.
 */
import { AppError } from '../../shared/errors';

const LOAD_FAILURES = [
  /Could not locate the bindings file/,
  /was compiled against a different Node\.js version/,
  /NODE_MODULE_VERSION/,
  /invalid ELF header|wrong ELF class|ELF file's OS ABI is invalid/,
  /is not a valid Win32 application/,
];

export function isNativeModuleLoadError(e: unknown): boolean {
  const message = (e as { message?: unknown } | null)?.message;
  return typeof message === 'string' && LOAD_FAILURES.some((re) => re.test(message));
}

export function nativeModuleError(e: unknown): AppError {
  return new AppError(
    'internal',
    '无法加载 SQLite 模块（better-sqlite3）：它没有为当前的 Node 编译，或编译结果已被删除（例如运行过 electron-builder install-app-deps）。' +
      '请在程序文件夹中运行 npm rebuild better-sqlite3（没有网络时：npm_config_nodedir=/usr npm rebuild better-sqlite3），然后重试。',
    { detail: (e as Error).message },
  );
}
