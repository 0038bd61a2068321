/**
 * The core's side of the core host: runs inside the worker thread (browser mode) or the Electron utility process
 * (the app). It opens the core, answers contract calls through the same handleCall as everywhere else, streams
 * progress, honours cancels, and asks the parent for what only the shell can do (dialogs, printing) through
 * port requests. The carrier is abstracted as an Endpoint so the same code serves both, and a test can drive it.
 */
import type { Result } from '../../shared/ipc/result.ts';
import type { DialogProvider } from '../core/files/file-tokens.ts';
import { AppError } from '../core/errors.ts';
import { handleCall, toErrorBody } from '../core/handle-call.ts';
import { createCoreOrRecovery, type Core, type CoreConfig } from '../core/index.ts';
import type { PdfPrinter } from '../core/printables/pdf-printer.ts';
import type { ControlOp, Endpoint, HostConfig, HostMessage, ParentMessage, PortName } from './protocol.ts';

export interface RunningHost {
  /** Settles once the core is open (or failed to open: then a 'fatal' message was sent). */
  ready: Promise<void>;
  /** Closes the core (the carrier's exit does the same). */
  close(): void;
}

export function runHost(endpoint: Endpoint<ParentMessage, HostMessage>, config: HostConfig): RunningHost {
  let core: Core | null = null;
  let nextPortId = 1;
  const portWaiters = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  const running = new Map<number, AbortController>();
  let opening: Promise<void> = Promise.resolve();
  // The shell decides where the core's log lines go (terminal, harness prefix, a test's silence).
  const log = (m: string) => endpoint.post({ type: 'log', message: m });

  /** A request to the parent; its answer comes back as a 'port-result'. */
  const askParent = (port: PortName, method: string, args: unknown[]): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const id = nextPortId++;
      portWaiters.set(id, { resolve, reject });
      endpoint.post({ type: 'port', id, port, method, args });
    });

  const dialogs: DialogProvider | null = config.ports.includes('dialogs')
    ? {
        pickFolder: (o) => askParent('dialogs', 'pickFolder', [o]) as Promise<string | null>,
        saveFile: (o) => askParent('dialogs', 'saveFile', [o]) as Promise<string | null>,
        openFile: (o) => askParent('dialogs', 'openFile', [o]) as Promise<string | null>,
      }
    : null;
  const pdfPrinter: PdfPrinter | null = config.ports.includes('pdfPrinter')
    ? {
        // Structured clone delivers a parent's Buffer as a plain Uint8Array: view the same bytes as a Buffer.
        // An AbortSignal cannot be cloned to the parent: the print is asked without it, and a cancel answers here.
        print: async (html, opts) => {
          const signal = opts?.signal;
          signal?.throwIfAborted();
          const asked = askParent('pdfPrinter', 'print', [html]);
          const stopped =
            signal &&
            new Promise<never>((_, reject) =>
              signal.addEventListener('abort', () => reject(signal.reason), { once: true }),
            );
          stopped?.catch(() => undefined);
          const bytes = (await (stopped ? Promise.race([asked, stopped]) : asked)) as Uint8Array;
          return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
        },
      }
    : null;

  // pdfPrinter is passed for cores that take the port (issue 16, deliverable 4); others ignore the extra field.
  // warm: the host has its own thread, so the open month's figures are read into memory right after the start-up.
  const coreConfig: CoreConfig & { pdfPrinter?: PdfPrinter | null } = {
    dbPath: config.dbPath,
    holder: config.holder,
    dialogs,
    pdfPrinter,
    log,
    warm: true,
  };
  const open = async () => {
    const opened = await createCoreOrRecovery(coreConfig);
    core = opened;
    return opened;
  };

  async function call(
    id: number,
    channel: string,
    input: unknown,
    cancelFlag?: Int32Array,
    background = false,
  ): Promise<void> {
    const controller = new AbortController();
    running.set(id, controller);
    let result: Result<unknown>;
    try {
      // A call posted right after a (re)start arrives while the core is still opening: it waits for it rather than
      // being refused as if the ledger were closed.
      await opening;
      result = core
        ? await handleCall(core, channel, input, {
            signal: controller.signal,
            cancelRequested: cancelFlag ? () => Atomics.load(cancelFlag, 0) === 1 : undefined,
            progress: (stage, percent, cancellable) =>
              endpoint.post({ type: 'progress', id, stage, percent, cancellable }),
            background,
          })
        : { ok: false, error: { code: 'INTERNAL', message: '台账已关闭，请稍后重试' } };
    } catch (e) {
      result = { ok: false, error: toErrorBody(e, log) };
    } finally {
      running.delete(id);
    }
    endpoint.post({ type: 'result', id, result });
  }

  async function control(c: ControlOp): Promise<unknown> {
    switch (c.op) {
      case 'close':
        core?.close();
        core = null;
        return null;
      case 'open':
        return (await open()).mode;
      case 'mode':
        return core?.mode ?? null;
      case 'issueFileToken':
        if (!core) throw new Error('台账已关闭');
        return core.ctx.fileTokens.issue(c.path, c.kind).token;
    }
  }

  endpoint.onMessage((m) => {
    switch (m.type) {
      case 'call':
        void call(m.id, m.channel, m.input, m.cancelFlag, m.background === true);
        return;
      case 'cancel':
        running.get(m.id)?.abort();
        return;
      case 'control':
        control(m.control).then(
          (value) => endpoint.post({ type: 'control-result', id: m.id, ok: true, value }),
          (e: unknown) =>
            endpoint.post({
              type: 'control-result',
              id: m.id,
              ok: false,
              message: e instanceof Error ? e.message : String(e),
            }),
        );
        return;
      case 'port-result': {
        const w = portWaiters.get(m.id);
        portWaiters.delete(m.id);
        if (m.ok) w?.resolve(m.value);
        else w?.reject(m.code ? new AppError(m.code, m.message) : new Error(m.message));
        return;
      }
    }
  });

  const opened = open();
  opening = opened.then(
    () => undefined,
    () => undefined,
  );
  const ready = opened.then(
    (c) => endpoint.post({ type: 'ready', mode: c.mode, started: c.started }),
    (e: unknown) => endpoint.post({ type: 'fatal', message: e instanceof Error ? e.message : String(e) }),
  );
  return {
    ready,
    close: () => {
      core?.close();
      core = null;
    },
  };
}
