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
      invoke(channel: string, input: unknown, callId?: string | null, background?: boolean): Promise<unknown>;
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
  /** False once the core says the call is past its point of no return (older shells omit it: cancellable). */
  cancellable?: boolean;
}

/**
 * Whether a call is the clerk's: the core signs a session out after the set minutes without one
 * (electron/core/session-idle.ts), so the window tells it which calls it made on its own — the change watcher's poll,
 * the hourly reminder, the re-reads after another program wrote. Rather than mark each of those (a TanStack refetch
 * does not say why it runs), a call counts as the clerk's when the clerk pressed a key, clicked or scrolled in this
 * window within the last CLERK_CALL_MS: what a click sets off is sent at once, and a window left alone makes only
 * background calls. `background: true` marks a call as the window's own whatever the clerk is doing; `clerks: true`
 * as the clerk's (use-typing-keeps-session.ts, which decides that from a longer look back).
 */
export const CLERK_CALL_MS = 10_000;
let lastInputAt = Number.NEGATIVE_INFINITY;
if (typeof window !== 'undefined' && typeof window.addEventListener === 'function')
  for (const type of ['pointerdown', 'keydown', 'wheel'])
    window.addEventListener(type, () => (lastInputAt = Date.now()), { capture: true, passive: true });

/** Whether the clerk pressed a key, clicked or scrolled in this window within the last `ms`. */
export function clerkInputWithin(ms: number): boolean {
  return Date.now() - lastInputAt <= ms;
}

const idleListeners = new Set<(message: string) => void>();
/** Runs `fn` when the core refused a call because it signed the session out for idleness; returns the unsubscribe. */
export function onSignedOutIdle(fn: (message: string) => void): () => void {
  idleListeners.add(fn);
  return () => idleListeners.delete(fn);
}

export async function call<C extends Channel>(
  channel: C,
  input: In<C>,
  callId?: string,
  opts: { background?: boolean; clerks?: boolean } = {},
): Promise<Out<C>> {
  const background = opts.clerks !== true && (opts.background === true || !clerkInputWithin(CLERK_CALL_MS));
  let r: Result<Out<C>>;
  try {
    r = (await (background
      ? window.api.invoke(channel, input, callId ?? null, true)
      : callId
        ? window.api.invoke(channel, input, callId)
        : window.api.invoke(channel, input))) as Result<Out<C>>;
  } catch (e) {
    throw new ApiError('INTERNAL', `与程序核心的连接中断：${(e as Error).message}`);
  }
  if (!r.ok) {
    if (r.error.code === 'SIGNED_OUT_IDLE') for (const fn of idleListeners) fn(r.error.message);
    throw new ApiError(r.error.code, r.error.message, r.error.issues ?? []);
  }
  return r.data;
}
