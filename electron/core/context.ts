import type { Db } from './db/connection.ts';
import { createFileTokens, type DialogProvider, type FileTokens } from './files/file-tokens.ts';
import type { PdfPrinter } from './reports/pdf-printer.ts';
import { APP_VERSION } from './version.ts';

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
  /** The shell's HTML → PDF printer (Electron's printToPDF, or a system Chromium); null where none is given. */
  pdfPrinter: PdfPrinter | null;
}

export const nowIso = (ctx: Ctx): string => ctx.now().toISOString();

/** A fresh context for a core (the working one, or the recovery core whose database stays closed). */
export function createCtx(
  db: Db,
  paths: Ctx['paths'],
  cfg: { now?: () => Date; operator?: string; role?: Ctx['session']['role']; dialogs?: DialogProvider | null; pdfPrinter?: PdfPrinter | null },
): Ctx {
  return {
    db,
    now: cfg.now ?? (() => new Date()),
    session: { operator: cfg.operator ?? '系统管理员', role: cfg.role ?? '录入员' },
    paths,
    version: APP_VERSION,
    fileTokens: createFileTokens(),
    dialogs: cfg.dialogs ?? null,
    pdfPrinter: cfg.pdfPrinter ?? null,
  };
}
