/**
 * Typing is activity even when it calls nothing: a clerk writing a long 督办 reply or a 月报's 进展情况 for half an
 * hour sends no call until 保存, and the core's idle sign-out (electron/core/session-idle.ts) counts only calls. So
 * while the clerk is at this window — a key, a click or a scroll within the last minute — the window tells the core
 * once a minute (session:active, a call of the clerk's like any other). A window left alone sends nothing, and a
 * session that has already lapsed is refused as every call is: this never brings one back.
 */
import { useEffect } from 'react';
import { call, clerkInputWithin } from './api.ts';

/** Well inside the shortest limit the 管理员 can set (5 minutes), and one small call a minute at most. */
export const TYPING_KEEPS_SESSION_MS = 60_000;

export function useTypingKeepsSession(enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    const timer = setInterval(() => {
      if (clerkInputWithin(TYPING_KEEPS_SESSION_MS))
        void call('session:active', {}, undefined, { clerks: true }).catch(() => undefined);
    }, TYPING_KEEPS_SESSION_MS);
    return () => clearInterval(timer);
  }, [enabled]);
}
