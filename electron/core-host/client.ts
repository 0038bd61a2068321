/**
 * The shell's side of the core host: `call(channel, input, {onProgress, signal})` over whichever carrier runs the
 * core (a worker thread, an Electron utility process). It answers the core's port requests (dialogs, printing)
 * with the shell's own providers, and restarts the core when its carrier dies: every call that was under way is
 * answered with a Chinese error saying so (never dropped), and listeners of 'restarted' tell the user.
 */
import { EventEmitter } from 'node:events';
import type { AppErrorCode, Result } from '../../shared/ipc/result.ts';
import type { StartNote } from '../core/core-types.ts';
import type { HolderKind } from '../core/db/ledger-users.ts';
import type { DialogProvider } from '../core/files/file-tokens.ts';
import type { PdfPrinter } from '../core/printables/pdf-printer.ts';
import type { ControlOp, HostConfig, HostMessage, ParentMessage, PortName } from './protocol.ts';

/** One running host as the client sees it; a factory makes a fresh one for each (re)start. */
export interface Carrier {
  post(message: ParentMessage): void;
  onMessage(listener: (message: HostMessage) => void): void;
  /** Called once when the host is gone, whatever the reason. */
  onExit(listener: (reason: string) => void): void;
  /** True when the host shares memory with the parent (worker threads): cancels reach a busy host at once. */
  readonly sharedMemory: boolean;
  terminate(): Promise<void>;
}

export interface CallOptions {
  /** `cancellable`: false once the call is past its point of no return (progress.ts pointOfNoReturn). */
  onProgress?: (stage: string, percent: number, cancellable: boolean) => void;
  signal?: AbortSignal;
  /** The renderer made the call on its own (electron/core/session-idle.ts). */
  background?: boolean;
}

export interface ShellPorts {
  dialogs?: DialogProvider | null;
  pdfPrinter?: PdfPrinter | null;
}

/** The answer of a call under way when the host died, once the new core's start changed nothing (hostDiedMessage). */
export const HOST_DIED_MESSAGE = '程序核心意外停止，已自动重新启动；这次操作没有完成（台账保持操作前的样子），请重试';
/** The window's notice after a restart whose start changed nothing (restartNotice): the new core starts signed out. */
export const HOST_RESTARTED_NOTICE =
  '程序核心意外停止，已自动重新启动。正在进行的操作没有完成（台账保持操作前的样子）；请重新登录后再继续。';
/** The window's notice when the host will not come back ('failed' carries why). */
export const hostFailedNotice = (why: string) => `${why}。请关闭本程序后重新打开；如果仍然不行，请联系技术支持。`;

/** What the new core's start reported ('ready'): its mode and what it did to the ledger. */
export interface StartReport {
  mode: 'normal' | 'recovery';
  started: StartNote[];
}

/**
 * 台账保持操作前的样子 is said only when the start did nothing to the ledger: a start that settled a restore cut off by
 * the crash (finished it: the ledger is now the backup's), set an empty file aside, renewed the seals … says that
 * instead, in the core's own words — the same as the notice at the top after sign-in (restore-notice.ts).
 */
function startWords({ mode, started }: StartReport): { changed: boolean; settled: boolean; said: string } {
  return {
    changed: mode === 'recovery' || started.length > 0,
    // Only a restore leaves a journal for the start to settle: what became of it is what became of the operation.
    settled: started.some((n) => n.kind.startsWith('restore-')),
    said: started.map((n) => (/[。！？]$/.test(n.message) ? n.message : `${n.message}。`)).join(''),
  };
}

/** The window's notice after a restart (both shells send it), following what the new core's start did. */
export function restartNotice(report: StartReport): string {
  const { changed, settled, said } = startWords(report);
  if (!changed) return HOST_RESTARTED_NOTICE;
  if (report.mode === 'recovery')
    return `程序核心意外停止，已自动重新启动，但台账文件现在无法打开：${said}请按窗口中的说明处理。`;
  return `程序核心意外停止，已自动重新启动。${settled ? '' : '正在进行的操作没有完成。'}${said}请重新登录后再继续。`;
}

