/**
 * The full integrity check of a fresh backup, in a worker thread. Read right after the copy, the check sees
 * the OS page cache — it re-checks the structure of the source the pages came from, not the medium — and on
 * a county-scale ledger it takes six times as long as the copy (3 s against 0.5 s), so it runs beside the app
 * instead of in front of the clerk. Restore and recovery check a backup fully again before using it.
 */
import type { Worker } from 'node:worker_threads';
import { spawnModuleWorker } from '../workers/spawn-worker.ts';
import { checkBackupFile } from './backup-files.ts';

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, { file: string; resolve: (problem: string | null) => void }>();

function verifier(): Worker {
  if (worker) return worker;
  const w = spawnModuleWorker('verify-worker', import.meta.url);
  w.on('message', (m: { id: number; problem: string | null }) => {
    pending.get(m.id)?.resolve(m.problem);
    pending.delete(m.id);
    if (pending.size === 0) w.unref();
  });
  // A worker that cannot run is not a damaged backup: finish the outstanding checks on this thread.
  const fallBack = () => {
    if (worker === w) worker = null;
    for (const [id, job] of pending) {
      pending.delete(id);
      job.resolve(checkBackupFile(job.file, 'full'));
    }
  };
  w.on('error', fallBack);
  w.on('exit', fallBack);
  return (worker = w);
}

/** Resolves with null when the backup is intact, else the Chinese description of the problem. Never rejects. */
export function verifyInBackground(file: string): Promise<string | null> {
  const w = verifier();
  const id = nextId++;
  w.ref();
  return new Promise((resolve) => {
    pending.set(id, { file, resolve });
    w.postMessage({ id, file });
  });
}

/** Stops the worker (tests, app quit); checks still outstanding finish on this thread. */
export async function stopBackupVerifier(): Promise<void> {
  const w = worker;
  worker = null;
  if (w) await w.terminate();
}
