/**
 * The block writes of the tables kept as sheets, on a real SQLite ledger: assessments:updateCells (the 考核 自评表:
 * 得分, 佐证材料, 扣分原因) and tasks:updateCells (the 责任清单). A paste, a fill or an undo step is one call: every
 * cell checked with its field's rule and every changed record checked whole; one transaction, or nothing written
 * and every refused cell named by record and field.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyChain } from '../../electron/core/audit/change-log.ts';
import { tempCore, type TempCore } from '../helpers/temp-core.ts';

let t: TempCore;
beforeEach(async () => {
  t = await tempCore();
  await t.ok('app:onboard', { mode: 'demo' });
});
afterEach(() => t.cleanup());

const sql = () => t.core.ctx.db.sqlite;
const logCount = () => (sql().prepare('SELECT count(*) n FROM change_log').get() as { n: number }).n;
const item = (id: number) =>
  sql().prepare('SELECT score, evidence, deduction_reason FROM assessment_item WHERE id = ?').get(id) as {
    score: number | null;
    evidence: string | null;
    deduction_reason: string | null;
  };

describe('assessments:updateCells', () => {
  async function town() {
    const a = await t.ok('assessments:save', { year: 2017, town: '蒲州镇' });
    return a;
  }

  it('saves a 3-column block over ten items in place (same item ids), totals follow, each changed field logged', async () => {
    const a = await town();
    const ten = a.items.slice(0, 10);
    const before = logCount();
    const cells = ten.flatMap((i, k) => [
      { id: i.id, field: 'score' as const, value: i.maxPoints - (k % 2) },
      { id: i.id, field: 'evidence' as const, value: `佐证${k}` },
      { id: i.id, field: 'deductionReason' as const, value: k % 2 ? `扣分${k}` : '' },
    ]);
    const r = await t.ok('assessments:updateCells', { id: a.id, cells });
    expect(r.items.map((i) => i.id)).toEqual(a.items.map((i) => i.id));
    for (const [k, i] of ten.entries())
      expect(item(i.id)).toEqual({
        score: i.maxPoints - (k % 2),
        evidence: `佐证${k}`,
        deduction_reason: k % 2 ? `扣分${k}` : null,
      });
    expect(r.total).toBe(ten.reduce((s, i) => s + i.maxPoints, 0) - 5);
    const logged = sql()
      .prepare('SELECT entity, entity_id, field, new_value FROM change_log WHERE id > ? ORDER BY id')
      .all(before) as { entity: string; entity_id: number; field: string; new_value: string | null }[];
    expect(logged).toHaveLength(10 + 10 + 5);
    expect(logged[0]).toEqual({
      entity: 'assessment_item',
      entity_id: ten[0]!.id,
      field: 'score',
      new_value: `${ten[0]!.maxPoints}分`,
    });
    expect(verifyChain(t.core.ctx.db).ok).toBe(true);

    // the undo step of the grid: the texts before, in one call
    await t.ok('assessments:updateCells', {
      id: a.id,
      cells: ten.flatMap((i) =>
        (['score', 'evidence', 'deductionReason'] as const).map((field) => ({ id: i.id, field, value: null })),
      ),
    });
    for (const i of ten) expect(item(i.id)).toEqual({ score: null, evidence: null, deduction_reason: null });
  });

  it('refuses the block when one cell is refused, naming item and field, and writes nothing', async () => {
    const a = await town();
    const [i0, i1, i2] = a.items as [(typeof a.items)[number], (typeof a.items)[number], (typeof a.items)[number]];
    const before = logCount();
    const r = await t.call('assessments:updateCells', {
      id: a.id,
      cells: [
        { id: i0.id, field: 'score', value: i0.maxPoints },
        { id: i1.id, field: 'score', value: 'abc' },
        { id: i2.id, field: 'score', value: i2.maxPoints - 1 },
        { id: 987654, field: 'evidence', value: 'x' },
      ],
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('VALIDATION');
    expect(r.error.issues).toEqual([
      { path: `item.${i1.id}.score`, message: `第2项“${i1.name}”：得分应为数字` },
      { path: `item.${i2.id}`, message: `第3项“${i2.name}”扣了1分，请填写扣分原因` },
      { path: 'item.987654', message: '评分项（编号 987654）不在“蒲州镇”2017年的考核表中' },
    ]);
    expect(item(i0.id).score).toBeNull();
    expect(logCount()).toBe(before);
  });

  it('is refused for a 领导 before its input is read', async () => {
    const a = await town();
    await t.signIn('领导', '赵书记');
    const r = await t.call('assessments:updateCells', {
      id: a.id,
      cells: [{ id: a.items[0]!.id, field: 'score', value: 1 }],
    });
    expect(r.ok ? null : r.error.code).toBe('FORBIDDEN');
  });
});

describe('tasks:updateCells', () => {
  const task = (id: number) =>
    sql()
      .prepare('SELECT no, category, title, lead_org_id, deadline, status, progress_text FROM task WHERE id = ?')
      .get(id) as Record<string, unknown>;
  const respOrgs = (id: number) =>
    (
      sql().prepare('SELECT org_id FROM task_org WHERE task_id = ? ORDER BY org_id').all(id) as { org_id: number }[]
    ).map((r) => r.org_id);

  async function tasks() {
    const { campaignId } = await t.ok('tasks:loadTemplate', { template: 'jilin' });
    return t.ok('tasks:list', { campaignId });
  }

  it('saves a different set of fields per task in one call, links and all, each change logged', async () => {
    const list = await tasks();
    const orgs = await t.ok('orgs:list', {});
    const ten = list.slice(0, 10);
    const before = logCount();
    await t.ok('tasks:updateCells', {
      cells: [
        ...ten.flatMap((x, k) => [
          { id: x.id, field: 'deadline' as const, value: `2017-10-${String(k + 1).padStart(2, '0')}` },
          { id: x.id, field: 'status' as const, value: '推进中' },
          { id: x.id, field: 'progressText' as const, value: `进展${k}` },
        ]),
        { id: ten[0]!.id, field: 'respOrgIds' as const, value: [orgs[0]!.id, orgs[1]!.id] },
      ],
    });
    for (const [k, x] of ten.entries())
      expect(task(x.id)).toMatchObject({
        title: x.title,
        deadline: `2017-10-${String(k + 1).padStart(2, '0')}`,
        status: '推进中',
        progress_text: `进展${k}`,
      });
    expect(respOrgs(ten[0]!.id)).toEqual([orgs[0]!.id, orgs[1]!.id].sort((a, b) => a - b));
    const logged = sql()
      .prepare("SELECT entity, field FROM change_log WHERE id > ? AND entity = 'task'")
      .all(before) as { field: string }[];
    expect(logged.filter((l) => l.field === 'progressText')).toHaveLength(10);
    expect(logged.some((l) => l.field === 'respOrgIds')).toBe(true);
    expect(verifyChain(t.core.ctx.db).ok).toBe(true);
  });

  it('refuses a bad date, an empty 重点工作, a unit that does not exist and 已完成 without 工作进展; nothing written', async () => {
    type Task = Awaited<ReturnType<typeof tasks>>[number];
    const [a, b, c, d, e] = (await tasks()) as [Task, Task, Task, Task, Task];
    const was = [a, b, c, d, e].map((x) => task(x.id));
    const before = logCount();
    const r = await t.call('tasks:updateCells', {
      cells: [
        { id: a.id, field: 'deadline', value: '2017-02-30' },
        { id: b.id, field: 'title', value: '' },
        { id: c.id, field: 'leadOrgId', value: 99999 },
        { id: d.id, field: 'status', value: '已完成' },
        { id: d.id, field: 'progressText', value: '' },
        { id: e.id, field: 'category', value: '新类别' },
      ],
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const byPath = Object.fromEntries((r.error.issues ?? []).map((i) => [i.path, i.message]));
    expect(byPath[`task.${a.id}.deadline`]).toMatch(/^任务“.+”：完成时限不是有效日期/);
    expect(byPath[`task.${b.id}.title`]).toMatch(/^任务“.+”：请填写重点工作$/);
    expect(byPath[`task.${c.id}.leadOrgId`]).toMatch(/^任务“.+”：牵头单位（编号 99999）不存在$/);
    expect(byPath[`task.${d.id}.progressText`]).toMatch(/已完成.*请填写工作进展/);
    expect(Object.keys(byPath)).toHaveLength(4);
    expect([a, b, c, d, e].map((x) => task(x.id))).toEqual(was);
    expect(logCount()).toBe(before);
  });

  it('is refused for a 领导', async () => {
    const [a] = await tasks();
    await t.signIn('领导', '赵书记');
    const r = await t.call('tasks:updateCells', { cells: [{ id: a!.id, field: 'no', value: '9' }] });
    expect(r.ok ? null : r.error.code).toBe('FORBIDDEN');
  });
});

describe('staff:updateCells', () => {
  const person = (id: number) =>
    sql().prepare('SELECT name, title, org_id, phone, since, note FROM staff WHERE id = ?').get(id) as Record<
      string,
      unknown
    >;
  async function people() {
    const orgs = await t.ok('orgs:list', {});
    const ids: number[] = [];
    for (let k = 0; k < 4; k++)
      ids.push((await t.ok('staff:save', { name: `测试人${k}`, title: '干事', orgId: orgs[0]!.id, active: true })).id);
    return { ids, orgs };
  }

  it('saves the 电话, 任职日期 and 单位 of several people in one call, each change logged', async () => {
    const { ids, orgs } = await people();
    const before = logCount();
    await t.ok('staff:updateCells', {
      cells: ids.flatMap((id, k) => [
        { id, field: 'phone' as const, value: `1390000000${k}` },
        { id, field: 'since' as const, value: `2017-0${k + 1}-01` },
        { id, field: 'orgId' as const, value: orgs[1]!.id },
      ]),
    });
    for (const [k, id] of ids.entries())
      expect(person(id)).toMatchObject({ phone: `1390000000${k}`, since: `2017-0${k + 1}-01`, org_id: orgs[1]!.id });
    const logged = sql().prepare("SELECT field FROM change_log WHERE id > ? AND entity = 'staff'").all(before) as {
      field: string;
    }[];
    expect(logged.filter((l) => l.field === 'phone')).toHaveLength(4);
    expect(verifyChain(t.core.ctx.db).ok).toBe(true);
  });

  it('refuses a bad phone, an empty 姓名 and two people made the same; nothing written', async () => {
    const { ids } = await people();
    const was = ids.map(person);
    const before = logCount();
    const r = await t.call('staff:updateCells', {
      cells: [
        { id: ids[0]!, field: 'phone', value: '12ab' },
        { id: ids[1]!, field: 'name', value: '' },
        { id: ids[2]!, field: 'name', value: '同名人' },
        { id: ids[3]!, field: 'name', value: '同名人' },
      ],
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const byPath = Object.fromEntries((r.error.issues ?? []).map((i) => [i.path, i.message]));
    expect(byPath[`staff.${ids[0]}.phone`]).toBe('人员“测试人0”：电话“12ab”不是有效号码（多个号码用逗号或空格分隔）');
    expect(byPath[`staff.${ids[1]}.name`]).toBe('人员“测试人1”：请填写姓名');
    expect(byPath[`staff.${ids[3]}.name`]).toBe('人员“测试人3”：已有在任人员“同名人”（干事），不能重复录入');
    expect(ids.map(person)).toEqual(was);
    expect(logCount()).toBe(before);
  });
});
