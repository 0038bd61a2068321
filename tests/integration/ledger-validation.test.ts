/**
 * Every validation rule of the ledger workspace (issue items 1, 2, 8): bad input gets a Chinese message
 * naming the field and writes nothing — not a project row, not a list row, not a change-log row.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProjectInput } from '../../shared/schemas/project.ts';
import type { Channel } from '../../shared/ipc/channels.ts';
import type { In } from '../../shared/ipc/contract.ts';
import { tempCore, type TempCore } from '../helpers/temp-core.ts';

let t: TempCore;
beforeEach(async () => {
  t = await tempCore();
});
afterEach(() => t.cleanup());

const base: ProjectInput = {
  code: '2017-90',
  name: '镇区公共停车场',
  planYear: 2017,
  location: '镇政府东侧',
  scope: '新建停车位120个',
  totalWan: '200',
  planStart: '2017-06-01',
  planEnd: '2017-10-31',
};

/** Row counts of every table a ledger write can touch. */
function snapshot() {
  const s = t.core.ctx.db.sqlite;
  const n = (table: string) => (s.prepare(`SELECT count(*) n FROM ${table}`).get() as { n: number }).n;
  const projects = s.prepare('SELECT * FROM project ORDER BY id').all();
  return {
    projects,
    tags: n('project_tag'),
    orgs: n('project_org'),
    items: n('project_item'),
    funding: n('funding_plan'),
    plans: n('year_plan'),
    milestones: n('milestone'),
    attachments: n('attachment'),
    log: n('change_log'),
  };
}

/** Calls and expects a VALIDATION (or CONFLICT) refusal whose message contains `text`, with nothing written. */
async function refused<C extends Channel>(channel: C, input: In<C>, text: string | RegExp) {
  const before = snapshot();
  const r = await t.call(channel, input);
  expect(r.ok, `${channel} should be refused`).toBe(false);
  if (!r.ok) {
    expect(['VALIDATION', 'CONFLICT', 'NOT_FOUND']).toContain(r.error.code);
    expect(r.error.message).toMatch(text);
    expect(r.error.message).toMatch(/[\u4e00-\u9fa5]/);
  }
  expect(snapshot()).toEqual(before);
}

