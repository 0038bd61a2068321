// What the growing list sheets of the 一项目一档 (renderer/src/components/sheet/ListSheet.tsx) rely on, on a real
// SQLite file: a paste that adds ten rows is ONE list save (one transaction, one change-log row); a list with a
// refused row writes nothing and names the row and field as `<list>.<index>.<field>`, which the sheet turns back
// into the cell on screen; and the list comes back in the order it was sent (年度计划 sorted by year first).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempCore, type TempCore } from '../helpers/temp-core.ts';

let t: TempCore;
beforeEach(async () => {
  t = await tempCore();
});
afterEach(() => t.cleanup());

const count = (table: string) =>
  (t.core.ctx.db.sqlite.prepare(`SELECT count(*) n FROM ${table}`).get() as { n: number }).n;

async function project() {
  return t.ok('projects:create', {
    code: '2017-91',
    name: '镇区污水管网',
    planYear: 2017,
    location: '镇区',
    scope: '新建管网3公里',
    totalWan: '500',
    planStart: '2017-06-01',
    planEnd: '2017-10-31',
  });
}

describe('a list saved whole, as the list sheets send it', () => {
  it('adds ten rows in one save: one transaction, one change-log row, the rows back in the order sent', async () => {
    const p = await project();
    await t.ok('milestones:save', { projectId: p.id, milestones: [{ node: '开工', planDate: '2017-06-01' }] });
    const log0 = count('change_log');
    const ten = Array.from({ length: 10 }, (_, k) => ({
      node: `节点${k}`,
      planDate: `2018-${String(k + 1).padStart(2, '0')}-15`,
      actDate: null,
      note: null,
    }));
    const back = await t.ok('milestones:save', {
      projectId: p.id,
      milestones: [{ node: '开工', planDate: '2017-06-01', actDate: null, note: null }, ...ten],
    });
    expect(back.map((m) => m.node)).toEqual(['开工', ...ten.map((m) => m.node)]);
    expect(count('milestone')).toBe(11);
    expect(count('change_log')).toBe(log0 + 1);
    // its 新值 reads dates as every page does
    const logged = t.core.ctx.db.sqlite
      .prepare('SELECT new_value FROM change_log ORDER BY id DESC LIMIT 1')
      .pluck()
      .get();
    expect(logged).toMatch(/^开工（计划2017年6月1日，实际—）；节点0（计划2018年1月15日，实际—）/);
  });

  it('refuses a list with a bad row whole, naming the row by its index and field; nothing written', async () => {
    const p = await project();
    await t.ok('items:save', { projectId: p.id, items: [{ name: '管网', amountWan: '400' }] });
    const before = count('project_item');
    const log0 = count('change_log');
    const r = await t.call('items:save', {
      projectId: p.id,
      items: [
        { name: '管网', amountWan: '400' },
        { name: '主体工程', amountWan: '100' },
        { name: '绿化', amountWan: '' },
      ],
    });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      const issue = r.error.issues?.find((i) => i.path.startsWith('items.2.'));
      expect(issue?.path).toBe('items.2.amountWan');
      expect(issue?.message).toMatch(/^建设子项第3行：/);
    }
    expect(count('project_item')).toBe(before);
    expect(count('change_log')).toBe(log0);
  });

  it('keeps 年度计划 in year order, so a list sent sorted by year comes back row by row', async () => {
    const p = await project();
    // sent out of year order, they come back by year: the sheet sends them sorted, so row i is row i
    const back = await t.ok('plans:save', {
      projectId: p.id,
      plans: [
        { year: 2018, planWan: '200' },
        { year: 2017, planWan: '300' },
      ],
    });
    expect(back.map((r) => [r.year, r.planFen])).toEqual([
      [2017, 300_000_000],
      [2018, 200_000_000],
    ]);
    const dup = await t.call('plans:save', {
      projectId: p.id,
      plans: [
        { year: 2017, planWan: '300' },
        { year: 2017, planWan: '1' },
      ],
    });
    expect(dup.ok).toBe(false);
    if (!dup.ok) expect(dup.error.issues?.map((i) => i.path)).toContain('plans.1.year');
  });
});
