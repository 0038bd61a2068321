// The idle sign-out, enforced by the core: a signed-in session that has had no call the clerk caused for the set
// minutes (default 30, 设置 5–240) is signed out and recorded; the renderer's own background calls do not keep it
// alive; the CLI's local role never lapses. The clock is the core's injectable one: nothing sleeps.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handleCall } from '../../electron/core/handle-call.ts';
import { tempCore, type TempCore } from '../helpers/temp-core.ts';

let t: TempCore;
let clock: Date;
const later = (minutes: number) => (clock = new Date(clock.getTime() + minutes * 60_000));
beforeEach(async () => {
  clock = new Date('2017-10-08T09:00:00+08:00');
  t = await tempCore({ role: '管理员', operator: '命令行', now: () => clock });
});
afterEach(() => t.cleanup());

const IDLE = { code: 'SIGNED_OUT_IDLE', message: '长时间未操作，已自动退出登录，请重新登录' };
/** What the window calls on its own (its change watcher, the timed re-reads): marked as background. */
const background = (channel: 'app:elsewhere' | 'orgs:list' | 'backups:list') =>
  handleCall(t.core, channel, {}, { background: true });

async function signedInClerk() {
  return t.signIn('录入员', '郑晓明');
}

describe('自动退出登录', () => {
  it('a session unused for 30 minutes is signed out, refused in Chinese and recorded; a call before then keeps it', async () => {
    await signedInClerk();
    later(29);
    await t.ok('orgs:list', {});
    later(29); // 58 minutes after sign-in, 29 after the last call
    await t.ok('orgs:list', {});
    later(30);
    const r = await t.call('orgs:save', { name: '蒲州镇城建办' });
    expect(!r.ok && r.error).toEqual(IDLE);
    expect(await t.ok('session:current', {})).toMatchObject({ loggedIn: false, role: null });
    // Refused once is refused for good: the next call is simply signed out.
    const again = await t.call('orgs:list', {});
    expect(!again.ok && again.error.code).toBe('FORBIDDEN');
    t.core.ctx.session = { operatorId: null, operator: '命令行', role: '管理员' };
    const [row] = (await t.ok('security:signIns', {})).rows;
    expect(row).toMatchObject({
      operator: '郑晓明',
      event: '因长时间未操作退出',
      // Dated when the limit ran out (30 minutes after the last call), not when the next call noticed.
      at: '2017-10-08T02:28:00.000Z',
      detail: '最后一次操作于2017年10月8日 09:58',
    });
  });

  it('the window’s own background calls do not count as the clerk’s activity', async () => {
    await signedInClerk();
    for (let i = 0; i < 5; i++) {
      later(5);
      expect((await background('app:elsewhere')).ok).toBe(true);
      expect((await background('orgs:list')).ok).toBe(true);
      // The change watcher's channel never counts, even unmarked.
      expect((await t.call('app:elsewhere', {})).ok).toBe(true);
    }
    later(5);
    // The poll itself is what notices: the window goes back to the sign-in screen before anyone touches it.
    const r = await background('app:elsewhere');
    expect(!r.ok && r.error).toEqual(IDLE);
  });

  it('the sign-in screen still works on a lapsed session: the lapse is recorded, then the sign-in', async () => {
    const clerk = await signedInClerk();
    later(31);
    await t.ok('session:login', { operatorId: clerk.id, password: clerk.password });
    t.core.ctx.session = { operatorId: null, operator: '命令行', role: '管理员' };
    expect((await t.ok('security:signIns', {})).rows.slice(0, 3).map((r) => r.event)).toEqual([
      '登录成功',
      '因长时间未操作退出',
      '登录成功',
    ]);
  });

  it('the 管理员 sets the minutes (5–240, named in Chinese); a new sign-in and the 管理员’s own session follow', async () => {
    expect(await t.ok('security:getIdle', {})).toEqual({ idleMinutes: 30 });
    for (const [idleMinutes, message] of [
      [4, '自动退出登录时间不能少于5分钟'],
      [241, '自动退出登录时间不能超过240分钟'],
      [12.5, '自动退出登录时间须是整数分钟'],
    ] as const) {
      const r = await t.call('security:saveIdle', { idleMinutes });
      expect(!r.ok && r.error.message).toBe(message);
    }
    const admin = await t.signIn('管理员', '王管理');
    expect(await t.ok('security:saveIdle', { idleMinutes: 10 })).toEqual({ idleMinutes: 10 });
    later(11);
    expect((await t.call('orgs:list', {})).ok).toBe(false);
    await t.signIn('录入员', '郑晓明');
    later(9);
    await t.ok('orgs:list', {});
    later(10);
    const r = await t.call('orgs:list', {});
    expect(!r.ok && r.error).toEqual(IDLE);
    // Kept in the ledger (a restart keeps it) and in the 修改记录.
    await t.reopen({ role: '管理员', operator: '命令行', now: () => clock });
    expect(await t.ok('security:getIdle', {})).toEqual({ idleMinutes: 10 });
    const h = await t.ok('history:list', {});
    expect(h.rows.find((r) => r.field === 'session.idleMinutes')).toMatchObject({
      operator: admin.name,
      fieldLabel: '自动退出登录时间（分钟）',
      oldValue: '30',
      newValue: '10',
    });
  });

  it('only a 管理员 changes it', async () => {
    await t.signIn('审核人', '吴海涛');
    const r = await t.call('security:saveIdle', { idleMinutes: 60 });
    expect(!r.ok && r.error.code).toBe('FORBIDDEN');
    expect(await t.ok('security:getIdle', {})).toEqual({ idleMinutes: 30 });
  });

  it('the 管理员 the first run signs in is recorded and lapses like anyone else', async () => {
    t.cleanup();
    t = await tempCore({ role: null, now: () => clock });
    await t.ok('app:onboard', {
      mode: 'empty',
      townName: '蒲州镇',
      fiscalYear: 2017,
      adminName: '王管理',
      adminPassword: '王管理2017',
    });
    later(31);
    const r = await t.call('orgs:list', {});
    expect(!r.ok && r.error).toEqual(IDLE);
    t.core.ctx.session = { operatorId: null, operator: '命令行', role: '管理员' };
    expect((await t.ok('security:signIns', {})).rows.map((r) => `${r.operator} ${r.event}`)).toEqual([
      '王管理 因长时间未操作退出',
      '王管理 登录成功',
    ]);
  });

  it('typing that calls nothing keeps the session: session:active, sent by the window while the clerk is at it', async () => {
    await signedInClerk();
    for (let i = 0; i < 4; i++) {
      later(20);
      expect(await t.ok('session:active', {})).toMatchObject({ operator: '郑晓明', loggedIn: true });
    }
    later(29); // 109 minutes after sign-in, 29 after the last session:active
    await t.ok('orgs:list', {});
    // Marked as the window's own it is no activity, and it never brings a lapsed session back.
    later(20);
    await handleCall(t.core, 'session:active', {}, { background: true });
    later(11);
    const r = await t.call('session:active', {});
    expect(!r.ok && r.error).toEqual(IDLE);
  });

  it('closing the program ends the session in the 登录记录: 退出登录, or the lapse at its limit if it came first', async () => {
    const readLog = async () => {
      await t.reopen({ role: '管理员', operator: '命令行', now: () => clock });
      return (await t.ok('security:signIns', {})).rows.map((r) => `${r.at} ${r.operator} ${r.event}`);
    };
    await signedInClerk();
    later(5);
    expect(await readLog()).toEqual([
      '2017-10-08T01:05:00.000Z 郑晓明 退出登录',
      '2017-10-08T01:00:00.000Z 郑晓明 登录成功',
    ]);
    await signedInClerk();
    await t.ok('orgs:list', {});
    later(45); // the window left open, then closed: nothing called in between
    expect((await readLog()).slice(0, 2)).toEqual([
      '2017-10-08T01:35:00.000Z 郑晓明 因长时间未操作退出',
      '2017-10-08T01:05:00.000Z 郑晓明 登录成功',
    ]);
    // The CLI's local role has no sign-in: its close records nothing.
    expect((await readLog()).length).toBe(4);
  });

  it('the CLI’s local role (no sign-in) never lapses', async () => {
    later(600);
    await t.ok('orgs:list', {});
  });
});
