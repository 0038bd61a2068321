/**
 * Faults at start, each named truly with its own Chinese message and its own safe action, and none replaced
 * or migrated without the file being kept: locked (a real second process holds an exclusive SQLite lock),
 * unreadable (a real permission problem: the app runs as another user than the file's owner), empty (0
 * bytes), foreign (a SQLite file without our tables), newer-version, damaged.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { handleCall as rawCall } from '../../../electron/core/handle-call.ts';
import type { Core } from '../../../electron/core/index.ts';
import { createCore, createCoreOrRecovery } from '../../../electron/core/index.ts';
import type { RecoveryStatus } from '../../../shared/schemas/safety.ts';
import { bundleScript } from '../../helpers/crash.ts';
import { tempCore, type TempCore } from '../../helpers/temp-core.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
let opener: Promise<string> | null = null;
const openerScript = () => (opener ??= bundleScript(resolve(ROOT, 'tests/helpers/open-ledger.ts'), 'open-ledger'));
const cleanups: (() => void)[] = [];
let t: TempCore | null = null;
afterEach(() => {
  cleanups.splice(0).forEach((c) => c());
  t?.cleanup();
  t = null;
});
afterAll(async () => {
  if (opener) rmSync(await opener, { force: true });
});

const fingerprint = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const log = () => {};
/** handleCall with the status channel's answer typed. */
const handleCall = rawCall as (
  core: Core,
  channel: string,
  input: unknown,
) => Promise<{ ok: true; data: RecoveryStatus } | { ok: false; error: { code: string; message: string } }>;

/** A ledger with data and one backup, closed: the file the faults are made of. */
async function ledgerWithBackup() {
  t = await tempCore({ role: '管理员' });
  await t.ok('app:onboard', { mode: 'demo' });
  await t.ok('backups:create', { target: 'auto' });
  t.core.close();
  return { file: t.file, dir: t.dir, backupsDir: join(t.dir, 'backups') };
}

async function expectFault(file: string, code: string, message: RegExp) {
  const err = await createCore({ dbPath: file, log, autoBackup: false }).then(
    (c) => (c.close(), null),
    (e: unknown) => e as { code: string; message: string },
  );
  expect(err, `${code} expected`).toMatchObject({ code, message: expect.stringMatching(message) });
  return err!;
}

