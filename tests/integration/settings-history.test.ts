import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempCore, type TempCore } from '../helpers/temp-core.ts';

// The office PC's clock is in China; date filters are by local calendar day.
process.env.TZ = 'Asia/Shanghai';

let t: TempCore;
let clock = new Date('2017-10-08T09:00:00+08:00');
beforeEach(async () => {
  clock = new Date('2017-10-08T09:00:00+08:00');
  t = await tempCore({ now: () => clock, role: '管理员' }); // the town's settings are a reviewer's or 管理员's
});
afterEach(() => t.cleanup());

const count = (table: string) =>
  (t.core.ctx.db.sqlite.prepare(`SELECT count(*) n FROM ${table}`).get() as { n: number }).n;

describe('设置', () => {
  it('reads the sample settings and saves changes with a log row per key', async () => {
    await t.ok('app:onboard', { mode: 'demo' });
    expect(await t.ok('settings:get', {})).toEqual({
      townName: '蒲州镇',
      filler: '永济市蒲州镇人民政府',
      receiver: '永济市小城镇建设领导组办公室',
      fiscalYear: 2017,
    });
    await t.ok('settings:save', {
      townName: '蒲州镇',
      filler: '永济市蒲州镇人民政府',
      receiver: '永济市住建局',
      fiscalYear: 2018,
    });
    expect((await t.ok('app:info', {})).townName).toBe('蒲州镇');
    const h = await t.ok('history:list', { entity: 'setting' });
    expect(h.rows.map((r) => [r.fieldLabel, r.oldValue, r.newValue])).toEqual([
      ['年度', '2017', '2018'],
      ['默认报送单位', '永济市小城镇建设领导组办公室', '永济市住建局'],
    ]);
  });

  it('rejects a missing town name or 填报单位 and a year out of range, writing nothing', async () => {
    for (const [input, message] of [
      [{ townName: '', filler: '蒲州镇人民政府', fiscalYear: 2017 }, /请填写乡镇名称/],
      [{ townName: '蒲州镇', filler: ' ', fiscalYear: 2017 }, /请填写填报单位/],
      [{ townName: '蒲州镇', filler: '蒲州镇人民政府', fiscalYear: 1800 }, /年度不能早于1900年/],
      [{ townName: '蒲州镇', filler: '蒲州镇人民政府', fiscalYear: '二〇一七' }, /年度应为年份数字/],
    ] as const) {
      const before = [count('setting'), count('change_log')];
      const r = await t.call('settings:save', input as never);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.message).toMatch(message);
      expect([count('setting'), count('change_log')]).toEqual(before);
    }
  });
});

describe('修改记录', () => {
  it('filters by operator, local date range and project, newest first, with project names and field labels', async () => {
    await t.ok('app:onboard', { mode: 'demo' });
    const p = (await t.ok('projects:list', {}))[1]!;
    const clerk = await t.signIn('录入员', '郑晓明');
    // A day later the session has long been signed out for idleness (session-idle.ts): the clerk signs in again.
    const signInAgain = () => t.ok('session:login', { operatorId: clerk.id, password: clerk.password });
    clock = new Date('2017-10-09T07:30:00+08:00'); // still 10-08 in UTC: the filter must use the local day
    await signInAgain();
    await t.ok('projects:update', { id: p.id, patch: { status: '停工' } });
    clock = new Date('2017-10-10T10:00:00+08:00');
    await signInAgain();
    await t.ok('orgs:save', { name: '蒲州镇文化站' });

    const all = await t.ok('history:list', {});
    expect(all.operators).toEqual(['测试员', '郑晓明'].sort());
    expect(all.rows[0]).toMatchObject({ operator: '郑晓明', entityLabel: '组织单位' });
    const mine = await t.ok('history:list', { operator: '郑晓明' });
    expect(mine.rows.every((r) => r.operator === '郑晓明')).toBe(true);
    expect(mine.total).toBeGreaterThanOrEqual(2);
    const day = await t.ok('history:list', { from: '2017-10-09', to: '2017-10-09' });
    expect(day.rows.length).toBeGreaterThanOrEqual(1);
    expect(day.rows.every((r) => r.projectId === p.id && r.projectName === p.name && r.operator === '郑晓明')).toBe(
      true,
    );
    expect(day.rows.find((r) => r.field === 'status')).toMatchObject({
      fieldLabel: '项目状态',
      oldValue: p.status,
      newValue: '停工',
    });
    expect((await t.ok('history:list', { from: '2017-10-10', to: '2017-10-10' })).rows.map((r) => r.entity)).toEqual([
      'org_unit',
    ]);
    const proj = await t.ok('history:list', { projectId: p.id });
    expect(proj.rows.every((r) => r.projectId === p.id)).toBe(true);
    const page = await t.ok('history:list', { limit: 1, offset: 1 });
    expect(page.rows).toHaveLength(1);
    expect(page.total).toBe(all.total);
  });

  it('rejects a date range that ends before it starts and impossible dates', async () => {
    const r = await t.call('history:list', { from: '2017-10-09', to: '2017-10-01' });
    expect(!r.ok && r.error.message).toMatch(/截止日期不能早于起始日期/);
    const r2 = await t.call('history:list', { from: '2017-02-29' });
    expect(!r2.ok && r2.error.message).toMatch(/起始日期不是有效日期/);
  });
});
