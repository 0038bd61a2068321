// 登录记录: every sign-in event is written to the ledger (a table of its own, sealed like every ledger table) with the
// operator, the time and the shell; a wrong password's record survives the refusal and a restart, the 管理员 reads
// the record newest first and filtered, nobody else can, an edit made behind the app's back is found by verify, and a
// backup carries the record.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempCore, type TempCore } from '../helpers/temp-core.ts';

let t: TempCore;
let clock: Date;
const at = (iso: string) => (clock = new Date(iso));
beforeEach(async () => {
  at('2017-10-08T09:00:00+08:00');
  // The browser mode's core host, as its shell names it (HostConfig.holder).
  t = await tempCore({ role: '管理员', operator: '命令行', holder: 'web', now: () => clock });
});
afterEach(() => t.cleanup());

const PASSWORD = '郑晓明2017';
async function clerk(): Promise<number> {
  return (await t.ok('operators:save', { name: '郑晓明', role: '录入员', password: PASSWORD })).id;
}
/** The 登录记录 as the 管理员's page reads it: through the channel, as the local 管理员 the test started as. */
async function page(q: object = {}) {
  t.core.ctx.session = { operatorId: null, operator: '命令行', role: '管理员' };
  return t.ok('security:signIns', q);
}
const record = async (q: object = {}) => (await page(q)).rows;
const events = async () => (await record()).map((r) => `${r.operator} ${r.event}${r.detail ? `（${r.detail}）` : ''}`);

