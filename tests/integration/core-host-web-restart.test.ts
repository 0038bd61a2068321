/**
 * Browser mode when its core host dies: the call under way is answered (HTTP 200, a Chinese error saying the core was
 * restarted), the host comes back signed out, and the page hears it on GET /rpc-events — a 'core' event while the
 * stream is open, and on every (re)connection a 'hello' with how often the core has restarted, so a page whose stream
 * was down still learns of it. The stream sits behind the same token and Origin checks as every other route.
 */
import { spawn } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { request, type IncomingMessage } from 'node:http';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journalText, restoreJournalPath } from '../../electron/core/audit/restore-anchor.ts';
import { settleBackupChecks } from '../../electron/core/backup/backup.service.ts';
import { exportReport } from '../../electron/core/services/excel.service.ts';
import { HOST_DIED_MESSAGE, HOST_RESTARTED_NOTICE } from '../../electron/core-host/client.ts';
import { startWebServer, type WebServer } from '../../electron/web/server.ts';
import { bundleScript } from '../helpers/crash.ts';
import { generateProjects } from '../helpers/generate-projects.ts';
import { http } from '../helpers/raw-http.ts';
import { tempCore, tempDir } from '../helpers/temp-core.ts';

interface Sse {
  events: { event: string; data: Record<string, unknown> }[];
  /** The first event of this kind not taken yet (already received, or the next to come). */
  next(event: string): Promise<Record<string, unknown>>;
  close(): void;
}

