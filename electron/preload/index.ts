/**
 * The whole renderer ↔ main surface: `window.api.invoke(channel, input)`, nothing else. Runs sandboxed,
 * so it may import only `electron` and the channel-name list, and is bundled into one CommonJS file
 * (a sandboxed preload cannot require local files). Main still checks the sender and validates input.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { CHANNELS } from '../../shared/ipc/channels.ts';

const allowed: ReadonlySet<string> = new Set<string>(CHANNELS);

function invoke(channel: unknown, input?: unknown): Promise<unknown> {
  if (typeof channel !== 'string' || !allowed.has(channel)) {
    return Promise.reject(new Error(`未知的调用通道：${String(channel).slice(0, 60)}`));
  }
  // Only the input is forwarded; the IPC event never reaches the page.
  return ipcRenderer.invoke(channel, input);
}

contextBridge.exposeInMainWorld('api', { invoke });
