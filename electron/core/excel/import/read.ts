/**
 * Runs the parser in a worker thread with a heap cap and a time limit (LIMITS), so a hostile file can neither
 * freeze the window nor take the process down. One worker is kept for reuse and replaced after a kill.
 * Works from the TypeScript sources (tsx registered inside the worker) and from a built `.js` beside this file.
 */
import { JobFailure, JobWorker } from '../../workers/job-worker.ts';
import { LIMITS, type ParseOutcome } from './sheet-data.ts';

const parser = new JobWorker<Uint8Array, ParseOutcome>('parse-worker', import.meta.url, {
  resourceLimits: { maxOldGenerationSizeMb: LIMITS.heapMb, maxYoungGenerationSizeMb: 64 },
});
let queue: Promise<unknown> = Promise.resolve();

/** Parses the bytes off the main thread; never throws, never takes longer than the time limit. */
export function readWorkbookBytes(bytes: Uint8Array, timeoutMs: number = LIMITS.timeoutMs): Promise<ParseOutcome> {
  if (bytes.length === 0) return Promise.resolve({ ok: false, kind: 'EMPTY' });
  if (bytes.length > LIMITS.fileBytes)
    return Promise.resolve({ ok: false, kind: 'TOO_LARGE', detail: '文件超过 50MB' });
  // One file at a time: the time limit is the file's own, not the wait behind another.
  const job = queue.then(() => runOnce(bytes, timeoutMs));
  queue = job.catch(() => undefined);
  return job;
}

async function runOnce(bytes: Uint8Array, timeoutMs: number): Promise<ParseOutcome> {
  // A copy of its own to hand over: a Buffer's slice() is a view, not a copy, so moving its memory would empty the
  // caller's bytes, and a small Buffer lives in Node's shared pool, which Node 22 (Electron's) refuses to move
  // (DataCloneError: every small .csv would read as damaged).
  const copy = new Uint8Array(bytes);
  try {
    // The first file also pays for starting the worker (loading the parser), so the clock includes it.
    return await parser.run(copy, { timeoutMs, transfer: [copy.buffer] });
  } catch (e) {
    const kind = e instanceof JobFailure ? e.kind : 'error';
    if (kind === 'timeout') return { ok: false, kind: 'TIMEOUT' };
    if (kind === 'out-of-memory') return { ok: false, kind: 'TOO_LARGE', detail: (e as Error).message };
    if (kind === 'exit') return { ok: false, kind: 'DAMAGED', detail: '读取进程意外退出' };
    return { ok: false, kind: 'DAMAGED', detail: e instanceof Error ? e.message : String(e) };
  }
}

/** Stops the kept worker (tests, app quit). */
export function stopParseWorker(): Promise<void> {
  return parser.stop();
}
