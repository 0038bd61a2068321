// The per-database cache of a period's figures (derived-cache.ts): a repeated call is served from memory, and
// every kind of write that changes the figures is seen by the next call. Each write test asserts a visible
// change AND equality with a fresh, uncached computation, so a stale cache fails it.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { stopParseWorker } from '../../electron/core/excel/import/read.ts';
import { computePeriodFigures } from '../../electron/core/services/figures.service.ts';
import { fundsSummary } from '../../electron/core/services/funds.service.ts';
import { townFunding } from '../../electron/core/services/fund-figures.ts';
import { summarise } from '../../shared/domain/funds.ts';
import { periodFigures } from '../../electron/core/services/period.service.ts';
import type { PeriodFigures } from '../../shared/schemas/figures.ts';
import { lightRulesInput } from '../../shared/schemas/lights.ts';
import { useDemoCore } from '../helpers/demo-core.ts';

const PERIOD = '2017-09';
const demo = useDemoCore();
const { sql, idOf } = demo;
const figures = () => demo.t.ok('figures:period', { period: PERIOD });
/** The same figures computed from the database right now, bypassing the cache. */
const fresh = () => computePeriodFigures(demo.t.core.ctx, PERIOD);
const of = (f: PeriodFigures, code: string) => f.projects.find((p) => p.code === code)!;

/** Warms the cache, runs the write, and checks the next call sees it and equals a fresh computation. */
async function expectSeen(
  write: () => unknown,
  changed: (before: PeriodFigures, after: PeriodFigures) => void,
): Promise<void> {
  const before = await figures();
  expect(await figures()).toBe(before); // warm: served from the cache
  await write();
  const after = await figures();
  expect(after).not.toBe(before);
  changed(before, after);
  expect(after).toEqual(fresh());
}

