/**
 * Browser mode's server over real HTTP on a random loopback port and a real ledger file: every request that
 * does not come from the page it handed out is refused with a 4xx and a Chinese message, and the ledger's
 * tables are exactly what they were before.
 */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BODY_TOO_LARGE_MESSAGE, MAX_BODY_BYTES } from '../../electron/web/body-limit.ts';
import { browserDialogs, EXPORT_FOLDER } from '../../electron/web/dialogs.ts';
import { startWebServer, type WebServer } from '../../electron/web/server.ts';
import { callHeaders, firstRunOverHttp, http } from '../helpers/raw-http.ts';
import { tempDir } from '../helpers/temp-core.ts';

/** Every table's rows, read through a second connection: what "nothing changed" is compared against. */
function tableContents(file: string): Record<string, unknown[]> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .pluck()
      .all() as string[];
    return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT * FROM "${t}"`).all()]));
  } finally {
    db.close();
  }
}

const PROJECT = { name: '浏览器方式测试项目', planYear: 2026, location: '镇区', scope: '建设内容', totalWan: '88.50' };
const CHINESE = /[\u4e00-\u9fff]/;

describe('browser-mode server: only its own page gets in', () => {
  let dir: string;
  let cleanup: () => void;
  let server: WebServer;
  let dbFile: string;
  const json = (extra: Record<string, string> = {}) => callHeaders(server.token, extra);

  beforeAll(async () => {
    ({ dir, cleanup } = tempDir('web-server-'));
    dbFile = join(dir, 'data', 'town-ledger.db');
    // The renderer's own page (source), so the static checks need no build.
    const rendererDir = join(dir, 'renderer');
    mkdirSync(rendererDir);
    copyFileSync(new URL('../../renderer/index.html', import.meta.url), join(rendererDir, 'index.html'));
    server = await startWebServer({ dbFile, port: 0, rendererDir, log: () => {} });
    // The first run sets up the 管理员 and signs in (a launch starts signed out).
    const first = await firstRunOverHttp(server.port, server.token);
    expect(JSON.parse(first.body)).toMatchObject({ ok: true });
    const created = await http(server.port, 'POST', '/rpc/projects:create', json(), JSON.stringify(PROJECT));
    expect(JSON.parse(created.body)).toMatchObject({ ok: true, data: { name: PROJECT.name } });
  });
  afterAll(async () => {
    await server.close();
    cleanup();
  });

  it('answers a call with the token header and JSON', async () => {
    expect(server.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/\\?token=[A-Za-z0-9_-]{43}$`));
    const r = await http(server.port, 'POST', '/rpc/projects:list', json(), '{}');
    expect(r.status).toBe(200);
    expect((JSON.parse(r.body) as { data: { name: string }[] }).data.map((p) => p.name)).toContain(PROJECT.name);
  });

  it('passes the page’s background mark (x-background: 1) on to the core host, and only that mark', async () => {
    // The mark keeps the page's own polls from holding off the idle sign-out (electron/core/session-idle.ts).
    const seen: [string, boolean | undefined][] = [];
    const real = server.host.call.bind(server.host);
    server.host.call = (channel, input, opts = {}) => {
      seen.push([channel, opts.background]);
      return real(channel, input, opts);
    };
    try {
      for (const extra of [{ 'x-background': '1' }, {}, { 'x-background': 'yes' }] as Record<string, string>[])
        expect((await http(server.port, 'POST', '/rpc/app:elsewhere', json(extra), '{}')).status).toBe(200);
    } finally {
      server.host.call = real;
    }
    expect(seen).toEqual([
      ['app:elsewhere', true],
      ['app:elsewhere', false],
      ['app:elsewhere', false],
    ]);
  });

  it('backs up "to a U盘" into the 导出 folder beside the ledger, since a page cannot pick a folder', async () => {
    const picked = JSON.parse((await http(server.port, 'POST', '/rpc/dialog:pickBackupFolder', json(), '{}')).body) as {
      data: { token: string };
    };
    const made = JSON.parse(
      (
        await http(
          server.port,
          'POST',
          '/rpc/backups:create',
          json(),
          JSON.stringify({ target: 'manual', destToken: picked.data.token }),
        )
      ).body,
    ) as { ok: boolean; data: { file: string } };
    expect(made.ok).toBe(true);
    expect(made.data.file.startsWith(join(dir, 'data', EXPORT_FOLDER))).toBe(true);
    expect(existsSync(made.data.file)).toBe(true);
  });

  it('refuses every other request with a 4xx in Chinese and leaves every table as it was', async () => {
    const before = tableContents(dbFile);
    const body = JSON.stringify({ ...PROJECT, name: '不该出现的项目' });
    const own = `http://127.0.0.1:${server.port}`;
    const attempts: [string, string, string, Record<string, string>, number][] = [
      // A cross-site form / fetch without preflight: text/plain from a foreign page (no cookie: SameSite=Strict).
      [
        'cross-origin text/plain',
        'POST',
        '/rpc/projects:create',
        { 'content-type': 'text/plain', origin: 'https://evil.example' },
        403,
      ],
      // Even with the token, only application/json is accepted: none of the CORS-simple types.
      [
        'text/plain with token',
        'POST',
        '/rpc/projects:create',
        json({ 'content-type': 'text/plain;charset=UTF-8', origin: own }),
        415,
      ],
      [
        'form with token',
        'POST',
        '/rpc/projects:create',
        json({ 'content-type': 'application/x-www-form-urlencoded' }),
        415,
      ],
      [
        'multipart with token',
        'POST',
        '/rpc/projects:create',
        json({ 'content-type': 'multipart/form-data; boundary=x' }),
        415,
      ],
      ['no content type', 'POST', '/rpc/projects:create', { 'x-town-ledger-token': server.token }, 415],
      ['no token', 'POST', '/rpc/projects:create', { 'content-type': 'application/json' }, 403],
      [
        'wrong token header',
        'POST',
        '/rpc/projects:create',
        json({ 'x-town-ledger-token': server.token.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) }),
        403,
      ],
      [
        'wrong token cookie',
        'POST',
        '/rpc/projects:create',
        { 'content-type': 'application/json', cookie: `town_ledger_${server.port}=nope` },
        403,
      ],
      ['empty token', 'POST', '/rpc/projects:create', json({ 'x-town-ledger-token': '' }), 403],
      // DNS rebinding: the attacker's name resolves to 127.0.0.1, the browser still sends that name.
      ['wrong Host', 'POST', '/rpc/projects:create', json({ host: `evil.example:${server.port}` }), 403],
      ['Host of another port', 'POST', '/rpc/projects:create', json({ host: `127.0.0.1:${server.port + 1}` }), 403],
      ['foreign Origin', 'POST', '/rpc/projects:create', json({ origin: 'https://evil.example' }), 403],
      [
        'Origin of another port',
        'POST',
        '/rpc/projects:create',
        json({ origin: `http://127.0.0.1:${server.port + 1}` }),
        403,
      ],
      ['opaque Origin', 'POST', '/rpc/projects:create', json({ origin: 'null' }), 403],
      // The harness's test endpoints do not exist here, even with the token.
      ['harness damage', 'POST', '/__harness/damage', json(), 405],
      ['harness reset', 'POST', '/__harness/reset', json(), 405],
      ['harness token', 'POST', '/__harness/token', json(), 405],
      ['harness files', 'GET', '/__harness/files', { 'x-town-ledger-token': server.token }, 404],
      ['harness shim', 'GET', '/__harness/api-shim.js', { 'x-town-ledger-token': server.token }, 404],
      ['health', 'GET', '/health', { 'x-town-ledger-token': server.token }, 404],
      ['damage without token', 'POST', '/__harness/damage', {}, 403],
      ['PUT', 'PUT', '/rpc/projects:create', json(), 405],
      // a channel that is not in the contract is no call (was 200 with a VALIDATION envelope)
      ['unknown channel', 'POST', '/rpc/test:reset', json(), 404],
      [
        'token in a POST url',
        'POST',
        `/rpc/projects:create?token=${server.token}`,
        { 'content-type': 'application/json' },
        405,
      ],
    ];
    for (const [what, method, path, headers, status] of attempts) {
      const r = await http(server.port, method, path, headers, method === 'GET' ? undefined : body);
      expect.soft(r.status, what).toBe(status);
      expect.soft(r.body, what).toMatch(CHINESE);
      expect.soft(r.headers['set-cookie'], what).toBeUndefined();
    }
    expect(tableContents(dbFile)).toEqual(before);
    expect(new Database(dbFile, { readonly: true }).pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('serves the page, its bridge and its files only after the checks, with the security headers', async () => {
    for (const path of ['/', '/index.html', '/town-ledger-api.js']) {
      const r = await http(server.port, 'GET', path);
      expect(r.status, path).toBe(403);
      expect(r.body, path).not.toContain('<html');
      expect(r.body, path).not.toContain('window.api');
    }
    expect(
      (await http(server.port, 'GET', '/', { 'x-town-ledger-token': server.token, host: 'evil.example' })).status,
    ).toBe(403);
    const page = await http(server.port, 'GET', '/', { 'x-town-ledger-token': server.token });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<script src="./town-ledger-api.js"></script>');
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    const bridge = await http(server.port, 'GET', '/town-ledger-api.js', { 'x-town-ledger-token': server.token });
    expect(bridge.body).toContain("'content-type': 'application/json'");
    // Out of the renderer folder: refused however the path is spelled.
    for (const path of ['/%2e%2e/data/town-ledger.db', '/..%2Fdata%2Ftown-ledger.db', '/../../etc/passwd']) {
      expect((await http(server.port, 'GET', path, { 'x-town-ledger-token': server.token })).status, path).toBe(404);
    }
  });

  it('turns the launch URL into an HttpOnly SameSite=Strict cookie, drops the token from the address, and the cookie alone then works', async () => {
    const wrong = await http(server.port, 'GET', '/?token=wrong');
    expect(wrong.status).toBe(403);
    expect(wrong.headers['set-cookie']).toBeUndefined();

    const launch = await http(server.port, 'GET', `/?token=${encodeURIComponent(server.token)}`);
    expect(launch.status).toBe(303);
    expect(launch.headers.location).toBe('/');
    const [cookie] = launch.headers['set-cookie'] as string[];
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const pair = cookie!.split(';')[0]!;
    expect(pair).toBe(`town_ledger_${server.port}=${server.token}`);

    const page = await http(server.port, 'GET', '/', { cookie: pair });
    expect(page.status).toBe(200);
    const list = await http(
      server.port,
      'POST',
      '/rpc/projects:list',
      {
        cookie: `other=1; ${pair}`,
        'content-type': 'application/json; charset=utf-8',
        origin: `http://localhost:${server.port}`,
        host: `localhost:${server.port}`,
      },
      '{}',
    );
    expect(list.status).toBe(200);
    expect((JSON.parse(list.body) as { data: { name: string }[] }).data.map((p) => p.name)).toContain(PROJECT.name);
  });

  it('takes an attachment just under the 50 MB limit, sent base64 in JSON as the page sends it', async () => {
    const list = JSON.parse((await http(server.port, 'POST', '/rpc/projects:list', json(), '{}')).body) as {
      data: { id: number; name: string }[];
    };
    const projectId = list.data.find((p) => p.name === PROJECT.name)!.id;
    // 49.9 MB of a PDF: a third larger as base64, over the 64 MB the server used to take
    const file = Buffer.alloc(Math.floor(49.9 * 1024 * 1024));
    file.write('%PDF-1.4\n');
    const body = JSON.stringify({
      projectId,
      kind: '验收',
      fileName: '竣工验收报告.pdf',
      dataBase64: file.toString('base64'),
    });
    expect(body.length).toBeGreaterThan(64 * 1024 * 1024);
    expect(body.length).toBeLessThanOrEqual(MAX_BODY_BYTES);
    const r = await http(server.port, 'POST', '/rpc/attachments:add', json(), body);
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ ok: true, data: { fileName: '竣工验收报告.pdf', size: file.length } });
  });

  it('refuses a body over the limit with a 413 naming the limit in MB, read through so the page gets the answer', async () => {
    const before = tableContents(dbFile);
    const body = JSON.stringify({
      projectId: 1,
      kind: '验收',
      fileName: '过大.pdf',
      dataBase64: 'A'.repeat(MAX_BODY_BYTES),
    });
    // sent in chunks, its length unknown ahead, and with its length declared
    const declared: Record<string, string>[] = [{}, { 'content-length': String(Buffer.byteLength(body)) }];
    for (const extra of declared) {
      const r = await http(server.port, 'POST', '/rpc/attachments:add', json(extra), body);
      expect(r.status).toBe(413);
      expect(r.body).toBe(BODY_TOO_LARGE_MESSAGE);
    }
    expect(BODY_TOO_LARGE_MESSAGE).toMatch(/^请求内容过大（超过 \d+\.\d MB）.*不能超过 50 MB/);
    expect(tableContents(dbFile)).toEqual(before);
  });

  it('holds the ledger as 浏览器模式, once: another program’s restore is refused naming it so', async () => {
    // The registration beside the ledger that another process reads: this process, as browser mode, one of it.
    const held = readdirSync(`${dbFile}-users`).filter((n) => n.endsWith('.lock') && n !== 'restore.lock');
    expect(held).toEqual([expect.stringMatching(new RegExp(`^${process.pid}-web-[0-9a-f]+\\.lock$`))]);
    // The CLI, another program, restoring a backup while the page's server has the ledger open.
    const made = JSON.parse(
      (await http(server.port, 'POST', '/rpc/backups:create', json(), JSON.stringify({ target: 'auto' }))).body,
    ) as { ok: boolean; data: { file: string } };
    expect(made.ok).toBe(true);
    // Not spawnSync: this process is the server, and must go on answering while the CLI runs.
    const cli = spawn(
      process.execPath,
      ['--import', 'tsx', 'electron/cli/index.ts', 'restore', made.data.file, '--db', dbFile, '--json'],
      { cwd: fileURLToPath(new URL('../../', import.meta.url)), stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    cli.stdout.on('data', (d) => (stdout += String(d)));
    const code = await new Promise<number | null>((done) => cli.on('exit', done));
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toEqual({
      ok: false,
      error: {
        code: 'CONFLICT',
        message: `另一个程序（浏览器模式，进程号 ${process.pid}）正在使用台账，请先关闭后再恢复。本次未做任何改动。`,
      },
    });
  });
});

