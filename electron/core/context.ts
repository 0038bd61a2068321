import type { Db } from './db/connection.ts';
import type { DialogProvider, FileTokens } from './files/file-tokens.ts';

/**
 * What every service receives: the database, a clock, the working operator and the data folders.
 * `session` is replaced by session:login; operatorId stays undefined for the CLI and tests (no login).
 */
export interface Ctx {
  /** Replaced (closed and reopened) by a restore: read it per call, never keep a reference. */
  db: Db;
  now: () => Date;
  session: { operatorId?: number | null; operator: string; role: '录入员' | '审核人' | '领导' };
  paths: { dataDir: string; backupsDir: string; attachmentsDir: string };
  version: string;
  /** Opaque tokens for paths the adapter's own dialogs chose (paths never come from the renderer). */
  fileTokens: FileTokens;
  /** The adapter's dialogs (Electron main, the harness); null where none can be shown (CLI, tests). */
  dialogs: DialogProvider | null;
}

export const nowIso = (ctx: Ctx): string => ctx.now().toISOString();
