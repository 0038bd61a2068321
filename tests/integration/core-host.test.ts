/**
 * The core host as a separate worker thread: while it imports 10,000 rows and while it verifies the whole ledger,
 * the parent's event loop stays free (a ping every 100 ms is answered within 50 ms); progress arrives; a cancel in
 * the middle of the import's transaction leaves every table's rows and the change log's head exactly as they were.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportReport } from '../../electron/core/services/excel.service.ts';
import type { CoreHostClient } from '../../electron/core-host/client.ts';
import { startWorkerHost } from '../../electron/core-host/worker-carrier.ts';
import { generateProjects } from '../helpers/generate-projects.ts';
import { tempCore, type TempCore } from '../helpers/temp-core.ts';

const ROWS = 10_000;
let source: TempCore;
let target: TempCore;
let base64 = '';
let host: CoreHostClient;
let admin: { id: number; password: string };

/** Every row of every table, in rowid order, hashed: "logically unchanged" means this is equal. */
function ledgerDump(file: string): { hash: string; head: string | null; projects: number } {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const h = createHash('sha256');
    const tables = db
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .pluck()
      .all() as string[];
    for (const t of tables) {
      h.update(`\n#${t}\n`);
      // Sorted serialisations: independent of physical order, and works for WITHOUT ROWID tables too.
      const rows = (db.prepare(`SELECT * FROM "${t}"`).raw().all() as unknown[][]).map((row) =>
        JSON.stringify(row, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)),
      );
      for (const row of rows.sort()) h.update(row);
    }
    const head = db.prepare('SELECT hash FROM change_log ORDER BY id DESC LIMIT 1').pluck().get() as string | undefined;
    const projects = db.prepare('SELECT count(*) FROM project').pluck().get() as number;
    return { hash: h.digest('hex'), head: head ?? null, projects };
  } finally {
    db.close();
  }
}

/**
 * CPU time (ms) this process's main thread has used. The scheduler's own counter (/proc/…/schedstat, nanoseconds)
 * where the kernel has it, else the 10 ms ticks of /proc/…/stat; null off Linux.
 */
