import type { Db } from './db/connection.ts';

/**
 * What every service receives: the database, a clock, the working operator and the data folders.
 * `session` is replaced by session:login; operatorId stays undefined for the CLI and tests (no login).
 */
export interface Ctx {
  db: Db;
  now: () => Date;
  session: { operatorId?: number | null; operator: string; role: '录入员' | '审核人' | '领导' };
  paths: { dataDir: string; backupsDir: string; attachmentsDir: string };
  version: string;
}

export const nowIso = (ctx: Ctx): string => ctx.now().toISOString();