describe('project form and inline edits', () => {
  it.each([
    ['negative money', { totalWan: '-5' }, '总投资不能为负数'],
    ['too many decimals in 万元', { totalWan: '1.1234567' }, '总投资最多保留6位小数'],
    ['not a number', { totalWan: '12o' }, '总投资“12o”不是有效的金额'],
    ['missing total', { totalWan: undefined }, '请填写总投资'],
    ['missing name', { name: '' }, '请填写项目名称'],
    ['name too short', { name: '停' }, '项目名称至少2个字'],
    ['missing location', { location: '  ' }, '请填写建设地点'],
    ['missing scope', { scope: undefined }, '请填写建设内容及规模'],
    ['scope too long', { scope: '字'.repeat(501) }, '建设内容及规模不能超过500个字'],
    ['impossible date', { planEnd: '2017-09-31' }, '计划竣工日期不是有效日期'],
    ['impossible leap day', { actStart: '2017-02-29' }, '实际开工日期不是有效日期'],
    [
      'plan end before start',
      { planStart: '2017-10-01', planEnd: '2017-09-01' },
      '计划竣工日期（2017年9月1日）不能早于计划开工日期（2017年10月1日）',
    ],
    [
      'actual end before start',
      { actStart: '2017-10-01', actEnd: '2017-09-01' },
      '实际竣工日期（2017年9月1日）不能早于实际开工日期',
    ],
    ['actual end without start', { actEnd: '2017-09-01' }, '必须先填实际开工日期'],
    ['year range reversed', { yearFrom: 2018, yearTo: 2017 }, '建设终止年（2017）不能早于起始年（2018）'],
    ['year out of range', { planYear: 1800 }, '年度不能早于1900年'],
    ['unknown status', { status: '半完工' as never }, '项目状态应为'],
    ['unknown category', { category: '其他类' as never }, '七补齐类别应为'],
    ['bad approval month', { approvalYm: '2017-13' }, '批复时间格式应为年-月，如 2017-09'],
    ['negative land', { landMuHave: -1 }, '已取得用地应为不小于0的数字'],
    ['unknown leader', { leaderStaffId: 999 }, '包联领导不存在'],
    ['unknown responsible unit', { responsibleOrgIds: [999] }, '责任单位（编号 999）不存在'],
  ])('create refuses %s', async (_name, change, text) => {
    await refused('projects:create', { ...base, ...change } as ProjectInput, text);
  });

  it('refuses a duplicate code and a duplicate name in the same year', async () => {
    await t.ok('projects:create', base);
    await refused('projects:create', { ...base, name: '另一个停车场' }, '项目编号“2017-90”已被其他项目使用');
    await refused('projects:create', { ...base, code: '2017-91' }, '2017年度已有同名项目“镇区公共停车场”');
  });

  it('a code stays taken while its project is in the 回收站', async () => {
    const p = await t.ok('projects:create', base);
    await t.ok('projects:delete', { id: p.id });
    await refused('projects:create', { ...base, name: '另一个停车场' }, '含回收站中的项目');
  });

  it('inline edits (one-field patches) get the same rules, checked on the merged record', async () => {
    const p = await t.ok('projects:create', base);
    const other = await t.ok('projects:create', { ...base, code: '2017-91', name: '镇区公厕' });
    await refused('projects:update', { id: p.id, patch: { totalWan: '-1' } }, '总投资不能为负数');
    await refused('projects:update', { id: p.id, patch: { totalWan: '3.14159265' } }, '总投资最多保留6位小数');
    await refused(
      'projects:update',
      { id: p.id, patch: { planEnd: '2017-05-01' } },
      '计划竣工日期（2017年5月1日）不能早于计划开工日期',
    );
    await refused('projects:update', { id: p.id, patch: { planStart: '2017-02-30' } }, '计划开工日期不是有效日期');
    await refused('projects:update', { id: p.id, patch: { name: '' } }, '请填写项目名称');
    await refused('projects:update', { id: p.id, patch: { code: '2017-91' } }, '项目编号“2017-91”已被其他项目使用');
    await refused('projects:update', { id: other.id, patch: { name: '镇区公共停车场' } }, '2017年度已有同名项目');
    await refused('projects:update', { id: p.id, patch: { parentId: p.id } }, '上级项目不能是本项目');
  });

  it('a one-field patch changes that field only (defaults do not reset the rest)', async () => {
    const org = Number(
      t.core.ctx.db.sqlite.prepare("INSERT INTO org_unit(name) VALUES ('城建办')").run().lastInsertRowid,
    );
    const p = await t.ok('projects:create', {
      ...base,
      status: '在建',
      tags: ['以奖代补'],
      responsibleOrgIds: [org],
      govFunded: false,
      approx: true,
    });
    const after = await t.ok('projects:update', { id: p.id, patch: { totalWan: '210' } });
    expect(after).toMatchObject({
      totalFen: 210_000_000,
      status: '在建',
      tags: ['以奖代补'],
      responsibleOrgIds: [org],
      govFunded: false,
      approx: true,
    });
  });

  it('an edit of a project in the 回收站 is refused', async () => {
    const p = await t.ok('projects:create', base);
    await t.ok('projects:delete', { id: p.id });
    await refused('projects:update', { id: p.id, patch: { status: '在建' } }, '在回收站中，请先恢复再修改');
  });
});

