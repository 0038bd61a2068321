/**
 * The core host's message protocol: the only thing that crosses between the shell (Electron main, the browser-mode
 * server) and the process or thread the core runs in. Messages are plain objects sent by structured clone
 * (MessagePort / worker postMessage / Electron's parentPort): no JSON round trip, so Buffers and Uint8Arrays
 * arrive as bytes.
 *
 * Parent → host
 *   call      {id, channel, input, cancelFlag?}  one contract call (the same zod contract as IPC); cancelFlag is an
 *                                               Int32Array over shared memory (worker threads only): the parent
 *                                               sets [0]=1 to cancel even while the host is busy in a transaction;
 *                                               background: the renderer made the call on its own (session-idle.ts)
 *   cancel    {id}                              asks the call to stop at its next safe point
 *   control   {id, op}                          host-level operations that are not contract calls (see ControlOp)
 *   port-result {id, ok, value | message, code?} the parent's answer to a port request below
 * Host → parent
 *   ready     {mode, started}                   the core is open (mode 'recovery' when the file is damaged);
 *                                               started: what its start did to the ledger (core-types.ts StartNote)
 *   progress  {id, stage, percent, cancellable} stage in Chinese, whole percent 0–100, 取消 still honoured
 *   result    {id, result}                      the call's Result envelope (errors already Chinese)
 *   control-result {id, ok, value | message}
 *   port      {id, port, method, args}          the core asks the shell for something only the shell can do:
 *                                               Dialogs (pickFolder/saveFile/openFile) or PdfPrinter (print)
 *   log       {message}                         a line for the shell's log (the core's own log())
 *   fatal     {message}                         the core could not start
 */
import type { AppErrorCode, Result } from '../../shared/ipc/result.ts';
import type { StartNote } from '../core/core-types.ts';
import type { HolderKind } from '../core/db/ledger-users.ts';

export type PortName = 'dialogs' | 'pdfPrinter';

export type ControlOp =
  /** Closes the ledger (the harness then replaces or damages the file) — answered once closed. */
  | { op: 'close' }
  /** Opens the ledger again (normal or recovery core); the value is the mode. */
  | { op: 'open' }
  | { op: 'mode' }
  /** A file token for a path the shell chose itself (the test harness's stand-in dialogs). */
  | { op: 'issueFileToken'; path: string; kind: 'folder' | 'save' | 'open' };

export type ParentMessage =
  | { type: 'call'; id: number; channel: string; input: unknown; cancelFlag?: Int32Array; background?: boolean }
  | { type: 'cancel'; id: number }
  | { type: 'control'; id: number; control: ControlOp }
  | { type: 'port-result'; id: number; ok: true; value: unknown }
  /** code: an AppError's code, so a dialog's business refusal stays that refusal in the core. */
  | { type: 'port-result'; id: number; ok: false; message: string; code?: AppErrorCode };

export type HostMessage =
  | { type: 'ready'; mode: 'normal' | 'recovery'; started: StartNote[] }
  | { type: 'progress'; id: number; stage: string; percent: number; cancellable: boolean }
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'control-result'; id: number; ok: true; value: unknown }
  | { type: 'control-result'; id: number; ok: false; message: string }
  | { type: 'port'; id: number; port: PortName; method: string; args: unknown[] }
  | { type: 'log'; message: string }
  | { type: 'fatal'; message: string };

/** What the host is started with (workerData / the first message of a utility process). */
export interface HostConfig {
  dbPath: string;
  /** Which ports the parent answers; a core without dialogs gets null (like the CLI). */
  ports: PortName[];
  /**
   * What the shell is, as another process's refused restore names it (浏览器模式, 桌面程序窗口). Said by the shell:
   * inside a worker thread the process cannot tell what started it (its argv is the worker's), and browser mode was
   * named “另一个程序”.
   */
  holder: HolderKind;
}

/** One end of the carrier, as both sides see it: send a message, receive messages. */
export interface Endpoint<In, Out> {
  post(message: Out): void;
  onMessage(listener: (message: In) => void): void;
}