function mainThreadCpuMs(): number | null {
  const task = `/proc/self/task/${process.pid}`;
  try {
    return Number(readFileSync(`${task}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    try {
      const fields = readFileSync(`${task}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return (Number(fields[11]) + Number(fields[12])) * 10; // utime + stime, in USER_HZ = 100 ticks per second
    } catch {
      return null;
    }
  }
}

/**
 * Runs `work` while a 100 ms ping on this (the parent's) event loop records how late each tick came, and a 1 ms
 * sampler records the longest run of this thread's own CPU between two turns of its loop: a task that holds the
 * loop for 50 ms shows as 50 ms there whatever the machine's load, while many short tasks (progress messages,
 * the test runner's own traffic, garbage collection between them) do not add up into one, as they did when the
 * CPU was only counted per 100 ms interval.
 */
async function withPings<T>(
  work: () => Promise<T>,
): Promise<{ value: T; maxDelayMs: number; maxBusyMs: number; pings: number }> {
  let expected = performance.now() + 100;
  let maxDelayMs = 0;
  let pings = 0;
  const ping = setInterval(() => {
    const now = performance.now();
    maxDelayMs = Math.max(maxDelayMs, now - expected);
    expected = now + 100;
    pings++;
  }, 100);
  let lastCpu = mainThreadCpuMs();
  let maxBusyMs = 0;
  const sampler = setInterval(() => {
    const cpu = mainThreadCpuMs();
    if (cpu !== null && lastCpu !== null) maxBusyMs = Math.max(maxBusyMs, cpu - lastCpu);
    lastCpu = cpu;
  }, 1);
  try {
    return { value: await work(), maxDelayMs, maxBusyMs, pings };
  } finally {
    clearInterval(ping);
    clearInterval(sampler);
  }
}

/**
 * The ping must come within 50 ms. On a machine whose CPUs are oversubscribed by other programs (a shared CI box)
 * every thread waits for the scheduler, ours included, so the wall-clock budget scales with the load; the longest
 * stretch of the parent's own work between two turns of its loop (maxBusyMs) is held to 50 ms regardless.
 */
function expectResponsive(r: { maxDelayMs: number; maxBusyMs: number }): void {
  const load = Math.max(1, loadavg()[0]! / availableParallelism());
  if (load > 1)
    console.error(
      `机器负载 ${load.toFixed(1)} 倍：ping 延迟上限放宽为 ${(50 * load).toFixed(0)} ms（实测最大 ${r.maxDelayMs.toFixed(0)} ms）`,
    );
  expect(r.maxDelayMs).toBeLessThan(50 * load);
  expect(r.maxBusyMs, `主线程一次连续占用 ${r.maxBusyMs.toFixed(1)} ms`).toBeLessThan(50);
}

beforeAll(async () => {
  // The county-style T2 sheet of a 10,000-project ledger, as the bench makes it.
  source = await tempCore({ autoBackup: false });
  generateProjects(source.core.ctx.db, ROWS);
  base64 = (await exportReport(source.core.ctx, 'T2', '2017-09')).base64;
  source.cleanup();
  const small = await tempCore({ autoBackup: false });
  generateProjects(small.core.ctx.db, 20);
  const smallBase64 = (await exportReport(small.core.ctx, 'T2', '2017-09')).base64;
  small.cleanup();
  // The ledger the host works on already holds a few projects and history.
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
  host = await startWorkerHost(target.file, 'other');
  // Every session starts signed out: the host's session signs in as the window would.
  expect((await host.call('session:login', { operatorId: admin.id, password: admin.password })).ok).toBe(true);
  // Warm-up: the first read of a workbook starts (and, from source, compiles) the parse worker.
  expect((await host.call('excel:importPreview', { fileName: '小表.xlsx', base64: smallBase64 })).ok).toBe(true);
}, 240_000);

afterAll(async () => {
  await host?.close();
  target?.cleanup();
});

describe('core host in a worker thread', () => {
  it('a cancel in the middle of a 10,000-row import rolls it all back: same rows in every table, same change-log head', async () => {
    const before = ledgerDump(target.file);
    const controller = new AbortController();
    const seen: { stage: string; percent: number }[] = [];
    const { value: r, ...pings } = await withPings(() =>
      host.call(
        'excel:importApply',
        { fileName: '县里台账.xlsx', base64, duplicates: 'skip' },
        {
          signal: controller.signal,
          onProgress: (stage, percent) => {
            seen.push({ stage, percent });
            if (stage === '写入台账' && percent >= 70) controller.abort();
          },
        },
      ),
    );
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.error.code).toBe('CANCELLED');
    expect(r.ok ? '' : r.error.message).toMatch(/已取消/);
    // The cancel came inside the write transaction, after rows had been written and then rolled back.
    expect(seen.some((s) => s.stage === '写入台账' && s.percent >= 70)).toBe(true);
    expectResponsive(pings);
    const after = ledgerDump(target.file);
    expect(after).toEqual(before);
    // The pre-import backup is a whole, checked file; nothing half-written lies beside it.
    const backups = join(dirname(target.file), 'backups');
    if (existsSync(backups)) expect(readdirSync(backups).filter((f) => f.endsWith('.partial'))).toEqual([]);
  }, 240_000);

  it('during the whole import and a full verify, the parent answers a 100 ms ping within 50 ms', async () => {
    const percents: number[] = [];
    const imp = await withPings(() =>
      host.call(
        'excel:importApply',
        { fileName: '县里台账.xlsx', base64, duplicates: 'skip' },
        { onProgress: (_s, p) => percents.push(p) },
      ),
    );
    expect(imp.value.ok, JSON.stringify(imp.value).slice(0, 300)).toBe(true);
    expect((imp.value as { ok: true; data: { created: number } }).data.created).toBe(ROWS);
    expect(imp.pings).toBeGreaterThan(5);
    expectResponsive(imp);
    // Progress moves forward through the stages up to the end.
    expect(new Set(percents).size).toBeGreaterThan(10);
    expect(Math.max(...percents)).toBeGreaterThanOrEqual(98);
    expect(ledgerDump(target.file).projects).toBe(ROWS + 1);

    const ver = await withPings(() => host.call('audit:verify', {}));
    expect(ver.value.ok).toBe(true);
    expectResponsive(ver);
  }, 240_000);

  it('a host that dies answers its pending call with a Chinese error and comes back', async () => {
    const restarted = new Promise((resolve) => host.once('restarted', resolve));
    const pending = host.call('excel:importApply', { fileName: '县里台账.xlsx', base64, duplicates: 'skip' });
    await host.crashForTest();
    const r = await pending;
    expect(r.ok ? '' : r.error.message).toMatch(/程序核心意外停止，已自动重新启动/);
    expect(await restarted).toBe('normal');
    // A restarted core starts signed out, like a reopened window: reading needs a sign-in again.
    expect((await host.call('projects:list', {})).ok).toBe(false);
    expect((await host.call('session:login', { operatorId: admin.id, password: admin.password })).ok).toBe(true);
    const list = await host.call('projects:list', {});
    expect(list.ok).toBe(true);
  }, 120_000);
});
