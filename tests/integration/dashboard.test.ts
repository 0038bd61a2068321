import { SAMPLE_LEDGER } from '../../shared/domain/sample-ledger.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PUZHOU_PROJECTS } from '../../electron/core/seed/puzhou-2017.ts';
import { tempCore, type TempCore } from '../helpers/temp-core.ts';

let t: TempCore;
const W = 1_000_000;
beforeEach(async () => {
  t = await tempCore();
});
afterEach(() => t.cleanup());

describe('总览 (dashboard:summary)', () => {
  it('is empty but valid on an empty ledger', async () => {
    const d = await t.ok('dashboard:summary', {});
    expect(d).toMatchObject({ period: null, periods: [], totals: { projects: 0, totalFen: 0 }, lagging: [] });
  });

  describe('on the 蒲州镇 sample', () => {
    beforeEach(async () => {
      await t.ok('app:onboard', { mode: 'demo' });
    });

    it('defaults to the latest period with reports and agrees with the period figures', async () => {
      const d = await t.ok('dashboard:summary', {});
      expect(d.period).toBe('2017-09');
      expect(d.periods[0]).toBe('2017-09');
      const f = await t.ok('figures:period', { period: '2017-09' });
      const top = f.projects.filter((p) => p.parentId === null);
      // What the first-run screen promises of the sample is what the seed loads.
      expect([top.length, f.projects.length - top.length]).toEqual([SAMPLE_LEDGER.projects, SAMPLE_LEDGER.subProjects]);
      expect(await t.ok('settings:get', {})).toMatchObject({
        townName: SAMPLE_LEDGER.townName,
        fiscalYear: SAMPLE_LEDGER.fiscalYear,
      });
      expect(d.totals).toMatchObject({
        projects: 24,
        subProjects: 12,
        totalFen: 21_390 * W,
        ytdFen: top.reduce((a, p) => a + p.ytdFen, 0),
        yearPlanFen: top.reduce((a, p) => a + p.yearPlanFen, 0),
      });
      expect(d.townTimeSharePct).toBe(75);
      expect(d.trend).toHaveLength(9);
      expect(d.trend.at(-1)!.ytdFen).toBe(d.totals.ytdFen);
      expect(d.trend.reduce((a, m) => a + m.monthFen, 0)).toBe(d.totals.ytdFen);
    });

    it('counts the lights of the reporting projects as §5 lists them', async () => {
      const d = await t.ok('dashboard:summary', { period: '2017-09' });
      const parents = new Set(PUZHOU_PROJECTS.map((p) => p.parentKey).filter(Boolean));
      const leaves = PUZHOU_PROJECTS.filter((p) => !parents.has(p.key));
      const n = (l: string | null) => leaves.filter((p) => p.expectedLight === l).length;
      expect(d.lights.red).toBeGreaterThanOrEqual(n('red'));
      expect(d.lights.red + d.lights.yellow + d.lights.green + d.lights.none).toBe(leaves.length);
    });

    it('lists completion by 七补齐 category, funding by T4 group, and the lagging projects worst first', async () => {
      const d = await t.ok('dashboard:summary', { period: '2017-09' });
      expect(d.byCategory.map((c) => c.category)).toEqual([
        '规划设计',
        '公共环境',
        '基础设施',
        '公共服务',
        '城镇风貌',
        '产业发展',
        '治理水平',
      ]);
      expect(d.byCategory.reduce((a, c) => a + c.ytdFen, 0)).toBe(d.totals.ytdFen);
      const funds = await t.ok('funds:summary', { asOf: '2017-09-30' });
      expect(d.funding).toEqual(
        funds.overall.byGroup.map((g) => ({
          group: g.group,
          planFen: g.planFen,
          arrivedFen: g.arrivedFen,
          paidFen: g.paidFen,
        })),
      );
      expect(d.funding.find((g) => g.group === '上级补助')!.arrivedFen).toBe(1620 * W);
      expect(d.lagging.length).toBeLessThanOrEqual(10);
      expect(d.lagging[0]!.level).toBe('red');
      const levels = d.lagging.map((l) => l.level);
      expect(levels).toEqual([...levels].sort((a, b) => (a === b ? 0 : a === 'red' ? -1 : 1)));
    });
  });
});
