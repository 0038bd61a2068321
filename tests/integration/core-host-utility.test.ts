/**
 * The desktop app's core host, end to end without the Electron binary: main's own pieces — utilityHost
 * (core-process.ts) over utilityCarrier, and registerIpc (ipc.ts) — with a stand-in for `utilityProcess.fork` that
 * really starts the host in a Node child process (tests/helpers/utility-fork.ts): the real core over a real ledger
 * file. A renderer call goes IPC handler → client → child process → handleCall and back; progress of a tagged call
 * is followed and the call cancelled over the IPC channels the preload uses; the core's save dialog is answered by
 * main's provider; killing the child answers the call under way in Chinese, restarts the host (signed out) and
 * tells the window on core:event; the built out/main/core-host.js runs the same way.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { IpcMainInvokeEvent } from 'electron';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CALL_CANCEL_CHANNEL, CALL_PROGRESS_CHANNEL, CHANNELS, CORE_EVENT_CHANNEL } from '../../shared/ipc/channels.ts';
import type { Result } from '../../shared/ipc/result.ts';
import type { DialogProvider } from '../../electron/core/files/file-tokens.ts';
import { exportReport } from '../../electron/core/services/excel.service.ts';
import { withAppInfo, type PdfPrinter } from '../../electron/core/printables/pdf-printer.ts';
import { chromiumPrinter } from '../../electron/printing/chromium-printer.ts';
import { hasChromium } from '../helpers/chromium.ts';
import {
  CoreHostClient,
  HOST_DIED_MESSAGE,
  HOST_RESTARTED_NOTICE,
  hostConfig,
} from '../../electron/core-host/client.ts';
import { APP_ENTRY_URL } from '../../electron/main/security-policy.ts';
import { utilityCarrier } from '../../electron/main/utility-carrier.ts';
import { generateProjects } from '../helpers/generate-projects.ts';
import { buildElectronOnce } from '../helpers/built-electron.ts';
import { tempCore, tempDir, type TempCore } from '../helpers/temp-core.ts';
import { SOURCE_ENTRY, standInFork } from '../helpers/utility-fork.ts';

/** Main's Electron surface as ipc.ts uses it: handlers by channel, and one trusted window that records what it is sent. */
const fake = vi.hoisted(() => {
  const handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  const sent: { channel: string; payload: unknown }[] = [];
  const window = {
    isDestroyed: () => false,
    webContents: {
      getURL: () => 'app://renderer/index.html',
      send: (channel: string, payload: unknown) => sent.push({ channel, payload }),
    },
  };
  // The hidden print window is never told anything.
  const printWindow = {
    isDestroyed: () => false,
    webContents: {
      getURL: () => 'file:///tmp/ledger-print-x/document.html',
      send: () => sent.push({ channel: 'print-window', payload: null }),
    },
  };
  return {
    handlers,
    sent,
    electron: {
      ipcMain: {
        handle: (channel: string, fn: (event: unknown, ...args: unknown[]) => unknown) => handlers.set(channel, fn),
        removeHandler: (channel: string) => handlers.delete(channel),
      },
      BrowserWindow: { getAllWindows: () => [window, printWindow] },
      // Never called: every test hands utilityHost the stand-in fork.
      utilityProcess: {
        fork: () => {
          throw new Error('此处没有 Electron');
        },
      },
    },
  };
});
vi.mock('electron', () => fake.electron);

const { utilityHost, CORE_HOST_ENTRY } = await import('../../electron/main/core-process.ts');
const { registerIpc } = await import('../../electron/main/ipc.ts');

const ROOT = resolve(import.meta.dirname, '../..');
const ROWS = 3000;
const trusted = { senderFrame: { url: APP_ENTRY_URL } } as unknown as IpcMainInvokeEvent;
const untrusted = { senderFrame: { url: 'https://evil.example/' } } as unknown as IpcMainInvokeEvent;
/** What the preload's invoke does: ipcRenderer.invoke(channel, input, callId?) reaches main's handler. */
const invoke = (channel: string, input: unknown, callId?: string) =>
  fake.handlers.get(channel)!(trusted, input, callId) as Promise<Result<unknown>>;
