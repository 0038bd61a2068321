import type { OperatorRole } from '../../shared/domain/vocab.ts';
import type { SignInShell } from '../../shared/schemas/sign-in.ts';
import type { Db } from './db/connection.ts';
import type { HolderKind } from './db/ledger-users.ts';
import { createFileTokens, type DialogProvider, type FileTokens } from './files/file-tokens.ts';
import type { PdfPrinter } from './printables/pdf-printer.ts';
import { APP_VERSION } from './version.ts';

/**
 * What every service receives: the database, a clock, the working operator and the data folders.
 * A session starts signed out (role null) and session:login replaces it. Only code that builds the core
 * itself — the CLI (the local administrator 命令行) and tests — may start it as a named role, with no
 * operator row (operatorId null); no caller of handleCall can.
 */
export interface Ctx {
  /** Replaced (closed and reopened) by a restore: read it per call, never keep a reference. */
  db: Db;
  now: () => Date;
  session: CoreSession;
  /** Which program this core serves (桌面程序, 浏览器模式, 命令行), written with every sign-in event. */
  shell: SignInShell;
  paths: { dataDir: string; backupsDir: string; attachmentsDir: string };
  version: string;
  /** Opaque tokens for paths the adapter's own dialogs chose (paths never come from the renderer). */
  fileTokens: FileTokens;
  /** The adapter's dialogs (Electron main, the harness); null where none can be shown (CLI, tests). */
  dialogs: DialogProvider | null;
  /** The shell's HTML → PDF printer (Electron's printToPDF, or a system Chromium); null where none is given. */
  pdfPrinter: PdfPrinter | null;
}

export interface CoreSession {
  operatorId?: number | null;
  operator: string;
  role: OperatorRole | null;
  /**
   * A signed-in operator's session (not the CLI's or a test's local role): when the clerk last caused a call and how
   * long it may then stay unused before the core signs it out (session-idle.ts).
   */
  idle?: { lastActiveAt: number; limitMs: number };
}

/** Nobody signed in: only the public channels answer (shared/ipc/permissions.ts). */
export const SIGNED_OUT: Ctx['session'] = Object.freeze({ operatorId: null, operator: '未登录', role: null });

/** The shell a sign-in came through, from what the process is (CoreConfig.holder, told by the shell). */
export const SHELL_OF: Record<HolderKind, SignInShell> = {
  app: '桌面程序',
  web: '浏览器模式',
  cli: '命令行',
  other: '其他',
};

export const nowIso = (ctx: Ctx): string => ctx.now().toISOString();

/** A fresh context for a core (the working one, or the recovery core whose database stays closed). */
export function createCtx(
  db: Db,
  paths: Ctx['paths'],
  cfg: {
    now?: () => Date;
    operator?: string;
    role?: OperatorRole | null;
    dialogs?: DialogProvider | null;
    pdfPrinter?: PdfPrinter | null;
    shell?: SignInShell;
  },
): Ctx {
  return {
    db,
    now: cfg.now ?? (() => new Date()),
    session: cfg.role ? { operatorId: null, operator: cfg.operator ?? cfg.role, role: cfg.role } : SIGNED_OUT,
    shell: cfg.shell ?? '其他',
    paths,
    version: APP_VERSION,
    fileTokens: createFileTokens(),
    dialogs: cfg.dialogs ?? null,
    pdfPrinter: cfg.pdfPrinter ?? null,
  };
}
