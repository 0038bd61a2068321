// After a write, a period's figures and the 总览 are patched for the projects the write touched
// (figures-state.ts) instead of being read from the whole ledger again. Every kind of write must leave them
// IDENTICAL to a computation from scratch: the figures are compared with computePeriodFigures, and both with
// what a freshly opened core (no kept state at all) answers. The common writes must be answered by a patch.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { computePeriodFigures } from '../../electron/core/services/figures.service.ts';
import { lastRead } from '../../electron/core/services/figures-state.ts';
import { periodFigures } from '../../electron/core/services/period.service.ts';
import { lightRulesInput } from '../../shared/schemas/lights.ts';
import { useDemoCore } from '../helpers/demo-core.ts';

const PERIOD = '2017-09';
const demo = useDemoCore();
const { sql, idOf } = demo;
const ids = () =>
  sql().prepare('SELECT id FROM project WHERE deleted_at IS NULL ORDER BY id').pluck().all() as number[];

/**
 * Reads figures and 总览 (kept from now on), runs the write, reads them again and checks them against a fresh
 * computation and a freshly opened core. `expected`: how the figures must have been answered.
 */
async function expectSame(write: () => unknown, expected?: 'kept' | 'patched' | 'full'): Promise<void> {
  await demo.t.ok('figures:period', { period: PERIOD });
  await demo.t.ok('dashboard:summary', { period: PERIOD });
  lastRead.upkeep = null;
  await write();
  const figures = periodFigures(demo.t.core.ctx, PERIOD);
  // A write through the core brings the kept figures up to date at its commit (figure-store.service.ts): the
  // read after it finds them as kept, and the upkeep says how it did it. A write around the core (the sqlite3
  // shell, another program) is patched by the read, from the journal.
  const how = lastRead.figures === 'kept' && lastRead.upkeep ? lastRead.upkeep : lastRead.figures;
  const dashboard = await demo.t.ok('dashboard:summary', { period: PERIOD });
  expect(figures).toEqual(computePeriodFigures(demo.t.core.ctx, PERIOD));
  if (expected) expect(how).toBe(expected);
  await demo.t.reopen();
  expect(await demo.t.ok('dashboard:summary', { period: PERIOD })).toEqual(dashboard);
  expect(periodFigures(demo.t.core.ctx, PERIOD)).toEqual(figures);
}