const progressOf = (callId: string) =>
  fake.handlers.get(CALL_PROGRESS_CHANNEL)!(trusted, callId) as { running: boolean; stage: string; percent: number };
const cancel = (callId: string) => fake.handlers.get(CALL_CANCEL_CHANNEL)!(trusted, callId) as boolean;

let target: TempCore;
let base64 = '';
let admin: { id: number; password: string };
const stand = standInFork();
let host: CoreHostClient;
let unregister: () => void;
const saveDir = tempDir('utility-host-saves-');
/** Main's dialogs, as electron/main/dialogs.ts would answer them (a folder the test owns instead of a window). */
const dialogs: DialogProvider = {
  pickFolder: async () => saveDir.dir,
  saveFile: async ({ defaultName }) => join(saveDir.dir, defaultName),
  openFile: async () => null,
};

/** Main's printer stands in for electron/main/print.ts (which needs Electron): the machine's Chromium, recorded. */
const printed: { html: string; pdf: Buffer }[] = [];
const printer: PdfPrinter = {
  async print(html, opts) {
    const pdf = await chromiumPrinter.print(html, opts);
    printed.push({ html, pdf });
    return pdf;
  },
};

const projectCount = (): number => {
  const db = new Database(target.file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT count(*) FROM project').pluck().get() as number;
  } finally {
    db.close();
  }
};

/** Polls the IPC progress channel until `pred` holds (the call's id is followed in main's registry). */
async function progressUntil(
  callId: string,
  pred: (p: { running: boolean; stage: string; percent: number }) => boolean,
  pending: Promise<Result<unknown>>,
): Promise<{ stage: string; percent: number }> {
  let settled: Result<unknown> | null = null;
  void pending.then((r) => (settled = r));
  for (let i = 0; i < 3000; i++) {
    if (settled) throw new Error(`调用 ${callId} 已经结束：${JSON.stringify(settled).slice(0, 300)}`);
    const p = progressOf(callId);
    if (pred(p)) return p;
    await new Promise((ok) => setTimeout(ok, 10));
  }
  throw new Error(`调用 ${callId} 的进度一直没有满足条件`);
}

beforeAll(async () => {
  const source = await tempCore({ autoBackup: false });
  generateProjects(source.core.ctx.db, ROWS);
  base64 = (await exportReport(source.core.ctx, 'T2', '2017-09')).base64;
  source.cleanup();
  target = await tempCore({ autoBackup: false });
  await target.ok('projects:create', {
    name: '村道硬化工程',
    planYear: 2017,
    location: '镇区',
    scope: '道路硬化 2 公里',
    totalWan: '120.5',
  });
  admin = await target.signIn('管理员');
  target.core.close();

  host = utilityHost(target.file, { dialogs, pdfPrinter: printer }, stand.fork);
  expect(await host.start()).toBe('normal');
  unregister = registerIpc(host, () => {});
}, 120_000);

afterAll(async () => {
  unregister?.();
  await host?.close();
  target?.cleanup();
  saveDir.cleanup();
});

