/**
 * What the shells put on `window.api` (the preload in Electron, api-bridge.js in browser mode), in-process for the
 * renderer's tests: each call goes through the same handleCall and call registry as the shells, to a real core on
 * a temp SQLite file. `hold()` keeps the next calls waiting before they reach the core (a slow machine), so a test
 * can watch a call that is under way.
 */
import { CallRegistry } from '../../electron/core-host/call-registry.ts';
import { handleCall } from '../../electron/core/handle-call.ts';
import { tempCore, type TempCore } from '../helpers/temp-core.ts';

export interface CoreBridge {
  t: TempCore;
  /** Every channel asked through window.api, in order. */
  asked: string[];
  /** Until the returned function is called, calls wait before they reach the core. */
  hold(): () => void;
  close(): void;
}

export async function openCoreBridge(): Promise<CoreBridge> {
  const t = await tempCore();
  const calls = new CallRegistry();
  const asked: string[] = [];
  let gate: Promise<void> | null = null;
  window.api = {
    invoke: (channel, input, callId, background) => {
      asked.push(channel);
      return calls.run(callId, async (opts) => {
        await gate;
        return handleCall(t.core, channel, input, {
          progress: opts.onProgress,
          signal: opts.signal,
          background: background === true,
        });
      });
    },
    progressOf: async (callId) => calls.progressOf(callId),
    cancel: async (callId) => calls.cancel(callId),
  };
  return {
    t,
    asked,
    hold() {
      let open = () => {};
      gate = new Promise((ok) => (open = ok));
      return () => {
        gate = null;
        open();
      };
    },
    close() {
      t.cleanup();
    },
  };
}
