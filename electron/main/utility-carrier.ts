/**
 * The desktop app's carrier of the core host: an Electron utility process (a Node child process that Electron
 * manages — https://www.electronjs.org/docs/latest/api/utility-process). The core's SQLite work happens there, so
 * the main process, which owns the windows, never freezes. Kept apart from core-process.ts, which binds it to
 * Electron's `utilityProcess.fork`: this file only names Electron's types, so a test can drive it under plain Node
 * with a stand-in fork that really starts the host in a child process.
 */
import type { Carrier } from '../core-host/client.ts';
import type { HostConfig, HostMessage } from '../core-host/protocol.ts';
import type { ConfigMessage } from '../core-host/utility-host.ts';

/** The part of Electron's UtilityProcess the carrier uses. */
export interface UtilityChild {
  on(event: 'exit', listener: (code: number) => void): unknown;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  once(event: 'spawn', listener: () => void): unknown;
  once(event: 'exit', listener: (code: number) => void): unknown;
  postMessage(message: unknown): void;
  kill(): boolean;
}

export interface UtilityForkOptions {
  serviceName: string;
  stdio: 'inherit';
}

/** `utilityProcess.fork` or a test's stand-in. */
export type ForkUtility = (modulePath: string, args: string[], options: UtilityForkOptions) => UtilityChild;

export function utilityCarrier(config: HostConfig, fork: ForkUtility, entry: string): Carrier {
  const child = fork(entry, [], { serviceName: '乡镇建设项目台账-核心', stdio: 'inherit' });
  let exited = false;
  const exitListeners: ((reason: string) => void)[] = [];
  const exitedPromise = new Promise<void>((ok) => child.once('exit', () => ok()));
  child.on('exit', (code) => {
    if (exited) return;
    exited = true;
    for (const l of exitListeners) l(`核心进程退出，代码 ${code}`);
  });
  // Nothing is posted before the child has spawned; the config goes first, the rest in order after it.
  let spawned = false;
  const queued: unknown[] = [];
  child.once('spawn', () => {
    spawned = true;
    child.postMessage({ type: 'config', config } satisfies ConfigMessage);
    for (const m of queued.splice(0)) child.postMessage(m);
  });
  return {
    sharedMemory: false,
    post: (m) => {
      // A message to a process that is gone has no one to answer it; the client answers its calls on the exit.
      if (exited) return;
      if (spawned) child.postMessage(m);
      else queued.push(m);
    },
    onMessage: (listener) => void child.on('message', (m) => listener(m as HostMessage)),
    onExit: (listener) => void exitListeners.push(listener),
    terminate: async () => {
      if (exited) return;
      child.kill();
      await exitedPromise;
    },
  };
}
