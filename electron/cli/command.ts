import type { Channel } from '../../shared/ipc/channels.ts';
import type { Core } from '../core/index.ts';
import type { ParsedArgs } from './args.ts';

/** Exit codes: 0 success, 1 validation or business error (nothing written), 2 unreadable input or bad usage. */
export const EXIT = { OK: 0, INVALID: 1, USAGE: 2 } as const;

/** A ledger file that cannot be read as a ledger is unreadable input (exit 2); a locked one is refused for now (exit 1). */
export const UNREADABLE_LEDGER: ReadonlySet<string> = new Set([
  'DB_DAMAGED',
  'UNREADABLE',
  'DB_UNREADABLE',
  'DB_EMPTY',
  'DB_FOREIGN',
]);

export class UsageError extends Error {}

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  /** Commands that only read a database still open it (and migrate it) through createCore. */
  run(ctx: { core: Core; args: ParsedArgs; io: CliIo; json: boolean; call: CallFn }): Promise<number>;
  /** Commands that must work when the database cannot be opened (verify, restore) run this instead. */
  runWithoutCore?(ctx: { dbPath: string; args: ParsedArgs; io: CliIo; json: boolean }): Promise<number>;
  /**
   * Commands that may be given a path where no ledger is yet, and create it there (init, seed-demo, import, package
   * import); any other refuses such a path (exit 2). A created ledger is removed again if the command is refused.
   */
  startsLedger?: true;
  /** Commands that answer a path where no ledger is themselves (verify reports it, restore puts the backup there). */
  answersNoLedger?: true;
  /**
   * How many words the command takes after its name (import FILE: 1, user add NAME: 2; collect merge takes any number
   * of files); none if not given. A word more is wrong usage: \`import 甲.xlsx 乙.xlsx\` imported 甲 and said nothing of 乙.
   */
  maxWords?: number;
  /** --role is this command's own input (user add), not the role the CLI acts as. */
  roleFlagIsInput?: true;
  /** Commands that need no database at all (channels). */
  runWithoutDb?(ctx: { args: ParsedArgs; io: CliIo; json: boolean }): Promise<number>;
  /** With runWithoutDb: whether this invocation needs no database (`package verify` does not, `package import` does); default yes. */
  needsNoDb?(args: ParsedArgs): boolean;
}

/** Calls a channel through handleCall; returns data or throws CliFailure carrying the envelope. */
export type CallFn = <T = unknown>(channel: Channel, input: unknown) => Promise<T>;

export class CliFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