describe('main runs the core in a utility process (stand-in fork, real host in a child process)', () => {
  it('forks the built entry beside the main bundle, in a process of its own', () => {
    expect(stand.asked).toEqual([CORE_HOST_ENTRY]);
    expect(CORE_HOST_ENTRY).toBe(join(ROOT, 'electron/main/core-host.ts')); // from source; out/main/core-host.js when built
    expect(stand.children[0]!.pid).not.toBe(process.pid);
    expect([...fake.handlers.keys()].sort()).toEqual([...CHANNELS, CALL_PROGRESS_CHANNEL, CALL_CANCEL_CHANNEL].sort());
  });

  it('a renderer call round-trips: IPC handler → host → handleCall over the real ledger, refusals in Chinese', async () => {
    // A restarted or fresh core starts signed out.
    expect(await invoke('projects:list', {})).toMatchObject({ ok: false });
    expect(await invoke('session:login', { operatorId: admin.id, password: admin.password })).toMatchObject({
      ok: true,
    });
    const list = (await invoke('projects:list', {})) as { ok: true; data: { name: string }[] };
    expect(list.data.map((p) => p.name)).toEqual(['村道硬化工程']);
    const bad = await invoke('projects:create', { name: '' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(bad.ok ? '' : bad.error.message).toMatch(/[\u4e00-\u9fa5]/);
    // A page that is not ours is refused in main; the host never sees the call.
    expect(await fake.handlers.get('projects:list')!(untrusted, {})).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: '拒绝来自不受信任页面的调用' },
    });
    expect(fake.handlers.get(CALL_CANCEL_CHANNEL)!(untrusted, 'x')).toBe(false);
  }, 60_000);

  it("the core's save dialog is asked of main, which answers with its own provider", async () => {
    const r = (await invoke('dialog:saveFile', { kind: 'xlsx', defaultName: '修改留痕' })) as {
      ok: true;
      data: { token: string; label: string };
    };
    expect(r.ok).toBe(true);
    expect(r.data.token).toEqual(expect.any(String));
    expect(r.data.label).toContain('修改留痕');
  }, 60_000);

  it.skipIf(!hasChromium)(
    "the core's PDF is printed by main's printer: the HTML goes up, the bytes come back whole",
    async () => {
      await invoke('session:login', { operatorId: admin.id, password: admin.password });
      printed.splice(0);
      const r = (await invoke('reports:pdf', { doc: 'progress', period: '2017-09' })) as {
        ok: true;
        data: { base64: string; bytes: number };
      };
      expect(r.ok, JSON.stringify(r).slice(0, 300)).toBe(true);
      expect(printed).toHaveLength(1);
      expect(printed[0]!.html).toContain('村道硬化工程');
      const pdf = Buffer.from(r.data.base64, 'base64');
      expect(pdf.equals(withAppInfo(printed[0]!.pdf, printed[0]!.html))).toBe(true);
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    },
    120_000,
  );

  it('a tagged call is followed on call:progress and stopped on call:cancel: CANCELLED, nothing written', async () => {
    await invoke('session:login', { operatorId: admin.id, password: admin.password });
    const before = projectCount();
    const pending = invoke('excel:importApply', { fileName: '县里台账.xlsx', base64, duplicates: 'skip' }, 'cancel-me');
    // The child's first report ('读取文件') has crossed the process boundary into main's registry.
    const seen = await progressUntil('cancel-me', (p) => p.running && p.stage !== '准备中', pending);
    expect(seen.stage).toBe('读取文件');
    expect(cancel('cancel-me')).toBe(true);
    const r = await pending;
    expect(r).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(r.ok ? '' : r.error.message).toMatch(/已取消/);
    expect(progressOf('cancel-me').running).toBe(false);
    expect(projectCount()).toBe(before);
  }, 120_000);

  it('progress events arrive in order up to the end, and the import is written', async () => {
    const percents: number[] = [];
    const stages = new Set<string>();
    const order: string[] = [];
    const r = await host.call(
      'excel:importApply',
      { fileName: '县里台账.xlsx', base64, duplicates: 'skip' },
      {
        onProgress: (stage, percent) => {
          stages.add(stage);
          if (order.at(-1) !== stage) order.push(stage);
          percents.push(percent);
        },
      },
    );
    expect(r.ok, JSON.stringify(r).slice(0, 300)).toBe(true);
    expect((r as { ok: true; data: { created: number } }).data.created).toBe(ROWS);
    expect(stages.has('读取文件')).toBe(true);
    expect(stages.has('写入台账')).toBe(true);
    // The figures kept for the 总览 are brought up to date as the import commits: said, not a bar standing still.
    expect(order.slice(-3)).toEqual(['写入台账', '更新统计数字', '完成']);
    expect(new Set(percents).size).toBeGreaterThan(5);
    expect(Math.max(...percents)).toBe(100);
    expect(projectCount()).toBe(ROWS + 1);
  }, 120_000);

  it('a killed core process: the call under way fails in Chinese, the host restarts signed out, the window is told', async () => {
    await invoke('session:login', { operatorId: admin.id, password: admin.password });
    const before = projectCount();
    const first = stand.children.at(-1)!;
    const restarted = new Promise((ok) => host.once('restarted', ok));
    // Something long is under way in the child when it dies.
    const pending = invoke(
      'excel:importApply',
      { fileName: '另一份台账.xlsx', base64, duplicates: 'update' },
      'killed',
    );
    await progressUntil('killed', (p) => p.running && p.stage !== '准备中', pending);
    first.kill('SIGKILL');
    const r = await pending;
    expect(r).toEqual({ ok: false, error: { code: 'INTERNAL', message: HOST_DIED_MESSAGE } });
    expect(HOST_DIED_MESSAGE).toMatch(/程序核心意外停止，已自动重新启动.*请重试/);
    expect(await restarted).toBe('normal');
    // A new process, not the old one, runs the core now; the window (not the print window) heard of it.
    expect(stand.children.length).toBe(2);
    expect(stand.children[1]!.pid).not.toBe(first.pid);
    expect(fake.sent).toEqual([
      { channel: CORE_EVENT_CHANNEL, payload: { kind: 'restarted', message: HOST_RESTARTED_NOTICE } },
    ]);
    // The killed import left the ledger as it was (its transaction never committed).
    expect(projectCount()).toBe(before);
    // The restarted core starts signed out: reading needs a sign-in again, which works.
    const signedOut = await invoke('projects:list', {});
    expect(signedOut.ok).toBe(false);
    expect(await invoke('session:login', { operatorId: admin.id, password: admin.password })).toMatchObject({
      ok: true,
    });
    expect(((await invoke('projects:list', {})) as { ok: true; data: unknown[] }).data).toHaveLength(before);
  }, 120_000);
});