/** Opens the page's event stream and parses its frames as they come. */
function openEvents(port: number, token: string): Promise<Sse> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/rpc-events',
        headers: { host: `127.0.0.1:${port}`, 'x-town-ledger-token': token },
      },
      (res: IncomingMessage) => {
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
        const events: Sse['events'] = [];
        const taken = new Set<number>();
        const waiters: { event: string; ok(d: Record<string, unknown>): void }[] = [];
        const take = (event: string) => {
          const i = events.findIndex((e, n) => e.event === event && !taken.has(n));
          if (i < 0) return null;
          taken.add(i);
          return events[i]!.data;
        };
        let buffer = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const frame = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const event = /^event: (.*)$/m.exec(frame)?.[1];
            const data = /^data: (.*)$/m.exec(frame)?.[1];
            if (!event || !data) continue;
            events.push({ event, data: JSON.parse(data) as Record<string, unknown> });
            for (const w of waiters.splice(0)) {
              const hit = take(w.event);
              if (hit) w.ok(hit);
              else waiters.push(w);
            }
          }
        });
        resolve({
          events,
          next: (event) =>
            new Promise((ok) => {
              const hit = take(event);
              if (hit) ok(hit);
              else waiters.push({ event, ok });
            }),
          close: () => req.destroy(),
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** A county ledger of 3000 projects as an .xlsx: an import long enough to be under way when the core is killed. */
let base64 = '';
beforeAll(async () => {
  const source = await tempCore({ autoBackup: false });
  generateProjects(source.core.ctx.db, 3000);
  base64 = (await exportReport(source.core.ctx, 'T2', '2017-09')).base64;
  source.cleanup();
}, 120_000);

/** Waits until the tagged call is really running in the worker (past 准备中). */
async function runningInWorker(port: number, token: string, id: string): Promise<void> {
  for (let i = 0; i < 1000; i++) {
    const p = JSON.parse((await http(port, 'GET', `/rpc-progress/${id}`, { 'x-town-ledger-token': token })).body) as {
      running: boolean;
      stage: string;
    };
    if (p.running && p.stage !== '准备中') return;
    await new Promise((ok) => setTimeout(ok, 20));
  }
}

describe('browser mode: a core host that dies is restarted and the page is told', () => {
  let server: WebServer;
  let cleanup: () => void;
  const json = (extra: Record<string, string> = {}) => ({
    'content-type': 'application/json',
    'x-town-ledger-token': server.token,
    ...extra,
  });
  const rpc = async (channel: string, input: unknown) =>
    JSON.parse((await http(server.port, 'POST', `/rpc/${channel}`, json(), JSON.stringify(input))).body) as {
      ok: boolean;
      data?: unknown;
      error?: { code: string; message: string };
    };

  beforeAll(async () => {
    let dir: string;
    ({ dir, cleanup } = tempDir('web-restart-'));
    server = await startWebServer({ dbFile: join(dir, 'town-ledger.db'), port: 0, rendererDir: dir, log: () => {} });
    expect(
      await rpc('app:onboard', {
        mode: 'empty',
        townName: '蒲州镇',
        fiscalYear: 2017,
        adminName: '王管理',
        adminPassword: '王管理2017',
      }),
    ).toMatchObject({ ok: true });
  }, 120_000);
  afterAll(async () => {
    await server.close();
    cleanup();
  });

  it('refuses the event stream without the token and from another page', async () => {
    const noToken = await http(server.port, 'GET', '/rpc-events');
    expect(noToken.status).toBe(403);
    expect(noToken.body).toMatch(/令牌/);
    const foreign = await http(server.port, 'GET', '/rpc-events', {
      'x-town-ledger-token': server.token,
      origin: 'http://evil.example',
    });
    expect(foreign.status).toBe(403);
  });

  it('the call under way fails in Chinese, the page hears the restart, the new core is signed out; a later stream says so too', async () => {
    const stream = await openEvents(server.port, server.token);
    expect(await stream.next('hello')).toEqual({ restarts: 0, notice: HOST_RESTARTED_NOTICE });
    const id = 'dies-1';
    const pending = http(
      server.port,
      'POST',
      '/rpc/excel:importApply',
      json({ 'x-call-id': id }),
      JSON.stringify({ fileName: '县里台账.xlsx', base64, duplicates: 'skip' }),
    );
    // Wait until the import is really running in the worker, then kill the worker as a crash would.
    await runningInWorker(server.port, server.token, id);
    const core = stream.next('core');
    await server.host.crashForTest();
    const answer = await pending;
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ ok: false, error: { code: 'INTERNAL', message: HOST_DIED_MESSAGE } });
    expect(await core).toEqual({ kind: 'restarted', message: HOST_RESTARTED_NOTICE, restarts: 1 });
    stream.close();

    // The restarted core starts signed out: the page must sign in again.
    expect((await rpc('projects:list', {})).ok).toBe(false);
    const session = await rpc('session:current', {});
    expect(session).toMatchObject({ ok: true, data: { loggedIn: false } });

    // A page that (re)connects after the restart is told how many there have been.
    const later = await openEvents(server.port, server.token);
    expect(await later.next('hello')).toEqual({ restarts: 1, notice: HOST_RESTARTED_NOTICE });
    later.close();
  }, 120_000);
});

/**
 * A restart whose start settled a restore cut off by the crash: the window's word on the restart, and the answer of
 * the call under way, say what that start did — the same words as the notice at the top after sign-in (已做完恢复 /
 * 台账没有被替换) — and never 台账保持操作前的样子 over a ledger the start has just replaced by a backup.
 */
