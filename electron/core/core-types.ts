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
import type { Migration } from './db/migrations/index.ts';
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
  /** The migrations the ledger is brought to (default: this version's); tests open a ledger with one more. */
  migrations?: readonly Migration[];
}

/**
 * Something the start did to the ledger, or found, before serving it, that the clerk must hear of: a restore cut off
 * by a crash finished or rolled back (restore-swap.ts), an empty file set aside for a new ledger, the structure
 * upgraded, the seals renewed, the anchor found disagreeing, rows found changed behind the app's back before an upgrade
 * (kept marked through its re-sealing), or a file that cannot be opened at all. `message` is the
 * Chinese sentence for the clerk, the same words the restore notice or the log uses. A core host restarted after a
 * crash passes these on to the window (core-host/client.ts restartNotice): a start that did none of them left the
 * ledger as the crash left it.
 */
export interface StartNote {
  kind:
    | 'restore-finished'
    | 'restore-rolled-back'
    | 'restore-unclear'
    | 'new-ledger'
    | 'migrated'
    | 'resealed'
    | 'anchor-mismatch'
    | 'changed-before-upgrade'
    | 'cannot-open';
  message: string;
}

export interface Core {
  /** 'recovery' when the database could not be opened: only the recovery channels answer. */
  mode: 'normal' | 'recovery';
  /** What this core's start did to the ledger (empty: nothing); the recovery core's says why it cannot open it. */
  started: StartNote[];
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
