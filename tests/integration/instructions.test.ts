// Issue 17, deliverable 4: 领导批示 on a 督办单 or a project — written by the 领导 (or a 管理员 entering one given on
// paper), refused to 录入员 and 审核人 before anything is written, kept with name and date, logged in the 修改记录,
// and printed on the 督办单 and the 一项目一档. Real SQLite through handleCall.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempCore, type TempCore } from '../helpers/temp-core.ts';

let t: TempCore;
beforeEach(async () => {
  t = await tempCore({ role: '管理员', operator: '王管理' }); // today = 2017-10-08
  await t.ok('app:onboard', { mode: 'demo', adminName: '王管理', adminPassword: '王管理2017' });
});
afterEach(() => t.cleanup());

const sql = () => t.core.ctx.db.sqlite;
const idOf = (code: string) => (sql().prepare('SELECT id FROM project WHERE code = ?').get(code) as { id: number }).id;
const count = () => (sql().prepare('SELECT count(*) n FROM instruction').get() as { n: number }).n;

async function anOrder() {
  return t.ok('supervision:create', {
    projectId: idOf('2017-01-01'),
    deadline: '2017-10-20',
    content: '主体工程招标滞后，请于期限内完成招标',
  });
}

describe('领导批示', () => {
  it('a 领导 writes one on a 督办单 in their own name, dated today; it is listed, logged and printed on the 督办单', async () => {
    const order = await anOrder();
    await t.signIn('领导', '赵书记');
    const made = await t.ok('instructions:add', { supervisionId: order.id, content: '请城建办抓紧招标，月底前开工。' });
    expect(made).toMatchObject({
      projectId: idOf('2017-01-01'),
      supervisionId: order.id,
      supervisionNo: '督〔2017〕1号',
      leader: '赵书记',
      givenOn: '2017-10-08',
      enteredBy: '赵书记',
    });
    expect(sql().prepare('SELECT leader, given_on, content, supervision_id FROM instruction').all()).toEqual([
      { leader: '赵书记', given_on: '2017-10-08', content: '请城建办抓紧招标，月底前开工。', supervision_id: order.id },
    ]);
    expect(await t.ok('instructions:list', { supervisionId: order.id })).toEqual([made]);
    expect(await t.ok('instructions:list', { projectId: idOf('2017-01-01') })).toEqual([made]);

    const log = sql()
      .prepare("SELECT operator, action, new_value, reason FROM change_log WHERE entity = 'instruction'")
      .all();
    expect(log).toEqual([
      {
        operator: '赵书记',
        action: '新增',
        new_value: '赵书记2017年10月8日批示：请城建办抓紧招标，月底前开工。',
        reason: '批示于督办单督〔2017〕1号',
      },
    ]);
    const history = await t.ok('history:list', { projectId: idOf('2017-01-01') });
    expect(history.rows.find((r) => r.entity === 'instruction')).toMatchObject({
      entityLabel: '领导批示',
      operator: '赵书记',
    });

    const printed = (await t.ok('reports:render', { doc: 'supervision', period: '2017-09', supervisionId: order.id }))
      .html;
    expect(printed).toContain('领导批示');
    expect(printed).toContain('请城建办抓紧招标，月底前开工。');
    expect(printed).toContain('赵书记\u30002017年10月8日');
    // The 一项目一档 of October carries it, and September's (a month's 批示 and orders come in the month after it,
    // when its reports are dispatched), not August's.
    const card = (await t.ok('reports:render', { doc: 'card', period: '2017-10', projectId: idOf('2017-01-01') })).html;
    expect(card).toContain('领导批示（赵书记，2017年10月8日，督办单督〔2017〕1号）：请城建办抓紧招标，月底前开工。');
    const september = (await t.ok('reports:render', { doc: 'card', period: '2017-09', projectId: idOf('2017-01-01') }))
      .html;
    expect(september).toContain('请城建办抓紧招标');
    const august = (await t.ok('reports:render', { doc: 'card', period: '2017-08', projectId: idOf('2017-01-01') }))
      .html;
    expect(august).not.toContain('请城建办抓紧招标');
  });

  it('on a project; a 领导 cannot sign for someone else; a 管理员 records a paper 批示 naming the leader and its day', async () => {
    const project = idOf('2017-22');
    await t.signIn('领导', '赵书记');
    const own = await t.ok('instructions:add', { projectId: project, content: '拆迁要依法依规，做好群众工作。' });
    expect(own).toMatchObject({ leader: '赵书记', supervisionId: null, givenOn: '2017-10-08' });
    const forged = await t.call('instructions:add', { projectId: project, content: '同意', leaderName: '李镇长' });
    expect(!forged.ok && forged.error).toMatchObject({
      code: 'VALIDATION',
      message: '领导只能以本人名义批示（当前操作员：赵书记）',
    });

    await t.signIn('管理员', '王管理');
    const paper = await t.ok('instructions:add', {
      projectId: project,
      content: '同意城建办意见，抓紧推进。',
      leaderName: '李镇长',
      givenOn: '2017-10-05',
    });
    expect(paper).toMatchObject({ leader: '李镇长', enteredBy: '王管理', givenOn: '2017-10-05' });
    const future = await t.call('instructions:add', { projectId: project, content: '同意', givenOn: '2017-10-09' });
    expect(!future.ok && future.error.message).toBe('批示日期（2017年10月9日）不能晚于今天（2017年10月8日）');
    // Listed by the day given, oldest first.
    expect((await t.ok('instructions:list', { projectId: project })).map((i) => i.leader)).toEqual([
      '李镇长',
      '赵书记',
    ]);
    expect(count()).toBe(2);
  });

  it('a 批示 on a 督办单 is not dated before the order was issued (a paper 批示 typed with a wrong year): refused, nothing written', async () => {
    const order = await anOrder(); // issued today, 2017-10-08
    const before = count();
    const early = await t.call('instructions:add', {
      supervisionId: order.id,
      content: '请抓紧办理',
      leaderName: '李镇长',
      givenOn: '2016-10-08',
    });
    expect(!early.ok && early.error.code).toBe('VALIDATION');
    expect(!early.ok && early.error.issues?.[0]).toEqual({
      path: 'givenOn',
      message: '批示日期（2016年10月8日）不能早于督办单督〔2017〕1号的下达日期（2017年10月8日）',
    });
    expect(count()).toBe(before);
    // the day the order was issued is a 批示's earliest day; a 批示 on the project alone has no such bound
    await t.ok('instructions:add', {
      supervisionId: order.id,
      content: '请抓紧办理',
      leaderName: '李镇长',
      givenOn: '2017-10-08',
    });
    await t.ok('instructions:add', {
      projectId: idOf('2017-01-01'),
      content: '年初部署',
      leaderName: '李镇长',
      givenOn: '2017-01-05',
    });
    expect(count()).toBe(before + 2);
  });

  it('录入员 and 审核人 may not write a 批示: FORBIDDEN before the input is read, nothing written', async () => {
    const order = await anOrder();
    for (const role of ['录入员', '审核人'] as const) {
      await t.signIn(role);
      const r = await t.call('instructions:add', { supervisionId: order.id, content: '请抓紧' });
      expect(!r.ok && r.error).toEqual({
        code: 'FORBIDDEN',
        message: `只有领导或管理员可以写领导批示（当前操作员“测试${role}”为${role}）`,
      });
      // Reading is for everyone.
      expect(await t.ok('instructions:list', {})).toEqual([]);
    }
    expect(count()).toBe(0);
    expect(sql().prepare("SELECT count(*) n FROM change_log WHERE entity = 'instruction'").get()).toEqual({ n: 0 });
  });

  it('bad input is refused in Chinese and writes nothing', async () => {
    await t.signIn('领导', '赵书记');
    const empty = await t.call('instructions:add', { projectId: idOf('2017-22'), content: ' ' });
    expect(!empty.ok && empty.error.message).toContain('请填写批示内容');
    const nowhere = await t.call('instructions:add', { content: '请抓紧' });
    expect(!nowhere.ok && nowhere.error.message).toBe('请选择要批示的项目或督办单');
    const noOrder = await t.call('instructions:add', { supervisionId: 999, content: '请抓紧' });
    expect(!noOrder.ok && noOrder.error).toMatchObject({
      code: 'NOT_FOUND',
      message: '督办单（编号 999）不存在或已删除',
    });
    const badDay = await t.call('instructions:add', {
      projectId: idOf('2017-22'),
      content: '请抓紧',
      givenOn: '2017-09-31',
    });
    expect(!badDay.ok && badDay.error.message).toContain('批示日期不是有效日期');
    expect(count()).toBe(0);
  });
});