/** The answer of a call that was under way when the host died, given once the new core has said what its start did. */
export function hostDiedMessage(report: StartReport): string {
  const { changed, settled, said } = startWords(report);
  if (!changed) return HOST_DIED_MESSAGE;
  if (report.mode === 'recovery')
    return `程序核心意外停止，已自动重新启动；这次操作没有完成，而台账文件现在无法打开：${said}请按窗口中的说明处理。`;
  return `程序核心意外停止，已自动重新启动。${settled ? '' : '这次操作没有完成。'}${said}`;
}
const HOST_GONE_MESSAGE = '程序核心已关闭，无法完成这次操作';
/** More deaths than this within RESTART_WINDOW_MS and the client stops restarting (a core that cannot start). */
const MAX_RESTARTS = 3;
const RESTART_WINDOW_MS = 60_000;

interface Pending {
  resolve(r: Result<unknown>): void;
  onProgress?: CallOptions['onProgress'];
  cancelFlag?: Int32Array;
}

/**
 * Events: 'restarted' (mode, report: StartReport) after the host came back from a death; 'failed' (message) when it
 * will not come back; 'log' (message). A shell turns 'restarted' (restartNotice) and 'failed' (hostFailedNotice) into
 * a CoreEvent for its windows (shared/ipc/channels.ts).
 */
export class CoreHostClient extends EventEmitter {
  private carrier: Carrier | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /** Calls that were under way when the host died, answered once its restart says what it did (died). */
  private readonly orphans: Pending[] = [];
  private readonly controls = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  private deaths: number[] = [];
  private closing = false;
  private started: Promise<'normal' | 'recovery'> | null = null;
  /** What the latest start reported (the browser-mode server repeats its notice to a page that connects later). */
  lastStart: StartReport | null = null;

  constructor(
    private readonly makeCarrier: () => Carrier,
    private readonly ports: ShellPorts = {},
  ) {
    super();
  }

  /** Starts the host; resolves with the core's mode once it is open. */
  start(): Promise<'normal' | 'recovery'> {
    this.closing = false;
    this.started = new Promise((resolve, reject) => {
      const carrier = this.makeCarrier();
      this.carrier = carrier;
      let ready = false;
      carrier.onMessage((m) => {
        if (m.type === 'ready') {
          ready = true;
          this.lastStart = { mode: m.mode, started: m.started };
          resolve(m.mode);
        } else if (m.type === 'fatal') reject(new Error(m.message));
        else this.receive(carrier, m);
      });
      carrier.onExit((reason) => {
        if (this.carrier !== carrier) return;
        this.carrier = null;
        if (!ready) reject(new Error(`程序核心未能启动：${reason}`));
        this.died(reason, ready);
      });
    });
    return this.started;
  }

  /** The same Result envelope as handleCall; never rejects. */
  call(channel: string, input: unknown, opts: CallOptions = {}): Promise<Result<unknown>> {
    const carrier = this.carrier;
    if (!carrier) return Promise.resolve(failure('INTERNAL', HOST_GONE_MESSAGE));
    if (opts.signal?.aborted) return Promise.resolve(failure('CANCELLED', '已取消，本次操作没有保存任何修改'));
    const id = this.nextId++;
    const cancelFlag = carrier.sharedMemory ? new Int32Array(new SharedArrayBuffer(4)) : undefined;
    return new Promise((resolve) => {
      this.pending.set(id, { resolve, onProgress: opts.onProgress, cancelFlag });
      opts.signal?.addEventListener(
        'abort',
        () => {
          if (!this.pending.has(id)) return;
          if (cancelFlag) Atomics.store(cancelFlag, 0, 1);
          this.carrier?.post({ type: 'cancel', id });
        },
        { once: true },
      );
      carrier.post({ type: 'call', id, channel, input, cancelFlag, background: opts.background === true });
    });
  }