describe('period figures cache', () => {
  it('a repeated call returns the same frozen figures without recomputing; they equal a fresh computation', async () => {
    const first = periodFigures(demo.t.core.ctx, PERIOD);
    const second = periodFigures(demo.t.core.ctx, PERIOD);
    expect(second).toBe(first);
    expect(first).toEqual(fresh());
    expect(Object.isFrozen(first.projects[0]!.lights)).toBe(true);
    expect(() => (first.projects as unknown as unknown[]).push(null)).toThrow(TypeError);
    // Another reference date is another entry; the standard one is still cached.
    expect(periodFigures(demo.t.core.ctx, PERIOD, { asOf: '2017-09-15' })).not.toBe(first);
    expect(periodFigures(demo.t.core.ctx, PERIOD)).toBe(first);
    // Reading wrote no light history; recording it (a command) does not count as a change of the figures.
    const lightsRows = () => (sql().prepare('SELECT count(*) n FROM warning').get() as { n: number }).n;
    expect(lightsRows()).toBe(0);
    expect((await demo.t.ok('lights:record', { period: PERIOD })).recorded).toBe(true);
    expect(lightsRows()).toBeGreaterThan(0);
    expect(periodFigures(demo.t.core.ctx, PERIOD)).toBe(first);
  });

  it('sees a monthly report', () =>
    expectSeen(
      async () => {
        await demo.t.ok('reports:return', { period: PERIOD, projectIds: [idOf('2017-01-01')], reason: '数字有误' });
        await demo.t.ok('reports:save', {
          period: PERIOD,
          rows: [{ projectId: idOf('2017-01-01'), monthWan: '123.45', imageText: '主体施工' }],
        });
      },
      (_, a) => expect(of(a, '2017-01-01')).toMatchObject({ monthFen: 123_450_000, report: { imageText: '主体施工' } }),
    ));

  it('sees a fund flow', () =>
    expectSeen(
      () =>
        demo.t.ok('funds:saveFlow', {
          projectId: idOf('2017-01-01'),
          date: '2017-09-01',
          type: '到位',
          source: '市级资金',
          amountWan: '10000',
        } as never),
      (b, a) =>
        expect(of(a, '2017-01-01').lights.find((l) => l.dimension === '资金支付')).not.toEqual(
          of(b, '2017-01-01').lights.find((l) => l.dimension === '资金支付'),
        ),
    ));

  it('sees a milestone', () =>
    expectSeen(
      () =>
        demo.t.ok('milestones:save', {
          projectId: idOf('2017-01-01'),
          milestones: [{ node: '主体完工', planDate: '2017-08-01' }],
        }),
      (_, a) =>
        expect(of(a, '2017-01-01').lights.find((l) => l.dimension === '节点')).toMatchObject({
          level: 'red',
          value: 60,
        }),
    ));

  it('sees a project edit', () =>
    expectSeen(
      () => demo.t.ok('projects:update', { id: idOf('2017-01-01'), patch: { totalWan: '5000' } }),
      (_, a) => expect(of(a, '2017-01-01').totalFen).toBe(5000_000_000),
    ));

  it('sees a change of the light rules', async () => {
    const { rules } = await demo.t.ok('lights:rules:get', {});
    await expectSeen(
      () =>
        demo.t.ok('lights:rules:save', {
          ...lightRulesInput(rules),
          paymentMinPct: 100,
          investYellowFromPts: 1,
          investRedAbovePts: 2,
        }),
      (b, a) =>
        expect(a.projects.filter((p) => p.level === 'red').length).toBeGreaterThan(
          b.projects.filter((p) => p.level === 'red').length,
        ),
    );
  });

  it('sees a period close and a reopen', async () => {
    const open = await figures();
    expect(await figures()).toBe(open);
    await demo.t.ok('periods:close', { period: PERIOD });
    const closed = await figures();
    expect(closed).toEqual({ ...open, closed: true });
    expect(await figures()).toBe(closed); // the snapshot is parsed once
    await demo.t.ok('periods:reopen', { period: PERIOD, reason: '补报' });
    const reopened = await figures();
    expect(reopened.closed).toBe(false);
    expect(reopened).toEqual(fresh());
  });

  it('sees a restore: never the figures of the database that was replaced', async () => {
    // restores are the 管理员's; one made after the backup would find none in it (restore-check.ts refuses that)
    await demo.t.signIn('管理员');
    const backup = await demo.t.ok('backups:create', { target: 'auto' });
    const original = await figures();
    await demo.t.ok('projects:update', { id: idOf('2017-01-01'), patch: { totalWan: '5000' } });
    expect(of(await figures(), '2017-01-01').totalFen).toBe(5000_000_000);
    await demo.t.ok('backups:restore', { name: backup.name });
    expect((await demo.t.ok('session:current', {})).loggedIn).toBe(false); // the restored ledger has the backup's operators
    await demo.t.signIn('管理员');
    const restored = await figures();
    expect(of(restored, '2017-01-01').totalFen).toBe(of(original, '2017-01-01').totalFen);
    expect(restored).toEqual(fresh());
  });

  it('sees an Excel import', async () => {
    const ws = XLSX.utils.aoa_to_sheet([
      ['项目名称', '总投资', '建设地点', '建设内容'],
      ['新导入的项目', '100', '镇区', '内容'],
    ]);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, '项目清单');
    const base64 = (XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer).toString('base64');
    try {
      await expectSeen(
        () => demo.t.ok('excel:importApply', { fileName: 'new.xlsx', base64, year: 2017 }),
        (b, a) =>
          expect(a.projects.map((p) => p.name).sort()).toEqual(
            [...b.projects.map((p) => p.name), '新导入的项目'].sort(),
          ),
      );
    } finally {
      await stopParseWorker();
    }
  });

  it('sees a commit by another connection (the CLI on the same file)', () =>
    expectSeen(
      () => {
        const other = new Database(demo.t.file);
        try {
          other.prepare('UPDATE project SET total_fen = 7777000000 WHERE code = ?').run('2017-01-01');
        } finally {
          other.close();
        }
      },
      (_, a) => expect(of(a, '2017-01-01').totalFen).toBe(7777_000_000),
    ));

  // Reads record nothing: the history is written by the 记录本期灯色 command (lights:record), as here.
  it('light history: a recomputation with the same lights stores nothing; a new red and its release are stored once each', async () => {
    const computations = () =>
      (sql().prepare('SELECT count(DISTINCT computed_at) n FROM warning WHERE period = ?').get(PERIOD) as { n: number })
        .n;
    const record = () => demo.t.ok('lights:record', { period: PERIOD });
    const id = idOf('2017-01-01');
    await figures();
    expect(computations()).toBe(0);
    await record();
    const first = computations();
    expect(first).toBe(1);
    sql().prepare('UPDATE project SET total_fen = total_fen WHERE id = ?').run(id); // a write that changes no light
    expect((await record()).recorded).toBe(false);
    expect(computations()).toBe(first);
    await demo.t.ok('milestones:save', { projectId: id, milestones: [{ node: '主体完工', planDate: '2017-08-01' }] });
    await figures();
    expect(computations()).toBe(first); // looking records nothing
    expect((await record()).recorded).toBe(true);
    expect(computations()).toBe(first + 1);
    await demo.t.ok('milestones:save', { projectId: id, milestones: [] });
    await record();
    expect(computations()).toBe(first + 2);
    const latest = sql()
      .prepare(
        "SELECT level, text FROM warning WHERE period = ? AND project_id = ? AND dimension = '节点' ORDER BY computed_at DESC LIMIT 1",
      )
      .get(PERIOD, id);
    expect(latest).toEqual({ level: 'green', text: expect.stringMatching(/^已解除：节点“主体完工”/) });
    const history = await demo.t.ok('lights:history', { projectId: id });
    expect(history.filter((h) => h.period === PERIOD && h.dimension === '节点').map((h) => h.level)).toEqual([
      'green',
      'red',
    ]);
    await record();
    expect(computations()).toBe(first + 2);
  });

  it('figures read inside a transaction that rolls back are not kept', async () => {
    const before = await figures();
    const { ctx } = demo.t.core;
    expect(() =>
      ctx.db.tx(() => {
        sql().prepare('UPDATE project SET total_fen = 1 WHERE code = ?').run('2017-01-01');
        expect(of(periodFigures(ctx, PERIOD), '2017-01-01').totalFen).toBe(1);
        throw new Error('回滚');
      }),
    ).toThrow('回滚');
    const after = await figures();
    expect(of(after, '2017-01-01').totalFen).toBe(of(before, '2017-01-01').totalFen);
    expect(after).toEqual(fresh());
  });
});

