// ESLint (flat config): typescript-eslint's recommended rules, React's rules of hooks in the renderer, and the
// environment boundaries of the architecture guide as import rules — src/shared imports nothing
// environment-specific, the renderer never imports src/main, and only src/main/electron and src/preload import
// electron. `npm test` runs it.
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'url', 'stream', 'zlib', 'worker_threads'];
const pattern = (group, message) => ({ group, message });

const noElectron = pattern(['electron', 'electron/*'], '只有 src/main/electron 和 src/preload 可以引用 electron。');
const noNode = pattern(NODE_BUILTINS, 'src/shared 和 src/renderer 在浏览器中也要运行：不能引用 Node 模块。');
const noMain = pattern(['**/main/*', '**/main/**', '../main', '../../main'], 'src/renderer 不能引用 src/main（经 src/shared/api 的契约调用核心）。');
const noNative = pattern(['better-sqlite3', 'docx', 'exceljs', 'pdfjs-dist', 'htmlparser2', 'saxes', 'fflate'], '这是核心（Node）用的库：src/shared 不能引用。');
const noReact = pattern(['react', 'react-dom', 'react-dom/*', '@mui/*', '@emotion/*'], 'src/shared 不依赖界面库。');

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'docs/**', 'tests/fixtures/**', '**/*.d.mts'] },
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: {
        console: 'readonly',
        process: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        TextDecoder: 'readonly',
        TextEncoder: 'readonly',
        structuredClone: 'readonly',
        fetch: 'readonly',
        Response: 'readonly',
        Request: 'readonly',
        AbortController: 'readonly',
        queueMicrotask: 'readonly',
        window: 'readonly',
        document: 'readonly',
        navigator: 'readonly',
      },
    },
    rules: {
      // TypeScript checks these (one tsconfig per environment); the linter would only repeat them, worse.
      'no-undef': 'off',
      'no-redeclare': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', destructuredArrayIgnorePattern: '^_' }],
      // control characters in regular expressions are deliberate here (path and input sanitising)
      'no-control-regex': 'off',
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['src/shared/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noElectron, noNode, noNative, noReact] }] },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      // The rules of hooks. The React Compiler rules of the plugin's preset (refs, immutability,
      // set-state-in-effect) are left off: the app is not compiled by it, and the "latest value in a ref"
      // and load-on-mount patterns they flag are deliberate here.
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      'no-restricted-imports': ['error', { patterns: [noElectron, noNode, noMain] }],
    },
  },
  {
    files: ['src/main/**/*.ts'],
    ignores: ['src/main/electron/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noElectron] }] },
  },
  {
    files: ['tests/**/*.{ts,tsx}', 'bench/**/*.ts', 'scripts/**/*.{js,mjs}', 'bin/**/*.mjs', 'assets/**/*.mjs'],
    rules: {
      // tests and benches reach into every layer on purpose, and drive loosely typed fakes
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