  /** Host-level operations (close/open the ledger, the core's mode, a file token for a shell-chosen path). */
  control(control: ControlOp): Promise<unknown> {
    const carrier = this.carrier;
    if (!carrier) return Promise.reject(new Error(HOST_GONE_MESSAGE));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.controls.set(id, { resolve, reject });
      carrier.post({ type: 'control', id, control });
    });
  }

  /** Stops the host for good (no restart); calls still under way are answered with an error. */
  async close(): Promise<void> {
    this.closing = true;
    const carrier = this.carrier;
    // The core closes its ledger itself first (it seals the last write); a host stuck in work gets 5 s.
    if (carrier)
      await Promise.race([
        this.control({ op: 'close' }).catch(() => null),
        new Promise((ok) => setTimeout(ok, 5000).unref()),
      ]);
    this.carrier = null;
    this.failAll(HOST_GONE_MESSAGE);
    await carrier?.terminate();
  }

  /** Kills the host as a crash would (tests of the restart path). */
  async crashForTest(): Promise<void> {
    await this.carrier?.terminate();
  }

  private receive(carrier: Carrier, m: HostMessage): void {
    switch (m.type) {
      case 'progress':
        this.pending.get(m.id)?.onProgress?.(m.stage, m.percent, m.cancellable);
        return;
      case 'result': {
        const p = this.pending.get(m.id);
        this.pending.delete(m.id);
        p?.resolve(m.result);
        return;
      }
      case 'control-result': {
        const c = this.controls.get(m.id);
        this.controls.delete(m.id);
        if (m.ok) c?.resolve(m.value);
        else c?.reject(new Error(m.message));
        return;
      }
      case 'port':
        void this.answerPort(carrier, m.id, m.port, m.method, m.args);
        return;
      case 'log':
        this.emit('log', m.message);
        return;
      default:
        return;
    }
  }

  private async answerPort(
    carrier: Carrier,
    id: number,
    port: PortName,
    method: string,
    args: unknown[],
  ): Promise<void> {
    try {
      const provider = this.ports[port] as Record<string, (...a: unknown[]) => Promise<unknown>> | null | undefined;
      const fn = provider?.[method];
      if (typeof fn !== 'function') throw new Error(`外壳没有提供“${port}.${method}”`);
      const value = await fn.apply(provider, args);
      carrier.post({ type: 'port-result', id, ok: true, value });
    } catch (e) {
      const code = (e as { code?: unknown }).code;
      carrier.post({
        type: 'port-result',
        id,
        ok: false,
        message: e instanceof Error ? e.message : String(e),
        ...(typeof code === 'string' && /^[A-Z_]+$/.test(code) ? { code: code as AppErrorCode } : {}),
      });
    }
  }

  private failAll(message: string): void {
    this.answerOrphans(message);
    for (const p of this.pending.values()) p.resolve(failure('INTERNAL', message));
    this.pending.clear();
    for (const c of this.controls.values()) c.reject(new Error(message));
    this.controls.clear();
  }

  private answerOrphans(message: string): void {
    for (const p of this.orphans.splice(0)) p.resolve(failure('INTERNAL', message));
  }

  /**
   * The calls under way are answered once the new core has said what its start did (a restore they were running may
   * have been finished by it, not left as it was), or that it will not come back; calls made meanwhile wait for the
   * start anyway (host.ts).
   */
  private died(reason: string, wasReady: boolean): void {
    if (this.closing) return;
    this.orphans.push(...this.pending.values());
    this.pending.clear();
    for (const c of this.controls.values()) c.reject(new Error(HOST_GONE_MESSAGE));
    this.controls.clear();
    this.emit('log', `程序核心停止（${reason}）`);
    const now = Date.now();
    this.deaths = [...this.deaths.filter((t) => now - t < RESTART_WINDOW_MS), now];
    const failed = (why: string) => {
      this.answerOrphans(hostFailedNotice(why));
      this.emit('failed', why);
    };
    if (!wasReady || this.deaths.length > MAX_RESTARTS) {
      failed(`程序核心反复停止，已不再自动重启：${reason}`);
      return;
    }
    this.lastStart = null;
    this.start().then(
      (mode) => {
        const report = this.lastStart ?? { mode, started: [] };
        this.answerOrphans(hostDiedMessage(report));
        this.emit('restarted', mode, report);
      },
      (e: unknown) => failed(e instanceof Error ? e.message : String(e)),
    );
  }
}

/** The host's start-up config: the ports the shell answers are the ones it provides, and what the shell is. */
export function hostConfig(dbPath: string, ports: ShellPorts, holder: HolderKind): HostConfig {
  return { dbPath, ports: (['dialogs', 'pdfPrinter'] as const).filter((p) => ports[p]), holder };
}

function failure(code: AppErrorCode, message: string): Result<unknown> {
  return { ok: false, error: { code, message } };
}
