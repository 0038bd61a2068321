// Operators and sign-in. Rewritten when sign-in became enforced: passwords are now required for everyone,
// operators are managed by the 管理员 only, and the old "first operator must not be a 领导" / "keep a writer"
// rules became "keep a 管理员" (the first 管理员 is created by the first run).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempCore, type TempCore } from '../helpers/temp-core.ts';

let t: TempCore;
let clock = new Date('2017-10-08T09:00:00+08:00');
beforeEach(async () => {
  clock = new Date('2017-10-08T09:00:00+08:00');
  t = await tempCore({ role: '管理员', operator: '命令行', now: () => clock });
});
afterEach(() => t.cleanup());

const count = (table: string) =>
  (t.core.ctx.db.sqlite.prepare(`SELECT count(*) n FROM ${table}`).get() as { n: number }).n;

async function refused(channel: Parameters<TempCore['call']>[0], input: unknown, message: RegExp, code?: string) {
  const before = [count('operator'), count('change_log')];
  const r = await t.call(channel, input as never);
  expect(r.ok).toBe(false);
  if (!r.ok) expect(r.error.message).toMatch(message);
  if (!r.ok && code) expect(r.error.code).toBe(code);
  expect([count('operator'), count('change_log')]).toEqual(before);
}

describe('操作员与登录', () => {
  it('sign-in sets who writes the change log; sign-out leaves a session that reads nothing', async () => {
    const a = await t.ok('operators:save', { name: '郑晓明', role: '录入员', password: '郑晓明2017' });
    expect(await t.ok('session:login', { operatorId: a.id, password: '郑晓明2017' })).toEqual({
      operatorId: a.id,
      operator: '郑晓明',
      role: '录入员',
      loggedIn: true,
    });
    await t.ok('orgs:save', { name: '蒲州镇城建办' });
    const h = await t.ok('history:list', {});
    expect(h.rows[0]).toMatchObject({ operator: '郑晓明', entityLabel: '组织单位', action: '新增' });
    expect(h.rows[1]).toMatchObject({ operator: '命令行', entityLabel: '操作员' });
    expect(await t.ok('session:logout', {})).toEqual({
      operatorId: null,
      operator: '未登录',
      role: null,
      loggedIn: false,
    });
    const r = await t.call('orgs:list', {});
    expect(!r.ok && r.error).toEqual({ code: 'FORBIDDEN', message: '尚未登录，请先选择操作员并输入密码登录' });
    // What the sign-in screen needs still answers: names and roles, never a hash.
    expect((await t.ok('operators:list', {})).map((o) => o.name)).toEqual(['郑晓明']);
  });

  it('a 领导 cannot write through any channel, but can read and switch back', async () => {
    const clerk = await t.ok('operators:save', { name: '郑晓明', role: '录入员', password: '郑晓明2017' });
    const boss = await t.ok('operators:save', { name: '赵建国', role: '领导', password: '赵建国2017' });
    await t.ok('session:login', { operatorId: boss.id, password: '赵建国2017' });
    const before = count('change_log');
    for (const [channel, input] of [
      ['orgs:save', { name: '某单位' }],
      ['tasks:loadTemplate', { template: 'suixian' }],
      ['settings:save', { townName: '蒲州镇', filler: '蒲州镇人民政府', fiscalYear: 2017 }],
      ['operators:save', { name: '新人', role: '录入员' }],
      ['projects:create', { name: '某项目', planYear: 2017, location: '镇区', scope: '内容', totalWan: '1' }],
    ] as const) {
      const r = await t.call(channel, input as never);
      expect(r.ok, channel).toBe(false);
      if (!r.ok)
        expect(r.error).toMatchObject({
          code: 'FORBIDDEN',
          message: '当前操作员“赵建国”为领导（只读）角色，不能修改数据',
        });
    }
    expect(count('change_log')).toBe(before);
    expect(await t.ok('orgs:list', {})).toEqual([]);
    await t.ok('session:login', { operatorId: clerk.id, password: '郑晓明2017' });
    await t.ok('orgs:save', { name: '某单位' });
  });

  it('passwords are required, hashed with a salt, never returned, and checked at sign-in', async () => {
    await refused('operators:save', { name: '吴海涛', role: '审核人' }, /请为“吴海涛”设置登录密码/);
    await refused('operators:save', { name: '吴海涛', role: '审核人', password: '12345' }, /密码至少6个字符/);
    const a = await t.ok('operators:save', { name: '吴海涛', role: '审核人', password: '蒲州2017' });
    expect(a).toEqual({ id: a.id, name: '吴海涛', role: '审核人', hasPassword: true, createdAt: expect.any(String) });
    const stored = (t.core.ctx.db.sqlite.prepare('SELECT password_hash h FROM operator').get() as { h: string }).h;
    expect(stored).toMatch(/^scrypt\$[0-9a-f]{32}\$[0-9a-f]{64}$/);
    expect(stored).not.toContain('蒲州2017');
    expect(JSON.stringify(await t.ok('operators:list', {}))).not.toContain('scrypt');
    const noPw = await t.call('session:login', { operatorId: a.id });
    expect(!noPw.ok && noPw.error.message).toBe('请输入“吴海涛”的密码');
    const wrong = await t.call('session:login', { operatorId: a.id, password: '123' });
    expect(!wrong.ok && wrong.error.message).toBe('密码不正确（再输错4次，账户将锁定15分钟）');
    expect((await t.ok('session:login', { operatorId: a.id, password: '蒲州2017' })).operator).toBe('吴海涛');
    await t.ok('session:logout', {});
    await t.ok('session:current', {});
    // Editing without a new password keeps the old one; a password cannot be removed.
    t.core.ctx.session = { operatorId: null, operator: '命令行', role: '管理员' };
    expect((await t.ok('operators:save', { id: a.id, name: '吴海涛', role: '审核人' })).hasPassword).toBe(true);
    await refused(
      'operators:save',
      { id: a.id, name: '吴海涛', role: '审核人', removePassword: true },
      /每位操作员都须有登录密码/,
    );
  });

  it('5 wrong passwords lock the account for 15 minutes, kept across restarts; the message says until when (Beijing time)', async () => {
    const a = await t.ok('operators:save', { name: '吴海涛', role: '审核人', password: '蒲州2017' });
    for (let i = 1; i <= 4; i++) {
      const r = await t.call('session:login', { operatorId: a.id, password: `错${i}` });
      expect(!r.ok && r.error.message).toBe(`密码不正确（再输错${5 - i}次，账户将锁定15分钟）`);
    }
    const fifth = await t.call('session:login', { operatorId: a.id, password: '错5' });
    expect(!fifth.ok && fifth.error).toMatchObject({
      code: 'FORBIDDEN',
      message: '密码不正确。“吴海涛”已连续5次输错密码，账户锁定至2017年10月8日 09:15（北京时间）',
    });
    // Restarting does not lift the lock; even the right password is refused until then.
    await t.reopen();
    clock = new Date('2017-10-08T09:14:00+08:00');
    const locked = await t.call('session:login', { operatorId: a.id, password: '蒲州2017' });
    expect(!locked.ok && locked.error).toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringContaining('账户锁定至2017年10月8日 09:15（北京时间）'),
    });
    expect((await t.ok('session:current', {})).operator).toBe('命令行');
    // After the lock: a fresh count, and the right password signs in and clears it.
    clock = new Date('2017-10-08T09:15:01+08:00');
    const again = await t.call('session:login', { operatorId: a.id, password: '错6' });
    expect(!again.ok && again.error.message).toBe('密码不正确（再输错4次，账户将锁定15分钟）');
    expect((await t.ok('session:login', { operatorId: a.id, password: '蒲州2017' })).operator).toBe('吴海涛');
    expect(
      t.core.ctx.db.sqlite.prepare('SELECT failed_logins, locked_until FROM operator WHERE id = ?').get(a.id),
    ).toEqual({ failed_logins: 0, locked_until: null });
  });

  it('a new password set by the 管理员 lifts a lock', async () => {
    const a = await t.ok('operators:save', { name: '吴海涛', role: '审核人', password: '蒲州2017' });
    for (let i = 0; i < 5; i++) await t.call('session:login', { operatorId: a.id, password: 'wrong!' });
    await t.ok('operators:save', { id: a.id, name: '吴海涛', role: '审核人', password: '新密码2017' });
    expect((await t.ok('session:login', { operatorId: a.id, password: '新密码2017' })).operator).toBe('吴海涛');
  });

  it('rejects duplicate names and unknown roles, and keeps at least one 管理员', async () => {
    await refused('operators:save', { name: '', role: '录入员', password: '123456' }, /请填写操作员姓名/);
    await refused(
      'operators:save',
      { name: '赵建国', role: '组长', password: '123456' },
      /角色应为：录入员、审核人、领导、管理员/,
    );
    const admin = await t.ok('operators:save', { name: '王管理', role: '管理员', password: '王管理2017' });
    const a = await t.ok('operators:save', { name: '郑晓明', role: '录入员', password: '郑晓明2017' });
    await refused('operators:save', { name: '郑晓明', role: '审核人', password: '123456' }, /操作员“郑晓明”已存在/);
    await refused('operators:save', { id: admin.id, name: '王管理', role: '审核人' }, /至少要保留一位管理员/);
    await refused('operators:remove', { id: admin.id }, /删除“王管理”后将没有管理员/);
    await t.ok('session:login', { operatorId: admin.id, password: '王管理2017' });
    await refused('operators:remove', { id: admin.id }, /“王管理”是当前操作员，不能删除自己/);
    await t.ok('operators:remove', { id: a.id });
    await refused('session:login', { operatorId: a.id, password: '郑晓明2017' }, /操作员（编号 \d+）不存在/);
  });

  it('only the 管理员 manages operators', async () => {
    const a = await t.ok('operators:save', { name: '郑晓明', role: '录入员', password: '郑晓明2017' });
    await t.ok('session:login', { operatorId: a.id, password: '郑晓明2017' });
    await refused(
      'operators:save',
      { name: '新人', role: '管理员', password: '123456' },
      /只有管理员可以管理操作员、从备份恢复（当前操作员“郑晓明”为录入员）/,
      'FORBIDDEN',
    );
    await refused('operators:save', { id: a.id, name: '郑晓明', role: '管理员' }, /只有管理员可以/, 'FORBIDDEN');
    await refused('operators:remove', { id: a.id }, /只有管理员可以/, 'FORBIDDEN');
  });

  it('an operator of an older ledger without a password cannot sign in until the 管理员 sets one', async () => {
    const id = Number(
      t.core.ctx.db.sqlite
        .prepare(`INSERT INTO operator (name, role, created_at) VALUES ('老录入员', '录入员', '2017-01-01')`)
        .run().lastInsertRowid,
    );
    await refused('session:login', { operatorId: id }, /“老录入员”尚未设置登录密码，请管理员/, 'FORBIDDEN');
    await t.ok('operators:save', { id, name: '老录入员', role: '录入员', password: '老录入员2017' });
    expect((await t.ok('session:login', { operatorId: id, password: '老录入员2017' })).role).toBe('录入员');
  });

  it('renaming the working operator renames the session', async () => {
    const admin = await t.ok('operators:save', { name: '王管理', role: '管理员', password: '王管理2017' });
    await t.ok('session:login', { operatorId: admin.id, password: '王管理2017' });
    await t.ok('operators:save', { id: admin.id, name: '王大管理', role: '管理员' });
    expect(await t.ok('session:current', {})).toMatchObject({ operator: '王大管理', role: '管理员' });
  });
});
