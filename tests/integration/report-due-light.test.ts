/**
 * The 填报 light: a project that owes the month's 月报 and has none is yellow once the due day (次月5日) has passed —
 * judged by today on the ledger's clock, not by the month's last day (judged then, the light never showed). The
 * figures, the 总览 (also as kept in the ledger file by the last write before the due day), the 月报 page and verify
 * say the same on the day after, in the same core and in one opened afresh, and the late projects are exactly those
 * an independent query of the raw rows finds.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { computePeriodFigures } from '../../electron/core/services/figures.service.ts';
import { dashboardOf } from '../../electron/core/services/dashboard.service.ts';
import { lastRead } from '../../electron/core/services/figures-state.ts';
import { verifyKeptFigures } from '../../electron/core/verify/kept-figures-check.ts';
import { tempCore, type TempCore } from '../helpers/temp-core.ts';

const PERIOD = '2017-09';
let clock = new Date(2017, 9, 5, 17, 0); // local time: the ledger's day is read from it
let t: TempCore;

beforeEach(async () => {
  clock = new Date(2017, 9, 5, 17, 0);
  t = await tempCore({ role: '审核人', operator: '周志强', now: () => clock });
  await t.ok('app:onboard', { mode: 'demo' });
  // A project begun in March that has sent no 月报 for September (the sample's own projects all have).
  await t.ok('projects:create', {
    code: '2017-90',
    name: '镇区雨污分流改造',
    planYear: 2017,
    location: '镇区',
    scope: '改造雨污管网3公里',
    totalWan: '300',
    status: '在建',
    planStart: '2017-03-01',
    actStart: '2017-03-10',
    planEnd: '2017-12-31',
  } as never);
});
afterEach(() => t.cleanup());

/** The leaf projects that owe September's 月报 and have none, straight from the rows (mustReport, by hand). */
function lateByRows(): string[] {
  return (
    t.core.ctx.db.sqlite
      .prepare(
        `SELECT p.name FROM project p
          WHERE p.deleted_at IS NULL AND p.plan_start IS NOT NULL AND p.plan_start <= '2017-09-30'
            AND p.status <> '谋划' AND NOT (p.act_end IS NOT NULL AND p.act_end < '2017-09-01')
            AND NOT EXISTS (SELECT 1 FROM project c WHERE c.parent_id = p.id AND c.deleted_at IS NULL)
            AND NOT EXISTS (SELECT 1 FROM progress r WHERE r.project_id = p.id AND r.period = ?)
          ORDER BY p.name`,
      )
      .pluck()
      .all(PERIOD) as string[]
  ).sort();
}

/**
 * The figures the channel answers, which must equal those computed from scratch, and how they were read: the day
 * after the due day, the figures the file kept the day before are judged again for it (only the unreported leaves
 * and their ancestors read again), not the whole ledger read afresh.
 */
async function figuresAgainstScratch() {
  const shown = await t.ok('figures:period', { period: PERIOD });
  const how = { from: lastRead.figuresFrom, how: lastRead.figures };
  const { projects, ...head } = computePeriodFigures(t.core.ctx, PERIOD);
  expect(shown).toEqual({ ...head, projects });
  return how;
}

async function lateInFigures(): Promise<string[]> {
  const f = await t.ok('figures:period', { period: PERIOD });
  return f.projects
    .filter((p) => p.lights.some((l) => l.dimension === '填报' && l.level === 'yellow'))
    .map((p) => p.name)
    .sort();
}

/** The 总览 the window shows, and the one computed here from scratch (no cache, no kept figures). */
async function dashboards() {
  const shown = await t.ok('dashboard:summary', { period: PERIOD });
  const ctx = t.core.ctx;
  const fresh = dashboardOf(ctx, PERIOD, () => computePeriodFigures(ctx, PERIOD));
  return { shown, fresh };
}

