import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { In } from '../../shared/ipc/contract.ts';
import { compareValues } from '../../shared/domain/collate.ts';
import { tempCore, type TempCore } from '../helpers/temp-core.ts';

let t: TempCore;
beforeEach(async () => {
  t = await tempCore();
});
afterEach(() => t.cleanup());

type Extra = Partial<In<'projects:create'>>;
const make = (code: string, name: string, totalWan: string, extra: Extra = {}) =>
  t.ok('projects:create', {
    code,
    name,
    category: '基础设施',
    planYear: 2017,
    location: '镇区',
    scope: '新建',
    totalWan,
    planStart: '2017-03-01',
    planEnd: '2017-10-31',
    ...extra,
  });

const page = (q: In<'projects:page'>) => t.ok('projects:page', q);
const names = async (q: In<'projects:page'>) => {
  const p = await page({ first: 500, ...q });
  return p.rows.map((r) => r.name);
};

describe('projects:page (the ledger grid, paged in the core)', () => {
  it('filters, searches name/code/location and pinyin initials, and leaves out the 回收站', async () => {
    await make('A-1', '镇区道路硬化', '300');
    await make('A-2', '西街道路改造', '500', { location: '蒲州镇西街' });
    await make('A-3', '道路绿化', '900', { category: '公共环境' });
    const gone = await make('A-4', '北街道路', '800');
    await make('A_5', '文化广场', '100', { status: '在建' });
    await t.ok('projects:delete', { id: gone.id });

    expect(await names({ filters: { category: '基础设施', query: '道路' } })).toEqual(['镇区道路硬化', '西街道路改造']);
    expect(await names({ filters: { query: 'dlgz' } })).toEqual(['西街道路改造']);
    expect(await names({ filters: { query: 'pzz' } })).toEqual(['西街道路改造']); // location 蒲州镇西街
    expect(await names({ filters: { query: 'daolu lvhua' } })).toEqual(['道路绿化']);
    expect(await names({ filters: { query: 'a_5' } })).toEqual(['文化广场']);
    expect(await names({ filters: { status: '在建' } })).toEqual(['文化广场']);
    expect(await names({ filters: {}, deleted: true })).toEqual(['北街道路']);
    expect(await names({ filters: { query: '不存在' } })).toEqual([]);
  });

  it('filters by 村, 牵头单位, 责任单位, 包联领导, 标记, 年度, 子类, 性质, 推进分类', async () => {
    const o1 = await t.ok('orgs:save', { name: '蒲州镇城建办' });
    const o2 = await t.ok('orgs:save', { name: '蒲州镇林业站' });
    const leader = await t.ok('staff:save', { name: '王镇长', title: '镇长', orgId: o1.id });
    await make('B-1', '一号', '1', {
      leadOrgId: o1!.id,
      responsibleOrgIds: [o2!.id],
      leaderStaffId: leader.id,
      tags: ['重点项目'],
      subcategory: '供水',
      nature: '新建',
      stageGroup: '加快建设',
    });
    await make('B-2', '二号', '1', { planYear: 2018, leadOrgId: o2!.id, responsibleOrgIds: [o1!.id] });
    expect(await names({ filters: { leadOrgId: o1!.id } })).toEqual(['一号']);
    expect(await names({ filters: { responsibleOrgId: o1!.id } })).toEqual(['二号']);
    expect(await names({ filters: { leaderStaffId: leader.id } })).toEqual(['一号']);
    expect(await names({ filters: { tag: '重点项目' } })).toEqual(['一号']);
    expect(await names({ filters: { year: 2018 } })).toEqual(['二号']);
    expect(await names({ filters: { subcategory: '供水', nature: '新建', stageGroup: '加快建设' } })).toEqual(['一号']);
    expect((await page({ filters: {} })).years).toEqual([2018, 2017]);
  });

  it('sorts any column with Chinese collation, blanks last in both directions', async () => {
    const list = ['张庄道路', '安居小区', '北关市场', '第10号路', '第9号路'];
    for (const [i, n] of list.entries())
      await make(`C-${i}`, n, String(100 + i), i === 2 ? { note: null } : { note: n });
    const asc = await names({ filters: {}, sort: { key: 'name', desc: false } });
    expect(asc).toEqual([...list].sort(compareValues));
    expect(asc).toEqual(['安居小区', '北关市场', '第9号路', '第10号路', '张庄道路']);
    expect(await names({ filters: {}, sort: { key: 'name', desc: true } })).toEqual([...asc].reverse());
    expect(await names({ filters: {}, sort: { key: 'totalFen', desc: true } })).toEqual([...list].reverse());
    // 北关市场 has no 备注: last whichever the direction
    expect((await names({ filters: {}, sort: { key: 'note', desc: false } })).at(-1)).toBe('北关市场');
    expect((await names({ filters: {}, sort: { key: 'note', desc: true } })).at(-1)).toBe('北关市场');
  });

  it('puts sub-projects under their parent (sorted per level), counts top-level rows and their total', async () => {
    const p = await make('P', '镇区综合整治', '1000');
    await make('P-2', '乙子项目', '200', { parentId: p.id });
    await make('P-1', '甲子项目', '300', { parentId: p.id });
    await make('Q', '安置小区', '500');
    const all = await page({ filters: {}, sort: { key: 'name', desc: false } });
    const byId = new Map(all.rows.map((r) => [r.id, r.name]));
    expect(all.ids.map((id, i) => `${all.depths[i]}${byId.get(id)}`)).toEqual([
      '0安置小区',
      '0镇区综合整治',
      '1甲子项目',
      '1乙子项目',
    ]);
    expect(all.tops).toBe(2);
    expect(all.topsTotalFen).toBe(1_500_000_000); // 1000 + 500 万元, children not added again
    expect(all.rows.find((r) => r.id === p.id)?.childCount).toBe(2);
    // a matching child whose parent does not match stands at the top level
    const child = await page({ filters: { query: 'jzxm' }, first: 10 });
    expect(child.depths).toEqual([0]);
    expect(child.rows.map((r) => r.name)).toEqual(['甲子项目']);
    expect(child.topsTotalFen).toBe(300_000_000);
    // the rolled-up totals are kept between calls: an edit is seen at the next one, searched or not
    await t.ok('projects:update', { id: p.id, patch: { totalWan: '0' } }); // the parent's total is now its parts'
    expect((await page({ filters: {}, first: 10 })).topsTotalFen).toBe(1_000_000_000); // 200 + 300 + 500
    await t.ok('projects:update', { id: child.ids[0]!, patch: { totalWan: '350' } });
    expect((await page({ filters: { query: 'jzxm' }, first: 10 })).topsTotalFen).toBe(350_000_000);
    expect((await page({ filters: {}, first: 10 })).topsTotalFen).toBe(1_050_000_000);
  });

  it('sends the first rows with the order, the rest by id', async () => {
    for (let i = 0; i < 12; i++) await make(`D-${String(i).padStart(2, '0')}`, `项目${i}`, '1');
    const p = await page({ filters: {}, sort: { key: 'code', desc: false }, first: 5 });
    expect(p.ids).toHaveLength(12);
    expect(p.rows.map((r) => r.code)).toEqual(['D-00', 'D-01', 'D-02', 'D-03', 'D-04']);
    const rest = await t.ok('projects:rows', { ids: p.ids.slice(10) });
    expect(rest.map((r) => r.code)).toEqual(['D-10', 'D-11']);
  });

  it('keeps up with edits: the search key follows renames and the order follows new values', async () => {
    const a = await make('E-1', '文化广场', '1');
    expect(await names({ filters: { query: 'whgc' } })).toEqual(['文化广场']);
    await t.ok('projects:update', { id: a.id, patch: { name: '体育公园' } });
    expect(await names({ filters: { query: 'whgc' } })).toEqual([]);
    expect(await names({ filters: { query: 'tygy' } })).toEqual(['体育公园']);
    await make('E-2', '安居工程', '1');
    expect(await names({ filters: {}, sort: { key: 'name', desc: false } })).toEqual(['安居工程', '体育公园']);
    await t.ok('projects:update', { id: a.id, patch: { name: '阿里村道路' } });
    expect(await names({ filters: {}, sort: { key: 'name', desc: false } })).toEqual(['阿里村道路', '安居工程']);
  });

  it('patches its index after writes to exactly what a fresh read gives', async () => {
    const org = await t.ok('orgs:save', { name: '蒲州镇城建办' });
    const made = [];
    for (let i = 0; i < 8; i++)
      made.push(await make(i % 3 ? `G-${i}` : '', `项目${i}`, String(10 + i), { planYear: 2016 + (i % 3) }));
    const before = await page({ filters: {} }); // the index is built
    await t.ok('projects:update', { id: made[1]!.id, patch: { planYear: 2019, code: 'A-0' } });
    await t.ok('projects:update', {
      id: made[4]!.id,
      patch: { code: null, responsibleOrgIds: [org.id], tags: ['重点项目'] },
    });
    await t.ok('projects:update', { id: made[6]!.id, patch: { parentId: made[0]!.id } });
    await t.ok('projects:delete', { id: made[2]!.id });
    await make('H-1', '新项目', '5', { planYear: 2017 });
    const patched = await page({ filters: {} });
    const filtered = await page({ filters: { responsibleOrgId: org.id, tag: '重点项目' } });
    expect(patched.ids).not.toEqual(before.ids);
    await t.reopen();
    expect((await page({ filters: {} })).ids).toEqual(patched.ids);
    expect((await page({ filters: {} })).depths).toEqual(patched.depths);
    expect(filtered.ids).toEqual([made[4]!.id]);
  });

  it('narrows to a light of a period (the 总览 click-through): the projects the 总览 counts', async () => {
    await t.ok('app:onboard', { mode: 'demo' });
    const figures = await t.ok('figures:period', { period: '2017-09' });
    // Counted as the 总览 counts (docs/figures.md): projects without sub-projects; a parent's light is not counted again.
    const red = figures.projects
      .filter((p) => !p.isParent && p.level === 'red')
      .map((p) => p.id)
      .sort();
    expect(red.length).toBe((await t.ok('dashboard:summary', { period: '2017-09' })).lights.red);
    const p = await page({ filters: { light: 'red', period: '2017-09' }, first: 500 });
    expect([...p.ids].sort()).toEqual(red);
  });

  it("gives only the asked projects' lines when figures:period names projectIds (the 督办 page)", async () => {
    await t.ok('app:onboard', { mode: 'demo' });
    const all = await t.ok('figures:period', { period: '2017-09' });
    const picked = [all.projects[3]!, all.projects[0]!];
    const some = await t.ok('figures:period', { period: '2017-09', projectIds: picked.map((p) => p.id) });
    expect(some).toEqual({
      ...all,
      projects: all.projects.filter((p) => p.id === picked[0]!.id || p.id === picked[1]!.id),
    });
    expect((await t.ok('figures:period', { period: '2017-09', projectIds: [] })).projects).toEqual([]);
  });

  it("pages one light's projects when figures:period names level and page (the 红黄绿灯 page)", async () => {
    await t.ok('app:onboard', { mode: 'demo' });
    const all = await t.ok('figures:period', { period: '2017-09' });
    const red = all.projects.filter((p) => p.level === 'red');
    const second = await t.ok('figures:period', { period: '2017-09', level: 'red', page: { offset: 2, limit: 3 } });
    expect(second).toEqual({ ...all, projects: red.slice(2, 5), projectsTotal: red.length });
    expect((await t.ok('figures:period', { period: '2017-09', page: { offset: 0, limit: 500 } })).projects).toEqual(
      all.projects,
    );
  });

  it('offers top-level projects in the register as parents, searched like the grid', async () => {
    const p = await make('F-1', '蒲州镇污水处理', '1');
    await make('F-2', '子项', '1', { parentId: p.id });
    const gone = await make('F-3', '蒲州老街', '1');
    await t.ok('projects:delete', { id: gone.id });
    expect((await t.ok('projects:pick', { query: 'pzz' })).map((o) => o.name)).toEqual(['蒲州镇污水处理']);
    expect((await t.ok('projects:pick', { query: '' })).map((o) => o.code)).toEqual(['F-1']);
    // Linking a task or filtering the audit log may name a sub-project; the chosen ones always come back.
    expect((await t.ok('projects:pick', { query: '', scope: 'all' })).map((o) => o.code)).toEqual(['F-1', 'F-2']);
    expect((await t.ok('projects:pick', { query: 'zx', scope: 'all', ids: [gone.id] })).map((o) => o.code)).toEqual([
      'F-3',
      'F-2',
    ]);
  });
});
