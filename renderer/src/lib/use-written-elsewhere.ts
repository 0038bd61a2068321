/**
 * Writes by another program on the same ledger (the CLI importing or saving reports, a second window or copy of
 * the app): the core's app:elsewhere moves when one of them commits. The window asks every few seconds while it is
 * shown; when it moved, every view on screen reads again (TanStack's queries and the stores that read on their own,
 * through onWrittenElsewhere), and one notice says why the page changed under the clerk. Unsaved typing is the
 * pages' own and stays (月报's drafts; its save is refused if the report it stands on changed: reports:save basedOn).
 */
import { App as AntApp } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { call } from './api.ts';

/** How often the window asks: soon enough that a page left open never shows a CLI import's figures for long. */
export const ELSEWHERE_POLL_MS = 2000;

const listeners = new Set<() => void>();

/** Runs `fn` whenever another program wrote to the ledger; returns the unsubscribe. */
export function onWrittenElsewhere(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export function useWrittenElsewhere(enabled: boolean): void {
  const client = useQueryClient();
  const { message } = AntApp.useApp();
  useEffect(() => {
    if (!enabled) return;
    let seen: number | null = null;
    let asking = false;
    const ask = async () => {
      if (asking || document.hidden) return;
      asking = true;
      try {
        const { version } = await call('app:elsewhere', {}, undefined, { background: true });
        if (seen !== null && version !== seen) {
          void client.invalidateQueries();
          for (const fn of listeners) fn();
          void message.info({
            key: 'written-elsewhere',
            content: '台账刚被其他程序（命令行或另一窗口）修改，本页已按最新数据显示',
            duration: 5,
          });
        }
        seen = version;
      } catch {
        // signed out, the core restarting: asked again at the next tick
      } finally {
        asking = false;
      }
    };
    void ask();
    const timer = setInterval(() => void ask(), ELSEWHERE_POLL_MS);
    return () => clearInterval(timer);
  }, [enabled, client, message]);
}
