/** Worker entry: the full check of one backup file per job, off the thread that serves the clerk. */
import { serveJobs } from '../workers/job-worker.ts';
import { checkBackupFile } from './backup-files.ts';

serveJobs((file: string) => checkBackupFile(file, 'full'));
