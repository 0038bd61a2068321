import { describe, expect, it } from 'vitest';
import {
  behindPts,
  gapPts,
  laggingOrder,
  laggingScore,
  lightCounts,
  remarkText,
  reportStanding,
  reportTally,
  rolledTotals,
  rollUpPlan,
  rollUpTotal,
  startEndRates,
} from '../../shared/domain/figure-rules.ts';
import type { DimensionLight } from '../../shared/domain/schedule.ts';

const inv = (value: number, threshold: number, level: 'red' | 'yellow' | 'green'): DimensionLight => ({
  dimension: '投资进度',
  level,
  value,
  threshold,
  rule: '',
  reason: '',
});

describe('figure rules (docs/figures.md)', () => {
  it('差距 = 完成率 − 序时进度: negative when behind; 落后 prints the positive points', () => {
    expect(gapPts(54.2, 75)).toBe(-20.8);
    expect(gapPts(80, 75)).toBe(5);
    expect(gapPts(null, 75)).toBeNull();
    expect(behindPts(-20.8)).toBe(20.8);
    expect(behindPts(5)).toBe(0);
  });

  it('a parent’s 总投资 is its own; without one its parts stand for it; a difference is reported', () => {
    expect(rollUpTotal(2700, [860, 600, 238, 240, 180])).toEqual({ totalFen: 2700, partsFen: 2118, diffFen: 582 });
    expect(rollUpTotal(8800, [3500, 5300])).toEqual({ totalFen: 8800, partsFen: 8800, diffFen: null });
    expect(rollUpTotal(0, [100, 50])).toEqual({ totalFen: 150, partsFen: 150, diffFen: null });
    expect(rollUpTotal(70, [])).toEqual({ totalFen: 70, partsFen: null, diffFen: null });
    // two levels: the middle project has no figure of its own
    const totals = rolledTotals([
      { id: 1, parentId: null, ownTotalFen: 0 },
      { id: 2, parentId: 1, ownTotalFen: 0 },
      { id: 3, parentId: 2, ownTotalFen: 40 },
      { id: 4, parentId: 2, ownTotalFen: 60 },
      { id: 5, parentId: 1, ownTotalFen: 25 },
    ]);
    expect([...totals]).toEqual([
      [3, 40],
      [4, 60],
      [2, 100],
      [5, 25],
      [1, 125],
    ]);
  });

  it('a parent’s 资金构成 stands for its parts’ (never added on top); without rows its parts’ are summed', () => {
    const parts = [new Map([['镇政府自筹', 3500]]), new Map([['镇政府自筹', 5300]])];
    expect(rollUpPlan(new Map([['镇政府自筹', 8800]]), parts)).toEqual(new Map([['镇政府自筹', 8800]]));
    expect(rollUpPlan(new Map(), parts)).toEqual(new Map([['镇政府自筹', 8800]]));
  });

  it('light counts and 开工率 count the projects without sub-projects, once', () => {
    const rows = [
      { isParent: true, level: 'red' as const },
      { isParent: false, level: 'red' as const },
      { isParent: false, level: 'green' as const },
      { isParent: false, level: null },
    ];
    expect(lightCounts(rows)).toEqual({ red: 1, yellow: 0, green: 1, none: 1 });
    const p = (planStart: string | null, actStart: string | null, isParent = false) => ({
      planStart,
      actStart,
      planEnd: null,
      actEnd: null,
      isParent,
    });
    expect(
      startEndRates(
        [p('2017-03-01', '2017-03-05'), p('2017-09-01', null), p('2017-10-01', null), p('2017-01-01', null, true)],
        '2017-09-30',
      ),
    ).toMatchObject({ dueToStart: 2, started: 1, startRatePct: 50 });
  });

  it('most lagging: red first, then the points behind, then the code', () => {
    const a = { id: 1, code: 'A', level: 'yellow' as const, lights: [inv(50, 75, 'yellow')] };
    const b = { id: 2, code: 'B', level: 'red' as const, lights: [inv(40, 75, 'red')] };
    const c = { id: 3, code: 'C', level: 'red' as const, lights: [inv(20, 75, 'red')] };
    const d = { id: 4, code: 'D', level: 'red' as const, lights: [inv(20, 75, 'red')] };
    expect([a, d, b, c].sort(laggingOrder).map((x) => x.code)).toEqual(['C', 'D', 'B', 'A']);
    // equally behind: by 编号 as the ledger orders them, number parts by value
    const alike = ['X-10', 'X-2-1', 'X-1', 'X-2'].map((code, i) => ({ ...c, id: 10 + i, code }));
    expect(alike.sort(laggingOrder).map((x) => x.code)).toEqual(['X-1', 'X-2', 'X-2-1', 'X-10']);
  });

  it('the lagging score as docs/figures.md words it, checked against a plain reading over 2,000 mixes of lights', () => {
    // The rule read literally (what the score was before it became one loop for speed): the first non-green
    // 投资进度 light's points behind, if any; else the largest of 节点 months ÷ 3 and 开工 months × 10; else 0.
    const reference = (lights: DimensionLight[]) => {
      const bad = lights.filter((l) => l.level !== 'green');
      const i = bad.find((l) => l.dimension === '投资进度');
      if (i && i.value !== null && i.threshold !== null && behindPts(gapPts(i.value, i.threshold)) > 0)
        return behindPts(gapPts(i.value, i.threshold));
      return Math.max(
        0,
        ...bad.map((l) =>
          l.dimension === '节点' ? (l.value ?? 0) / 3 : l.dimension === '开工' ? (l.value ?? 0) * 10 : 0,
        ),
      );
    };
    const dims = ['投资进度', '开工', '节点', '资金支付', '填报'] as const;
    const levels = ['red', 'yellow', 'green'] as const;
    let seed = 7;
    const next = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let k = 0; k < 2_000; k++) {
      const lights: DimensionLight[] = Array.from({ length: next(5) }, () => ({
        dimension: dims[next(dims.length)]!,
        level: levels[next(3)]!,
        value: next(6) === 0 ? null : next(120),
        threshold: next(6) === 0 ? null : next(100),
        rule: '',
        reason: '',
      }));
      expect(laggingScore(lights), JSON.stringify(lights)).toBe(reference(lights));
    }
  });
});

