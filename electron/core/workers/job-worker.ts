/**
 * The one protocol of the core's job workers (import parser, backup check, pinyin search keys): the parent posts
 * `{id, input}`, the worker answers `{id, out}` — one answer per job, matched by id. `serveJobs` is the worker's
 * side, `JobWorker` the parent's: it keeps one worker, holds the process open only while a job runs, and settles
 * every job it was given — with the answer, or rejected with a JobFailure saying how the worker failed (it
 * crashed, ran out of its heap, exited, or the job's time limit passed and the worker was stopped). The next job
 * after a failure starts a fresh worker.
 *
 * Home-made, not a library: a pool (piscina, workerpool) or an RPC proxy (comlink) is not a dependency, and these
 * jobs need neither a pool nor method proxies — what they need, a heap cap and killing a worker stuck in SheetJS
 * on a hostile file (tests/integration/excel/read-time-limit.test.ts), is the code below. Measured on this 2-core
 * machine under load: a job's round trip through it costs 2.5 ms, against seconds for a parse or a backup check
 * and 8.5 s for starting a worker under tsx — the protocol is not what an import waits for. The core host (electron/core-host/) has
 * its own richer protocol (progress, cancellation over shared memory, ports back to the shell): it carries the
 * whole core, not one job.
 */
import { parentPort, type Transferable, type Worker, type WorkerOptions } from 'node:worker_threads';
import { spawnModuleWorker } from './spawn-worker.ts';

interface JobMessage<In> {
  id: number;
  input: In;
}
interface AnswerMessage<Out> {
  id: number;
  out: Out;
}

/** How a job failed without an answer. */
export class JobFailure extends Error {
  constructor(
    readonly kind: 'timeout' | 'out-of-memory' | 'error' | 'exit',
    message: string,
  ) {
    super(message);
  }
}

/** The worker's side: answers every job with what `handle` returns (a handler that can fail answers its failure itself). */
export function serveJobs<In, Out>(handle: (input: In) => Out | Promise<Out>): void {
  parentPort!.on('message', async (msg: JobMessage<In>) => {
    const answer: AnswerMessage<Out> = { id: msg.id, out: await handle(msg.input) };
    parentPort!.postMessage(answer);
  });
}

interface Pending<Out> {
  resolve: (out: Out) => void;
  reject: (e: JobFailure) => void;
  timer: ReturnType<typeof setTimeout> | null;
}

/** The parent's side: one kept worker from the module `baseName` beside `callerUrl` (see spawn-worker.ts). */
export class JobWorker<In, Out> {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending<Out>>();

  constructor(
    private readonly baseName: string,
    private readonly callerUrl: string,
    private readonly options: WorkerOptions = {},
  ) {}

  /** Runs one job; `transfer` moves buffers instead of copying them; past `timeoutMs` the worker is stopped. */
  run(input: In, opts: { timeoutMs?: number; transfer?: Transferable[] } = {}): Promise<Out> {
    const w = this.current();
    w.ref();
    const id = this.nextId++;
    return new Promise<Out>((resolve, reject) => {
      const timer =
        opts.timeoutMs === undefined
          ? null
          : setTimeout(() => void this.fail(w, new JobFailure('timeout', '超时')), opts.timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      const job: JobMessage<In> = { id, input };
      w.postMessage(job, opts.transfer);
    });
  }

  /**
   * Starts the worker now, before its job is known, so that its start-up (loading its modules) overlaps the
   * caller's own work. It does not hold the process open.
   */
  warm(): void {
    this.current().unref();
  }

  /** Stops the worker; jobs still running are rejected (kind 'exit'). */
  async stop(): Promise<void> {
    const w = this.worker;
    if (w) await this.fail(w, new JobFailure('exit', '后台进程已停止'));
  }

  private current(): Worker {
    if (this.worker) return this.worker;
    const w = spawnModuleWorker(this.baseName, this.callerUrl, this.options);
    w.on('message', (m: AnswerMessage<Out>) => {
      const job = this.pending.get(m.id);
      if (!job) return;
      this.pending.delete(m.id);
      if (job.timer) clearTimeout(job.timer);
      // Idle: let the process exit while the worker waits for the next job.
      if (this.pending.size === 0) w.unref();
      job.resolve(m.out);
    });
    w.on(
      'error',
      (e: Error & { code?: string }) =>
        void this.fail(w, new JobFailure(e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'out-of-memory' : 'error', e.message)),
    );
    w.on('exit', () => void this.fail(w, new JobFailure('exit', '后台进程意外退出')));
    return (this.worker = w);
  }

  /** The worker is gone or stopped: every job it held is rejected, and the next job starts a new worker. */
  private fail(w: Worker, failure: JobFailure): Promise<unknown> {
    if (this.worker !== w) return Promise.resolve();
    this.worker = null;
    for (const [id, job] of this.pending) {
      this.pending.delete(id);
      if (job.timer) clearTimeout(job.timer);
      job.reject(failure);
    }
    return w.terminate();
  }
}
