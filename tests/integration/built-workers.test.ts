/**
 * The packaged app starts its workers from the built bundle, where shared code lands in out/main/chunks/:
 * build the main process and start each worker the way the built callers do.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { storedSearchKey } from '../../electron/core/search-key.ts';
import { spawnModuleWorker, workerModuleUrl } from '../../electron/core/workers/spawn-worker.ts';
import { buildElectronOnce } from '../helpers/built-electron.ts';
import { tempCore } from '../helpers/temp-core.ts';

const root = resolve(import.meta.dirname, '../..');

/** Every built file whose code names the worker, i.e. the callers that will start it. */
function callersOf(baseName: string): string[] {
  const dirs = [join(root, 'out/main'), join(root, 'out/main/chunks')];
  return dirs.flatMap((d) =>
    readdirSync(d)
      .filter((f) => f.endsWith('.js') && f !== `${baseName}.js`)
      .map((f) => join(d, f))
      .filter((f) => readFileSync(f, 'utf8').includes(`"${baseName}"`)),
  );
}

describe('workers in the built main bundle', () => {
  it('resolve to the entry at the bundle root from the main file and from chunks', () => {
    expect(workerModuleUrl('w', 'file:///app/out/main/index.js').pathname).toBe('/app/out/main/w.js');
    expect(workerModuleUrl('w', 'file:///app/out/main/chunks/x-1a2b.js').pathname).toBe('/app/out/main/w.js');
    expect(workerModuleUrl('w', 'file:///src/electron/core/backup/v.ts').pathname).toBe(
      '/src/electron/core/backup/w.ts',
    );
  });

  it('the built backup-check worker, started from where its caller was bundled, checks a real database', async () => {
    await buildElectronOnce();
    const callers = callersOf('verify-worker');
    expect(callers.length).toBeGreaterThan(0);
    const t = await tempCore();
    try {
      for (const caller of callers) {
        const w = spawnModuleWorker('verify-worker', pathToFileURL(caller).href);
        // the job protocol of electron/core/workers/job-worker.ts: { id, input } in, { id, out } back
        const answer = await new Promise<{ id: number; out: string | null }>((res, rej) => {
          w.once('message', res);
          w.once('error', rej);
          w.postMessage({ id: 1, input: t.file });
        });
        await w.terminate();
        expect(answer).toEqual({ id: 1, out: null }); // checkBackupFile: null when the copy is sound, else what is wrong
      }
    } finally {
      t.cleanup();
    }
    const parseCallers = callersOf('parse-worker');
    expect(parseCallers.length).toBeGreaterThan(0);
    for (const caller of parseCallers)
      expect(existsSync(workerModuleUrl('parse-worker', pathToFileURL(caller).href))).toBe(true);
    // The import's pinyin keys: the built worker answers with the same keys as the main thread computes.
    const keyCallers = callersOf('search-key-worker');
    expect(keyCallers.length).toBeGreaterThan(0);
    for (const caller of keyCallers) {
      const w = spawnModuleWorker('search-key-worker', pathToFileURL(caller).href);
      const answer = await new Promise<{ id: number; out: string[] }>((res, rej) => {
        w.once('message', res);
        w.once('error', rej);
        w.postMessage({ id: 1, input: [{ name: '蒲州镇污水处理站', code: '2017-WS', location: '蒲州镇东郊' }] });
      });
      await w.terminate();
      expect(answer).toEqual({
        id: 1,
        out: [storedSearchKey({ name: '蒲州镇污水处理站', code: '2017-WS', location: '蒲州镇东郊' })],
      });
    }
  }, 60_000);
});
