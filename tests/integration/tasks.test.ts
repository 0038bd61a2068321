import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TASK_TEMPLATE_JILIN } from '../../electron/core/seed/task-template-jilin.ts';
import { TASK_TEMPLATE_SUIXIAN } from '../../electron/core/seed/task-template-suixian.ts';
import { tempCore, type TempCore } from '../helpers/temp-core.ts';

let t: TempCore;
beforeEach(async () => {
  t = await tempCore();
});
afterEach(() => t.cleanup());

const count = (table: string) =>
  (t.core.ctx.db.sqlite.prepare(`SELECT count(*) n FROM ${table}`).get() as { n: number }).n;
const snapshot = () => ({
  log: count('change_log'),
  task: count('task'),
  taskOrg: count('task_org'),
  campaign: count('campaign'),
  phase: count('campaign_phase'),
  org: count('org_unit'),
});

async function refused(channel: Parameters<TempCore['call']>[0], input: unknown, message: RegExp) {
  const before = snapshot();
  const r = await t.call(channel, input as never);
  expect(r.ok).toBe(false);
  if (!r.ok) expect(r.error.message).toMatch(message);
  expect(snapshot()).toEqual(before);
}

describe('责任清单模板', () => {
  it('loads the 随县 template: 15 tasks with their 牵头 and 责任单位, three dated phases', async () => {
    const r = await t.ok('tasks:loadTemplate', { template: 'suixian' });
    expect(r).toMatchObject({ tasks: 15, orgsCreated: 17 });
    const tasks = await t.ok('tasks:list', { campaignId: r.campaignId });
    expect(tasks).toHaveLength(15);
    expect(tasks[0]).toMatchObject({
      no: '1',
      title: '科学编制规划',
      category: '规划设计',
      leadOrgName: '县自然资源和规划局',
      status: '未启动',
    });
    expect(tasks[0]!.respOrgNames).toEqual(['县发改局', '县住建局', '各镇、场、景区人民政府或管委会']);
    expect(tasks[4]).toMatchObject({ no: '5', title: '完善基本公共服务', leadOrgName: '县住建局' });
    expect(tasks[4]!.respOrgNames).toHaveLength(8);
    expect(tasks[14]).toMatchObject({
      no: '15',
      title: '提升社会治理体系和治理能力建设',
      category: '治理水平',
      leadOrgName: '县住建局',
    });
    const [c] = await t.ok('campaigns:list', {});
    expect(c!.phases.map((p) => [p.name, p.dateFrom, p.dateTo])).toEqual([
      ['积极谋划、建立机制', null, '2021-04-30'],
      ['统筹推进、全面实施', '2021-05-01', '2022-06-30'],
      ['总结评价、巩固提升', '2022-06-01', '2022-12-31'],
    ]);
    expect(c!.taskCount).toBe(15);
  });

  it('loads the 吉林 appendix: 20 rows in order under the five headings, no 牵头单位', async () => {
    const r = await t.ok('tasks:loadTemplate', { template: 'jilin' });
    const tasks = await t.ok('tasks:list', { campaignId: r.campaignId });
    expect(tasks.map((x) => x.no)).toEqual(Array.from({ length: 20 }, (_, i) => String(i + 1)));
    expect(new Set(tasks.map((x) => x.category)).size).toBe(5);
    expect(tasks.every((x) => x.leadOrgId === null && x.respOrgNames.includes('市、县级党委、政府'))).toBe(true);
    expect(tasks[3]!.respOrgNames).toEqual([
      '市、县级党委、政府',
      '省住房城乡建设厅',
      '省发展改革委',
      '省水利厅',
      '省通信管理局',
      '省电力公司',
    ]);
    expect(tasks[16]!.title).toMatch(/^建立资金投入机制。/);
  });

  it('both templates load into one ledger, sharing no units by accident, and neither loads twice', async () => {
    await t.ok('tasks:loadTemplate', { template: 'suixian' });
    await t.ok('tasks:loadTemplate', { template: 'jilin' });
    expect(count('task')).toBe(TASK_TEMPLATE_SUIXIAN.tasks.length + TASK_TEMPLATE_JILIN.tasks.length);
    await refused('tasks:loadTemplate', { template: 'suixian' }, /已载入过，不能重复载入/);
    await refused(
      'tasks:loadTemplate',
      { template: 'xx' },
      /模板应为：随县“擦亮小城镇”行动（15项任务）、吉林省乡村振兴示范镇责任清单（20项）/,
    );
  });

  it('reuses existing units by name', async () => {
    await t.ok('orgs:save', { name: '县住建局', level: '县', kind: '县直部门' });
    expect((await t.ok('tasks:loadTemplate', { template: 'suixian' })).orgsCreated).toBe(16);
  });

  it('reuses an existing unit however it is spaced or written, or by its 简称, as the import does', async () => {
    await t.ok('app:onboard', { mode: 'demo' });
    const padded = await t.ok('orgs:save', { name: '县　住建局', level: '县', kind: '县直部门' });
    const shui = await t.ok('orgs:save', { name: '随县水利和湖泊局', shortName: '县水利局', level: '县' });
    const before = count('org_unit');
    const r = await t.ok('tasks:loadTemplate', { template: 'suixian' });
    expect(r.orgsCreated).toBe(15);
    expect(count('org_unit')).toBe(before + 15);
    const tasks = await t.ok('tasks:list', { campaignId: r.campaignId });
    expect(tasks[0]!.respOrgIds).toContain(padded.id);
    expect(tasks.filter((x) => x.respOrgIds.includes(shui.id) || x.leadOrgId === shui.id)).not.toHaveLength(0);
    const names = (await t.ok('orgs:list', {})).map((o) => o.name);
    expect(names).not.toContain('县住建局');
    expect(names).not.toContain('县水利局');
  });
});

