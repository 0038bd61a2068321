/**
 * Runs the parser in a worker thread with a heap cap and a time limit (LIMITS), so a hostile file can neither
 * freeze the window nor take the process down. One worker is kept for reuse and replaced after a kill.
 * Works from the TypeScript sources (tsx registered inside the worker) and from a built `.js` beside this file.
 */
import type { Worker } from 'node:worker_threads';
import { spawnModuleWorker } from '../../workers/spawn-worker.ts';
import { LIMITS, type ParseOutcome } from './sheet-data.ts';

export function spawnParseWorker(): Worker {
  return spawnModuleWorker('parse-worker', import.meta.url, { resourceLimits: { maxOldGenerationSizeMb: LIMITS.heapMb, maxYoungGenerationSizeMb: 64 } });
}

let worker: Worker | null = null;
let queue: Promise<unknown> = Promise.resolve();
let nextId = 1;

/** Parses the bytes off the main thread; never throws, never takes longer than the time limit. */
export function readWorkbookBytes(bytes: Uint8Array, timeoutMs: number = LIMITS.timeoutMs): Promise<ParseOutcome> {
  if (bytes.length === 0) return Promise.resolve({ ok: false, kind: 'EMPTY' });
  if (bytes.length > LIMITS.fileBytes) return Promise.resolve({ ok: false, kind: 'TOO_LARGE', detail: '文件超过 50MB' });
  const job = queue.then(() => runOnce(bytes, timeoutMs));
  queue = job.catch(() => undefined);
  return job;
}

function runOnce(bytes: Uint8Array, timeoutMs: number): Promise<ParseOutcome> {
  const w = (worker ??= spawnParseWorker());
  w.ref();
  const id = nextId++;
  return new Promise<ParseOutcome>((resolve) => {
    const done = (out: ParseOutcome, kill: boolean) => {
      clearTimeout(timer);
      w.off('message', onMessage);
      w.off('error', onError);
      w.off('exit', onExit);
      if (kill) {
        if (worker === w) worker = null;
        void w.terminate();
      } else w.unref();
      resolve(out);
    };
    const onMessage = (m: { id: number; out: ParseOutcome }) => {
      if (m.id === id) done(m.out, false);
    };
    const onError = (e: Error & { code?: string }) =>
      done({ ok: false, kind: e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'TOO_LARGE' : 'DAMAGED', detail: e.message }, true);
    const onExit = () => done({ ok: false, kind: 'DAMAGED', detail: '读取进程意外退出' }, true);
    // The first file also pays for starting the worker (loading the parser), so the clock includes it.
    const timer = setTimeout(() => done({ ok: false, kind: 'TIMEOUT' }, true), timeoutMs);
    w.on('message', onMessage);
    w.on('error', onError);
    w.on('exit', onExit);
    const copy = bytes.slice();
    w.postMessage({ id, bytes: copy }, [copy.buffer]);
  });
}

/** Stops the kept worker (tests, app quit). */
export async function stopParseWorker(): Promise<void> {
  const w = worker;
  worker = null;
  if (w) await w.terminate();
}
