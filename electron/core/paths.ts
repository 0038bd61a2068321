import { dirname, join, resolve } from 'node:path';

export const resolveFile = (dbPath: string) => (dbPath === ':memory:' ? ':memory:' : resolve(dbPath));

/** The data folders beside the database file. */
export function corePaths(file: string) {
  const dataDir = file === ':memory:' ? process.cwd() : dirname(file);
  return { dataDir, backupsDir: join(dataDir, 'backups'), attachmentsDir: join(dataDir, 'attachments') };
}