describe('browser mode: the restart says what the new core’s start did to the ledger', () => {
  let server: WebServer;
  let cleanup: () => void;
  let file = '';
  let script = '';
  let backupName = '';
  const rpc = async (channel: string, input: unknown) =>
    JSON.parse(
      (
        await http(
          server.port,
          'POST',
          `/rpc/${channel}`,
          { 'content-type': 'application/json', 'x-town-ledger-token': server.token },
          JSON.stringify(input),
        )
      ).body,
    ) as { ok: boolean; data?: unknown; error?: { code: string; message: string } };

  beforeAll(async () => {
    script = await bundleScript(resolve(import.meta.dirname, '../helpers/restore-crasher.ts'), 'restore-crasher');
    let dir: string;
    ({ dir, cleanup } = tempDir('web-restart-start-'));
    file = join(dir, 'town-ledger.db');
    server = await startWebServer({ dbFile: file, port: 0, rendererDir: dir, log: () => {} });
    expect(
      await rpc('app:onboard', {
        mode: 'demo',
        townName: '蒲州镇',
        fiscalYear: 2017,
        adminName: '王管理',
        adminPassword: '王管理2017',
      }),
    ).toMatchObject({ ok: true });
    const made = await rpc('backups:create', { target: 'auto' });
    expect(made.ok, JSON.stringify(made)).toBe(true);
    backupName = (made.data as { name: string }).name;
    await settleBackupChecks();
  }, 120_000);
  afterAll(async () => {
    await server.close();
    if (script) rmSync(script, { force: true });
    cleanup();
  });

  it('a start that rolled a cut-off restore back: the call under way and the notice say the ledger was not replaced', async () => {
    const stream = await openEvents(server.port, server.token);
    await stream.next('hello');
    // What a restore killed while it copies the current ledger leaves beside it: its journal, begun.
    writeFileSync(restoreJournalPath(file), journalText(null, { restoredName: backupName }));
    const id = 'dies-with-journal';
    const pending = http(
      server.port,
      'POST',
      '/rpc/excel:importApply',
      { 'content-type': 'application/json', 'x-town-ledger-token': server.token, 'x-call-id': id },
      JSON.stringify({ fileName: '县里台账.xlsx', base64, duplicates: 'skip' }),
    ).then((r) => JSON.parse(r.body) as { ok: boolean; error?: { code: string; message: string } });
    await runningInWorker(server.port, server.token, id);
    const core = stream.next('core');
    await server.host.crashForTest();
    const answer = await pending;
    expect(answer).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    const told = (await core) as { kind: string; message: string };
    expect(told.kind).toBe('restarted');
    for (const message of [told.message, answer.error!.message]) {
      expect(message).toMatch(/^程序核心意外停止，已自动重新启动/);
      expect(message).toContain(`上次从备份“${backupName}”恢复时，在替换台账文件之前程序意外中断`);
      expect(message).toContain('台账没有被替换，仍是恢复前的数据');
    }
    expect(told.message).toContain('请重新登录后再继续');
    stream.close();
  }, 120_000);

  it('a start that finished a cut-off restore: the notice says the ledger is now the backup’s, not as it was', async () => {
    const stream = await openEvents(server.port, server.token);
    await stream.next('hello');
    // The core lets go of the ledger; another process restores the backup over it and dies right after the rename.
    await server.host.control({ op: 'close' });
    await crashRestoreAt(script, file, backupName, 'swapped');
    expect(existsSync(restoreJournalPath(file))).toBe(true);
    const core = stream.next('core');
    await server.host.crashForTest();
    const told = (await core) as { kind: string; message: string };
    expect(told.kind).toBe('restarted');
    expect(told.message).toMatch(/^程序核心意外停止，已自动重新启动/);
    expect(told.message).toContain('再次打开台账时已把这次恢复做完，台账现在是这份备份的数据');
    expect(told.message).not.toContain('台账保持操作前的样子');
    expect(told.message).toContain('请重新登录后再继续');
    stream.close();
    // The same words as the notice at the top after sign-in (one source: the start that settled it).
    expect(await rpc('session:login', { operatorId: 1, password: '王管理2017' }).then((r) => r.ok)).toBe(true);
    const list = await rpc('backups:list', {});
    expect(told.message).toContain((list.data as { restoreNotice: { message: string } }).restoreNotice.message);
    // A page whose stream was down during the restart hears the same.
    const later = await openEvents(server.port, server.token);
    expect((await later.next('hello')).notice).toBe(told.message);
    later.close();
  }, 120_000);
});

/** A child process restores `name` over `file` through the real core and SIGKILLs itself at `step` (crash-step.ts). */
function crashRestoreAt(script: string, file: string, name: string, step: string): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [script, file, 'restore', name, step], {
      cwd: resolve(import.meta.dirname, '../..'),
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.on('error', fail);
    child.on('exit', (_code, signal) =>
      signal === 'SIGKILL' && out.includes(`at ${step}`)
        ? done()
        : fail(new Error(`child did not stop at ${step}: ${out}`)),
    );
  });
}
