/**
 * A Chromium started with `--remote-debugging-pipe`, spoken to over its DevTools pipe (file descriptors 3 and 4,
 * JSON messages ended by NUL) — the same transport Puppeteer's and Playwright's launchers use, without their
 * packages: the printer needs five commands, and neither library is a runtime dependency of the CLI or browser mode.
 * The browser never keeps Node alive (everything is unref'd); when this process ends its pipe closes and Chromium
 * exits with it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';

export interface DevToolsMessage {
  id?: number;
  method?: string;
  params?: Record<string, unknown>;
  result?: Record<string, unknown>;
  error?: { message: string };
  sessionId?: string;
}

export interface DevToolsPipe {
  /** One command; rejects with the browser's own error text, or when the browser is gone. */
  send<T = Record<string, unknown>>(method: string, params?: Record<string, unknown>, sessionId?: string): Promise<T>;
  /** Every event the browser sends (no id); returns the way to stop listening. */
  onEvent(listener: (m: DevToolsMessage) => void): () => void;
  /** Settles when the browser process has ended, for whatever reason. */
  readonly ended: Promise<void>;
  readonly alive: () => boolean;
  /** Ends the browser process at once; this process stays up until it has. */
  kill(): void;
}

export function openDevToolsPipe(exe: string, args: string[]): DevToolsPipe {
  const child: ChildProcess = spawn(exe, ['--remote-debugging-pipe', ...args], {
    stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'],
    windowsHide: true,
  });
  const toBrowser = child.stdio[3] as Writable;
  const fromBrowser = child.stdio[4] as Readable;
  let running = true;
  let nextId = 0;
  const waiting = new Map<number, { resolve: (r: never) => void; reject: (e: Error) => void }>();
  const listeners = new Set<(m: DevToolsMessage) => void>();

  const gone = (why: Error) => {
    running = false;
    for (const w of waiting.values()) w.reject(why);
    waiting.clear();
  };
  const ended = new Promise<void>((resolve) => {
    child.on('exit', () => {
      gone(new Error('浏览器已退出'));
      resolve();
    });
    child.on('error', (e) => {
      gone(e);
      resolve();
    });
  });

  let pending = '';
  fromBrowser.setEncoding('utf8');
  fromBrowser.on('data', (chunk: string) => {
    pending += chunk;
    let end: number;
    while ((end = pending.indexOf('\0')) >= 0) {
      const m = JSON.parse(pending.slice(0, end)) as DevToolsMessage;
      pending = pending.slice(end + 1);
      if (m.id !== undefined) {
        const w = waiting.get(m.id);
        waiting.delete(m.id);
        if (m.error) w?.reject(new Error(m.error.message));
        else w?.resolve(m.result as never);
      } else for (const l of listeners) l(m);
    }
  });
  // A write after the browser died must not throw out of the process.
  toBrowser.on('error', (e) => gone(e));

  child.unref();
  (toBrowser as Writable & { unref?: () => void }).unref?.();
  (fromBrowser as Readable & { unref?: () => void }).unref?.();

  return {
    send: (method, params = {}, sessionId) =>
      new Promise((resolve, reject) => {
        if (!running) return reject(new Error('浏览器已退出'));
        const id = ++nextId;
        waiting.set(id, { resolve: resolve as (r: never) => void, reject });
        toBrowser.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
      }),
    onEvent: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    ended,
    alive: () => running,
    kill: () => {
      if (!running) return;
      // Held until it has exited, so that whoever waits for `ended` (to remove its profile) is not cut short.
      child.ref();
      child.kill();
    },
  };
}
