/**
 * A question put to the core ahead of the code that needs its answer — as a page is made, or from a keystroke's
 * handler — so the core works while React renders. The next asker takes it only when it asks the very same thing
 * (same input and tag, within maxAgeMs); otherwise, or once taken, it asks afresh. One held answer at a time.
 */
import { useRef } from 'react';
import type { Channel } from '../../../shared/ipc/channels.ts';
import type { In, Out } from '../../../shared/ipc/contract.ts';
import { call } from './api.ts';

export interface AskAhead<C extends Channel> {
  /** `tag`: what else makes two questions differ though their input is the same (a reload counter). */
  ask(input: In<C>, tag?: unknown): void;
  take(input: In<C>, tag?: unknown): Promise<Out<C>>;
}

export function askAhead<C extends Channel>(channel: C, maxAgeMs = Infinity): AskAhead<C> {
  let held: { key: string; at: number; answer: Promise<Out<C>> } | null = null;
  const keyOf = (input: In<C>, tag: unknown) => JSON.stringify([input, tag ?? null]);
  return {
    ask(input, tag) {
      const answer = call(channel, input);
      answer.catch(() => undefined); // an answer never taken is not an unhandled rejection
      held = { key: keyOf(input, tag), at: performance.now(), answer };
    },
    take(input, tag) {
      const h = held;
      held = null;
      return h && h.key === keyOf(input, tag) && performance.now() - h.at < maxAgeMs ? h.answer : call(channel, input);
    },
  };
}

/** One AskAhead for the component's life. */
export function useAskAhead<C extends Channel>(channel: C, maxAgeMs?: number): AskAhead<C> {
  const ref = useRef<AskAhead<C> | null>(null);
  ref.current ??= askAhead(channel, maxAgeMs);
  return ref.current;
}
