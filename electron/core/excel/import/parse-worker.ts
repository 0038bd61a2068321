/** Worker entry: parses one file per job, off the main thread, under the heap limit set by the spawner. */
import { serveJobs } from '../../workers/job-worker.ts';
import { parseBytes } from './parse-core.ts';
import type { ParseOutcome } from './sheet-data.ts';

// SheetJS reports odd records of damaged files on the console; the outcome already says what matters.
console.error = () => {};
console.log = () => {};

serveJobs(async (bytes: Uint8Array): Promise<ParseOutcome> => {
  try {
    return await parseBytes(bytes);
  } catch (e) {
    return { ok: false, kind: 'DAMAGED', detail: e instanceof Error ? e.message : String(e) };
  }
});