describe('browser-mode file dialogs', () => {
  it('save into the 导出 folder beside the ledger without overwriting, and send opening to the upload buttons', async () => {
    const { dir, cleanup } = tempDir('web-dialogs-');
    try {
      const told: string[] = [];
      const dialogs = browserDialogs(dir, (m) => told.push(m));
      const first = await dialogs.saveFile({
        title: '',
        defaultName: '修改留痕.xlsx',
        filter: { name: 'Excel', extensions: ['xlsx'] },
      });
      expect(first).toBe(join(dir, EXPORT_FOLDER, '修改留痕.xlsx'));
      writeFileSync(first!, 'x');
      expect(
        await dialogs.saveFile({
          title: '',
          defaultName: '修改留痕.xlsx',
          filter: { name: 'Excel', extensions: ['xlsx'] },
        }),
      ).toBe(join(dir, EXPORT_FOLDER, '修改留痕（2）.xlsx'));
      expect(
        await dialogs.saveFile({
          title: '',
          defaultName: '../../逃出.xlsx',
          filter: { name: 'Excel', extensions: ['xlsx'] },
        }),
      ).toBe(join(dir, EXPORT_FOLDER, '逃出.xlsx'));
      expect(await dialogs.pickFolder({ title: '' })).toBe(join(dir, EXPORT_FOLDER));
      expect(existsSync(join(dir, EXPORT_FOLDER))).toBe(true);
      expect(told).toContain(`浏览器方式不能弹出保存对话框，保存为：${join(dir, EXPORT_FOLDER, '修改留痕（2）.xlsx')}`);
      await expect(dialogs.openFile({ title: '', filter: { name: 'Excel', extensions: ['xlsx'] } })).rejects.toThrow(
        /浏览器方式不能弹出/,
      );
    } finally {
      cleanup();
    }
  });
});