describe('how a month’s report stands (reportStanding, remarkText)', () => {
  const leaf = { isParent: false, planStart: '2017-03-01', actEnd: null, status: '在建', report: null };
  const lit = {
    level: 'yellow' as const,
    levelReason: '投资落后',
    lights: [],
    partsTotalFen: null,
    partsDiffFen: null,
  };
  it('marks an owed report not entered, a draft and a returned one; not a parent, a finished or a future project', () => {
    expect(reportStanding(leaf, '2017-10')).toBe('未报');
    expect(reportStanding({ ...leaf, report: { state: '草稿' } }, '2017-10')).toBe('草稿');
    expect(reportStanding({ ...leaf, report: { state: '退回' } }, '2017-10')).toBe('退回');
    expect(reportStanding({ ...leaf, report: { state: '已报送' } }, '2017-10')).toBeNull();
    expect(reportStanding({ ...leaf, isParent: true }, '2017-10')).toBeNull();
    expect(reportStanding({ ...leaf, actEnd: '2017-09-20' }, '2017-10')).toBeNull();
    expect(reportStanding({ ...leaf, planStart: '2017-11-01' }, '2017-10')).toBeNull();
    expect(reportStanding({ ...leaf, status: '谋划' }, '2017-10')).toBeNull();
  });
  it('writes the light, then the report, then the parts’ difference — and not 未报 twice when the 填报 light says it', () => {
    expect(remarkText({ ...leaf, ...lit }, '2017-10')).toBe('黄灯：投资落后；本月未报月报');
    expect(remarkText({ ...leaf, ...lit, level: 'green' }, '2017-10')).toBe('绿灯；本月未报月报');
    const told = { dimension: '填报', level: 'yellow', value: null, threshold: null, rule: '', reason: '本月尚未提交' };
    expect(remarkText({ ...leaf, ...lit, levelReason: '本月尚未提交', lights: [told] as never }, '2017-10')).toBe(
      '黄灯：本月尚未提交',
    );
    expect(remarkText({ ...leaf, ...lit, level: null, report: { state: '已报送' } }, '2017-10')).toBeNull();
    expect(reportTally([leaf, { ...leaf, report: { state: '草稿' } }, { ...leaf, isParent: true }], '2017-10')).toEqual(
      {
        owe: 2,
        submitted: 0,
        未报: 1,
        草稿: 1,
        退回: 0,
      },
    );
  });
});
