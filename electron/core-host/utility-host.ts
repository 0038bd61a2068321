/**
 * The core host inside an Electron utility process (the desktop app). Electron hands the child a `parentPort`
 * (process.parentPort, see Electron's docs "utilityProcess" / "parentPort"): messages arrive as MessageEvents
 * whose `data` is the structured-cloned value. The first message carries the HostConfig; everything after it
 * is the protocol in protocol.ts. No shared memory between processes: a cancel takes effect at the core's next
 * asynchronous safe point (between stages, between backup steps), not inside a running transaction.
 */
import { runHost, type RunningHost } from './host.ts';
import type { HostConfig, HostMessage, ParentMessage } from './protocol.ts';

/** The part of Electron.ParentPort the host uses (so a test can pass a stand-in). */
export interface UtilityParentPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  postMessage(message: unknown): void;
}

export interface ConfigMessage {
  type: 'config';
  config: HostConfig;
}

/** Waits for the config message, then runs the host; later messages go to it. */
export function startUtilityHost(port: UtilityParentPort): Promise<RunningHost> {
  return new Promise((resolve) => {
    let deliver: ((m: ParentMessage) => void) | null = null;
    port.on('message', ({ data }) => {
      if (deliver) return deliver(data as ParentMessage);
      const first = data as ConfigMessage;
      if (first?.type !== 'config') return;
      resolve(
        runHost(
          {
            post: (m: HostMessage) => port.postMessage(m),
            onMessage: (listener) => {
              deliver = listener;
            },
          },
          first.config,
        ),
      );
    });
  });
}
