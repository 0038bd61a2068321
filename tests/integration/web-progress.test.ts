/**
 * Browser mode follows a long call over HTTP: the page tags its import with X-Call-Id, polls GET /rpc-progress/ID
 * and may POST /rpc-cancel/ID. Both new routes pass the same Host/Origin/token checks as everything else; a cancel
 * must be JSON; a cancelled import leaves the ledger's projects as they were.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportReport } from '../../electron/core/services/excel.service.ts';
import { startWebServer, type WebServer } from '../../electron/web/server.ts';
import { generateProjects } from '../helpers/generate-projects.ts';
import { callHeaders, firstRunOverHttp, http } from '../helpers/raw-http.ts';
import { tempCore, tempDir } from '../helpers/temp-core.ts';

describe('browser mode: progress and cancel of a long call', () => {
  let server: WebServer;
  let cleanup: () => void;
  let base64 = '';
  const json = (extra: Record<string, string> = {}) => callHeaders(server.token, extra);
  const progressOf = async (id: string) =>
    JSON.parse(
      (await http(server.port, 'GET', `/rpc-progress/${id}`, { 'x-town-ledger-token': server.token })).body,
    ) as { running: boolean; stage: string; percent: number };
  const projectCount = async () =>
    (JSON.parse((await http(server.port, 'POST', '/rpc/projects:list', json(), '{}')).body) as { data: unknown[] }).data
      .length;

  beforeAll(async () => {
    const source = await tempCore({ autoBackup: false });
    generateProjects(source.core.ctx.db, 4000);
    base64 = (await exportReport(source.core.ctx, 'T2', '2017-09')).base64;
    source.cleanup();
    let dir: string;
    ({ dir, cleanup } = tempDir('web-progress-'));
    server = await startWebServer({ dbFile: join(dir, 'town-ledger.db'), port: 0, rendererDir: dir, log: () => {} });
    // Every session starts signed out: the first run sets up the ledger and signs its 管理员 in.
    const first = await firstRunOverHttp(server.port, server.token);
    expect(JSON.parse(first.body)).toMatchObject({ ok: true });
  }, 120_000);
  afterAll(async () => {
    await server.close();
    cleanup();
  });

  it('refuses the progress and cancel routes without the token, from another page, and a cancel that is not JSON', async () => {
    for (const [method, path] of [
      ['GET', '/rpc-progress/abc'],
      ['POST', '/rpc-cancel/abc'],
    ] as const) {
      const noToken = await http(
        server.port,
        method,
        path,
        { 'content-type': 'application/json' },
        method === 'POST' ? '{}' : undefined,
      );
      expect(noToken.status).toBe(403);
      expect(noToken.body).toMatch(/令牌/);
      const foreign = await http(
        server.port,
        method,
        path,
        json({ origin: 'http://evil.example' }),
        method === 'POST' ? '{}' : undefined,
      );
      expect(foreign.status).toBe(403);
    }
    const plain = await http(
      server.port,
      'POST',
      '/rpc-cancel/abc',
      { 'content-type': 'text/plain', 'x-town-ledger-token': server.token },
      '{}',
    );
    expect(plain.status).toBe(415);
    expect(await progressOf('abc')).toMatchObject({ running: false });
  });

  it('shows the import moving and cancels it: the answer says so and no project was added', async () => {
    const before = await projectCount();
    const id = 'import-1';
    const pending = http(
      server.port,
      'POST',
      '/rpc/excel:importApply',
      json({ 'x-call-id': id }),
      JSON.stringify({ fileName: '县里台账.xlsx', base64, duplicates: 'skip' }),
    );
    const seen: number[] = [];
    for (let i = 0; i < 600; i++) {
      const p = await progressOf(id);
      if (p.running) seen.push(p.percent);
      if (p.running && p.stage === '写入台账') break;
      await new Promise((ok) => setTimeout(ok, 50));
    }
    expect(new Set(seen).size).toBeGreaterThan(1);
    const cancel = await http(server.port, 'POST', `/rpc-cancel/${id}`, json(), '{}');
    expect(JSON.parse(cancel.body)).toEqual({ cancelled: true });
    const r = JSON.parse((await pending).body) as { ok: boolean; error: { code: string; message: string } };
    expect(r).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(r.error.message).toMatch(/已取消/);
    expect(await progressOf(id)).toMatchObject({ running: false });
    expect(await projectCount()).toBe(before);
  }, 180_000);
});
