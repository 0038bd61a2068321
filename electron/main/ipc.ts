/**
 * IPC wiring: one `ipcMain.handle` per channel name. Every call first proves it comes from our own
 * renderer (Electron advisory GHSA-mq8j-3h7h-p8g7: validate senderFrame per handler), then goes through
 * the same handleCall pipeline the test harness and CLI use. Business rules never live here.
 */
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { CHANNELS } from '../../shared/ipc/channels.ts';
import type { Result } from '../../shared/ipc/result.ts';
import { handleCall } from '../core/handle-call.ts';
import type { Core } from '../core/index.ts';
import { forbiddenSender, isTrustedUrl } from './security-policy.ts';

function senderUrl(event: IpcMainInvokeEvent): string | null {
  try {
    // senderFrame is null once the frame navigated away or was destroyed; reading a disposed frame throws.
    return event.senderFrame?.url ?? null;
  } catch {
    return null;
  }
}

/** The handler for one channel, exported so tests can drive it with a fake event. */
export function createIpcHandler(core: Core, channel: string) {
  return async (event: IpcMainInvokeEvent, raw: unknown): Promise<Result<unknown>> => {
    const url = senderUrl(event);
    if (url === null || !isTrustedUrl(url)) {
      core.log(`拒绝 IPC 调用 ${channel}：来源 ${String(url).slice(0, 200)}`);
      return forbiddenSender();
    }
    return handleCall(core, channel, raw);
  };
}

/** Registers every channel; returns a function that removes them again (tests, orderly shutdown). */
export function registerIpc(core: Core): () => void {
  for (const channel of CHANNELS) ipcMain.handle(channel, createIpcHandler(core, channel));
  return () => {
    for (const channel of CHANNELS) ipcMain.removeHandler(channel);
  };
}
