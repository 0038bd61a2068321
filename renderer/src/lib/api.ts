/**
 * The renderer's only door to the core. Envelopes are unwrapped here: components get data or an
 * ApiError carrying the Chinese message and the field issues.
 */
import type { Channel, CoreEvent } from '../../../shared/ipc/channels.ts';
import type { In, Out } from '../../../shared/ipc/contract.ts';
import type { AppErrorCode, FieldIssue, Result } from '../../../shared/ipc/result.ts';

declare global {
  interface Window {
    api: {
      /** callId: lets the page follow the call with progressOf and stop it with cancel. */
      invoke(channel: string, input: unknown, callId?: string): Promise<unknown>;
      progressOf?(callId: string): Promise<CallProgress | null>;
      cancel?(callId: string): Promise<unknown>;
      /** The core host's notices (it died and was restarted, or will not come back); returns an unsubscribe. */
      onCoreEvent?(listener: (e: CoreEvent) => void): () => void;
    };
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

/** A followed call's latest report (the shell keeps only the latest). */
export interface CallProgress {
  running: boolean;
  stage: string;
  percent: number;
  cancelling: boolean;
}

export async function call<C extends Channel>(channel: C, input: In<C>, callId?: string): Promise<Out<C>> {
  let r: Result<Out<C>>;
  try {
    r = (await (callId ? window.api.invoke(channel, input, callId) : window.api.invoke(channel, input))) as Result<
      Out<C>
    >;
  } catch (e) {
    throw new ApiError('INTERNAL', `与程序核心的连接中断：${(e as Error).message}`);
  }
  if (!r.ok) throw new ApiError(r.error.code, r.error.message, r.error.issues ?? []);
  return r.data;
}
