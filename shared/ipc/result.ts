/** The result envelope every channel answers with (Electron passes only an error's message across IPC). */

export type AppErrorCode =
  | 'VALIDATION'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'FORBIDDEN'
  | 'DB_FROM_FUTURE'
  | 'DB_DAMAGED'
  | 'UNREADABLE'
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
