/** Worker entry: the full check of one backup file per message, off the thread that serves the clerk. */
import { parentPort } from 'node:worker_threads';
import { checkBackupFile } from './backup-files.ts';

parentPort!.on('message', (msg: { id: number; file: string }) => {
  parentPort!.postMessage({ id: msg.id, problem: checkBackupFile(msg.file, 'full') });
});
