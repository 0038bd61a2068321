/**
 * The renderer's only door to the core. Envelopes are unwrapped here: components get data or an
 * ApiError carrying the Chinese message and the field issues.
 */
import type { Channel } from '../../../shared/ipc/channels.ts';
import type { In, Out } from '../../../shared/ipc/contract.ts';
import type { AppErrorCode, FieldIssue, Result } from '../../../shared/ipc/result.ts';

declare global {
  interface Window {
    api: { invoke(channel: string, input: unknown): Promise<unknown> };
  }
}

export class ApiError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
  }
}

export async function call<C extends Channel>(channel: C, input: In<C>): Promise<Out<C>> {
  let r: Result<Out<C>>;
  try {
    r = (await window.api.invoke(channel, input)) as Result<Out<C>>;
  } catch (e) {
    throw new ApiError('INTERNAL', `与程序核心的连接中断：${(e as Error).message}`);
  }
  if (!r.ok) throw new ApiError(r.error.code, r.error.message, r.error.issues ?? []);
  return r.data;
}