describe('faults at start', () => {
  it(
    'locked: another process holds an exclusive lock → DB_LOCKED, retry only, no restore over it; opens once it is released',
    { timeout: 60_000 },
    async () => {
      const { file } = await ledgerWithBackup();
      const holder = spawn(
        process.execPath,
        [
          '-e',
          `const D=require('better-sqlite3');const db=new D(process.argv[1]);db.pragma('locking_mode = EXCLUSIVE');db.exec('BEGIN EXCLUSIVE');db.prepare('SELECT count(*) FROM project').get();process.stdout.write('locked\\n');process.stdin.on('data',()=>{db.exec('COMMIT');db.close();process.exit(0)})`,
          file,
        ],
        { cwd: ROOT },
      );
      cleanups.push(() => holder.kill('SIGKILL'));
      await new Promise<void>((done) => holder.stdout.once('data', () => done()));
      const before = fingerprint(file);

      const started = Date.now();
      await expectFault(file, 'DB_LOCKED', /正被另一个程序独占使用.*文件本身没有损坏.*请关闭那个程序后点“重试”/);
      expect(Date.now() - started).toBeLessThan(4000); // no 5-second freeze

      const rec = await createCoreOrRecovery({ dbPath: file, log, autoBackup: false, role: '管理员' });
      expect(rec.mode).toBe('recovery');
      const status = await handleCall(rec, 'recovery:status', {});
      expect(status.ok && status.data).toMatchObject({ mode: 'recovery', error: { code: 'DB_LOCKED' }, backups: [] });
      const backups = readdirSync(join(file, '..', 'backups')).filter((n) => n.endsWith('.db'));
      const restore = await handleCall(rec, 'recovery:restore', { name: backups[0]! });
      expect(!restore.ok && restore.error.message).toMatch(/台账文件没有损坏.*不能用备份覆盖它/);
      expect(fingerprint(file)).toBe(before);

      holder.stdin.write('go\n');
      await new Promise((done) => holder.once('exit', done));
      const again = await handleCall(rec, 'recovery:status', {});
      expect(again.ok && again.data.mode).toBe('normal');
      expect((await handleCall(rec, 'stats:summary', {})).ok).toBe(true);
      rec.close();
    },
  );

  it('unreadable: no permission to read the file → DB_UNREADABLE, retry only, the file untouched', async (ctx) => {
    const { file, dir } = await ledgerWithBackup();
    const before = fingerprint(file);
    let result: { ok: boolean; code?: string; message?: string };
    if (process.getuid?.() === 0) {
      // root reads everything: open it as an ordinary user, the way an office PC account would meet the file.
      chmodSync(dir, 0o777);
      chmodSync(file, 0o600);
      const script = await openerScript();
      // A checkout inside a private folder (`mktemp -d` is 0700) is out of that user's reach, the opener and
      // better-sqlite3 with it: the user cannot be played there, and the test says so instead of failing on it.
      if (spawnSync('test', ['-r', script], { uid: 65534, gid: 65534 }).status !== 0)
        return ctx.skip('普通用户进不了检出目录（其上级目录不对其他用户开放），无法扮演普通用户');
      const r = spawnSync(process.execPath, [script, file], {
        cwd: ROOT,
        uid: 65534,
        gid: 65534,
        encoding: 'utf8',
      });
      result = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as typeof result;
    } else {
      chmodSync(file, 0o000);
      cleanups.push(() => chmodSync(file, 0o600));
      result = await createCore({ dbPath: file, log, autoBackup: false }).then(
        () => ({ ok: true }),
        (e: { code: string; message: string }) => ({ ok: false, code: e.code, message: e.message }),
      );
    }
    expect(result).toMatchObject({
      ok: false,
      code: 'DB_UNREADABLE',
      message: expect.stringMatching(/无法读取台账文件.*没有读写权限.*文件本身可能完好.*不要用备份覆盖它/),
    });
    expect(fingerprint(file)).toBe(before);
  });

  it('empty: a 0-byte ledger → DB_EMPTY, never silently replaced; restoring keeps the empty file in 已隔离', async () => {
    const { file, backupsDir } = await ledgerWithBackup();
    writeFileSync(file, '');
    rmSync(`${file}-wal`, { force: true });
    await expectFault(file, 'DB_EMPTY', /是空的（0 字节）.*请从备份恢复/);
    expect(statSync(file).size).toBe(0); // not replaced by an empty ledger
    const rec = await createCoreOrRecovery({ dbPath: file, log, autoBackup: false, role: '管理员' });
    const status = await handleCall(rec, 'recovery:status', {});
    const newest = status.ok ? status.data.newestGood : null;
    expect(newest).toBeTruthy();
    expect((await handleCall(rec, 'recovery:restore', { name: newest! })).ok).toBe(true);
    expect((await handleCall(rec, 'stats:summary', {})).ok && rec.mode).toBe('normal');
    const aside = readdirSync(join(backupsDir, '已隔离'));
    expect(aside.some((n) => n.includes('空的数据库文件'))).toBe(true);
    rec.close();
  });

  it('empty with no backup at all (a first start that stopped early): the empty file is kept in 已隔离 and a new ledger begun', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-empty-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'ledger.db');
    writeFileSync(file, '');
    const core = await createCore({ dbPath: file, log, autoBackup: false });
    core.close();
    // What the start did is said (a restarted core host tells the window: no 台账保持操作前的样子 over a new ledger).
    expect(core.started).toEqual([
      {
        kind: 'new-ledger',
        message: expect.stringMatching(/^台账文件是空的（0 字节），且没有任何备份：.*并新建了空白台账。$/),
      },
    ]);
    expect(readdirSync(join(dir, 'backups', '已隔离')).some((n) => n.includes('空的数据库文件'))).toBe(true);
    expect(statSync(file).size).toBeGreaterThan(0);
  });

  it('foreign: a SQLite file without our tables → DB_FOREIGN naming its tables; not migrated, not changed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-foreign-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'ledger.db');
    const db = new Database(file);
    db.exec(
      `CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers (name) VALUES ('张三'); CREATE TABLE orders (id INTEGER PRIMARY KEY)`,
    );
    db.close();
    const before = fingerprint(file);
    await expectFault(
      file,
      'DB_FOREIGN',
      /是一个 SQLite 数据库，但不是本软件的台账（其中的表：customers、orders）.*不会修改它/,
    );
    expect(fingerprint(file)).toBe(before);
    expect(existsSync(`${file}-wal`)).toBe(false);
    const check = new Database(file, { readonly: true });
    expect(check.prepare(`SELECT name FROM sqlite_schema WHERE name = 'schema_migration'`).get()).toBeUndefined();
    expect(check.pragma('journal_mode', { simple: true })).toBe('delete');
    check.close();
  });

  it('newer version: DB_FROM_FUTURE, untouched', async () => {
    const { file } = await ledgerWithBackup();
    const db = new Database(file);
    db.exec(`INSERT INTO schema_migration VALUES ('9999_from_a_newer_version', '2030-01-01T00:00:00Z')`);
    db.close();
    const before = fingerprint(file);
    await expectFault(file, 'DB_FROM_FUTURE', /由更新版本的本软件创建.*请安装最新版本后再打开/);
    expect(fingerprint(file)).toBe(before);
  });

  it('damaged: DB_DAMAGED, untouched; the recovery screen offers the newest good backup', async () => {
    const { file } = await ledgerWithBackup();
    const bytes = readFileSync(file);
    bytes.write('this is not the sqlite header', 0, 'latin1');
    writeFileSync(file, bytes);
    rmSync(`${file}-wal`, { force: true });
    rmSync(`${file}-shm`, { force: true });
    const before = fingerprint(file);
    await expectFault(file, 'DB_DAMAGED', /已损坏/);
    expect(fingerprint(file)).toBe(before);
    const rec = await createCoreOrRecovery({ dbPath: file, log, autoBackup: false, role: '管理员' });
    expect(rec.started).toEqual([{ kind: 'cannot-open', message: expect.stringMatching(/已损坏/) }]);
    const status = await handleCall(rec, 'recovery:status', {});
    expect(status.ok && status.data.newestGood).toMatch(/-手动\.db$/);
    rec.close();
  });
});

