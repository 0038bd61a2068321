/**
 * Calls the page has given an id so it can follow them: the latest progress of each, and a way to cancel it.
 * Both shells keep one (the browser-mode server answers GET /rpc-progress/ID and POST /rpc-cancel/ID from it;
 * Electron main answers the preload's progressOf/cancel). The page polls: progress is a display, not a log, so only
 * the latest report is kept, and a finished call's entry goes away at once.
 */
import type { CallOptions } from './client.ts';

export interface CallProgress {
  /** False when no call with this id is running (not started yet, or already finished). */
  running: boolean;
  stage: string;
  percent: number;
  cancelling: boolean;
  /** False once the call is past its point of no return: the dialog greys out 取消 (the core decides: progress.ts). */
  cancellable: boolean;
}

/** Chosen by the page: short, and nothing that could be a path or markup. */
export const CALL_ID = /^[A-Za-z0-9_-]{1,64}$/;

export class CallRegistry {
  private readonly calls = new Map<
    string,
    { stage: string; percent: number; cancellable: boolean; controller: AbortController }
  >();

  /** Runs `fn` with progress and cancellation wired to `callId` (no id: just runs it). */
  async run<T>(callId: string | null | undefined, fn: (opts: CallOptions) => Promise<T>): Promise<T> {
    if (!callId || !CALL_ID.test(callId) || this.calls.has(callId)) return fn({});
    const entry = { stage: '准备中', percent: 0, cancellable: true, controller: new AbortController() };
    this.calls.set(callId, entry);
    try {
      return await fn({
        signal: entry.controller.signal,
        onProgress: (stage, percent, cancellable) => {
          entry.stage = stage;
          entry.percent = percent;
          entry.cancellable = cancellable;
        },
      });
    } finally {
      this.calls.delete(callId);
    }
  }

  progressOf(callId: string): CallProgress {
    const e = this.calls.get(callId);
    return e
      ? {
          running: true,
          stage: e.stage,
          percent: e.percent,
          cancelling: e.controller.signal.aborted,
          cancellable: e.cancellable,
        }
      : { running: false, stage: '', percent: 0, cancelling: false, cancellable: false };
  }

  /**
   * True when a running call was asked to stop (it stops at its next safe point and rolls back); false when there is
   * none, or it is past its point of no return (it would not stop, and the dialog must not say 正在取消).
   */
  cancel(callId: string): boolean {
    const e = this.calls.get(callId);
    if (!e?.cancellable) return false;
    e.controller.abort();
    return true;
  }
}
