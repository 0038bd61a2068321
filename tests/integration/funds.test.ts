import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempCore, type TempCore } from '../helpers/temp-core.ts';

let t: TempCore;
let pid: number;
const W = 1_000_000; // 分 per 万元

beforeEach(async () => {
  t = await tempCore();
  const p = await t.ok('projects:create', {
    name: '文化广场及健身场所',
    planYear: 2017,
    location: '镇区',
    scope: '广场8000㎡',
    totalWan: '380',
    needsMatching: true,
    planStart: '2017-04-01',
    planEnd: '2017-10-31',
  });
  pid = p.id;
  const ins = t.core.ctx.db.sqlite.prepare(
    'INSERT INTO funding_plan (project_id, source, amount_fen) VALUES (?, ?, ?)',
  );
  ins.run(pid, '市级资金', 200 * W);
  ins.run(pid, '镇政府自筹', 180 * W);
});
afterEach(() => t.cleanup());

const flow = (over: Record<string, unknown>) =>
  ({ projectId: pid, date: '2017-05-05', type: '到位', source: '市级资金', amountWan: '100', ...over }) as never;

function count(table: string): number {
  return (t.core.ctx.db.sqlite.prepare(`SELECT count(*) n FROM ${table}`).get() as { n: number }).n;
}

describe('fund flows', () => {
  it('records, edits and removes a flow, logging each step', async () => {
    const { flow: f, warnings } = await t.ok(
      'funds:saveFlow',
      flow({ batch: '预拨', voucherNo: '运财建〔2017〕40号' }),
    );
    expect(f).toMatchObject({
      projectName: '文化广场及健身场所',
      amountFen: 100 * W,
      batch: '预拨',
      voucherNo: '运财建〔2017〕40号',
    });
    expect(warnings).toEqual([]);
    await t.ok(
      'funds:saveFlow',
      flow({ id: f.id, amountWan: '120.5', batch: '预拨', voucherNo: '运财建〔2017〕40号' }),
    );
    expect((await t.ok('funds:listFlows', { projectId: pid })).map((r) => r.amountFen)).toEqual([120_500_000]);
    await t.ok('funds:removeFlow', { id: f.id });
    expect(await t.ok('funds:listFlows', {})).toEqual([]);
    const log = t.core.ctx.db.sqlite
      .prepare("SELECT action, old_value, new_value FROM change_log WHERE entity = 'fund_flow' ORDER BY id")
      .all();
    expect(log).toEqual([
      {
        action: '新增',
        old_value: null,
        new_value: '2017年5月5日 到位 市级资金 100.00万元（预拨） 凭证运财建〔2017〕40号',
      },
      {
        action: '修改',
        old_value: '2017年5月5日 到位 市级资金 100.00万元（预拨） 凭证运财建〔2017〕40号',
        new_value: '2017年5月5日 到位 市级资金 120.50万元（预拨） 凭证运财建〔2017〕40号',
      },
      {
        action: '删除',
        old_value: '2017年5月5日 到位 市级资金 120.50万元（预拨） 凭证运财建〔2017〕40号',
        new_value: null,
      },
    ]);
  });

  it('pages the flows newest first, with the count of all, in the order of the full list', async () => {
    for (let d = 1; d <= 7; d++) await t.ok('funds:saveFlow', flow({ date: `2017-05-0${d}`, amountWan: String(d) }));
    const all = await t.ok('funds:listFlows', {});
    expect(all.map((f) => f.date)).toEqual([
      '2017-05-07',
      '2017-05-06',
      '2017-05-05',
      '2017-05-04',
      '2017-05-03',
      '2017-05-02',
      '2017-05-01',
    ]);
    const first = await t.ok('funds:pageFlows', { offset: 0, limit: 3 });
    const last = await t.ok('funds:pageFlows', { offset: 6, limit: 3 });
    expect(first).toEqual({ total: 7, rows: all.slice(0, 3) });
    expect(last).toEqual({ total: 7, rows: all.slice(6) });
    expect(await t.ok('funds:pageFlows', { offset: 0, limit: 5, projectId: pid })).toEqual({
      total: 7,
      rows: all.slice(0, 5),
    });
    expect((await t.call('funds:pageFlows', { offset: 0, limit: 0 })).ok).toBe(false);
  });

  it("pages the summary's projects with money, and the page agrees with the whole list", async () => {
    const bare = await t.ok('projects:create', {
      name: '无资金项目',
      planYear: 2017,
      location: '镇区',
      scope: '—',
      totalWan: '1',
    });
    await t.ok('funds:saveFlow', flow({}));
    const whole = await t.ok('funds:summary', { asOf: '2017-09-30' });
    expect(whole.projects.map((p) => p.id).sort()).toEqual([pid, bare.id].sort());
    expect(whole.projectsTotal).toBeUndefined();
    const paged = await t.ok('funds:summary', { asOf: '2017-09-30', page: { offset: 0, limit: 10 } });
    expect(paged).toEqual({
      ...whole,
      projects: whole.projects.filter((p) => p.id === pid).map((p) => ({ ...p, seq: '1' })),
      projectsTotal: 1,
      topProjects: 1,
    });
    expect((await t.ok('funds:summary', { asOf: '2017-09-30', page: { offset: 1, limit: 10 } })).projects).toEqual([]);
  });

  it.each([
    [{ amountWan: '12o' }, '金额“12o”不是有效的金额'],
    [{ amountWan: '0' }, '金额应大于0'],
    [{ amountWan: '-5' }, '金额不能为负数'],
    [{ date: '2017-09-31' }, '日期不是有效日期'],
    [{ type: '报销' }, '类型应为：到位、拨付、支付'],
    [{ source: '上级' }, '资金来源应为：'],
    [{ batch: '尾款' }, '批次应为：预拨、进度款、验收兑现、以奖代补'],
    [{ projectId: 9999 }, '所选项目不存在或已删除'],
  ])('rejects %o with a Chinese message and writes nothing', async (over, message) => {
    const before = count('change_log');
    const r = await t.call('funds:saveFlow', flow(over));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain(message);
    expect(count('fund_flow')).toBe(0);
    expect(count('change_log')).toBe(before);
  });

  it('saves a flow that takes a source past its plan, with a warning', async () => {
    await t.ok('funds:saveFlow', flow({ amountWan: '150' }));
    const { warnings } = await t.ok('funds:saveFlow', flow({ amountWan: '60', date: '2017-08-01' }));
    expect(warnings).toEqual(['“市级资金”累计到位 210.00 万元，超过该来源的资金计划 200.00 万元']);
    const { warnings: paid } = await t.ok(
      'funds:saveFlow',
      flow({ type: '支付', amountWan: '250', date: '2017-09-01' }),
    );
    expect(paid).toEqual([
      '“市级资金”累计到位 210.00 万元，超过该来源的资金计划 200.00 万元',
      '“市级资金”累计支付 250.00 万元，超过已到位 210.00 万元',
    ]);
    expect(count('fund_flow')).toBe(3);
  });

  it('refuses to edit or remove a flow that does not exist', async () => {
    expect((await t.call('funds:removeFlow', { id: 77 })).ok).toBe(false);
    const r = await t.call('funds:saveFlow', flow({ id: 77 }));
    expect(r.ok === false && r.error.message).toBe('资金记录（编号 77）不存在或已删除');
  });
});

