// Issue 15 "Trust", deliverable 2: roles enforced in the core for every channel, whatever the caller.
// Real SQLite: every table is hashed before and after each refused call.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/main.ts';
import { CHANNELS, type Channel } from '../../shared/ipc/channels.ts';
import { mutates } from '../../shared/ipc/contract.ts';
import { CHANNEL_PERMISSIONS, WRITE_PERMISSIONS, writes } from '../../shared/ipc/permissions.ts';
import { handleCall } from '../../electron/core/handle-call.ts';
import { cleanupAll, tempCore, tempDbFile, type TempCore } from '../helpers/temp-core.ts';

const WRITE_CHANNELS = CHANNELS.filter(writes);
/** Inputs from plausible to garbage: the refusal must not depend on them. */
const INPUTS: unknown[] = [
  undefined,
  {},
  null,
  'garbage',
  42,
  [1, 2],
  { id: 1 },
  { name: '某单位' },
  { period: '2017-09' },
  { name: 'x.db' },
  { __proto__: { polluted: 1 } },
];

function ledgerHash(t: TempCore): string {
  const sql = t.core.ctx.db.sqlite;
  const tables = sql.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as {
    name: string;
  }[];
  const h = createHash('sha256');
  // Rows sorted as text: some tables have no rowid.
  for (const { name } of tables)
    h.update(name).update(
      JSON.stringify(
        (sql.prepare(`SELECT * FROM "${name}"`).raw().all() as unknown[]).map((r) => JSON.stringify(r)).sort(),
      ),
    );
  return h.digest('hex');
}
const files = (dir: string) => (existsSync(dir) ? readdirSync(dir, { recursive: true }).map(String).sort() : []);

describe('the permission matrix', () => {
  it('classifies every channel of the contract, and every mutates channel needs a write permission', () => {
    expect(Object.keys(CHANNEL_PERMISSIONS).sort()).toEqual([...CHANNELS].sort());
    const unsafe = CHANNELS.filter((c) => mutates(c) && !WRITE_PERMISSIONS.includes(CHANNEL_PERMISSIONS[c]));
    expect(unsafe).toEqual([]);
    // The channels that write without the mutates flag are classified as writes too.
    expect(WRITE_CHANNELS).toEqual(
      expect.arrayContaining([
        'backups:create',
        'app:onboard',
        'backups:restore',
        'backups:undoRestore',
        'recovery:restore',
      ]),
    );
  });
});

