import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { Channel } from '../../shared/ipc/channels.ts';
import type { In, Out } from '../../shared/ipc/contract.ts';
import type { Result } from '../../shared/ipc/result.ts';
import { handleCall } from '../../electron/core/handle-call.ts';
import { createCore, type Core, type CoreConfig } from '../../electron/core/index.ts';
import { chromiumPrinter } from '../../electron/printing/chromium-printer.ts';
import { saveOperator } from '../../electron/core/services/operator.service.ts';
import type { OperatorRole } from '../../shared/domain/vocab.ts';
import { assertOutput } from './output-check.ts';

export function tempDir(prefix = 'ledger-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * For the tests of a describe block, this process's temp folder is one of its own (os.tmpdir() reads TMPDIR on every
 * call): what a test counts there (a printer's leftovers) is its own doing, not that of test files printing in other
 * workers at the same moment. Returns the folder's path, set once the block's tests start.
 */
export function ownTmpdirForBlock(prefix: string): { readonly dir: string } {
  let own: ReturnType<typeof tempDir> | null = null;
  let outer: string | undefined;
  beforeAll(() => {
    own = tempDir(prefix);
    outer = process.env.TMPDIR;
    process.env.TMPDIR = own.dir;
  });
  afterAll(() => {
    if (outer === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = outer;
    own?.cleanup();
  });
  return {
    get dir() {
      return own!.dir;
    },
  };
}

/** A database path in a fresh temp folder, removed by `cleanupAll` (call it in afterEach). */
const pending: (() => void)[] = [];
export function tempDbFile(name = 'ledger.db'): string {
  const t = tempDir();
  pending.push(t.cleanup);
  return join(t.dir, name);
}
export function cleanupAll(): void {
  pending.splice(0).forEach((c) => c());
}

export interface TempCore {
  core: Core;
  file: string;
  dir: string;
  /** handleCall, typed: the same pipeline as Electron IPC. An ok answer is checked against the channel's output schema. */
  call<C extends Channel>(channel: C, input: In<C>): Promise<Result<Out<C>>>;
  /** Like call, but returns data and fails the test on an error envelope (or an answer off its output schema). */
  ok<C extends Channel>(channel: C, input: In<C>): Promise<Out<C>>;
  reopen(cfg?: Partial<CoreConfig>): Promise<void>;
  /** Creates a real operator with a password (the same service 设置 uses) and signs in through session:login. */
  signIn(role: OperatorRole, name?: string): Promise<{ id: number; name: string; password: string }>;
  cleanup(): void;
}

/**
 * A core on a fresh ledger in a temp folder. By default it acts as the local 录入员 “测试员” (no operator row,
 * like the CLI's 命令行): `role` names another local role, `role: null` starts signed out as the app does,
 * and `signIn` signs in a real operator with a password.
 */
export async function tempCore(cfg: Partial<CoreConfig> = {}): Promise<TempCore> {
  const { dir, cleanup } = tempDir();
  const file = join(dir, 'ledger.db');
  const base: CoreConfig = {
    dbPath: file,
    now: () => new Date('2017-10-08T09:00:00+08:00'),
    operator: '测试员',
    role: '录入员',
    log: () => {},
    pdfPrinter: chromiumPrinter,
    ...cfg,
  };
  const t: TempCore = {
    core: await createCore(base),
    file,
    dir,
    async call(channel, input) {
      const r = await handleCall(t.core, channel, input);
      if (r.ok) assertOutput(channel, r.data);
      return r as never;
    },
    async ok(channel, input) {
      const r = await handleCall(t.core, channel, input);
      if (!r.ok) throw new Error(`${channel} 失败：${r.error.code} ${r.error.message}`);
      assertOutput(channel, r.data);
      return r.data as never;
    },
    async reopen(more = {}) {
      t.core.close();
      t.core = await createCore({ ...base, ...more });
    },
    async signIn(role, name = `测试${role}`) {
      const password = `${name}的密码123`;
      const existing = (await t.ok('operators:list', {})).find((o) => o.name === name);
      const id = saveOperator(t.core.ctx, { id: existing?.id ?? null, name, role, password, removePassword: false }).id;
      await t.ok('session:login', { operatorId: id, password });
      return { id, name, password };
    },
    cleanup() {
      t.core.close();
      cleanup();
    },
  };
  return t;
}

/** A 2017 project's input with the required fields filled, and `over` on top (the tests' projects:create). */
export const projectInput = (over: Record<string, unknown>) =>
  ({
    planYear: 2017,
    location: '镇区',
    scope: '建设内容',
    planStart: '2017-05-01',
    planEnd: '2017-12-31',
    ...over,
  }) as never;
