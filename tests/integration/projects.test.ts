import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProjectInput } from '../../shared/schemas/project.ts';
import { verifyChain } from '../../electron/core/audit/change-log.ts';
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

function counts() {
  const s = t.core.ctx.db.sqlite;
  return {
    projects: (s.prepare('SELECT count(*) n FROM project').get() as { n: number }).n,
    log: (s.prepare('SELECT count(*) n FROM change_log').get() as { n: number }).n,
  };
}

describe('projects through handleCall', () => {
  it('creates, reads, edits, deletes to the 回收站 and restores, logging each step with the operator', async () => {
    const p = await t.ok('projects:create', base);
    expect(p).toMatchObject({ name: '镇区公共停车场', totalFen: 200_000_000, status: '前期', approx: false });
    const edited = await t.ok('projects:update', { id: p.id, patch: { totalWan: '210.5', status: '在建' } });
    expect(edited.totalFen).toBe(210_500_000);
    expect((await t.ok('projects:list', {})).map((r) => r.name)).toEqual(['镇区公共停车场']);
    expect(await t.ok('projects:delete', { id: p.id })).toEqual({ deleted: 1 });
    expect(await t.ok('projects:list', {})).toEqual([]);
    expect((await t.ok('projects:list', { onlyDeleted: true })).map((r) => r.id)).toEqual([p.id]);
    await t.ok('projects:restore', { id: p.id });
    expect((await t.ok('projects:list', {})).map((r) => r.id)).toEqual([p.id]);

    const log = t.core.ctx.db.sqlite
      .prepare('SELECT operator, action, field, old_value, new_value FROM change_log ORDER BY id')
      .all();
    expect(log).toEqual([
      {
        operator: '测试员',
        action: '新增',
        field: null,
        old_value: null,
        new_value: '镇区公共停车场（总投资200.00万元）',
      },
      { operator: '测试员', action: '修改', field: 'totalWan', old_value: '200.00万元', new_value: '210.50万元' },
      { operator: '测试员', action: '修改', field: 'status', old_value: '前期', new_value: '在建' },
      { operator: '测试员', action: '删除', field: null, old_value: null, new_value: null },
      { operator: '测试员', action: '恢复', field: null, old_value: null, new_value: null },
    ]);
    expect(verifyChain(t.core.ctx.db).ok).toBe(true);
  });

  it('survives a restart', async () => {
    const p = await t.ok('projects:create', base);
    await t.reopen();
    expect(await t.ok('projects:get', { id: p.id })).toMatchObject({ name: base.name, totalFen: 200_000_000 });
  });

  it('"860余" is stored as 860万 with the approximate flag', async () => {
    const p = await t.ok('projects:create', { ...base, totalWan: '860余' });
    expect(p).toMatchObject({ totalFen: 860_000_000, approx: true });
  });

  it.each<[string, Partial<ProjectInput>, string, string]>([
    ['negative money', { totalWan: '-5' }, 'totalWan', '总投资不能为负数'],
    ['too many decimals in 万元', { totalWan: '1.1234567' }, 'totalWan', '总投资最多保留6位小数'],
    ['junk money', { totalWan: '二百万' }, 'totalWan', '总投资“二百万”不是有效的金额'],
    ['impossible date', { planEnd: '2017-09-31' }, 'planEnd', '计划竣工日期不是有效日期'],
    [
      'end before start',
      { planStart: '2017-10-01', planEnd: '2017-09-30' },
      'planEnd',
      '计划竣工日期（2017年9月30日）不能早于计划开工日期（2017年10月1日）',
    ],
    ['years reversed', { yearFrom: 2018, yearTo: 2017 }, 'yearTo', '建设终止年（2017）不能早于起始年（2018）'],
    ['actual end without start', { actEnd: '2017-09-30' }, 'actStart', '已填实际竣工日期时，必须先填实际开工日期'],
    ['missing name', { name: '' }, 'name', '请填写项目名称'],
    ['one-character name', { name: '桥' }, 'name', '项目名称至少2个字'],
    ['missing location', { location: '  ' }, 'location', '请填写建设地点'],
    ['scope over 500 characters', { scope: '字'.repeat(501) }, 'scope', '建设内容及规模不能超过500个字'],
    ['unknown category', { category: '别的' as never }, 'category', '七补齐类别应为'],
    ['year out of range', { planYear: 1800 }, 'planYear', '年度不能早于1900年'],
    ['unknown parent', { parentId: 999 }, 'parentId', '上级项目不存在或已删除'],
    ['unknown responsible unit', { responsibleOrgIds: [999] }, 'responsibleOrgIds', '责任单位（编号 999）不存在'],
  ])('rejects %s with a Chinese message naming the field, writing nothing', async (_, patch, path, text) => {
    await t.ok('projects:create', { ...base, code: '2017-00', name: '已有项目' });
    const before = counts();
    const r = await t.call('projects:create', { ...base, ...patch });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('VALIDATION');
    expect(r.error.issues?.map((i) => i.path)).toContain(path);
    expect(r.error.message).toContain(text);
    expect(counts()).toEqual(before);
  });

  it('rejects a duplicate code and a duplicate name in the same year, but allows the name in another year', async () => {
    await t.ok('projects:create', base);
    const dupCode = await t.call('projects:create', { ...base, name: '另一个项目' });
    expect(!dupCode.ok && dupCode.error.message).toBe('项目编号“2017-90”已被其他项目使用（含回收站中的项目）');
    const dupName = await t.call('projects:create', { ...base, code: '2017-91' });
    expect(!dupName.ok && dupName.error.message).toBe('2017年度已有同名项目“镇区公共停车场”');
    expect((await t.call('projects:create', { ...base, code: '2018-01', planYear: 2018 })).ok).toBe(true);
  });

  it('an edit that breaks a rule writes nothing, not even part of the patch', async () => {
    const p = await t.ok('projects:create', base);
    const before = counts();
    const r = await t.call('projects:update', { id: p.id, patch: { name: '改了名字', planEnd: '2017-01-01' } });
    expect(!r.ok && r.error.issues?.[0]?.path).toBe('planEnd');
    expect((await t.ok('projects:get', { id: p.id })).name).toBe('镇区公共停车场');
    expect(counts()).toEqual(before);
  });

  it('deleting a parent takes its sub-projects to the 回收站 and restoring brings them back', async () => {
    const parent = await t.ok('projects:create', base);
    await t.ok('projects:create', {
      ...base,
      code: '2017-90-1',
      name: '停车场硬化',
      parentId: parent.id,
      totalWan: '80',
    });
    expect(await t.ok('projects:delete', { id: parent.id })).toEqual({ deleted: 2 });
    await t.ok('projects:restore', { id: parent.id });
    expect((await t.ok('projects:list', {})).length).toBe(2);
  });

  it('refuses a parent that would make a cycle', async () => {
    const a = await t.ok('projects:create', base);
    const b = await t.ok('projects:create', { ...base, code: 'B', name: '子项目B', parentId: a.id });
    const r = await t.call('projects:update', { id: a.id, patch: { parentId: b.id } });
    expect(!r.ok && r.error.message).toBe('上级项目不能是本项目或本项目的下级项目');
  });

  it('a 领导 operator is read-only', async () => {
    await t.reopen({ operator: '张书记', role: '领导' });
    const r = await t.call('projects:create', base);
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await t.call('projects:list', {})).ok).toBe(true);
  });

  it('answers unknown channels and malformed input with a validation envelope, never a throw', async () => {
    expect(await t.call('projects:nope' as never, {} as never)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(await t.call('projects:create', null as never)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await t.call('projects:get', { id: 'x' } as never)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(await t.call('projects:get', { id: 12345 })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: '项目（编号 12345）不存在或已删除' },
    });
  });

  it('stats count top-level projects once: a parent total counts, its children are not added again', async () => {
    const parent = await t.ok('projects:create', { ...base, totalWan: '2700' });
    await t.ok('projects:create', { ...base, code: 'c1', name: '硬化', parentId: parent.id, totalWan: '860' });
    await t.ok('projects:create', { ...base, code: 'x', name: '公厕', totalWan: '60', category: '公共环境' });
    expect(await t.ok('stats:summary', {})).toMatchObject({
      projects: 2,
      subProjects: 1,
      totalInvestmentFen: 2_760_000_000,
    });
  });
});

