/**
 * IPC wiring: one `ipcMain.handle` per channel name. Every call first proves it comes from our own
 * renderer (Electron advisory GHSA-mq8j-3h7h-p8g7: validate senderFrame per handler), then goes to the core host
 * (a utility process, core-process.ts), which runs the same handleCall pipeline the harness and CLI use. A call the
 * page tags with an id can be followed (call:progress) and stopped (call:cancel), as browser mode's
 * /rpc-progress and /rpc-cancel do; the host's restarts reach every window on core:event. Business rules never
 * live here.
 */
import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import {
  CALL_CANCEL_CHANNEL,
  CALL_PROGRESS_CHANNEL,
  CHANNELS,
  CORE_EVENT_CHANNEL,
  type CoreEvent,
} from '../../shared/ipc/channels.ts';
import type { Result } from '../../shared/ipc/result.ts';
import { CallRegistry } from '../core-host/call-registry.ts';
import { hostFailedNotice, restartNotice, type CoreHostClient, type StartReport } from '../core-host/client.ts';
import { forbiddenSender, isTrustedUrl } from './security-policy.ts';

/** What ipc.ts needs of the core host (tests pass a stand-in that counts calls). */
export type CoreCaller = Pick<CoreHostClient, 'call'>;

const mainLog = (m: string) => console.error(`[main] ${m}`);

function senderUrl(event: IpcMainInvokeEvent): string | null {
  try {
    // senderFrame is null once the frame navigated away or was destroyed; reading a disposed frame throws.
    return event.senderFrame?.url ?? null;
  } catch {
    return null;
  }
}

function trusted(event: IpcMainInvokeEvent, what: string, log: (m: string) => void): boolean {
  const url = senderUrl(event);
  if (url !== null && isTrustedUrl(url)) return true;
  log(`拒绝 IPC 调用 ${what}：来源 ${String(url).slice(0, 200)}`);
  return false;
}

/** The handler for one channel, exported so tests can drive it with a fake event. */
export function createIpcHandler(host: CoreCaller, channel: string, calls = new CallRegistry(), log = mainLog) {
  return async (
    event: IpcMainInvokeEvent,
    raw: unknown,
    callId?: unknown,
    background?: unknown,
  ): Promise<Result<unknown>> => {
    if (!trusted(event, channel, log)) return forbiddenSender();
    return calls.run(typeof callId === 'string' ? callId : null, (opts) =>
      host.call(channel, raw, background === true ? { ...opts, background: true } : opts),
    );
  };
}

/** Tells every window of ours what happened to the core host (the print window, never trusted, is left out). */
function broadcast(e: CoreEvent): void {
  for (const win of BrowserWindow.getAllWindows()) {
    if (win.isDestroyed() || !isTrustedUrl(win.webContents.getURL())) continue;
    win.webContents.send(CORE_EVENT_CHANNEL, e);
  }
}

/** Registers every channel; returns a function that removes them again (tests, orderly shutdown). */
export function registerIpc(host: CoreCaller & Pick<CoreHostClient, 'on' | 'off'>, log = mainLog): () => void {
  const calls = new CallRegistry();
  for (const channel of CHANNELS) ipcMain.handle(channel, createIpcHandler(host, channel, calls, log));
  ipcMain.handle(CALL_PROGRESS_CHANNEL, (event, callId: unknown) =>
    trusted(event, CALL_PROGRESS_CHANNEL, log) ? calls.progressOf(String(callId)) : null,
  );
  ipcMain.handle(
    CALL_CANCEL_CHANNEL,
    (event, callId: unknown) => trusted(event, CALL_CANCEL_CHANNEL, log) && calls.cancel(String(callId)),
  );
  // The notice follows what the new core's start did to the ledger (a cut-off restore finished, …), as it reported.
  const restarted = (_mode: string, report: StartReport) =>
    broadcast({ kind: 'restarted', message: restartNotice(report) });
  const failed = (why: string) => broadcast({ kind: 'failed', message: hostFailedNotice(why) });
  host.on('restarted', restarted);
  host.on('failed', failed);
  return () => {
    for (const channel of [...CHANNELS, CALL_PROGRESS_CHANNEL, CALL_CANCEL_CHANNEL]) ipcMain.removeHandler(channel);
    host.off('restarted', restarted);
    host.off('failed', failed);
  };
}