describe('busy while running', () => {
  it(
    'a write while another process holds the write lock answers 台账正被另一个程序使用 within about a second, nothing written',
    { timeout: 60_000 },
    async () => {
      t = await tempCore({ role: '管理员' });
      await t.ok('app:onboard', { mode: 'demo' });
      const count = (await t.ok('stats:summary', {})).projects;
      const holder = spawn(
        process.execPath,
        [
          '-e',
          `const D=require('better-sqlite3');const db=new D(process.argv[1]);db.exec('BEGIN IMMEDIATE');process.stdout.write('holding\\n');process.stdin.on('data',()=>{db.exec('ROLLBACK');db.close();process.exit(0)})`,
          t.file,
        ],
        { cwd: ROOT },
      );
      cleanups.push(() => holder.kill('SIGKILL'));
      await new Promise<void>((done) => holder.stdout.once('data', () => done()));
      const started = Date.now();
      const r = await t.call('projects:create', {
        name: '占用时新增',
        planYear: 2017,
        location: '镇区',
        scope: '测试用',
        totalWan: '1',
      });
      const waitedMs = Date.now() - started;
      expect(!r.ok && r.error).toMatchObject({
        code: 'CONFLICT',
        message: expect.stringMatching(/^台账正被另一个程序使用，请稍后再试/),
      });
      expect(waitedMs).toBeLessThan(3000);
      expect((await t.ok('stats:summary', {})).projects).toBe(count); // reading is not blocked, and nothing was written
      holder.stdin.write('go\n');
      await new Promise((done) => holder.once('exit', done));
      expect(
        (
          await t.call('projects:create', {
            name: '释放后新增',
            planYear: 2017,
            location: '镇区',
            scope: '测试用',
            totalWan: '1',
          })
        ).ok,
      ).toBe(true);
    },
  );
});

describe('a commit that fails while being written', () => {
  it(
    'is reported as 未保存 and is undone on screen and on disk, even when the process dies right after',
    { timeout: 120_000 },
    async () => {
      t = await tempCore({ role: '管理员' });
      await t.ok('app:onboard', { mode: 'demo' });
      const before = (await t.ok('stats:summary', {})).projects;
      t.core.close();
      // The file-size limit sits a little above today's ledger: the big transaction's WAL cannot fit under it.
      const limitKb = Math.ceil(statSync(t.file).size / 1024) + 256;
      const script = await bundleScript(resolve(ROOT, 'tests/helpers/commit-failure.ts'), 'commit-failure');
      cleanups.push(() => rmSync(script, { force: true }));
      const r = spawnSync(
        'bash',
        ['-c', `ulimit -f ${limitKb}; exec "$0" "$@"`, process.execPath, script, t.file, '20000'],
        { cwd: ROOT, encoding: 'utf8' },
      );
      expect(r.signal).toBe('SIGKILL');
      const out = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as {
        error: { message: string } | null;
        sqliteCode: string;
        visibleAfter: number;
        walBytes: number;
      };
      expect(out.sqliteCode).toMatch(/^SQLITE_(IOERR|FULL)/);
      expect(out.error?.message).toMatch(/未保存/);
      expect(out.visibleAfter).toBe(0); // what the screen reads right after: the change is not there
      expect(out.walBytes).toBe(0); // the failed frames were discarded from disk at once (TRUNCATE checkpoint)

      await t.reopen();
      expect((await t.ok('stats:summary', {})).projects).toBe(before);
      const names = t.core.ctx.db.sqlite
        .prepare(`SELECT count(*) AS n FROM project WHERE name LIKE '写入失败%'`)
        .get() as { n: number };
      expect(names.n).toBe(0);
      expect(t.core.ctx.db.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    },
  );
});
