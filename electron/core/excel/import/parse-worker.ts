/** Worker entry: parses one file per message, off the main thread, under the heap limit set by the spawner. */
import { parentPort } from 'node:worker_threads';
import { parseBytes } from './parse-core.ts';
import type { ParseOutcome } from './sheet-data.ts';

// SheetJS reports odd records of damaged files on the console; the outcome already says what matters.
console.error = () => {};
console.log = () => {};

parentPort!.on('message', (msg: { id: number; bytes: Uint8Array }) => {
  let out: ParseOutcome;
  try {
    out = parseBytes(msg.bytes);
  } catch (e) {
    out = { ok: false, kind: 'DAMAGED', detail: e instanceof Error ? e.message : String(e) };
  }
  parentPort!.postMessage({ id: msg.id, out });
});
