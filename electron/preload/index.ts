/**
 * The whole renderer ↔ main surface: `window.api.invoke(channel, input, callId?, background?)`, following and stopping a tagged
 * call (progressOf / cancel), and the core host's notices (onCoreEvent) — nothing else. Runs sandboxed, so it may
 * import only `electron` and the channel-name list, and is bundled into one CommonJS file (a sandboxed preload
 * cannot require local files). Main still checks the sender and validates input.
 */
import { contextBridge, ipcRenderer } from 'electron';
import {
  CALL_CANCEL_CHANNEL,
  CALL_PROGRESS_CHANNEL,
  CHANNELS,
  CORE_EVENT_CHANNEL,
  type CoreEvent,
} from '../../shared/ipc/channels.ts';

const allowed: ReadonlySet<string> = new Set<string>(CHANNELS);
/** The page chooses call ids: short, and nothing that could be a path or markup (as CallRegistry checks in main). */
const CALL_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** `background`: the page made the call on its own, not the clerk (it does not keep the session from its idle sign-out). */
function invoke(channel: unknown, input?: unknown, callId?: unknown, background?: unknown): Promise<unknown> {
  if (typeof channel !== 'string' || !allowed.has(channel)) {
    return Promise.reject(new Error(`未知的调用通道：${String(channel).slice(0, 60)}`));
  }
  // Only the input (and the call's id and background mark) is forwarded; the IPC event never reaches the page.
  const id = typeof callId === 'string' && CALL_ID.test(callId) ? callId : null;
  if (background === true) return ipcRenderer.invoke(channel, input, id, true);
  return id ? ipcRenderer.invoke(channel, input, id) : ipcRenderer.invoke(channel, input);
}

const progressOf = (callId: unknown): Promise<unknown> =>
  typeof callId === 'string' && CALL_ID.test(callId)
    ? ipcRenderer.invoke(CALL_PROGRESS_CHANNEL, callId)
    : Promise.resolve(null);
const cancel = (callId: unknown): Promise<unknown> =>
  typeof callId === 'string' && CALL_ID.test(callId)
    ? ipcRenderer.invoke(CALL_CANCEL_CHANNEL, callId)
    : Promise.resolve(false);

/** The page hears only the notice's kind and text, never the IPC event; returns a function that stops listening. */
function onCoreEvent(listener: unknown): () => void {
  if (typeof listener !== 'function') return () => {};
  const relay = (_event: unknown, e: CoreEvent) =>
    (listener as (e: CoreEvent) => void)({ kind: e.kind, message: e.message });
  ipcRenderer.on(CORE_EVENT_CHANNEL, relay);
  return () => void ipcRenderer.removeListener(CORE_EVENT_CHANNEL, relay);
}

contextBridge.exposeInMainWorld('api', { invoke, progressOf, cancel, onCoreEvent });