describe('funds summary', () => {
  beforeEach(async () => {
    // the year's flows, to the 验收兑现 of December 20, are facts by the year's end (none is taken dated after today)
    await t.reopen({ now: () => new Date('2017-12-28T09:00:00+08:00') });
    await t.ok('funds:saveFlow', flow({ amountWan: '160', batch: '进度款' }));
    await t.ok('funds:saveFlow', flow({ source: '镇政府自筹', amountWan: '120.333333' }));
    await t.ok('funds:saveFlow', flow({ type: '拨付', amountWan: '100', date: '2017-06-01' }));
    await t.ok('funds:saveFlow', flow({ type: '支付', amountWan: '90', date: '2017-08-31' }));
    await t.ok('funds:saveFlow', flow({ type: '支付', source: '镇政府自筹', amountWan: '60', date: '2017-10-15' }));
  });

  it('equals the hand-computed 分 per source, group and overall, with 到位率 and 支付率', async () => {
    const s = await t.ok('funds:summary', {});
    const p = s.projects.find((x) => x.id === pid)!;
    expect(p.bySource).toEqual([
      {
        source: '市级资金',
        group: '上级补助',
        planFen: 200 * W,
        arrivedFen: 160 * W,
        allocatedFen: 100 * W,
        paidFen: 90 * W,
        arrivedPct: 80,
        paidPct: 56.3,
      },
      {
        source: '镇政府自筹',
        group: '镇自筹',
        planFen: 180 * W,
        arrivedFen: 120_333_333,
        allocatedFen: 0,
        paidFen: 60 * W,
        arrivedPct: 66.9,
        paidPct: 49.9,
      },
    ]);
    expect(p).toMatchObject({
      planFen: 380 * W,
      arrivedFen: 280_333_333,
      paidFen: 150 * W,
      arrivedPct: 73.8,
      paidPct: 53.5,
    });
    expect(p.byGroup.map((g) => [g.group, g.planFen, g.arrivedFen])).toEqual([
      ['上级补助', 200 * W, 160 * W],
      ['县级配套', 0, 0],
      ['镇自筹', 180 * W, 120_333_333],
      ['其他', 0, 0],
    ]);
    expect(p.byGroup[1]).toMatchObject({ arrivedPct: null, paidPct: null });
    expect(s.overall).toMatchObject({
      planFen: 380 * W,
      arrivedFen: 280_333_333,
      allocatedFen: 100 * W,
      paidFen: 150 * W,
    });
  });

  it('cuts off at asOf', async () => {
    const s = await t.ok('funds:summary', { asOf: '2017-09-30' });
    expect(s.overall).toMatchObject({ paidFen: 90 * W, paidPct: 32.1 });
  });

  it('checks ≥1:1 配套 on the plan and on money arrived, only for projects that need it', async () => {
    const p = (await t.ok('funds:summary', { projectId: pid })).projects[0]!;
    expect(p.matching).toEqual({
      plan: { upperFen: 200 * W, localFen: 180 * W, ratio: 0.9, ok: false },
      arrived: { upperFen: 160 * W, localFen: 120_333_333, ratio: 0.75, ok: false },
      ok: false,
    });
    expect(p.warnings).toContain('配套不足：计划自筹 180.00 万元，低于上级补助 200.00 万元（应≥1:1）');
    t.core.ctx.db.sqlite.prepare("UPDATE funding_plan SET amount_fen = ? WHERE source = '镇政府自筹'").run(200 * W);
    await t.ok('funds:saveFlow', flow({ source: '镇政府自筹', amountWan: '39.666667' }));
    const ok = (await t.ok('funds:summary', { projectId: pid })).projects[0]!;
    expect(ok.matching).toMatchObject({
      plan: { ratio: 1, ok: true },
      arrived: { localFen: 160 * W, ratio: 1, ok: true },
      ok: true,
    });
    await t.ok('projects:update', { id: pid, patch: { needsMatching: false } });
    expect((await t.ok('funds:summary', { projectId: pid })).projects[0]!.matching).toBeNull();
  });

  it('tracks 以奖代补: applied, 预拨 and 验收兑现', async () => {
    await t.ok('funds:saveAward', { projectId: pid, appliedWan: '100', appliedOn: '2017-04-01' });
    await t.ok('funds:saveFlow', flow({ amountWan: '40', batch: '预拨', date: '2017-04-20' }));
    await t.ok('funds:saveFlow', flow({ amountWan: '50', batch: '验收兑现', date: '2017-12-20' }));
    const s = await t.ok('funds:summary', {});
    expect(s.projects[0]!.award).toEqual({
      appliedFen: 100 * W,
      advancedFen: 40 * W,
      redeemedFen: 50 * W,
      outstandingFen: 10 * W,
      advancedPct: 40,
    });
    expect(s.overall.award).toEqual({ appliedFen: 100 * W, advancedFen: 40 * W, redeemedFen: 50 * W });
    expect((await t.call('funds:saveAward', { projectId: pid, appliedWan: 'abc' })).ok).toBe(false);
  });

  it('leaves deleted projects out', async () => {
    await t.ok('projects:delete', { id: pid });
    const s = await t.ok('funds:summary', {});
    expect(s.projects).toEqual([]);
    expect(s.overall.planFen).toBe(0);
    expect(await t.ok('funds:listFlows', {})).toEqual([]);
  });
});

