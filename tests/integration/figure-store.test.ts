// The open month's figures and 总览 kept in the ledger file (figure-store.service.ts): written in the same
// transaction as every write through the core, read by a core that has just opened the ledger or that another
// program wrote behind; never trusted beyond the journal the schema keeps. Every case compares with a computation
// from scratch (computePeriodFigures) over the same rows.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/index.ts';
import { dashboardSummary } from '../../electron/core/services/dashboard.service.ts';
import { storedDashboard, storedFigures } from '../../electron/core/services/figure-store.service.ts';
import { computePeriodFigures } from '../../electron/core/services/figures.service.ts';
import { lastRead } from '../../electron/core/services/figures-state.ts';
import { openPeriod, periodFigures } from '../../electron/core/services/period.service.ts';
import { lightRulesInput } from '../../shared/schemas/lights.ts';
import { useDemoCore } from '../helpers/demo-core.ts';
import { restampFigureStore } from '../helpers/kept-store.ts';

const demo = useDemoCore();
const { sql, idOf } = demo;
const PERIOD = '2017-09';
const head = () => sql().prepare('SELECT period, seq FROM figure_store').all() as { period: string; seq: number }[];
const journal = () => sql().prepare('SELECT n FROM derived_seq').pluck().get() as number;

/** A 月报 of the period saved again (the sample's are submitted: returned first, as the 审核人 would). */
async function saveReport(id: number, monthWan: string): Promise<void> {
  await demo.t.ok('reports:return', { period: PERIOD, projectIds: [id], reason: '数字有误' });
  await demo.t.ok('reports:save', { period: PERIOD, rows: [{ projectId: id, monthWan, imageText: '主体施工' }] });
}

/** What the file keeps for the period equals a computation from scratch, project by project, in ledger order. */
function expectStoreCurrent(): void {
  const ctx = demo.t.core.ctx;
  expect(head()).toEqual([{ period: PERIOD, seq: journal() }]);
  const stored = storedFigures(ctx, PERIOD)!.read()!;
  expect(stored.rolled).toEqual(computePeriodFigures(ctx, PERIOD).projects);
}

