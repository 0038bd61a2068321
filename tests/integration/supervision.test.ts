import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempCore, type TempCore } from '../helpers/temp-core.ts';

let t: TempCore;
beforeEach(async () => {
  t = await tempCore(); // today = 2017-10-08
  await t.ok('app:onboard', { mode: 'demo' });
});
afterEach(() => t.cleanup());

const sql = () => t.core.ctx.db.sqlite;
const idOf = (code: string) => (sql().prepare('SELECT id FROM project WHERE code = ?').get(code) as { id: number }).id;

describe('督办单', () => {
  it('only a yellow or red project gets one; the deadline cannot precede the issue date', async () => {
    const green = await t.call('supervision:create', {
      projectId: idOf('2017-01-02'),
      deadline: '2017-10-20',
      content: '加快进度',
    });
    expect(!green.ok && green.error).toMatchObject({
      code: 'CONFLICT',
      message: '项目“旅游路绿化提升”2017年9月为绿灯，只有黄灯或红灯项目才能下达督办单',
    });
    const none = await t.call('supervision:create', {
      projectId: idOf('2017-23'),
      deadline: '2017-10-20',
      content: '加快进度',
    });
    expect(!none.ok && none.error.message).toContain('没有预警灯');
    const early = await t.call('supervision:create', {
      projectId: idOf('2017-01-01'),
      deadline: '2017-10-01',
      content: '加快进度',
    });
    expect(!early.ok && early.error.message).toBe('整改期限（2017年10月1日）不能早于下达日期（2017年10月8日）');
    const impossible = await t.call('supervision:create', {
      projectId: idOf('2017-01-01'),
      deadline: '2017-09-31',
      content: '加快进度',
    });
    expect(!impossible.ok && impossible.error.message).toContain('整改期限不是有效日期');
    expect(await t.ok('supervision:list', {})).toEqual([]);
  });

  it('blue first, to the lead unit, numbered per year; reply; escalate 蓝→黄→红 with 约谈; history visible; close', async () => {
    const center = idOf('2017-01-01');
    const blue = await t.ok('supervision:create', {
      projectId: center,
      deadline: '2017-10-15',
      content: '主体工程招标滞后，请于期限内完成招标',
    });
    expect(blue).toMatchObject({
      no: '督〔2017〕1号',
      color: '蓝',
      interview: false,
      issued: '2017-10-08',
      toOrgName: '蒲州镇城建办',
      status: '办理中',
      createdBy: '测试员',
    });
    const second = await t.ok('supervision:create', {
      projectId: idOf('2017-22'),
      period: '2017-09',
      deadline: '2017-10-30',
      content: '拆迁未完成',
      toOrgId: 1,
    });
    expect(second).toMatchObject({ no: '督〔2017〕2号', toOrgName: '蒲州镇党委' });

    const replied = await t.ok('supervision:reply', { id: blue.id, reply: '已发布招标公告，预计10月25日开标' });
    expect(replied).toMatchObject({ status: '已回复', repliedAt: '2017-10-08' });

    const yellow = await t.ok('supervision:escalate', { id: blue.id });
    expect(yellow).toMatchObject({
      no: '督〔2017〕3号',
      color: '黄',
      interview: false,
      deadline: '2017-10-15',
      escalatedFromNo: '督〔2017〕1号',
      status: '办理中',
    });
    const old = (await t.ok('supervision:list', { projectId: center })).find((s) => s.id === blue.id)!;
    expect(old).toMatchObject({ closed: true, status: '已升级', escalatedToNo: '督〔2017〕3号' });
    // escalated by hand before its deadline: the log does not call it overdue
    const logged = t.core.ctx.db.sqlite
      .prepare(`SELECT reason FROM change_log WHERE entity = 'supervision' ORDER BY id DESC LIMIT 1`)
      .get() as { reason: string };
    expect(logged.reason).toMatch(/^测试员在期限（2017年\d+月\d+日）前提前升级$/);
    const again = await t.call('supervision:reply', { id: blue.id, reply: '再回复一次' });
    expect(!again.ok && again.error.message).toBe('督办单督〔2017〕1号已升级，不能再操作');

    // The automatic check escalates open orders past their deadline; red ones stay red.
    const escalated = await t.ok('supervision:escalateOverdue', { asOf: '2017-10-16' });
    expect(escalated).toHaveLength(1);
    expect(escalated[0]).toMatchObject({
      color: '红',
      interview: true,
      issued: '2017-10-16',
      deadline: '2017-10-23',
      escalatedFromNo: '督〔2017〕3号',
    });
    expect(await t.ok('supervision:escalateOverdue', { asOf: '2017-12-31' })).toHaveLength(1); // only 督〔2017〕2号 (blue → yellow)
    const top = await t.call('supervision:escalate', { id: escalated[0]!.id });
    expect(!top.ok && top.error.message).toContain('已是红色（约谈），不能再升级');

    // closed on what was done: not with no reply and no word of how
    const bare = await t.call('supervision:close', { id: escalated[0]!.id });
    expect(!bare.ok && bare.error.message).toMatch(/还没有回复：请先登记办理情况，或在办结说明中写明办结的依据/);
    const closed = await t.ok('supervision:close', { id: escalated[0]!.id, note: '已约谈，招标完成' });
    expect(closed).toMatchObject({ closed: true, status: '已办结' });
    const open = await t.ok('supervision:list', { open: true });
    expect(open.map((s) => s.no)).toEqual(['督〔2017〕5号']);
    const history = await t.ok('supervision:list', { projectId: center });
    expect(history.map((s) => `${s.no}${s.color}${s.status}`)).toEqual([
      '督〔2017〕4号红已办结',
      '督〔2017〕3号黄已升级',
      '督〔2017〕1号蓝已升级',
    ]);
    expect(sql().prepare("SELECT count(*) n FROM change_log WHERE entity = 'supervision'").get()).toEqual({ n: 7 });
  });

  it('a missing order is NOT_FOUND and an overdue open order is marked overdue', async () => {
    const r = await t.call('supervision:close', { id: 99 });
    expect(!r.ok && r.error).toMatchObject({ code: 'NOT_FOUND', message: '督办单（编号 99）不存在或已删除' });
    await t.ok('supervision:create', { projectId: idOf('2017-01-01'), deadline: '2017-10-09', content: '加快进度' });
    await t.reopen({ now: () => new Date('2017-10-12T09:00:00+08:00') });
    expect((await t.ok('supervision:list', { open: true }))[0]).toMatchObject({ overdue: true });
  });
});