describe('the 资金 page’s list of projects (the sample)', () => {
  it('numbers parts under their project as T4 does (1-1, 其中), counts the projects apart from them', async () => {
    const d = await tempCore();
    try {
      await d.ok('app:onboard', { mode: 'demo' });
      const page = await d.ok('funds:summary', { asOf: '2017-09-30', page: { offset: 0, limit: 100 } });
      const f = await d.ok('figures:period', { period: '2017-09' });
      const parentOf = new Map(f.projects.map((p) => [p.id, p.parentId]));
      // every top-level project with money is a numbered row; each part listed sits right under its project
      expect(page.topProjects).toBe(page.projects.filter((p) => parentOf.get(p.id) === null).length);
      page.projects.forEach((p, i) => {
        if (parentOf.get(p.id) === null) expect(p.seq).toMatch(/^\d+$/);
        else {
          const parent = page.projects.find((x) => x.id === parentOf.get(p.id))!;
          expect(p.seq).toMatch(new RegExp(`^${parent.seq}-\\d+$`));
          expect(page.projects.indexOf(parent)).toBeLessThan(i);
        }
      });
      expect(page.projects.filter((p) => p.seq?.includes('-')).length).toBe(page.projectsTotal! - page.topProjects!);
      expect(page.projects.some((p) => p.seq === '1-1')).toBe(true);
    } finally {
      d.cleanup();
    }
  });
});
