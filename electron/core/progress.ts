/**
 * Progress and cancellation of the call that is running, without threading two more parameters through every
 * service: handleCall runs the handler inside a call scope (AsyncLocalStorage), and a long operation reports
 * `progress(stage, percent)` and calls `checkpoint()` at its safe points — between stages, and inside a write
 * transaction, where a cancel throws and so rolls the whole transaction back. Outside a scope (CLI, unit tests)
 * both do nothing.
 *
 * Cancellation has two sources: the AbortSignal (a cancel message reached the host's event loop) and, in a
 * worker thread, a flag in shared memory the parent sets — the only way to reach a worker whose event loop is
 * busy inside a synchronous SQLite transaction.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { AppError } from './errors.ts';

export interface CallScope {
  /**
   * Receives a stage (Chinese, shown to the user), a whole percentage 0–100, and whether a 取消 can still be honoured
   * (false once the call has passed its point of no return: pointOfNoReturn).
   */
  progress?: (stage: string, percent: number, cancellable: boolean) => void;
  signal?: AbortSignal;
  /** Read synchronously at each checkpoint (the worker's shared cancel flag). */
  cancelRequested?: () => boolean;
  /**
   * The renderer made this call on its own (a poll, a timed or prompted re-read), not because the clerk did
   * something: it does not keep the session from its idle sign-out (session-idle.ts).
   */
  background?: boolean;
}

export const CANCELLED_MESSAGE = '已取消，本次操作没有保存任何修改';

interface Store {
  call: CallScope;
  /** The last report, shared by nested bands (repeats are dropped), and whether the call may still be cancelled. */
  last: { stage: string; percent: number; cancellable: boolean };
  /** The band of the whole call's 0–100 that this part's own 0–100 maps onto. */
  from: number;
  to: number;
}

const scope = new AsyncLocalStorage<Store>();

export function runInCallScope<T>(call: CallScope, fn: () => T): T {
  return scope.run({ call, last: { stage: '', percent: -1, cancellable: true }, from: 0, to: 100 }, fn);
}

/**
 * Runs a part that reports its own 0–100 (a backup inside an import) as the band [from, to] of the caller's, and
 * under the caller's stage name when `stage` is given.
 */
export function inBand<T>(from: number, to: number, fn: () => T): T {
  const s = scope.getStore();
  if (!s) return fn();
  const span = s.to - s.from;
  return scope.run({ ...s, from: s.from + (span * from) / 100, to: s.from + (span * to) / 100 }, fn);
}

/**
 * Runs a part beside the call's own work (a backup copied while the import's file is read): its stages would
 * interleave with the call's, so it reports none, and it stops at its checkpoints when the call is cancelled or
 * `stopWhen()` says it is no longer wanted.
 */
export function besideCall<T>(stopWhen: () => boolean, fn: () => T): T {
  const s = scope.getStore();
  const call: CallScope = {
    ...(s?.call.signal ? { signal: s.call.signal } : {}),
    cancelRequested: () => stopWhen() || s?.call.cancelRequested?.() === true,
  };
  return scope.run({ call, last: { stage: '', percent: -1, cancellable: true }, from: 0, to: 100 }, fn);
}

/** Reports a stage and percentage; repeats of the same whole percentage in the same stage are dropped. */
export function progress(stage: string, percent: number): void {
  const s = scope.getStore();
  if (!s?.call.progress) return;
  const own = Math.max(0, Math.min(100, percent));
  const pct = Math.floor(s.from + ((s.to - s.from) * own) / 100);
  if (stage === s.last.stage && pct === s.last.percent) return;
  s.last.stage = stage;
  s.last.percent = pct;
  s.call.progress(stage, pct, s.last.cancellable);
}

/**
 * Reports `stage`, from which the call goes to its end whatever the clerk does (a restore about to replace the ledger
 * file): its checkpoints no longer stop it, and this and every later report say so (cancellable false), so that the
 * dialog greys out 取消 with the reason instead of offering a cancel that can no longer be kept — the core says which
 * stages can be cancelled, not a guess by stage name. Call right after the call's last checkpoint that may throw.
 */
export function pointOfNoReturn(stage: string, percent: number): void {
  const s = scope.getStore();
  if (!s) return;
  s.last.cancellable = false;
  progress(stage, percent);
}

/**
 * A new stage at the percentage already reached: work at a call's end whose length is not known ahead (the figures
 * kept for the 总览 brought up to date as a write commits), so the clerk reads what is being done instead of a
 * bar standing still under the previous stage's name.
 */
export function stage(name: string): void {
  const s = scope.getStore();
  if (!s?.call.progress || s.last.stage === name || s.last.percent < 0) return;
  s.last.stage = name;
  s.call.progress(name, s.last.percent, s.last.cancellable);
}

/**
 * While the call awaits work that reports nothing (Chromium laying out and printing a PDF), the bar moves by itself
 * within [from, to) under `stage`: quickly at first, slower as it nears `to`, which it reaches only when the work is
 * done. A bar standing at 10% through the seconds of a long print (12 s for a 36-project 一项目一档 in browser mode)
 * read as a hung window. By `typicalMs` it has gone about two thirds of the way.
 */
export async function movingWhile<T>(
  stage: string,
  from: number,
  to: number,
  typicalMs: number,
  work: Promise<T>,
): Promise<T> {
  const s = scope.getStore();
  if (!s?.call.progress) return work;
  const start = Date.now();
  progress(stage, from);
  const timer = setInterval(() => {
    progress(stage, from + (to - from) * (1 - Math.exp(-(Date.now() - start) / typicalMs)));
  }, 200);
  try {
    return await work;
  } finally {
    clearInterval(timer);
  }
}

/** Progress of step `i` of `n` inside the band [from, to] of the whole operation. */
export function progressOf(stage: string, i: number, n: number, from: number, to: number): void {
  progress(stage, from + ((to - from) * i) / Math.max(1, n));
}

/** Whether the clerk asked to cancel and the call may still stop (never past its point of no return). */
export function cancelRequested(): boolean {
  const s = scope.getStore();
  return !!s && s.last.cancellable && (s.call.signal?.aborted === true || s.call.cancelRequested?.() === true);
}

/** A safe point: throws the cancel error when the user asked to cancel (inside a transaction: it rolls back). */
export function checkpoint(): void {
  if (cancelRequested()) throw cancelledError();
}

/** The error a cancelled call ends with (the dialog then says 已取消…). */
export const cancelledError = (): AppError => new AppError('CANCELLED', CANCELLED_MESSAGE);

/**
 * The running call's abort signal, for work this thread awaits rather than runs (a PDF printed by Chromium or
 * Electron): the printer stops at once on 取消 instead of the call noticing only when the print is done.
 */
export function callSignal(): AbortSignal | undefined {
  return scope.getStore()?.call.signal;
}