describe('bulk edit', () => {
  async function three() {
    const ids: number[] = [];
    for (const [i, name] of ['东街改造', '西街改造', '南街改造'].entries())
      ids.push((await t.ok('projects:create', { ...base, code: `B-${i}`, name })).id);
    return ids;
  }
  const addOrg = (name: string) =>
    Number(
      t.core.ctx.db.sqlite.prepare("INSERT INTO org_unit(name, level, kind) VALUES (?, '镇', '镇站所')").run(name)
        .lastInsertRowid,
    );
  const addStaff = (name: string) =>
    Number(
      t.core.ctx.db.sqlite.prepare("INSERT INTO staff(name, title) VALUES (?, '副镇长')").run(name).lastInsertRowid,
    );

  it('assigns a responsible unit, a leader, a status and a tag to several projects, logging each project', async () => {
    const ids = await three();
    const org = addOrg('城建办');
    const leader = addStaff('王副镇长');
    const logBefore = snapshot().log;
    expect(
      await t.ok('projects:bulkUpdate', {
        ids,
        patch: { addResponsibleOrgIds: [org], leaderStaffId: leader, status: '在建', addTag: '以奖代补' },
      }),
    ).toEqual({ updated: 3 });
    for (const id of ids)
      expect(await t.ok('projects:get', { id })).toMatchObject({
        responsibleOrgIds: [org],
        leaderStaffId: leader,
        status: '在建',
        tags: ['以奖代补'],
      });
    const rows = t.core.ctx.db.sqlite
      .prepare('SELECT project_id, field, operator FROM change_log WHERE id > ? ORDER BY id')
      .all(logBefore) as { project_id: number; field: string; operator: string }[];
    expect(rows).toHaveLength(12);
    expect(new Set(rows.map((r) => r.project_id))).toEqual(new Set(ids));
    expect(rows.every((r) => r.operator === '测试员')).toBe(true);
    const named = t.core.ctx.db.sqlite
      .prepare(
        "SELECT new_value FROM change_log WHERE field IN ('responsibleOrgIds', 'leaderStaffId') ORDER BY id LIMIT 2",
      )
      .all();
    expect(named).toEqual([{ new_value: '城建办' }, { new_value: '王副镇长' }]);
  });

  it('adds to the existing responsible units rather than replacing them', async () => {
    const [a] = await three();
    const o1 = addOrg('财政所');
    const o2 = addOrg('水利站');
    await t.ok('projects:update', { id: a!, patch: { responsibleOrgIds: [o1] } });
    await t.ok('projects:bulkUpdate', { ids: [a!], patch: { addResponsibleOrgIds: [o2] } });
    expect((await t.ok('projects:get', { id: a! })).responsibleOrgIds).toEqual([o1, o2]);
  });

  it('is all-or-nothing: one bad project and none is changed', async () => {
    const ids = await three();
    await t.ok('projects:delete', { id: ids[2]! });
    await refused('projects:bulkUpdate', { ids, patch: { status: '在建' } }, /南街改造.*回收站/);
    await refused(
      'projects:bulkUpdate',
      { ids: ids.slice(0, 2), patch: { addResponsibleOrgIds: [999] } },
      /东街改造.*责任单位（编号 999）不存在/,
    );
    await refused(
      'projects:bulkUpdate',
      { ids: [...ids.slice(0, 2), 4242], patch: { status: '在建' } },
      '项目（编号 4242）不存在',
    );
  });

  it('refuses an empty selection, an empty patch and a bad status', async () => {
    const ids = await three();
    await refused('projects:bulkUpdate', { ids: [], patch: { status: '在建' } }, '请先勾选要批量修改的项目');
    await refused('projects:bulkUpdate', { ids, patch: {} }, '请至少选择一项要批量修改的内容');
    await refused('projects:bulkUpdate', { ids, patch: { status: '差不多' as never } }, '项目状态应为');
    await refused(
      'projects:bulkUpdate',
      { ids, patch: { addTag: '很长很长很长很长很长很长很长很长很长很长的标记' } },
      '标记不能超过20个字',
    );
  });
});

describe('sub-items (建设子项)', () => {
  it('saves, and warns (never blocks) when Σitems ≠ total', async () => {
    const p = await t.ok('projects:create', { ...base, totalWan: '2700' });
    const r = await t.ok('items:save', {
      projectId: p.id,
      items: [
        { name: '硬化', qty: 1.8, unit: '公里', amountWan: '860余' },
        { name: '雨污管道', qty: '3.6', unit: '公里', amountWan: '600' },
        { name: '路灯', amountWan: '238' },
        { name: '人行道', amountWan: '240' },
        { name: '绿化', amountWan: '180' },
      ],
    });
    expect(r.sumFen).toBe(2118_000_000);
    expect(r.warning).toBe('建设子项合计2118.00万元，与总投资2700.00万元不一致（仅提示，已保存）');
    const ok = await t.ok('items:save', { projectId: p.id, items: [{ name: '全部', amountWan: '2700' }] });
    expect(ok.warning).toBeNull();
  });
  it.each([
    ['negative amount', { name: '硬化', amountWan: '-1' }, '建设子项第1行：子项金额不能为负数'],
    ['too many decimals', { name: '硬化', amountWan: '1.0000001' }, '子项金额最多保留6位小数'],
    ['missing name', { name: '', amountWan: '1' }, '请填写子项名称'],
    ['negative quantity', { name: '硬化', qty: -2, amountWan: '1' }, '子项数量应为不小于0的数字'],
  ])('refuses %s', async (_n, item, text) => {
    const p = await t.ok('projects:create', base);
    await refused('items:save', { projectId: p.id, items: [item as never] }, text);
  });
});