describe('填报 light', () => {
  it('shows from the day after the due day, on every surface, in the same core and a new one', async () => {
    expect(lateByRows()).toEqual(['镇区雨污分流改造']);
    // On the due day itself nothing is late.
    expect(await lateInFigures()).toEqual([]);
    const onDueDay = await dashboards();
    expect(onDueDay.shown).toEqual(onDueDay.fresh);
    expect((await t.ok('reports:batch', { period: PERIOD } as never)).pastDue).toBe(false);

    // The next morning, nothing written since: the figures kept yesterday (memory and file) are not served as
    // they were, but judged again from the file's for the due day only.
    clock = new Date(2017, 9, 6, 8, 30);
    expect(await figuresAgainstScratch()).toEqual({ from: 'file', how: 'kept' });
    expect(await lateInFigures()).toEqual(lateByRows());
    const f = await t.ok('figures:period', { period: PERIOD });
    const light = f.projects.find((p) => p.name === '镇区雨污分流改造')!.lights.find((l) => l.dimension === '填报')!;
    expect(light.reason).toBe('本月尚未提交（截止2017年10月5日）');
    const next = await dashboards();
    expect(next.shown).toEqual(next.fresh);
    // Started on time, nothing else to judge: no light on the due day, yellow the day after.
    expect(next.shown.lights).toEqual({
      ...onDueDay.shown.lights,
      yellow: onDueDay.shown.lights.yellow + 1,
      none: onDueDay.shown.lights.none - 1,
    });
    const set = await t.ok('figures:set', { period: PERIOD });
    expect(set.lights).toEqual(next.shown.lights);
    expect((await t.ok('reports:batch', { period: PERIOD } as never)).pastDue).toBe(true);

    // verify: the 总览 kept on the due day is not compared as if it were wrong; it is said to be from before it.
    const check = verifyKeptFigures(t.core.ctx.db);
    expect(check.ok).toBe(true);
    expect(check.stale).toBeGreaterThan(0);
    expect(check.message).toContain('月报截止日之前保存的');

    // A core opened that morning reads the file kept on the due day: it must not show it.
    await t.reopen({ now: () => clock });
    expect(await figuresAgainstScratch()).toEqual({ from: 'file', how: 'kept' });
    const reopened = await dashboards();
    expect(reopened.shown).toEqual(next.fresh);
    expect(await lateInFigures()).toEqual(lateByRows());

    // The next write keeps the 总览 judged as of today; verify compares it again and finds it equal.
    await t.ok('lights:record', { period: PERIOD });
    const p = (await t.ok('projects:list', {})).find((x: { name: string }) => x.name === '镇区雨污分流改造')!;
    await t.ok('projects:update', { id: p.id, patch: { location: '镇区北街' } } as never);
    const after = verifyKeptFigures(t.core.ctx.db);
    expect(after.ok).toBe(true);
    expect(after.stale).toBe(0);
    const kept = await dashboards();
    expect(kept.shown).toEqual(kept.fresh);
    expect(kept.shown.lights).toEqual(next.shown.lights);
  });
});

describe('the figures kept before the due day, judged again after it', () => {
  it('turn a sub-project and its project yellow, with nothing else changed, written since or not', async () => {
    const made = { planYear: 2017, location: '镇区', status: '在建', planStart: '2017-03-01', actStart: '2017-03-10' };
    const parent = await t.ok('projects:create', {
      ...made,
      code: '2017-91',
      name: '镇区道路提升',
      scope: '道路白改黑2公里',
      totalWan: '400',
      planEnd: '2017-12-31',
    } as never);
    await t.ok('projects:create', {
      ...made,
      code: '2017-91-1',
      name: '配套绿化',
      parentId: parent.id,
      scope: '绿化5000平方米',
      totalWan: '50',
      planEnd: '2017-12-31',
    } as never);
    const before = await t.ok('figures:period', { period: PERIOD });
    clock = new Date(2017, 9, 6, 8, 30);
    await t.reopen({ now: () => clock });
    expect(await figuresAgainstScratch()).toEqual({ from: 'file', how: 'kept' });
    const after = await t.ok('figures:period', { period: PERIOD });
    const changed = after.projects.filter((p, i) => JSON.stringify(p) !== JSON.stringify(before.projects[i]));
    expect(changed.map((p) => p.name).sort()).toEqual(['配套绿化', '镇区道路提升', '镇区雨污分流改造'].sort());
    const rolled = after.projects.find((p) => p.id === parent.id)!;
    expect([before.projects.find((p) => p.id === parent.id)!.level, rolled.level]).toEqual([null, 'yellow']);
    expect(rolled.levelReason).toBe('子项目“配套绿化”：本月尚未提交（截止2017年10月5日）');

    // The first write after the due day keeps the judged figures in the file (every row written again: the file's
    // were judged before it); a core opened later reads them as kept.
    clock = new Date(2017, 9, 7, 9, 0);
    await t.reopen({ now: () => clock });
    const child = after.projects.find((p) => p.name === '配套绿化')!;
    await t.ok('reports:save', {
      period: PERIOD,
      rows: [{ projectId: child.id, monthWan: '5', imageText: '完成绿化2000平方米' }],
    });
    expect((await figuresAgainstScratch()).how).toBe('kept');
    await t.reopen({ now: () => clock });
    expect(await figuresAgainstScratch()).toEqual({ from: 'file', how: 'kept' });
    expect(verifyKeptFigures(t.core.ctx.db)).toMatchObject({ ok: true, stale: 0 });
    expect(await lateInFigures()).toEqual(['镇区雨污分流改造']);
  });
});

describe('基准日期', () => {
  it('before the month is refused in the core too, naming the field', async () => {
    const r = await t.call('figures:period', { period: PERIOD, asOf: '2017-08-15' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.message).toBe('基准日期2017年8月15日早于2017年9月，应为该月之内或之后的日期');
    expect(r.error.issues).toEqual([{ path: 'asOf', message: '基准日期不能早于2017年9月1日' }]);
    expect((await t.ok('figures:period', { period: PERIOD, asOf: '2017-09-01' })).asOf).toBe('2017-09-01');
  });
});