describe('总览 cache', () => {
  it('is served from memory until a write, then recomputed; its funding equals the funds summary to the 分', async () => {
    const first = await demo.t.ok('dashboard:summary', { period: PERIOD });
    expect(await demo.t.ok('dashboard:summary', { period: PERIOD })).toEqual(first);
    // A project in the 回收站 keeps its flows, which no longer count.
    await demo.t.ok('funds:saveFlow', {
      projectId: idOf('2017-01-01'),
      date: '2017-09-01',
      type: '到位',
      source: '市级资金',
      amountWan: '10000',
    } as never);
    await demo.t.ok('funds:saveFlow', {
      projectId: idOf('2017-01-02'),
      date: '2017-09-02',
      type: '支付',
      source: '镇政府自筹',
      amountWan: '1',
    } as never);
    await demo.t.ok('projects:delete', { id: idOf('2017-01-02') });
    const after = await demo.t.ok('dashboard:summary', { period: PERIOD });
    const summary = fundsSummary(demo.t.core.ctx, { asOf: '2017-09-30' }).overall;
    expect(after.funding).toEqual(
      summary.byGroup.map((g) => ({
        group: g.group,
        planFen: g.planFen,
        arrivedFen: g.arrivedFen,
        paidFen: g.paidFen,
      })),
    );
    expect(after.funding).not.toEqual(first.funding);
    const overall = townFunding(demo.t.core.ctx, '2017-09-30');
    expect(overall.bySource).toEqual(summary.bySource);
    // The kept town sums equal the top-level projects' rolled-up figures (sub-projects never added on top).
    const tops = fundsSummary(demo.t.core.ctx, { asOf: '2017-09-30' }).projects.filter((p) => p.parentId === null);
    expect(summarise(tops.flatMap((p) => p.bySource)).bySource).toEqual(overall.bySource);
    expect(overall.byGroup).toEqual(summary.byGroup);
    expect(overall.total).toMatchObject({
      planFen: summary.planFen,
      arrivedFen: summary.arrivedFen,
      paidFen: summary.paidFen,
    });
    // The periods (read by skipping through the period index) are those with reports of projects not deleted.
    sql()
      .prepare(
        "INSERT INTO progress (project_id, period, month_fen, updated_at) VALUES (?, '2016-12', 1, '2017-01-05T00:00:00Z')",
      )
      .run(idOf('2017-01-02'));
    const grouped = sql()
      .prepare(
        `SELECT r.period FROM progress r JOIN project p ON p.id = r.project_id WHERE p.deleted_at IS NULL
      GROUP BY r.period ORDER BY r.period DESC`,
      )
      .pluck()
      .all();
    expect((await demo.t.ok('dashboard:summary', { period: PERIOD })).periods).toEqual(grouped);
    expect(grouped).not.toContain('2016-12');
  });
});
