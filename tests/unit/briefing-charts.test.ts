/**
 * The 简报's charts, drawn by ECharts' prebuilt "common" bundle (printables/charts.ts): every part the briefing
 * needs is drawn — the legend, the category and value axes with their unit, a bar per series and category, the
 * ring's slices and labels — and the same SVG as ECharts' full build draws for the same option.
 */
import { createRequire } from 'node:module';
import type * as Echarts from 'echarts';
import { describe, expect, it } from 'vitest';
import { lightsRing, planVsDoneBars } from '../../electron/core/printables/charts.ts';

const full = createRequire(import.meta.url)('echarts') as typeof Echarts;

describe('briefing charts (ECharts common bundle, SVG)', () => {
  const categories = ['城镇建设', '产业发展', '社会事业'];
  const bars = String(
    planVsDoneBars({
      categories,
      plan: [1200, 800, 300],
      done: [900, 500, 120],
      doneLabel: '1-9月完成',
      width: 420,
      height: 220,
    }),
  );

  it('draws the legend, both axes with the unit, and one bar per series and category', () => {
    for (const text of ['年度计划', '1-9月完成', '万元', ...categories]) expect(bars).toContain(text);
    // each bar is a path filled with its series' colour
    expect(bars.match(/fill="#9bb7d4"/g)?.length).toBeGreaterThanOrEqual(categories.length);
    expect(bars.match(/fill="#c0392b"/g)?.length).toBeGreaterThanOrEqual(categories.length);
  });

  it('draws the ring with its slices, counts and legend', () => {
    const ring = String(lightsRing({ red: 3, yellow: 5, green: 12, none: 0, width: 240, height: 160 }));
    for (const text of ['红灯', '黄灯', '绿灯', '>3<', '>5<', '>12<']) expect(ring).toContain(text);
    expect(ring).not.toContain('未亮灯'); // a light with no project has no slice
  });

  it('is the SVG the full ECharts build draws for the same chart', () => {
    const chart = full.init(null, null, { renderer: 'svg', ssr: true, width: 420, height: 220 });
    // the option planVsDoneBars gives (its font aside): the same marks are expected
    const fromFull = (() => {
      try {
        chart.setOption({
          animation: false,
          textStyle: { fontSize: 10 },
          legend: { top: 0, itemWidth: 10, itemHeight: 8, textStyle: { fontSize: 9 } },
          grid: { left: 40, right: 6, top: 22, bottom: 34 },
          xAxis: { type: 'category', data: categories, axisLabel: { fontSize: 8, interval: 0, rotate: 30 } },
          yAxis: { type: 'value', name: '万元', nameTextStyle: { fontSize: 8 }, axisLabel: { fontSize: 8 } },
          series: [
            { name: '年度计划', type: 'bar', data: [1200, 800, 300], itemStyle: { color: '#9bb7d4' }, barGap: '0%' },
            { name: '1-9月完成', type: 'bar', data: [900, 500, 120], itemStyle: { color: '#c0392b' } },
          ],
        });
        return chart.renderToSVGString();
      } finally {
        chart.dispose();
      }
    })();
    expect(bars.match(/<path/g)?.length).toBe(fromFull.match(/<path/g)?.length);
    expect(bars.match(/<text/g)?.length).toBe(fromFull.match(/<text/g)?.length);
  });
});
