/**
 * Starts a worker thread from a module beside the caller: the `.ts` source under tsx (tests, CLI, harness)
 * or the built `.js` entry beside the main bundle (the packaged app; see vite.electron.config.ts).
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** The worker module for a caller: beside the `.ts` source, or at the bundle root (shared code lands in chunks/). */
export function workerModuleUrl(baseName: string, callerUrl: string): URL {
  const path = new URL(callerUrl).pathname;
  if (/\.ts$/.test(path)) return new URL(`./${baseName}.ts`, callerUrl);
  return new URL(`${/\/chunks\/[^/]+$/.test(path) ? '../' : './'}${baseName}.js`, callerUrl);
}

export function spawnModuleWorker(baseName: string, callerUrl: string, options: WorkerOptions = {}): Worker {
  const target = workerModuleUrl(baseName, callerUrl);
  if (!target.pathname.endsWith('.ts')) return new Worker(target, options);
  // require.resolve gives the CommonJS build; the ESM register API sits beside it as index.mjs.
  const api = pathToFileURL(
    createRequire(callerUrl)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  ).href;
  const boot = `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(target.href)}); })`;
  return new Worker(boot, { ...options, eval: true });
}
