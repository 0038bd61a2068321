import { describe, expect, it } from 'vitest';
import {
  categoryOption,
  fundingOption,
  laggingOption,
  lightsOption,
  trendOption,
  type ChartDatum,
} from '../../shared/charts/dashboard-charts.ts';
import type { Dashboard } from '../../shared/schemas/dashboard.ts';

const W = 1_000_000;
const d: Dashboard = {
  period: '2017-03',
  periods: ['2017-03'],
  asOf: '2017-03-31',
  townTimeSharePct: 25,
  totals: {
    projects: 2,
    subProjects: 0,
    totalFen: 500 * W,
    yearPlanFen: 400 * W,
    ytdFen: 90 * W,
    cumFen: 90 * W,
    ytdPct: 22.5,
  },
  lights: { red: 1, yellow: 0, green: 1, none: 2 },
  reports: { owe: 2, submitted: 2, 未报: 0, 草稿: 0, 退回: 0 },
  byCategory: [{ category: '基础设施', projects: 1, yearPlanFen: 300 * W, ytdFen: 60 * W, ytdPct: 20 }],
  funding: [{ group: '上级补助', planFen: 200 * W, arrivedFen: 100_125_000, paidFen: 50 * W }],
  trend: [
    { period: '2017-01', monthFen: 10 * W, ytdFen: 10 * W },
    { period: '2017-02', monthFen: 0, ytdFen: 10 * W },
    { period: '2017-03', monthFen: 80 * W, ytdFen: 90 * W },
  ],
  lagging: [
    {
      id: 7,
      name: '断头路打通',
      parentName: null,
      level: 'red',
      reason: '落后',
      ytdPct: 10,
      timeSharePct: 50,
      gapPts: -40,
      gaps: ['落后序时40.0个百分点'],
    },
  ],
};

const data = (o: { series: { data: unknown[] }[] }, i = 0) => o.series[i]!.data as ChartDatum[];

describe('dashboard chart options', () => {
  it('have animation off and the CJK font stack on every chart', () => {
    for (const o of [lightsOption(d), categoryOption(d), fundingOption(d), trendOption(d), laggingOption(d)]) {
      expect(o.animation).toBe(false);
      expect(JSON.stringify(o.textStyle)).toContain('Noto Sans CJK SC');
    }
  });

  it('lights: one slice per level with its count and ledger link', () => {
    expect(data(lightsOption(d)).map((x) => [x.name, x.value, x.link])).toEqual([
      ['红灯', 1, 'ledger?light=red&period=2017-03'],
      ['黄灯', 0, 'ledger?light=yellow&period=2017-03'],
      ['绿灯', 1, 'ledger?light=green&period=2017-03'],
      ['未亮灯', 2, 'ledger?light=none&period=2017-03'],
    ]);
  });

  it('categories: 完成率 bars against the 序时 line, linked to the filtered ledger', () => {
    const o = categoryOption(d);
    expect(data(o)).toEqual([
      expect.objectContaining({
        name: '基础设施',
        value: 20,
        link: 'ledger?category=%E5%9F%BA%E7%A1%80%E8%AE%BE%E6%96%BD',
      }),
    ]);
    expect((o.series[0]!.markLine as { data: unknown[] }).data).toEqual([{ xAxis: 25 }]);
  });

  it('funding: 计划 / 到位 / 支付 in 万元 (2 decimals) per source group', () => {
    const o = fundingOption(d);
    expect(o.series.map((s) => s.name)).toEqual(['计划', '到位', '支付']);
    expect(o.series.map((s) => (s.data as ChartDatum[])[0]!.value)).toEqual([200, 100.13, 50]);
  });

  it('trend: monthly bars and the cumulative line, January to the period', () => {
    const o = trendOption(d);
    expect(o.xAxis).toMatchObject({ data: ['1月', '2月', '3月'] });
    expect(data(o, 0).map((x) => x.value)).toEqual([10, 0, 80]);
    expect(data(o, 1).map((x) => x.value)).toEqual([10, 10, 90]);
  });

  it('bar labels print rates and points with one decimal, as the cards, tables and printouts (20.0%, 40.0)', () => {
    const cat = categoryOption(d);
    expect((data(cat)[0] as { label?: { formatter?: string } }).label?.formatter).toBe('20.0%');
    expect(JSON.stringify(cat)).toContain('序时进度 25.0%');
    expect((data(laggingOption(d))[0] as { label?: { formatter?: string } }).label?.formatter).toBe('40.0');
  });

  it('lagging: points behind 序时, coloured by light, linking to the project', () => {
    expect(data(laggingOption(d))).toEqual([
      expect.objectContaining({ name: '断头路打通', value: 40, link: 'ledger/7' }),
    ]);
  });

  it('lagging: a project lit for not starting (no points behind) is labelled with why, not 0.0', () => {
    const notStarted = {
      ...d.lagging[0]!,
      id: 8,
      name: '镇区供水管网',
      ytdPct: 0,
      timeSharePct: 0,
      gapPts: 0,
      gaps: ['应开工未开工3个月'],
    };
    const o = laggingOption({ ...d, lagging: [...d.lagging, notStarted] });
    expect(data(o).map((x) => (x as { label?: { formatter?: string } }).label?.formatter)).toEqual([
      '40.0',
      '应开工未开工3个月',
    ]);
  });
});
