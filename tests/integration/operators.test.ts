import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempCore, type TempCore } from '../helpers/temp-core.ts';

let t: TempCore;
beforeEach(async () => {
  t = await tempCore();
});
afterEach(() => t.cleanup());

const count = (table: string) => (t.core.ctx.db.sqlite.prepare(`SELECT count(*) n FROM ${table}`).get() as { n: number }).n;

async function refused(channel: Parameters<TempCore['call']>[0], input: unknown, message: RegExp) {
  const before = [count('operator'), count('change_log')];
  const r = await t.call(channel, input as never);
  expect(r.ok).toBe(false);
  if (!r.ok) expect(r.error.message).toMatch(message);
  expect([count('operator'), count('change_log')]).toEqual(before);
}

describe('操作员与登录', () => {
  it('the session starts unnamed; login sets who writes the change log', async () => {
    expect(await t.ok('session:current', {})).toEqual({ operatorId: null, operator: '测试员', role: '录入员', loggedIn: false });
    const a = await t.ok('operators:save', { name: '郑晓明', role: '录入员' });
    expect(await t.ok('session:login', { operatorId: a.id })).toEqual({ operatorId: a.id, operator: '郑晓明', role: '录入员', loggedIn: true });
    await t.ok('orgs:save', { name: '蒲州镇城建办' });
    const h = await t.ok('history:list', {});
    expect(h.rows[0]).toMatchObject({ operator: '郑晓明', entityLabel: '组织单位', action: '新增' });
    expect(h.rows[1]).toMatchObject({ operator: '测试员', entityLabel: '操作员' });
  });

  it('a 领导 cannot write through any channel, but can read and switch back', async () => {
    const clerk = await t.ok('operators:save', { name: '郑晓明', role: '录入员' });
    const boss = await t.ok('operators:save', { name: '赵建国', role: '领导' });
    await t.ok('session:login', { operatorId: boss.id });
    const before = count('change_log');
    for (const [channel, input] of [
      ['orgs:save', { name: '某单位' }], ['tasks:loadTemplate', { template: 'suixian' }], ['settings:save', { townName: '蒲州镇', filler: '蒲州镇人民政府', fiscalYear: 2017 }],
      ['operators:save', { name: '新人', role: '录入员' }], ['projects:create', { name: '某项目', planYear: 2017, location: '镇区', scope: '内容', totalWan: '1' }],
    ] as const) {
      const r = await t.call(channel, input as never);
      expect(r.ok, channel).toBe(false);
      if (!r.ok) expect(r.error).toMatchObject({ code: 'FORBIDDEN', message: '当前操作员“赵建国”为领导（只读）角色，不能修改数据' });
    }
    expect(count('change_log')).toBe(before);
    expect(await t.ok('orgs:list', {})).toEqual([]);
    await t.ok('session:login', { operatorId: clerk.id });
    await t.ok('orgs:save', { name: '某单位' });
  });

  it('passwords are hashed with a salt, never returned, and checked at login', async () => {
    const a = await t.ok('operators:save', { name: '吴海涛', role: '审核人', password: '蒲州2017' });
    expect(a).toEqual({ id: a.id, name: '吴海涛', role: '审核人', hasPassword: true, createdAt: expect.any(String) });
    const stored = (t.core.ctx.db.sqlite.prepare('SELECT password_hash h FROM operator').get() as { h: string }).h;
    expect(stored).toMatch(/^scrypt\$[0-9a-f]{32}\$[0-9a-f]{64}$/);
    expect(stored).not.toContain('蒲州2017');
    expect(JSON.stringify(await t.ok('operators:list', {}))).not.toContain('scrypt');
    const noPw = await t.call('session:login', { operatorId: a.id });
    expect(!noPw.ok && noPw.error.message).toBe('请输入“吴海涛”的密码');
    const wrong = await t.call('session:login', { operatorId: a.id, password: '123' });
    expect(!wrong.ok && wrong.error.message).toBe('密码不正确');
    expect((await t.ok('session:current', {})).loggedIn).toBe(false);
    expect((await t.ok('session:login', { operatorId: a.id, password: '蒲州2017' })).operator).toBe('吴海涛');
    // Editing without a new password keeps the old one; removePassword clears it.
    expect((await t.ok('operators:save', { id: a.id, name: '吴海涛', role: '审核人' })).hasPassword).toBe(true);
    expect((await t.ok('operators:save', { id: a.id, name: '吴海涛', role: '审核人', removePassword: true })).hasPassword).toBe(false);
    const h = await t.ok('history:list', { entity: 'operator' });
    expect(h.rows[0]).toMatchObject({ fieldLabel: '密码', oldValue: '已设置', newValue: '未设置' });
  });

  it('rejects duplicate names, unknown roles, a 领导 as the first operator, and losing the last writer', async () => {
    await refused('operators:save', { name: '', role: '录入员' }, /请填写操作员姓名/);
    await refused('operators:save', { name: '赵建国', role: '组长' }, /角色应为：录入员、审核人、领导/);
    await refused('operators:save', { name: '赵建国', role: '领导' }, /第一位操作员须为录入员或审核人/);
    const a = await t.ok('operators:save', { name: '郑晓明', role: '录入员' });
    const boss = await t.ok('operators:save', { name: '赵建国', role: '领导' });
    await refused('operators:save', { name: '郑晓明', role: '审核人' }, /操作员“郑晓明”已存在/);
    await refused('operators:save', { id: a.id, name: '郑晓明', role: '领导' }, /至少要保留一位录入员或审核人/);
    await refused('operators:remove', { id: a.id }, /删除“郑晓明”后将没有录入员或审核人/);
    await t.ok('session:login', { operatorId: a.id });
    const b = await t.ok('operators:save', { name: '吴海涛', role: '审核人' });
    await refused('operators:remove', { id: a.id }, /“郑晓明”是当前操作员，不能删除自己/);
    await t.ok('operators:remove', { id: boss.id });
    await t.ok('operators:remove', { id: b.id });
    await refused('session:login', { operatorId: b.id }, /操作员（编号 \d+）不存在/);
  });

  it('renaming the working operator renames the session', async () => {
    const a = await t.ok('operators:save', { name: '郑晓明', role: '录入员' });
    await t.ok('session:login', { operatorId: a.id });
    await t.ok('operators:save', { id: a.id, name: '郑小明', role: '审核人' });
    expect(await t.ok('session:current', {})).toMatchObject({ operator: '郑小明', role: '审核人' });
  });
});
