// Lint enforces the layer boundaries: renderer → shared; main/web/cli/harness → (core-host, printing →) core → shared.
// shared/ runs on both sides, so it may import neither Node, the DOM libraries, nor Electron.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = {
  group: ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'worker_threads'],
  message: '该层不能使用 Node 内置模块',
};
const electronPkg = { group: ['electron'], message: '只有 electron/main 与 electron/preload 可以引用 electron' };
const nativeAndServer = {
  group: ['better-sqlite3', 'kysely', 'exceljs', 'xlsx'],
  message: '数据库与 Excel 只在 electron/core 中使用',
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      'out/**',
      'release/**',
      '.tmp/**',
      'test-results/**',
      'bench-out/**',
      'playwright-report/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: {
        console: 'readonly',
        process: 'readonly',
        window: 'readonly',
        document: 'readonly',
        performance: 'readonly',
        URL: 'readonly',
        fetch: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        Buffer: 'readonly',
        TextDecoder: 'readonly',
        TextEncoder: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            nodeBuiltins,
            electronPkg,
            nativeAndServer,
            {
              group: ['react', 'react-dom', 'antd', 'echarts', 'echarts/*', 'dayjs'],
              message: 'shared/ 只能依赖纯计算库（zod、pinyin-pro）',
            },
            { group: ['**/electron/**', '**/renderer/**', '**/tests/**'], message: 'shared/ 不能引用上层代码' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            nodeBuiltins,
            electronPkg,
            nativeAndServer,
            {
              group: ['**/electron/**'],
              message: '界面层只能通过 window.api 调用核心，不能直接引用 electron/ 下的代码',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            electronPkg,
            {
              group: ['**/renderer/**', '**/main/**', '**/cli/**', '**/preload/**', '**/tests/**', '**/printing/**'],
              message: 'core 不能引用上层（main/cli/renderer）代码',
            },
            {
              group: ['playwright-core', 'playwright', '@playwright/*'],
              message: 'core 不启动浏览器：PDF 经外壳提供的 ctx.pdfPrinter 打印',
            },
          ],
        },
      ],
    },
  },
  {
    // The core host sits between the shells and the core: it runs the core (worker thread or Electron utility
    // process) and talks to a shell only through its message protocol, so it imports neither Electron nor a shell.
    files: ['electron/core-host/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            electronPkg,
            {
              group: [
                '**/renderer/**',
                '**/main/**',
                '**/web/**',
                '**/cli/**',
                '**/preload/**',
                '**/tests/**',
                '**/printing/**',
              ],
              message: 'core-host 只能引用 core 与 shared，不能引用外壳或测试代码',
            },
          ],
        },
      ],
    },
  },
  {
    // Electron main keeps windows, menus, dialogs and printing; the core runs in the core host's utility process, so
    // main reaches it only through core-host and may take from core nothing that opens or runs the ledger
    // (types, paths, the product name and the print lock-down are fine).
    files: ['electron/main/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            nativeAndServer,
            {
              group: [
                '**/core/index.ts',
                '**/core/handle-call.ts',
                '**/core/handlers.ts',
                '**/core/recovery.ts',
                '**/core/context.ts',
                '**/core/services/**',
                '**/core/repositories/**',
                '**/core/db/**',
                '**/core/excel/**',
                '**/core/backup/**',
                '**/core/audit/**',
              ],
              message: 'main 不在自己的进程里运行核心：请经 core-host（utility 进程）调用',
            },
            {
              group: ['**/renderer/**', '**/tests/**', '**/web/**', '**/cli/**'],
              message: 'main 不能引用界面层、其他外壳或测试代码',
            },
          ],
        },
      ],
    },
  },
  {
    // Browser mode is a shipped shell like main, but runs under plain Node: no Electron, and no test code.
    files: ['electron/web/**/*.{ts,js}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            electronPkg,
            {
              group: ['**/renderer/**', '**/tests/**', '**/preload/**'],
              message: '浏览器方式的服务不能引用界面层或测试代码',
            },
          ],
        },
      ],
    },
  },
  {
    // Printers the shells hand to the core (CLI, browser mode, tests): plain Node under the shells, above the core.
    files: ['electron/printing/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            electronPkg,
            {
              group: ['**/renderer/**', '**/tests/**', '**/preload/**', '**/main/**', '**/cli/**', '**/web/**'],
              message: '打印程序只能引用 core 与 shared',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            nodeBuiltins,
            nativeAndServer,
            {
              group: ['**/core/**', '**/renderer/**', '**/schemas/**', '**/contract*', 'zod'],
              message: 'preload 只能引用 electron 与通道名单',
            },
          ],
        },
      ],
    },
  },
);
