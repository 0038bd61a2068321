/**
 * The full integrity check of a fresh backup, in a worker thread. Read right after the copy, the check sees
 * the OS page cache — it re-checks the structure of the source the pages came from, not the medium — and on
 * a county-scale ledger it takes six times as long as the copy (3 s against 0.5 s), so it runs beside the app
 * instead of in front of the clerk. Restore and recovery check a backup fully again before using it.
 */
import { JobWorker } from '../workers/job-worker.ts';
import { checkBackupFile } from './backup-files.ts';

const verifier = new JobWorker<string, string | null>('verify-worker', import.meta.url);

/** Resolves with null when the backup is intact, else the Chinese description of the problem. Never rejects. */
export function verifyInBackground(file: string): Promise<string | null> {
  // A worker that cannot run is not a damaged backup: the check is finished on this thread.
  return verifier.run(file).catch(() => checkBackupFile(file, 'full'));
}

/** Stops the worker (tests, app quit); checks still outstanding finish on this thread. */
export function stopBackupVerifier(): Promise<void> {
  return verifier.stop();
}