describe('登录记录', () => {
  it('records wrong passwords with their count, the lock and its end, the refusal while locked, sign-in and sign-out', async () => {
    const id = await clerk();
    for (let i = 0; i < 4; i++)
      expect((await t.call('session:login', { operatorId: id, password: 'wrong!' })).ok).toBe(false);
    // The refusals were answered; their records stayed.
    expect(await events()).toEqual([
      '郑晓明 密码错误（连续第4次输错密码）',
      '郑晓明 密码错误（连续第3次输错密码）',
      '郑晓明 密码错误（连续第2次输错密码）',
      '郑晓明 密码错误（连续第1次输错密码）',
    ]);
    at('2017-10-08T09:01:00+08:00');
    const fifth = await t.call('session:login', { operatorId: id, password: 'wrong!' });
    expect(!fifth.ok && fifth.error.code).toBe('FORBIDDEN');
    at('2017-10-08T09:05:00+08:00');
    expect((await t.call('session:login', { operatorId: id, password: PASSWORD })).ok).toBe(false);
    at('2017-10-08T09:20:00+08:00');
    await t.ok('session:login', { operatorId: id, password: PASSWORD });
    at('2017-10-08T09:30:00+08:00');
    await t.ok('session:logout', {});
    expect((await events()).slice(0, 5)).toEqual([
      '郑晓明 退出登录',
      '郑晓明 登录成功',
      '郑晓明 登录被拒（账户锁定中）（锁定至2017年10月8日 09:16）',
      '郑晓明 账户锁定（锁定至2017年10月8日 09:16）',
      '郑晓明 密码错误（连续第5次输错密码）',
    ]);
    const rows = await record();
    expect(rows[0]).toMatchObject({ operatorId: id, shell: '浏览器模式', at: '2017-10-08T01:30:00.000Z' });
    expect(new Set(rows.map((r) => r.shell))).toEqual(new Set(['浏览器模式']));
  });

  it('is kept in the ledger file: a restart keeps it, a backup carries it', async () => {
    const id = await clerk();
    await t.call('session:login', { operatorId: id, password: 'wrong!' });
    await t.reopen({ role: '管理员', operator: '命令行', holder: 'app' });
    await t.call('session:login', { operatorId: id, password: 'wrong!' });
    await t.reopen({ role: '管理员', operator: '命令行', holder: 'app' });
    expect((await record()).map((r) => [r.event, r.detail, r.shell])).toEqual([
      // The count carried over the restart, and so did the record.
      ['密码错误', '连续第2次输错密码', '桌面程序'],
      ['密码错误', '连续第1次输错密码', '浏览器模式'],
    ]);
    const b = await t.ok('backups:create', { target: 'auto' });
    const copy = new Database(join(t.core.ctx.paths.backupsDir, b.name), { readonly: true });
    try {
      expect(copy.prepare('SELECT count(*) FROM sign_in_log').pluck().get()).toBe(2);
    } finally {
      copy.close();
    }
  });

  it('is filtered by operator and by day, newest first', async () => {
    const a = await clerk();
    const b = (await t.ok('operators:save', { name: '吴海涛', role: '审核人', password: '吴海涛2017' })).id;
    at('2017-10-07T12:00:00+08:00');
    await t.ok('session:login', { operatorId: a, password: PASSWORD });
    await t.ok('session:logout', {});
    at('2017-10-08T12:00:00+08:00');
    await t.call('session:login', { operatorId: b, password: 'wrong!' });
    at('2017-10-08T12:10:00+08:00');
    await t.ok('session:login', { operatorId: b, password: '吴海涛2017' });
    const all = await page();
    expect(all.operators).toEqual(['吴海涛', '郑晓明'].sort());
    expect(all.rows.map((r) => r.event)).toEqual(['登录成功', '密码错误', '退出登录', '登录成功']);
    expect((await record({ operator: '吴海涛' })).map((r) => r.event)).toEqual(['登录成功', '密码错误']);
    const day = await page({ from: '2017-10-08', to: '2017-10-08' });
    expect([day.total, day.rows.map((r) => r.operator)]).toEqual([2, ['吴海涛', '吴海涛']]);
    const bad = await t.call('security:signIns', { from: '2017-10-09', to: '2017-10-08' } as never);
    expect(!bad.ok && bad.error.message).toBe('截止日期不能早于起始日期');
  });

  it('切换操作员 ends the session handed over: its 退出登录 comes before the next 登录成功', async () => {
    await t.signIn('审核人', '吴海涛');
    await t.signIn('录入员', '郑晓明');
    expect(await events()).toEqual(['郑晓明 登录成功', '吴海涛 退出登录', '吴海涛 登录成功']);
  });

  it('goes on across a restore: the sign-ins since the backup are carried into the restored ledger, sealed', async () => {
    const id = await clerk();
    await t.signIn('管理员', '王管理');
    at('2017-10-08T09:05:00+08:00');
    await t.signIn('审核人', '吴海涛');
    at('2017-10-08T09:10:00+08:00');
    const b = await t.ok('backups:create', { target: 'auto' });
    at('2017-10-08T09:20:00+08:00');
    await t.call('session:login', { operatorId: id, password: 'wrong!' });
    at('2017-10-08T09:25:00+08:00');
    await t.signIn('管理员', '王管理');
    at('2017-10-08T09:26:00+08:00');
    await t.ok('backups:restore', { name: b.name });
    // The 管理员 who restored is signed out (the backup's operators are not theirs), and the record says so.
    expect(t.core.ctx.session.operatorId).toBeNull();
    expect(await events()).toEqual([
      '王管理 退出登录',
      '王管理 登录成功',
      '吴海涛 退出登录',
      '郑晓明 密码错误（连续第1次输错密码）',
      '吴海涛 登录成功',
      '王管理 退出登录',
      '王管理 登录成功',
    ]);
    // Restoring the same backup again carries nothing twice.
    await t.ok('backups:restore', { name: b.name });
    expect((await record()).length).toBe(7);
    // Sealed like every row: verify finds the restored ledger whole.
    expect((await t.ok('audit:verify', {})).ok).toBe(true);
  });

  it('only a 管理员 reads it', async () => {
    await t.signIn('审核人', '吴海涛');
    const r = await t.call('security:signIns', {});
    expect(!r.ok && r.error).toEqual({
      code: 'FORBIDDEN',
      message: '只有管理员可以管理操作员、从备份恢复（当前操作员“吴海涛”为审核人）',
    });
  });

  it('a record row changed with the sqlite3 tool is found by verify and named', async () => {
    const id = await clerk();
    await t.call('session:login', { operatorId: id, password: 'wrong!' });
    t.core.close();
    execFileSync('sqlite3', [t.file, `UPDATE sign_in_log SET operator = '别人'`]);
    await t.reopen();
    const v = await t.ok('audit:verify', {});
    expect(v.ok).toBe(false);
    expect(v.message).toContain('“登录记录”表中编号 1 的记录与封签不符');
  });
});
