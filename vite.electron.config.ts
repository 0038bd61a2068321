/**
 * Builds the Electron shell (the renderer has its own vite.config.ts):
 *   electron/main/index.ts    → out/main/index.js     ESM for Node; every package stays external
 *   electron/preload/index.ts → out/preload/index.cjs one self-contained CJS file; only `electron` external
 * Two Vite environments in one config, so `vite build -c vite.electron.config.ts` produces both.
 */
import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';

/**
 * Main bundles only the app's own sources: every package (and its subpaths) stays an import in out/. Native
 * modules cannot be bundled anyway, the packaged app ships node_modules for all runtime dependencies, and so
 * scripts/check-shipped-deps.ts sees in out/ every package main needs and fails the tests if one of them is
 * not a runtime dependency (a devDependency bundled in silently would hide that).
 */
const isMainExternal = (id: string): boolean =>
  id.startsWith('node:') || builtinModules.includes(id) || !/^(\.|\/|[A-Za-z]:[\\/]|\0|file:|data:)/.test(id);

const nodeBuild = {
  target: 'node22',
  minify: false,
  copyPublicDir: false,
  emptyOutDir: true,
  reportCompressedSize: false,
} as const;

export default defineConfig({
  // No public/ copying, no index.html: these are not web builds.
  publicDir: false,
  logLevel: 'info',
  builder: {
    async buildApp(builder) {
      await builder.build(builder.environments.main!);
      await builder.build(builder.environments.preload!);
    },
  },
  environments: {
    main: {
      consumer: 'server',
      build: {
        ...nodeBuild,
        outDir: 'out/main',
        rolldownOptions: {
          // The workers are their own entries: spawnModuleWorker starts them from beside the main bundle.
          input: {
            index: 'electron/main/index.ts',
            'parse-worker': 'electron/core/excel/import/parse-worker.ts',
            'verify-worker': 'electron/core/backup/verify-worker.ts',
            'search-key-worker': 'electron/core/workers/search-key-worker.ts',
            // The core host's utility process (electron/main/core-process.ts forks it).
            'core-host': 'electron/core-host/utility-entry.ts',
          },
          external: isMainExternal,
          output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
        },
      },
    },
    preload: {
      consumer: 'server',
      resolve: { noExternal: true },
      build: {
        ...nodeBuild,
        // Electron 45 preloads run in Chromium 14x; es2022 is safely below that.
        target: 'es2022',
        outDir: 'out/preload',
        rolldownOptions: {
          input: { index: 'electron/preload/index.ts' },
          external: ['electron'],
          output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
        },
      },
    },
  },
});