describe('figures patched after a write equal a full computation', () => {
  it('a monthly report saved, returned and submitted', async () => {
    const id = idOf('2017-01-01');
    await expectSame(async () => {
      await demo.t.ok('reports:return', { period: PERIOD, projectIds: [id], reason: '数字有误' });
      await demo.t.ok('reports:save', {
        period: PERIOD,
        rows: [{ projectId: id, monthWan: '123.45', imageText: '主体施工' }],
      });
    }, 'patched');
    expect(lastRead.figuresFrom).toBe('file'); // the fresh core read the figures the write kept in the ledger file
    await expectSame(() => demo.t.ok('reports:submit', { period: PERIOD, projectIds: [id] }), 'patched');
  });

  it('the 总览 sums are patched too', async () => {
    await demo.t.ok('dashboard:summary', { period: PERIOD });
    sql()
      .prepare('UPDATE progress SET month_fen = month_fen + 1000000 WHERE project_id = ? AND period = ?')
      .run(idOf('2017-01-01'), PERIOD);
    await demo.t.ok('dashboard:summary', { period: PERIOD });
    expect(lastRead.perProject).toBe('patched');
  });

  it('a project edit: total, dates, stats flag, responsible units', async () => {
    const id = idOf('2017-01-01');
    await expectSame(() => demo.t.ok('projects:update', { id, patch: { totalWan: '5000' } }), 'patched');
    await expectSame(
      () => demo.t.ok('projects:update', { id, patch: { planStart: '2017-01-01', actStart: null } }),
      'patched',
    );
    const orgs = sql().prepare('SELECT id FROM org_unit ORDER BY id LIMIT 2').pluck().all() as number[];
    await expectSame(() => demo.t.ok('projects:update', { id, patch: { responsibleOrgIds: orgs } }), 'patched');
  });

  it('a sub-project edited: its parent is summed again', async () => {
    const kid = sql()
      .prepare('SELECT id FROM project WHERE parent_id IS NOT NULL AND deleted_at IS NULL LIMIT 1')
      .pluck()
      .get() as number | undefined;
    expect(kid).toBeDefined();
    await expectSame(
      () =>
        sql()
          .prepare('UPDATE progress SET month_fen = month_fen + 7000000 WHERE project_id = ? AND period <= ?')
          .run(kid, PERIOD),
      'patched',
    );
    await expectSame(
      () =>
        sql()
          .prepare("INSERT INTO milestone (project_id, node, plan_date) VALUES (?, '主体完工', '2017-08-01')")
          .run(kid),
      'patched',
    );
  });

  it('a parent change and a ledger order change are read in full', async () => {
    // Two projects without sub-projects, neither a part of another: b becomes a part of a.
    const [a, b] = sql()
      .prepare(
        `SELECT id FROM project WHERE deleted_at IS NULL AND parent_id IS NULL
      AND id NOT IN (SELECT parent_id FROM project WHERE parent_id IS NOT NULL) ORDER BY id LIMIT 2`,
      )
      .pluck()
      .all() as number[];
    await expectSame(() => demo.t.ok('projects:update', { id: b!, patch: { parentId: a! } }), 'full');
    await expectSame(() => sql().prepare('UPDATE project SET sort = sort + 1000 WHERE id = ?').run(a), 'full');
  });

  it('a parent’s 资金构成 removed and given again: its parts’ rows count instead of it, and then not (the 总览’s 计划)', async () => {
    for (const parent of sql()
      .prepare('SELECT DISTINCT parent_id FROM project WHERE parent_id IS NOT NULL')
      .pluck()
      .all() as number[]) {
      const kid = sql().prepare('SELECT id FROM project WHERE parent_id = ? LIMIT 1').pluck().get(parent) as number;
      await expectSame(() =>
        sql()
          .prepare("INSERT INTO funding_plan (project_id, source, amount_fen) VALUES (?, '农户自筹', 1234567)")
          .run(kid),
      );
      await expectSame(() => sql().prepare('DELETE FROM funding_plan WHERE project_id = ?').run(parent));
      await expectSame(() =>
        sql()
          .prepare("INSERT INTO funding_plan (project_id, source, amount_fen) VALUES (?, '省级资金', 7654321)")
          .run(parent),
      );
    }
  });

  it('a year plan, milestones, fund flows (saved, moved, removed)', async () => {
    const id = idOf('2017-01-01');
    await expectSame(
      () => demo.t.ok('plans:save', { projectId: id, plans: [{ year: 2017, planWan: '333' }] }),
      'patched',
    );
    await expectSame(
      () => demo.t.ok('milestones:save', { projectId: id, milestones: [{ node: '主体完工', planDate: '2017-08-01' }] }),
      'patched',
    );
    const flow = await demo.t.ok('funds:saveFlow', {
      projectId: id,
      date: '2017-09-01',
      type: '到位',
      source: '市级资金',
      amountWan: '10000',
    } as never);
    await expectSame(
      () =>
        demo.t.ok('funds:saveFlow', {
          projectId: id,
          date: '2017-09-02',
          type: '支付',
          source: '镇政府自筹',
          amountWan: '12',
        } as never),
      'patched',
    );
    // A flow moved to another project changes both.
    await expectSame(
      () => sql().prepare('UPDATE fund_flow SET project_id = ? WHERE id = ?').run(idOf('2017-01-02'), flow.flow.id),
      'patched',
    );
    await expectSame(() => demo.t.ok('funds:removeFlow', { id: flow.flow.id }), 'patched');
    await expectSame(
      () =>
        sql()
          .prepare("INSERT INTO funding_plan (project_id, source, amount_fen) VALUES (?, '市级资金', 5000000)")
          .run(id),
      'patched',
    );
  });

  it('a unit renamed, a light rule changed: read in full', async () => {
    const org = sql()
      .prepare('SELECT id, name FROM org_unit WHERE id IN (SELECT lead_org_id FROM project) LIMIT 1')
      .get() as { id: number; name: string };
    await expectSame(() => demo.t.ok('orgs:save', { id: org.id, name: `${org.name}（新）` }), 'full');
    const { rules } = await demo.t.ok('lights:rules:get', {});
    await expectSame(
      () =>
        demo.t.ok('lights:rules:save', {
          ...lightRulesInput(rules),
          paymentMinPct: 100,
        }),
      'full',
    );
  });

  it('a project deleted, restored and created', async () => {
    const id = idOf('2017-01-02');
    await expectSame(() => demo.t.ok('projects:delete', { id }), 'full');
    await expectSame(() => demo.t.ok('projects:restore', { id }), 'full');
    await expectSame(
      () =>
        demo.t.ok('projects:create', {
          name: '新建项目',
          planYear: 2017,
          location: '镇区',
          scope: '内容',
          totalWan: '100',
        }),
      'full',
    );
  });

  it('a period closed and reopened', async () => {
    await expectSame(() => demo.t.ok('periods:close', { period: PERIOD }));
    await expectSame(() => demo.t.ok('periods:reopen', { period: PERIOD, reason: '补报' }));
  });

  it('a transaction that rolls back leaves nothing to patch; one that commits is seen', async () => {
    const id = idOf('2017-01-01');
    await expectSame(() => {
      expect(() =>
        demo.t.core.ctx.db.tx(() => {
          sql().prepare('UPDATE project SET total_fen = 1 WHERE id = ?').run(id);
          sql().prepare('UPDATE progress SET month_fen = 0 WHERE project_id = ?').run(id);
          expect(periodFigures(demo.t.core.ctx, PERIOD).projects.find((p) => p.id === id)!.totalFen).toBe(1);
          throw new Error('回滚');
        }),
      ).toThrow('回滚');
    }, 'kept');
    await expectSame(
      () =>
        demo.t.core.ctx.db.tx(() => {
          sql().prepare('UPDATE project SET total_fen = 2 WHERE id = ?').run(id);
          periodFigures(demo.t.core.ctx, PERIOD); // read inside: not kept
          sql().prepare('UPDATE progress SET month_fen = 1 WHERE project_id = ?').run(id);
        }),
      'patched',
    );
  });

  it('a write by another connection to the same file is patched from the journal the schema keeps', () =>
    expectSame(() => {
      const other = new Database(demo.t.file);
      try {
        other
          .prepare('UPDATE progress SET month_fen = month_fen + 1 WHERE project_id = ? AND period = ?')
          .run(idOf('2017-01-01'), PERIOD);
      } finally {
        other.close();
      }
    }, 'patched'));

  it('random writes of the common kinds, several between reads', async () => {
    let seed = 20171008;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const all = ids();
    const pick = () => all[rnd(all.length)]!;
    for (let round = 0; round < 6; round++) {
      await expectSame(() => {
        for (let i = 0; i < 4; i++) {
          const id = pick();
          switch (rnd(5)) {
            case 0:
              sql()
                .prepare(
                  'INSERT OR REPLACE INTO progress (project_id, period, month_fen, updated_at) VALUES (?, ?, ?, ?)',
                )
                .run(id, PERIOD, rnd(5000) * 10000, '2017-10-01T00:00:00Z');
              break;
            case 1:
              sql()
                .prepare('UPDATE project SET total_fen = ?, act_start = ? WHERE id = ?')
                .run(rnd(90000) * 10000, rnd(2) ? '2017-03-01' : null, id);
              break;
            case 2:
              sql()
                .prepare(
                  "INSERT INTO fund_flow (project_id, date, type, source, amount_fen) VALUES (?, '2017-09-10', ?, '市级资金', ?)",
                )
                .run(id, rnd(2) ? '到位' : '支付', rnd(900) * 10000);
              break;
            case 3:
              sql()
                .prepare("INSERT INTO milestone (project_id, node, plan_date) VALUES (?, '竣工验收', ?)")
                .run(id, rnd(2) ? '2017-06-30' : '2017-12-31');
              break;
            default:
              sql()
                .prepare('DELETE FROM progress WHERE project_id = ? AND period = ?')
                .run(id, `2017-0${1 + rnd(9)}`);
          }
        }
      }, 'patched');
    }
  });
});

describe('the write watch', () => {
  it('set up inside a transaction that rolls back is set up again (a refused 督办单 was the first reader)', async () => {
    const { ctx } = demo.t.core;
    expect(() =>
      ctx.db.tx(() => {
        periodFigures(ctx, PERIOD);
        throw new Error('回滚');
      }),
    ).toThrow('回滚');
    await expectSame(
      () => sql().prepare('UPDATE project SET total_fen = total_fen + 1 WHERE id = ?').run(idOf('2017-01-01')),
      'patched',
    );
  });
});
