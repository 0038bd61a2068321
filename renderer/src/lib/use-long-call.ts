/**
 * A long call the user can watch and stop: `run(channel, input)` tags the call with an id, polls the shell for its
 * stage and percentage while it runs, and `cancel()` asks the core to stop at its next safe point (it rolls back,
 * and the call then fails with “已取消…”). Pair with <CallProgressModal>.
 */
import { useCallback, useRef, useState } from 'react';
import type { Channel } from '../../../shared/ipc/channels.ts';
import type { In, Out } from '../../../shared/ipc/contract.ts';
import { call } from './api.ts';

const POLL_MS = 200;
const SHOW_AFTER_MS = 300;

export interface LongCallState {
  /** What is running, for the dialog's title (e.g. 导入台账). */
  title: string;
  stage: string;
  percent: number;
  cancelling: boolean;
  /** False from the stage the core says can no longer be cancelled (progress.ts pointOfNoReturn): 取消 greyed out. */
  cancellable: boolean;
}

let counter = 0;
const newCallId = () =>
  `c${Date.now().toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 8)}`;

export function useLongCall() {
  const [state, setState] = useState<LongCallState | null>(null);
  const current = useRef<string | null>(null);

  const run = useCallback(async <C extends Channel>(title: string, channel: C, input: In<C>): Promise<Out<C>> => {
    const id = newCallId();
    current.current = id;
    // A call that is over within a moment shows no dialog (no flash); a shell that cannot report progress shows
    // none at all (the page's own busy state stays).
    const followable = typeof window.api.progressOf === 'function';
    const show = setTimeout(
      () => followable && setState({ title, stage: '准备中', percent: 0, cancelling: false, cancellable: true }),
      SHOW_AFTER_MS,
    );
    let stopped = false;
    const poll = async () => {
      while (!stopped) {
        await new Promise((ok) => setTimeout(ok, POLL_MS));
        if (stopped) return;
        const p = await window.api.progressOf?.(id).catch(() => null);
        if (!stopped && p?.running)
          setState((s) =>
            s
              ? {
                  ...s,
                  stage: p.stage,
                  percent: p.percent,
                  cancelling: s.cancelling || p.cancelling,
                  cancellable: p.cancellable !== false,
                }
              : s,
          );
      }
    };
    void poll();
    try {
      return await call(channel, input, id);
    } finally {
      stopped = true;
      clearTimeout(show);
      current.current = null;
      setState(null);
    }
  }, []);

  const cancel = useCallback(() => {
    const id = current.current;
    if (!id) return;
    // Past the point of no return the button is greyed out, and the shell refuses the cancel (call-registry.ts).
    setState((s) => (s ? { ...s, cancelling: true } : s));
    void window.api.cancel?.(id);
  }, []);

  return { state, run, cancel };
}