describe('splitting a project that has reported', () => {
  it('keeps its own 月报 in every figure when it gets its first sub-project', async () => {
    await t.ok('app:onboard', { mode: 'demo' });
    const before = await t.ok('figures:set', { period: '2017-09' });
    const f = await t.ok('figures:period', { period: '2017-09' });
    const park = f.projects.find((p) => p.name === '生态园林休闲区')!;
    expect(park.ytdFen).toBe(300_000_000);
    await t.ok('projects:create', {
      name: '生态园林慢行道',
      parentId: park.id,
      planYear: 2017,
      category: '公共环境',
      nature: '新建',
      location: '生态园',
      scope: '慢行道',
      totalWan: '100',
      planStart: '2017-10-01',
      planEnd: '2017-12-31',
      status: '前期',
    });
    const after = await t.ok('figures:set', { period: '2017-09' });
    expect(after.investment.ytdFen).toBe(before.investment.ytdFen);
    expect(after.investment.cumFen).toBe(before.investment.cumFen);
    const parent = (await t.ok('figures:period', { period: '2017-09' })).projects.find((p) => p.id === park.id)!;
    expect([parent.isParent, parent.ytdFen, parent.monthFen]).toEqual([true, 300_000_000, park.monthFen]);
    // in October its part reports, and the parent is what it had plus its part's
    const part = (await t.ok('figures:period', { period: '2017-10' })).projects.find((p) => p.parentId === park.id)!;
    await t.ok('reports:save', {
      period: '2017-10',
      rows: [{ projectId: part.id, monthWan: '12.5', imageText: '施工' }],
    });
    const oct = (await t.ok('figures:period', { period: '2017-10' })).projects.find((p) => p.id === park.id)!;
    expect([oct.monthFen, oct.ytdFen]).toEqual([12_500_000, 312_500_000]);
  });
});
