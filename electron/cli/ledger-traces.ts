/**
 * A refused command leaves nothing behind (exit 1 and 2: nothing written). Opening a path where no ledger is creates
 * one — the file, its users folder (ledger-users.ts) and its anchor (row-seal.ts) — before the command can check its
 * input; so a mistyped `init --year 20x7`, a short password or an import of a wrong file into a new path left a
 * whole empty ledger there. And a file that is not a ledger at all (a spreadsheet given as --db) got a users folder
 * beside it from the attempt to open it.
 */
import { appendFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { anchorPath } from '../core/audit/row-seal.ts';
import { usersDir } from '../core/db/ledger-users.ts';
import { corePaths } from '../core/paths.ts';
import type { CliIo } from './command.ts';

/** Where the CLI logs its notes for a ledger (cliLog): logs/命令行.log beside it. */
export const cliLogFile = (dbPath: string) => join(dirname(resolve(dbPath)), 'logs', '命令行.log');

/**
 * The core's notes (slow calls, background work) and the details of an internal error go to logs/命令行.log
 * beside the ledger; without --json the first line of each note but the timings is also shown on stderr. With
 * --json nothing but the command's answer is printed, and never a stack trace.
 */
export function cliLog(dbPath: string, io: CliIo, json: boolean): (m: string) => void {
  const file = cliLogFile(dbPath);
  return (m) => {
    try {
      mkdirSync(dirname(file), { recursive: true });
      appendFileSync(file, `${new Date().toISOString()} ${m}\n`);
    } catch {
      // A log that cannot be written must not turn a finished command into a failure.
    }
    // Timing notes (慢调用 …) are for whoever tunes the app: the log only.
    if (!json && !/^慢调用/.test(m)) io.err(m.split('\n')[0]!);
  };
}

export interface LedgerTraces {
  /** Whether a file was there before the command. */
  existed: boolean;
  /**
   * After a refused command: a ledger it created is removed with everything beside it; beside a file that could not
   * be opened as a ledger (`opened` false), what the attempt made. A ledger that was there keeps its anchor and its
   * users, even when the command was refused: they are the ledger's.
   */
  undo(opened: boolean): void;
}

export function ledgerTraces(dbPath: string): LedgerTraces {
  const file = resolve(dbPath);
  const existed = existsSync(file);
  const beside = [usersDir(file), anchorPath(file)].filter((p) => !existsSync(p));
  // The folders a ledger's data folder gets on use (the backup taken ahead of an import, the CLI's log), when this
  // command made them for a ledger it is removing.
  const { backupsDir, attachmentsDir } = corePaths(file);
  const folders = [backupsDir, attachmentsDir, dirname(cliLogFile(file))].filter((p) => !existsSync(p));
  return {
    existed,
    undo(opened) {
      if (existed && opened) return;
      const made = existed ? beside : [file, `${file}-wal`, `${file}-shm`, `${file}-journal`, ...beside, ...folders];
      for (const p of made) rmSync(p, { recursive: true, force: true });
    },
  };
}