describe('任务', () => {
  it('creates a task with several 责任单位 and linked projects, then edits it with a logged diff', async () => {
    await t.ok('app:onboard', { mode: 'demo' });
    const orgs = await t.ok('orgs:list', {});
    const [lead, r1, r2] = [orgs[3]!, orgs[4]!, orgs[5]!];
    const projects = await t.ok('projects:list', {});
    const task = await t.ok('tasks:save', {
      no: '1',
      title: '打通断头路',
      leadOrgId: lead.id,
      respOrgIds: [r1.id, r2.id],
      deadline: '2017-12-31',
      projectIds: [projects[0]!.id],
    });
    expect(task).toMatchObject({
      leadOrgName: lead.name,
      respOrgNames: [r1.name, r2.name],
      projectNames: [projects[0]!.name],
      status: '未启动',
    });
    // the row as read, less the names it shows beside the ids (the answer's, not fields of the input)
    const { campaignName: _c, leadOrgName: _l, respOrgNames: _r, projectNames: _p, ...row } = task;
    await t.ok('tasks:save', { ...row, status: '推进中', progressText: '已完成方案设计' });
    const hist = await t.ok('history:list', { entity: 'task' });
    expect(hist.rows.map((r) => [r.fieldLabel, r.oldValue, r.newValue])).toEqual([
      ['完成情况', '未启动', '推进中'],
      ['工作进展', null, '已完成方案设计'],
      ['', null, '1. 打通断头路'],
    ]);
    await t.ok('tasks:remove', { id: task.id });
    expect(count('task')).toBe(0);
  });

  it('rejects missing 重点工作, bad status, impossible deadline, unknown units or projects, 已完成 without progress', async () => {
    await refused('tasks:save', { title: '' }, /请填写重点工作/);
    await refused('tasks:save', { title: '打通断头路', status: '完成' }, /完成情况应为：未启动、推进中、已完成、滞后/);
    await refused('tasks:save', { title: '打通断头路', deadline: '2017-09-31' }, /完成时限不是有效日期/);
    await refused('tasks:save', { title: '打通断头路', leadOrgId: 99 }, /牵头单位（编号 99）不存在/);
    await refused('tasks:save', { title: '打通断头路', respOrgIds: [98] }, /责任单位（编号 98）不存在/);
    await refused('tasks:save', { title: '打通断头路', projectIds: [97] }, /关联项目（编号 97）不存在或已删除/);
    await refused('tasks:save', { title: '打通断头路', campaignId: 96 }, /所属行动方案（编号 96）不存在/);
    await refused('tasks:save', { title: '打通断头路', status: '已完成' }, /完成情况为“已完成”时，请填写工作进展/);
    await refused('tasks:remove', { id: 1 }, /不存在/);
  });
});

describe('行动方案与实施步骤', () => {
  it('saves phases with date ranges and logs the change', async () => {
    const c = await t.ok('campaigns:save', {
      name: '擦亮小城镇',
      phases: [
        { name: '谋划', dateTo: '2021-04-30' },
        { name: '实施', dateFrom: '2021-05-01', dateTo: '2022-06-30' },
      ],
    });
    expect(c.phases).toHaveLength(2);
    // a step with an end alone reads as the 方案 writes it (2021年4月底前), one from a day on, one without dates by
    // its name — not —2021年4月30日 or 总结（—）
    await t.ok('campaigns:save', {
      id: c.id,
      name: '擦亮小城镇',
      phases: [{ name: '谋划', dateTo: '2021-04-30' }, { name: '巩固', dateFrom: '2022-06-01' }, { name: '总结' }],
    });
    const h = await t.ok('history:list', { entity: 'campaign' });
    expect(h.rows[0]).toMatchObject({
      fieldLabel: '实施步骤',
      oldValue: '谋划（2021年4月30日前）；实施（2021年5月1日—2022年6月30日）',
      newValue: '谋划（2021年4月30日前）；巩固（2022年6月1日起）；总结',
    });
  });

  it('rejects end before start, impossible dates (渭城 9月31日), duplicate names and missing names', async () => {
    await refused(
      'campaigns:save',
      { name: '擦亮小城镇', phases: [{ name: '实施', dateFrom: '2022-06-30', dateTo: '2021-05-01' }] },
      /实施步骤“实施”的结束日期（2021年5月1日）不能早于开始日期（2022年6月30日）/,
    );
    await refused(
      'campaigns:save',
      { name: '渭城', phases: [{ name: '验收', dateFrom: '2017-09-26', dateTo: '2017-09-31' }] },
      /结束日期不是有效日期/,
    );
    await refused(
      'campaigns:save',
      { name: '擦亮小城镇', phases: [{ name: '实施' }, { name: '实施' }] },
      /实施步骤“实施”重复/,
    );
    await refused('campaigns:save', { name: '擦亮小城镇', phases: [{ name: '' }] }, /请填写步骤名称/);
    await refused('campaigns:save', { name: '' }, /请填写行动方案名称/);
    await t.ok('campaigns:save', { name: '擦亮小城镇' });
    await refused('campaigns:save', { name: '擦亮小城镇' }, /行动方案“擦亮小城镇”已存在/);
  });
});
