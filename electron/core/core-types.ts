/**
 * The core's shape as its adapters see it (Electron's core host, browser mode, the CLI, tests): its configuration
 * and the object createCore returns. Apart from index.ts so that recovery.ts, which builds a Core of its own, need
 * not import the module that imports it.
 */
import type { Channel } from '../../shared/ipc/channels.ts';
import type { Out, Parsed } from '../../shared/ipc/contract.ts';
import type { Ctx } from './context.ts';
import type { HolderKind } from './db/ledger-users.ts';
import type { MigrateResult } from './db/migrate.ts';
import type { DialogProvider } from './files/file-tokens.ts';
import type { PdfPrinter } from './printables/pdf-printer.ts';

export interface CoreConfig {
  dbPath: string;
  now?: () => Date;
  operator?: string;
  role?: Ctx['session']['role'];
  log?: (msg: string) => void;
  /** The adapter's file dialogs (Electron main, harness); none in the CLI and tests. */
  dialogs?: DialogProvider | null;
  /**
   * The shell's HTML → PDF printer: Electron's printToPDF in the app, a system Chromium for the CLI,
   * browser mode and tests. Without one, every PDF (documents, the audit log) is refused in Chinese.
   */
  pdfPrinter?: PdfPrinter | null;
  /** The once-a-day backup at start (default on). */
  autoBackup?: boolean;
  /** How often an open ledger looks for the day's backup (DAILY_CHECK_MS, an hour; tests make it short). */
  dailyBackupEveryMs?: number;
  /** What this process is, named to another process whose restore it holds off (default: guessed from the process). */
  holder?: HolderKind;
  /**
   * Read the open month's figures into memory once the start-up is done (from the figure store in the file, or
   * computed), so the first 总览 and lights after opening cost nothing. For the core hosts of the app and browser
   * mode, which run in their own thread; not for a CLI command, which reads what it needs and exits.
   */
  warm?: boolean;
}

export interface Core {
  /** 'recovery' when the database could not be opened: only the recovery channels answer. */
  mode: 'normal' | 'recovery';
  ctx: Ctx;
  migration: MigrateResult;
  /**
   * Resolves once the start-up's warm-up (warm-up.ts) has run: the bench and tests wait for it. Without `warm` its
   * step does not keep the process alive: a process with nothing else to do exits before it resolves.
   */
  warmed: Promise<void>;
  dispatch<C extends Channel>(channel: C, input: Parsed<C>): Promise<Out<C>>;
  log: (msg: string) => void;
  close(): void;
}
