/** Charts as inline SVG, rendered server-side by ECharts (no DOM, no animation: identical on screen and paper). */
import { createRequire } from 'node:module';
import type * as Echarts from 'echarts';
import { fontStack } from './fonts.ts';
import { trusted, type Markup } from './html.ts';

// ECharts is tens of MB of memory once loaded, and only the briefing draws charts: load it on first use, not with
// the core (every app start and CLI call). Synchronous require keeps document rendering synchronous.
// Its prebuilt "common" bundle, minified: bars, pies, legends, grids and the SVG renderer the briefing uses, the same
// SVG as the full build, loaded in 90 ms instead of 150 (Node, this machine) and 18 MB instead of 24 — the wait of the
// first 打印 after a start (tests/integration/printables check the charts' SVG).
let loaded: typeof Echarts | null = null;
const echarts = (): typeof Echarts =>
  (loaded ??= createRequire(import.meta.url)('echarts/dist/echarts.common.min.js') as typeof Echarts);

function render(width: number, height: number, option: Echarts.EChartsCoreOption): Markup {
  const chart = echarts().init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: fontStack('hei'), fontSize: 10 }, ...option });
    return trusted(chart.renderToSVGString());
  } finally {
    chart.dispose();
  }
}

/** Grouped bars: per category, 年度计划 vs 1-N月完成 (万元). */
export function planVsDoneBars(opts: {
  categories: string[];
  plan: number[];
  done: number[];
  doneLabel: string;
  width: number;
  height: number;
}): Markup {
  return render(opts.width, opts.height, {
    legend: { top: 0, itemWidth: 10, itemHeight: 8, textStyle: { fontSize: 9 } },
    grid: { left: 40, right: 6, top: 22, bottom: 34 },
    xAxis: { type: 'category', data: opts.categories, axisLabel: { fontSize: 8, interval: 0, rotate: 30 } },
    yAxis: { type: 'value', name: '万元', nameTextStyle: { fontSize: 8 }, axisLabel: { fontSize: 8 } },
    series: [
      { name: '年度计划', type: 'bar', data: opts.plan, itemStyle: { color: '#9bb7d4' }, barGap: '0%' },
      { name: opts.doneLabel, type: 'bar', data: opts.done, itemStyle: { color: '#c0392b' } },
    ],
  });
}

/** A ring of the light counts: 红/黄/绿/未亮灯 (the 计灯项目, figure-rules.ts). */
export function lightsRing(opts: {
  red: number;
  yellow: number;
  green: number;
  none: number;
  width: number;
  height: number;
}): Markup {
  const data = [
    { name: '红灯', value: opts.red, itemStyle: { color: '#d40000' } },
    { name: '黄灯', value: opts.yellow, itemStyle: { color: '#f2c200' } },
    { name: '绿灯', value: opts.green, itemStyle: { color: '#1a9a3a' } },
    { name: '未亮灯', value: opts.none, itemStyle: { color: '#c8c8c8' } },
  ].filter((d) => d.value > 0);
  return render(opts.width, opts.height, {
    legend: { orient: 'vertical', right: 0, top: 'middle', itemWidth: 10, itemHeight: 8, textStyle: { fontSize: 9 } },
    series: [
      {
        type: 'pie',
        radius: ['38%', '70%'],
        center: ['38%', '52%'],
        label: { formatter: '{c}', fontSize: 9 },
        labelLine: { length: 4, length2: 4 },
        data,
      },
    ],
  });
}