describe('funding plan (资金构成)', () => {
  it('groups sources and derives the 未落实 remainder; warns when the plan exceeds the total', async () => {
    const p = await t.ok('projects:create', { ...base, totalWan: '200' });
    const f = await t.ok('funding:save', {
      projectId: p.id,
      funding: [
        { source: '中央资金', amountWan: '100' },
        { source: '镇政府自筹', amountWan: '50' },
      ],
    });
    expect(f.rows.map((r) => [r.source, r.group])).toEqual([
      ['中央资金', '上级补助'],
      ['镇政府自筹', '自筹'],
    ]);
    expect(f.unfundedFen).toBe(50_000_000);
    expect(f.warning).toBe('资金构成合计150.00万元，尚有50.00万元未落实');
    const over = await t.ok('funding:save', { projectId: p.id, funding: [{ source: '专项债券', amountWan: '250' }] });
    expect(over.unfundedFen).toBe(0);
    expect(over.warning).toMatch('比总投资200.00万元多50.00万元');
    expect(snapshot().funding).toBe(1);
  });
  it.each([
    ['negative amount', [{ source: '中央资金', amountWan: '-3' }], '资金构成第1行：资金金额不能为负数'],
    ['too many decimals', [{ source: '中央资金', amountWan: '3.12345678' }], '资金金额最多保留6位小数'],
    ['unknown source', [{ source: '天上掉的', amountWan: '3' }], '资金来源应为'],
    [
      'duplicate source',
      [
        { source: '中央资金', amountWan: '3' },
        { source: '中央资金', amountWan: '4' },
      ],
      '资金构成第2行：资金来源“中央资金”重复',
    ],
  ])('refuses %s', async (_n, funding, text) => {
    const p = await t.ok('projects:create', base);
    await t.ok('funding:save', { projectId: p.id, funding: [{ source: '县级资金', amountWan: '10' }] });
    await refused('funding:save', { projectId: p.id, funding: funding as never }, text);
  });
});

describe('year plans (年度计划)', () => {
  const months = (values: (string | null)[]) => [...values, ...Array(12 - values.length).fill(null)];
  it('saves a plan with and without a monthly split', async () => {
    const p = await t.ok('projects:create', base);
    const rows = await t.ok('plans:save', {
      projectId: p.id,
      plans: [
        { year: 2017, planWan: '120', nodeTarget: '主体完工', months: months(['10', '10', '20', '20', '30', '30']) },
        { year: 2018, planWan: '80' },
      ],
    });
    expect(rows.map((r) => [r.year, r.planFen, r.months?.filter((m) => m !== null).length ?? 0])).toEqual([
      [2017, 120_000_000, 6],
      [2018, 80_000_000, 0],
    ]);
  });
  it.each([
    [
      'months that do not add up',
      [{ year: 2017, planWan: '120', months: months(['10', '10']) }],
      '年度计划第1行：2017年月度分解合计20.00万元，与年度计划投资120.00万元不一致',
    ],
    ['a negative month', [{ year: 2017, planWan: '120', months: months(['-10']) }], '月度计划不能为负数'],
    [
      'a duplicate year',
      [
        { year: 2017, planWan: '1' },
        { year: 2017, planWan: '2' },
      ],
      '年度计划第2行：2017年的年度计划重复',
    ],
    ['a negative plan', [{ year: 2017, planWan: '-1' }], '年度计划投资不能为负数'],
    ['an impossible year', [{ year: 20170, planWan: '1' }], '计划年份不能晚于2099年'],
    ['eleven months', [{ year: 2017, planWan: '1', months: Array(11).fill(null) }], '月度分解应为12个月'],
  ])('refuses %s', async (_n, plans, text) => {
    const p = await t.ok('projects:create', base);
    await refused('plans:save', { projectId: p.id, plans: plans as never }, text);
  });
});

describe('milestones (节点)', () => {
  it('saves plan and actual dates', async () => {
    const p = await t.ok('projects:create', base);
    const rows = await t.ok('milestones:save', {
      projectId: p.id,
      milestones: [
        { node: '开工', planDate: '2017-06-01', actDate: '2017-06-10' },
        { node: '竣工验收', planDate: '2017-10-31' },
      ],
    });
    expect(rows.map((r) => r.node)).toEqual(['开工', '竣工验收']);
  });
  it.each([
    ['an impossible plan date', { node: '开工', planDate: '2017-09-31' }, '节点第1行：节点计划日期不是有效日期'],
    ['an impossible actual date', { node: '开工', actDate: '2017-13-01' }, '节点实际日期不是有效日期'],
    ['a missing node', { node: ' ', planDate: '2017-09-01' }, '请填写节点名称'],
  ])('refuses %s', async (_n, m, text) => {
    const p = await t.ok('projects:create', base);
    await refused('milestones:save', { projectId: p.id, milestones: [m as never] }, text);
  });
  it('refuses to change a project in the 回收站', async () => {
    const p = await t.ok('projects:create', base);
    await t.ok('projects:delete', { id: p.id });
    await refused('milestones:save', { projectId: p.id, milestones: [{ node: '开工' }] }, '在回收站中');
  });
});
