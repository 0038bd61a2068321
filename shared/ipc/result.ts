/** The result envelope every channel answers with (Electron passes only an error's message across IPC). */

export type AppErrorCode =
  | 'VALIDATION'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'FORBIDDEN'
  | 'DB_FROM_FUTURE'
  | 'DB_DAMAGED'
  /** The ledger file is held by another process (an exclusive lock, a restore under way). */
  | 'DB_LOCKED'
  /** The ledger file cannot be read (permissions, a disk error). */
  | 'DB_UNREADABLE'
  /** The ledger file is 0 bytes long. */
  | 'DB_EMPTY'
  /** A valid SQLite file that is not a ledger. */
  | 'DB_FOREIGN'
  | 'UNREADABLE'
  /** The session was signed out after too long without the clerk's activity (electron/core/session-idle.ts). */
  | 'SIGNED_OUT_IDLE'
  /** The user cancelled a long operation; nothing was written. */
  | 'CANCELLED'
  | 'INTERNAL';

export interface FieldIssue {
  /** Dotted path of the field, e.g. "totalWan" or "funding.2.amountWan". */
  path: string;
  /** Chinese message naming the field. */
  message: string;
}

export interface AppErrorBody {
  code: AppErrorCode;
  message: string;
  issues?: FieldIssue[];
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: AppErrorBody };

export const ok = <T>(data: T): Result<T> => ({ ok: true, data });