describe('as 领导 and signed out, every write channel is refused with FORBIDDEN before its input, changing nothing', () => {
  let t: TempCore;
  let backupsBefore: string[];
  beforeAll(async () => {
    t = await tempCore({ role: '管理员' });
    await t.ok('app:onboard', { mode: 'demo', adminName: '王管理', adminPassword: '王管理2017' });
    await t.ok('backups:create', { target: 'auto' });
    backupsBefore = files(t.core.ctx.paths.backupsDir);
  });
  afterAll(() => t.cleanup());

  for (const who of ['领导', 'signed-out'] as const) {
    it(`${who}: ${WRITE_CHANNELS.length} write channels × ${INPUTS.length} inputs`, async () => {
      if (who === '领导') await t.signIn('领导', '赵书记');
      else await t.ok('session:logout', {});
      const before = ledgerHash(t);
      const wrong: string[] = [];
      // The 领导's one write is their own 批示 (permission 'instruct', tests/integration/instructions.test.ts).
      for (const channel of WRITE_CHANNELS.filter(
        (c) => who === 'signed-out' || CHANNEL_PERMISSIONS[c] !== 'instruct',
      )) {
        for (const input of INPUTS) {
          const r = await handleCall(t.core, channel, input);
          if (r.ok || r.error.code !== 'FORBIDDEN' || !/[\u4e00-\u9fff]/.test(r.error.message))
            wrong.push(`${channel} ${JSON.stringify(input)} → ${JSON.stringify(r).slice(0, 160)}`);
        }
      }
      expect(wrong).toEqual([]);
      expect(ledgerHash(t)).toBe(before);
      expect(files(t.core.ctx.paths.backupsDir)).toEqual(backupsBefore);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  }

  it('signed out, only the sign-in and first-run screens answer: everything else is FORBIDDEN', async () => {
    await t.ok('session:logout', {});
    const answered = CHANNELS.filter((c) => {
      const p = CHANNEL_PERMISSIONS[c];
      return p === 'public';
    });
    expect(answered).toEqual([
      'app:info',
      'operators:list',
      'session:login',
      'session:logout',
      'session:current',
      'recovery:status',
    ]);
    for (const channel of CHANNELS.filter((c) => !answered.includes(c))) {
      const r = await handleCall(t.core, channel, {});
      expect(!r.ok && r.error.code, channel).toBe('FORBIDDEN');
    }
    const ops = await t.ok('operators:list', {});
    expect(JSON.stringify(ops)).not.toMatch(/scrypt|password/);
  });

  it('a 领导 reads, prints and exports, and keeps their own column choice', async () => {
    await t.signIn('领导', '赵书记');
    for (const [channel, input] of [
      ['projects:list', {}],
      ['figures:period', { period: '2017-09' }],
      ['history:list', {}],
      ['reports:render', { doc: 'progress', period: '2017-09' }],
      ['backups:list', {}],
      ['audit:verify', {}],
      ['settings:setUi', { key: 'ledger.columns', value: ['name'] }],
    ] as const) {
      const r = await t.call(channel as Channel, input as never);
      expect(r.ok || r.error.code !== 'FORBIDDEN', `${channel} ${JSON.stringify(r).slice(0, 200)}`).toBe(true);
    }
  });
});

describe('what each role may not do', () => {
  let t: TempCore;
  afterEach(() => t.cleanup());

  it('a 录入员 edits, but cannot close or reopen a month, restore, manage operators, change the light rules or delete an attachment for good', async () => {
    t = await tempCore({ role: '管理员' });
    await t.ok('app:onboard', { mode: 'demo' });
    const backup = await t.ok('backups:create', { target: 'auto' });
    await t.signIn('录入员');
    const before = ledgerHash(t);
    for (const [channel, input] of [
      ['periods:close', { period: '2017-09' }],
      ['periods:reopen', { period: '2017-09', reason: '更正' }],
      ['backups:restore', { name: backup.name }],
      ['backups:undoRestore', {}],
      ['operators:save', { name: '新人', role: '管理员', password: '123456' }],
      ['operators:remove', { id: 1 }],
      ['attachments:remove', { id: 1 }],
      ['lights:rules:save', {}],
    ] as const) {
      const r = await t.call(channel as Channel, input as never);
      expect(!r.ok && r.error.code, channel).toBe('FORBIDDEN');
      expect(!r.ok && r.error.message, channel).toMatch(
        /^只有(审核人或管理员|管理员)可以.+（当前操作员“测试录入员”为录入员）$/,
      );
    }
    expect(ledgerHash(t)).toBe(before);
    // …and does edit.
    const p = (await t.ok('projects:list', {}))[0]!;
    await t.ok('projects:update', { id: p.id, patch: { status: '停工' } });
    await t.ok('projects:delete', { id: p.id });
    await t.ok('projects:restore', { id: p.id });
  });

  it('an 审核人 closes a month but manages no operators and restores nothing; the 管理员 does', async () => {
    t = await tempCore({ role: '管理员' });
    await t.ok('app:onboard', { mode: 'demo' });
    await t.signIn('管理员', '王管理'); // in the backup: a restore never leaves a ledger that signs in without one
    const backup = await t.ok('backups:create', { target: 'auto' });
    await t.signIn('审核人');
    expect((await t.ok('periods:close', { period: '2017-09' })).closedBy).toBe('测试审核人');
    for (const channel of ['operators:save', 'backups:restore'] as const) {
      const r = await t.call(
        channel,
        (channel === 'backups:restore'
          ? { name: backup.name }
          : { name: '新人', role: '领导', password: '123456' }) as never,
      );
      expect(!r.ok && r.error.code, channel).toBe('FORBIDDEN');
    }
    await t.signIn('管理员', '王管理');
    await t.ok('operators:save', { id: null, name: '新人', role: '领导', password: '123456' });
    await t.ok('backups:restore', { name: backup.name });
  });

  it('the first run is open only while the ledger has no 管理员', async () => {
    t = await tempCore({ role: null });
    expect(await t.ok('session:current', {})).toMatchObject({ loggedIn: false, role: null });
    expect((await t.ok('app:info', {})).needsAdmin).toBe(true);
    const noAdmin = await t.call('app:onboard', { mode: 'empty' });
    expect(!noAdmin.ok && noAdmin.error.message).toBe('请填写乡镇名称；请填写年度；请填写管理员姓名');
    const weak = await t.call('app:onboard', {
      mode: 'empty',
      townName: '蒲州镇',
      fiscalYear: 2017,
      adminName: '王管理',
      adminPassword: '123',
    });
    expect(!weak.ok && weak.error.message).toBe('密码至少6个字符');
    expect((await t.ok('operators:list', {})).length).toBe(0);
    const info = await t.ok('app:onboard', {
      mode: 'empty',
      townName: '蒲州镇',
      fiscalYear: 2017,
      adminName: '王管理',
      adminPassword: '王管理2017',
    });
    expect(info).toMatchObject({ townName: '蒲州镇', needsAdmin: false, needsOnboarding: false, operator: '王管理' });
    expect(await t.ok('session:current', {})).toMatchObject({ operator: '王管理', role: '管理员', loggedIn: true });
    expect(await t.ok('settings:get', {})).toMatchObject({ townName: '蒲州镇', fiscalYear: 2017 });
    await t.ok('session:logout', {});
    const again = await t.call('app:onboard', {
      mode: 'demo',
      townName: '某镇',
      fiscalYear: 2018,
      adminName: '冒名',
      adminPassword: '冒名冒名冒名',
    });
    expect(!again.ok && again.error.code).toBe('FORBIDDEN');
    expect((await t.ok('operators:list', {})).map((o) => o.name)).toEqual(['王管理']);
  });

  it("the first run with the sample applies the town and year given over the sample's settings", async () => {
    t = await tempCore({ role: null });
    const info = await t.ok('app:onboard', {
      mode: 'demo',
      townName: '蒲州镇',
      fiscalYear: 2018,
      adminName: '王管理',
      adminPassword: '王管理2017',
    });
    expect(info).toMatchObject({ townName: '蒲州镇', needsAdmin: false, operator: '王管理' });
    expect((await t.ok('settings:get', {})).fiscalYear).toBe(2018);
    expect((await t.ok('stats:summary', {})).projects).toBeGreaterThan(0);
  });

  it('outside recovery mode, recovery:restore needs the 管理员 like any restore', async () => {
    t = await tempCore({ role: null });
    const r = await t.call('recovery:restore', { name: 'town-ledger-2017-10-08.db' });
    expect(!r.ok && r.error.code).toBe('FORBIDDEN');
  });
});

describe('CLI: user add, channels, call, init --admin', () => {
  afterEach(() => {
    delete process.env.TOWN_LEDGER_PASSWORD;
    cleanupAll();
  });
  async function cli(...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('init --admin, user add, and call as each role or signed out, through the same dispatcher', async () => {
    const db = tempDbFile();
    expect((await cli('init', '--db', db, '--admin', '王管理', '--json')).code).toBe(2); // no password in the environment
    process.env.TOWN_LEDGER_PASSWORD = '王管理2017';
    const init = await cli('init', '--db', db, '--town', '蒲州镇', '--year', '2017', '--admin', '王管理', '--json');
    expect(init.code).toBe(0);
    expect(JSON.parse(init.out)).toMatchObject({ townName: '蒲州镇', fiscalYear: 2017, admin: '王管理' });
    expect((await cli('init', '--db', db, '--admin', '又一位', '--json')).code).toBe(1);
    process.env.TOWN_LEDGER_PASSWORD = '赵书记2017';
    const add = await cli('user', 'add', '赵书记', '--role', '领导', '--db', db, '--json');
    expect(add.code).toBe(0);
    expect(JSON.parse(add.out)).toMatchObject({ name: '赵书记', role: '领导', hasPassword: true });
    expect((await cli('user', 'add', '某人', '--role', '局长', '--db', db)).code).toBe(2);
    expect((await cli('user', 'add', '赵书记', '--role', '领导', '--db', db)).code).toBe(1); // duplicate name

    const asBoss = await cli('call', 'orgs:save', '{"name":"某单位"}', '--db', db, '--user', '赵书记', '--json');
    expect(asBoss.code).toBe(1);
    expect(JSON.parse(asBoss.out)).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: '当前操作员“赵书记”为领导（只读）角色，不能修改数据' },
    });
    expect(asBoss.err).toBe('错误：当前操作员“赵书记”为领导（只读）角色，不能修改数据');
    for (const input of ['{"name":"某单位"}', 'not json', '[]']) {
      const out = await cli('call', 'orgs:save', input, '--db', db, '--signed-out', '--json');
      expect(out.code).toBe(1);
      expect(JSON.parse(out.out)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    const read = await cli('call', 'orgs:list', '--db', db, '--user', '赵书记', '--json');
    expect(read.code).toBe(0);
    expect(JSON.parse(read.out)).toEqual({ ok: true, value: [] });
    process.env.TOWN_LEDGER_PASSWORD = '王管理2017';
    const asAdmin = await cli('call', 'orgs:save', '{"name":"某单位"}', '--db', db, '--user', '王管理', '--json');
    expect(asAdmin.code).toBe(0);
    expect(JSON.parse(asAdmin.out)).toMatchObject({ ok: true, value: { name: '某单位' } });
    const bad = await cli('call', 'orgs:save', '{"name":""}', '--db', db, '--user', '王管理', '--json');
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.out).error.code).toBe('VALIDATION');
    process.env.TOWN_LEDGER_PASSWORD = '错的';
    const wrongPw = await cli('call', 'orgs:list', '--db', db, '--user', '王管理', '--json');
    expect(wrongPw.code).toBe(1);
    expect(JSON.parse(wrongPw.out).error.message).toContain('密码不正确');
    expect((await cli('call', 'orgs:list', '--db', db, '--json')).code).toBe(2); // neither --user nor --signed-out
    expect((await cli('call', 'no:such', '--db', db, '--signed-out', '--json')).code).toBe(2);
    // The change log names the CLI's local administrator for init and user add.
    process.env.TOWN_LEDGER_PASSWORD = '王管理2017';
    const log = JSON.parse(
      (await cli('call', 'history:list', '{"entity":"operator"}', '--db', db, '--user', '王管理', '--json')).out,
    );
    expect(log.value.rows.map((r: { operator: string }) => r.operator)).toEqual(['命令行', '命令行']);
  });

  it('channels --json lists every channel with whether it writes', async () => {
    const r = await cli('channels', '--json');
    expect(r.code).toBe(0);
    const list = JSON.parse(r.out) as { name: string; writes: boolean }[];
    expect(list.map((c) => c.name)).toEqual([...CHANNELS]);
    expect(list.find((c) => c.name === 'projects:create')).toEqual({ name: 'projects:create', writes: true });
    expect(list.find((c) => c.name === 'projects:list')).toEqual({ name: 'projects:list', writes: false });
    expect(list.filter((c) => c.writes).map((c) => c.name)).toEqual(WRITE_CHANNELS);
  });
});