describe('figures kept in the ledger file', () => {
  it('the sample’s open month is kept, and every write through the core keeps it current in its own transaction', async () => {
    expect(openPeriod(demo.t.core.ctx).period).toBe(PERIOD);
    expectStoreCurrent();
    const id = idOf('2017-01-01');
    await saveReport(id, '321.09');
    expectStoreCurrent();
    await demo.t.ok('projects:update', { id, patch: { totalWan: '7000' } });
    expectStoreCurrent();
    await demo.t.ok('projects:create', {
      name: '新建项目甲',
      planYear: 2017,
      location: '镇区',
      scope: '内容',
      totalWan: '100',
    });
    expectStoreCurrent();
    const { rules } = await demo.t.ok('lights:rules:get', {});
    await demo.t.ok('lights:rules:save', {
      ...lightRulesInput(rules),
      paymentMinPct: 90,
    });
    expectStoreCurrent();
  });

  it('a freshly opened core answers the 总览 and the figures from the file, equal to a computation', async () => {
    const before = await demo.t.ok('dashboard:summary', { period: PERIOD });
    await demo.t.reopen();
    const ctx = demo.t.core.ctx;
    expect(storedDashboard(ctx, PERIOD)).toEqual(before);
    expect(dashboardSummary(ctx, PERIOD)).toEqual(before);
    expect(periodFigures(ctx, PERIOD)).toEqual(computePeriodFigures(ctx, PERIOD));
    expect(lastRead.figuresFrom).toBe('file');
    expect(lastRead.figures).toBe('kept');
  });

  it('another core on the same file (the CLI) writes: its commit keeps the file current, and this core patches', async () => {
    periodFigures(demo.t.core.ctx, PERIOD);
    const other = await createCore({
      dbPath: demo.t.file,
      log: () => {},
      autoBackup: false,
      role: '审核人',
      operator: '周志强',
    });
    try {
      const id = idOf('2017-01-02');
      other.ctx.db.tx(() =>
        other.ctx.db.sqlite
          .prepare('UPDATE progress SET month_fen = month_fen + 5000000 WHERE project_id = ? AND period = ?')
          .run(id, PERIOD),
      );
    } finally {
      other.close();
    }
    expectStoreCurrent();
    const ctx = demo.t.core.ctx;
    expect(storedDashboard(ctx, PERIOD)).not.toBeNull();
    expect(periodFigures(ctx, PERIOD)).toEqual(computePeriodFigures(ctx, PERIOD));
    expect(lastRead.figures).toBe('patched');
  });

  it('a write around the core (the sqlite3 shell) leaves the file behind the journal, never wrong; the next write through the core catches up', async () => {
    const ctx = demo.t.core.ctx;
    const seqBefore = head()[0]!.seq;
    const raw = new Database(demo.t.file);
    try {
      raw.prepare('UPDATE project SET total_fen = total_fen + 100 WHERE id = ?').run(idOf('2017-01-03'));
    } finally {
      raw.close();
    }
    expect(head()[0]!.seq).toBe(seqBefore);
    expect(journal()).toBeGreaterThan(seqBefore);
    expect(storedDashboard(ctx, PERIOD)).toBeNull(); // behind: not served
    expect(periodFigures(ctx, PERIOD)).toEqual(computePeriodFigures(ctx, PERIOD));
    await saveReport(idOf('2017-01-01'), '1.00');
    expectStoreCurrent();
  });

  it('a store written in an earlier layout (灯色原因 as text) is read as it is, and rewritten in today’s at the next write', async () => {
    const layout = () =>
      JSON.parse(sql().prepare('SELECT layout FROM figure_store WHERE period = ?').pluck().get(PERIOD) as string) as {
        keys: string[];
        kinds: string[];
      };
    const at = layout().keys.indexOf('levelReason');
    expect(layout().kinds[at]).toBe('reason');
    // The file as the version before wrote it: every row's 灯色原因 as its sentence, the layout saying 'raw'.
    const ctx = demo.t.core.ctx;
    const stored = storedFigures(ctx, PERIOD)!.read()!.rolled;
    const rows = sql().prepare('SELECT pos, data FROM figure_store_row WHERE period = ? ORDER BY pos').all(PERIOD) as {
      pos: number;
      data: string;
    }[];
    expect(rows.some((r) => typeof JSON.parse(r.data)[at] === 'number')).toBe(true);
    const old = layout();
    old.kinds[at] = 'raw';
    sql().transaction(() => {
      for (const r of rows) {
        const a = JSON.parse(r.data) as unknown[];
        a[at] = stored[r.pos]!.levelReason;
        sql()
          .prepare('UPDATE figure_store_row SET data = ? WHERE period = ? AND pos = ?')
          .run(JSON.stringify(a), PERIOD, r.pos);
      }
      sql()
        .prepare('UPDATE figure_store SET layout = ? WHERE period = ?')
        .run(
          JSON.stringify({
            ...JSON.parse(sql().prepare('SELECT layout FROM figure_store').pluck().get() as string),
            kinds: old.kinds,
          }),
          PERIOD,
        );
    })();
    // as that version kept it: with the MACs it wrote (a store without them is not read at all)
    restampFigureStore(demo.t.core.ctx.db, PERIOD);
    await demo.t.reopen();
    expect(periodFigures(demo.t.core.ctx, PERIOD)).toEqual(computePeriodFigures(demo.t.core.ctx, PERIOD));
    expect(lastRead.figuresFrom).toBe('file');
    await saveReport(idOf('2017-01-01'), '321.09');
    expect(layout().kinds[at]).toBe('reason');
    expectStoreCurrent();
  });

  it('a 总览 kept by an earlier version (without the month’s report tally) is computed afresh, not served short', async () => {
    const before = await demo.t.ok('dashboard:summary', { period: PERIOD });
    const raw = new Database(demo.t.file);
    try {
      const kept = JSON.parse(
        raw.prepare('SELECT dashboard FROM figure_store WHERE period = ?').pluck().get(PERIOD) as string,
      );
      delete kept.reports;
      raw.prepare('UPDATE figure_store SET dashboard = ? WHERE period = ?').run(JSON.stringify(kept), PERIOD);
    } finally {
      raw.close();
    }
    await demo.t.reopen();
    const ctx = demo.t.core.ctx;
    expect(storedDashboard(ctx, PERIOD)).toBeNull();
    expect(dashboardSummary(ctx, PERIOD)).toEqual(before);
    expect(before.reports).toEqual({ owe: 29, submitted: 29, 未报: 0, 草稿: 0, 退回: 0 });
  });

  it('a transaction that rolls back leaves the file as it was', async () => {
    const rows = () => sql().prepare('SELECT pos, data FROM figure_store_row ORDER BY pos').all();
    const before = { head: head(), rows: rows(), journal: journal() };
    expect(() =>
      demo.t.core.ctx.db.tx(() => {
        sql().prepare('UPDATE progress SET month_fen = 0 WHERE project_id = ?').run(idOf('2017-01-01'));
        throw new Error('回滚');
      }),
    ).toThrow('回滚');
    expect({ head: head(), rows: rows(), journal: journal() }).toEqual(before);
  });

  it('when keeping the figures fails, the clerk’s write is saved all the same and readers compute', async () => {
    const logged: string[] = [];
    await demo.t.reopen({ log: (m) => logged.push(m) });
    // A damaged store: its rows table gone (what a tool might do); the upkeep fails inside its savepoint.
    sql().exec('DROP TABLE figure_store_row');
    const id = idOf('2017-01-01');
    await saveReport(id, '456.78');
    expect(
      sql().prepare('SELECT month_fen FROM progress WHERE project_id = ? AND period = ?').pluck().get(id, PERIOD),
    ).toBe(456_780_000);
    expect(logged.some((m) => m.includes('统计数字未能更新'))).toBe(true);
    const ctx = demo.t.core.ctx;
    expect(periodFigures(ctx, PERIOD)).toEqual(computePeriodFigures(ctx, PERIOD));
  });
});
