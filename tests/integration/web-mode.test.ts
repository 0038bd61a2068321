/**
 * `npm run start:web`'s entry point as a real process: one `URL:` line on stdout and nothing else, the ledger
 * kept in the data folder across restarts (a new token each launch), the desktop app's user folder by default,
 * and clear Chinese refusals. The Playwright harness refuses to run on a folder outside the OS temp folder.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { userDataDir } from '../../electron/core/paths.ts';
import { http } from '../helpers/raw-http.ts';
import { tempDir } from '../helpers/temp-core.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const URL_LINE = /^URL: http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]{43})$/;

interface Running {
  child: ChildProcess;
  port: number;
  token: string;
  stdout: () => string;
  stderr: () => string;
}

const started: ChildProcess[] = [];
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of started.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
  cleanups.splice(0).forEach((c) => c());
});

function run(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
): { child: ChildProcess; out: { stdout: string; stderr: string }; exited: Promise<number | null> } {
  const base = { ...process.env };
  delete base.TOWN_LEDGER_DB;
  delete base.E2E_TOKEN;
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: root,
    env: { ...base, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  const out = { stdout: '', stderr: '' };
  child.stdout!.on('data', (d) => (out.stdout += String(d)));
  child.stderr!.on('data', (d) => (out.stderr += String(d)));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, out, exited };
}

async function startWeb(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Running> {
  const { child, out, exited } = run('electron/web/index.ts', [...args, '--port', '0', '--no-open'], env);
  let code: number | null | undefined;
  void exited.then((c) => (code = c));
  for (let i = 0; i < 300 && !out.stdout.includes('\n'); i++) {
    if (code !== undefined) throw new Error(`浏览器方式未能启动（退出码 ${code}）：${out.stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const m = URL_LINE.exec(out.stdout.split('\n')[0]!);
  if (!m) throw new Error(`stdout 的第一行不是 URL：${out.stdout}`);
  return { child, port: Number(m[1]), token: m[2]!, stdout: () => out.stdout, stderr: () => out.stderr };
}

async function stop(r: Running): Promise<number | null> {
  const done = new Promise<number | null>((ok) => r.child.on('exit', (code) => ok(code)));
  r.child.kill('SIGTERM');
  return done;
}

const rpc = async (r: Running, channel: string, input: unknown) => {
  const reply = await http(
    r.port,
    'POST',
    `/rpc/${channel}`,
    { 'content-type': 'application/json', 'x-town-ledger-token': r.token },
    JSON.stringify(input),
  );
  expect(reply.status).toBe(200);
  return JSON.parse(reply.body) as { ok: boolean; data: unknown };
};

// Each launch is a fresh tsx process that compiles the core: seconds each on a busy machine.
describe('npm run start:web (electron/web/index.ts)', { timeout: 120_000 }, () => {
  it('prints exactly one URL line, and the ledger in --data survives a restart (with a new token)', async () => {
    const { dir, cleanup } = tempDir('web-mode-');
    cleanups.push(cleanup);
    const first = await startWeb(['--data', dir]);
    // Whatever the start-up does after listening, stdout keeps only that line.
    await new Promise((r) => setTimeout(r, 500));
    expect(first.stdout()).toBe(`URL: http://127.0.0.1:${first.port}/?token=${first.token}\n`);
    expect(existsSync(join(dir, 'town-ledger.db'))).toBe(true);
    // First run: the 管理员 is set up and signed in (every launch starts signed out).
    expect(
      (
        await rpc(first, 'app:onboard', {
          mode: 'empty',
          townName: '蒲州镇',
          fiscalYear: 2026,
          adminName: '王管理',
          adminPassword: '王管理2026',
        })
      ).ok,
    ).toBe(true);
    const created = await rpc(first, 'projects:create', {
      name: '重启后仍在的项目',
      planYear: 2026,
      location: '镇区',
      scope: '内容',
      totalWan: '12.34',
    });
    expect(created.ok).toBe(true);
    expect(await stop(first)).toBe(0);

    const second = await startWeb(['--data', dir]);
    expect(second.token).not.toBe(first.token);
    // The old token no longer opens anything.
    expect(
      (
        await http(
          second.port,
          'POST',
          '/rpc/projects:list',
          { 'content-type': 'application/json', 'x-town-ledger-token': first.token },
          '{}',
        )
      ).status,
    ).toBe(403);
    expect((await rpc(second, 'projects:list', {})).ok).toBe(false); // a new launch starts signed out
    const [admin] = (await rpc(second, 'operators:list', {})).data as { id: number }[];
    expect((await rpc(second, 'session:login', { operatorId: admin!.id, password: '王管理2026' })).ok).toBe(true);
    const list = await rpc(second, 'projects:list', {});
    expect(
      (list.data as { name: string; totalFen: number }[]).find((p) => p.name === '重启后仍在的项目'),
    ).toMatchObject({ totalFen: 12_340_000 });
    expect(await stop(second)).toBe(0);
  });

  it("keeps the ledger in the desktop app's user folder when no --data is given", async () => {
    const { dir, cleanup } = tempDir('web-mode-home-');
    cleanups.push(cleanup);
    const r = await startWeb([], { XDG_CONFIG_HOME: dir, APPDATA: dir, HOME: dir });
    const expected = join(
      userDataDir('乡镇建设项目台账', { XDG_CONFIG_HOME: dir, APPDATA: dir }, process.platform, dir),
      'town-ledger.db',
    );
    expect(existsSync(expected)).toBe(true);
    expect(r.stderr()).toContain(expected);
    await stop(r);
  });

  it('refuses a taken port and an unknown argument in Chinese, without a stack trace', async () => {
    const { dir, cleanup } = tempDir('web-mode-port-');
    cleanups.push(cleanup);
    const first = await startWeb(['--data', join(dir, 'a')]);
    const taken = run('electron/web/index.ts', ['--data', join(dir, 'b'), '--port', String(first.port), '--no-open']);
    expect(await taken.exited).toBe(1);
    expect(taken.out.stderr).toContain(`端口 ${first.port} 已被占用`);
    expect(taken.out.stderr).not.toMatch(/\n\s+at /);
    expect(taken.out.stdout).toBe('');
    const bad = run('electron/web/index.ts', ['--db', join(dir, 'x.db'), '--no-open']);
    expect(await bad.exited).toBe(2);
    expect(bad.out.stderr).toContain('不认识的参数：--db');
    expect(existsSync(join(dir, 'x.db'))).toBe(false);
    // --data given the ledger file instead of its folder: wrong usage, said in Chinese (was EEXIST … mkdir, exit 1)
    const file = join(dir, 'town-ledger.db');
    writeFileSync(file, '');
    const asFile = run('electron/web/index.ts', ['--data', file, '--port', '0', '--no-open']);
    expect(await asFile.exited).toBe(2);
    expect(asFile.out.stderr).toContain(`--data 应为存放台账的文件夹，“${file}”是一个文件`);
    expect(asFile.out.stderr).not.toMatch(/EEXIST|mkdir/);
    await stop(first);
  });
});

describe('userDataDir', () => {
  it('resolves the folder Electron gives the desktop app', () => {
    expect(userDataDir('台账', { APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'win32', 'C:\\Users\\u')).toBe(
      join('C:\\Users\\u\\AppData\\Roaming', '台账'),
    );
    expect(userDataDir('台账', {}, 'linux', '/home/u')).toBe('/home/u/.config/台账');
    expect(userDataDir('台账', { XDG_CONFIG_HOME: '/x/cfg' }, 'linux', '/home/u')).toBe('/x/cfg/台账');
    expect(userDataDir('台账', {}, 'darwin', '/Users/u')).toBe('/Users/u/Library/Application Support/台账');
  });
});

describe('the Playwright harness', { timeout: 60_000 }, () => {
  it('refuses to open a ledger outside the OS temp folder', async () => {
    // Outside the OS temp folder even when the checkout itself lies in it (a CI clone under /tmp): then the home folder.
    const base = realpathSync(root).startsWith(realpathSync(tmpdir()) + sep) ? homedir() : root;
    const outside = join(base, '.tmp', `harness-refusal-${process.pid}`);
    mkdirSync(join(base, '.tmp'), { recursive: true });
    cleanups.push(() => rmSync(outside, { recursive: true, force: true }));
    for (const args of [
      ['--db', join(outside, 'town-ledger.db')],
      ['--data', outside],
    ]) {
      const h = run('tests/harness/core-server.ts', [...args, '--port', '0']);
      expect(await h.exited).toBe(2);
      expect(h.out.stderr).toContain('测试服务只在系统临时文件夹');
      expect(existsSync(outside)).toBe(false);
    }
  });
});