describe('a core process that keeps dying', () => {
  it('after the fourth death within a minute the host is not restarted again, the window is told, calls answer in Chinese', async () => {
    const failed = new Promise<string>((ok) => host.once('failed', ok));
    // One death so far (the test above); three more, each after the host came back.
    for (let i = 0; i < 3; i++) {
      const restarted = i < 2 ? new Promise((ok) => host.once('restarted', ok)) : null;
      stand.children.at(-1)!.kill('SIGKILL');
      await restarted;
    }
    expect(await failed).toMatch(/程序核心反复停止，已不再自动重启/);
    expect(fake.sent.at(-1)).toEqual({
      channel: CORE_EVENT_CHANNEL,
      payload: { kind: 'failed', message: expect.stringMatching(/反复停止.*请关闭本程序后重新打开/) },
    });
    const r = await invoke('app:info', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(r.ok ? '' : r.error.message).toMatch(/程序核心已关闭/);
  }, 120_000);
});

describe('the built utility entry (out/main/core-host.js)', () => {
  it('runs the host from the bundle: opens the ledger and answers a call; the main bundle loads no core', async () => {
    await buildElectronOnce();
    const built = join(ROOT, 'out/main/core-host.js');
    expect(existsSync(built)).toBe(true);
    const own = standInFork();
    const client = new CoreHostClient(() => utilityCarrier(hostConfig(target.file, {}, 'app'), own.fork, built), {});
    try {
      expect(await client.start()).toBe('normal');
      expect(own.asked).toEqual([built]);
      expect(own.asked[0]).not.toBe(SOURCE_ENTRY);
      const info = (await client.call('app:info', {})) as { ok: true; data: { productName: string } };
      expect(info.data.productName).toBe('乡镇建设项目台账');
    } finally {
      await client.close();
    }
    // Main itself never loads the core: nothing its built bundle imports, however indirectly, opens SQLite or Excel.
    const packages = new Set<string>();
    const seen = new Set<string>();
    const walk = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const [, spec] of readFileSync(file, 'utf8').matchAll(/^import\s[^'"]*?["']([^'"]+)["']/gm)) {
        if (spec!.startsWith('.')) walk(resolve(dirname(file), spec!));
        else packages.add(spec!);
      }
    };
    walk(join(ROOT, 'out/main/index.js'));
    expect(packages.has('electron')).toBe(true);
    for (const core of ['better-sqlite3', 'kysely', 'exceljs', 'xlsx', 'jszip'])
      expect([...packages]).not.toContain(core);
  }, 120_000);
});
