/**
 * Pure ECharts option builders for the 总览 (no DOM, no echarts import: plain option objects, unit-tested).
 * Every option has animation off so screens, screenshots and print are the same. Data items carry a
 * `link` (a ledger hash) that the click handler follows.
 */
import { behindPts } from '../domain/figure-rules.ts';
import { formatPercent, formatWan } from '../domain/money.ts';
import { formatPeriodCn } from '../domain/period.ts';
import type { Dashboard } from '../schemas/dashboard.ts';

export const CHART_FONT = "'Microsoft YaHei','PingFang SC','WenQuanYi Zen Hei','Noto Sans CJK SC',sans-serif";
export const LIGHT_COLORS = { red: '#d4380d', yellow: '#faad14', green: '#389e0d', none: '#bfbfbf' } as const;
const SERIES_COLORS = ['#1f4e79', '#c55a11', '#548235', '#7f6000'];

/** A plain ECharts option (the renderer passes it to setOption). */
export type ChartOption = Record<string, unknown> & { animation: false; series: ChartSeries[] };
export interface ChartSeries {
  type: 'bar' | 'line' | 'pie';
  name?: string;
  data: ChartDatum[] | number[];
  [k: string]: unknown;
}
export interface ChartDatum {
  name?: string;
  value: number | null;
  link?: string;
  [k: string]: unknown;
}

/**
 * Where a click on a chart leads. Ledger filters travel in the hash (#/ledger?category=…,
 * ?light=red&period=YYYY-MM, #/ledger/<id>); funding by source opens the 资金 page at that group and a
 * month of the trend opens that month's 月报, where those figures are kept.
 */
export const ledgerLink = {
  category: (c: string) => `ledger?category=${encodeURIComponent(c)}`,
  light: (l: string, period: string) => `ledger?light=${l}&period=${period}`,
  project: (id: number) => `ledger/${id}`,
  fundGroup: (g: string) => `funds?group=${encodeURIComponent(g)}`,
  period: (p: string) => `reports/${p}`,
};

const wan = (fen: number) => Number(formatWan(fen));

/**
 * A grid whose axis labels and axis names are laid out inside the given margins (ECharts 6 outerBounds; what
 * containLabel did before): at 1366×768 and at 125 % scaling no label is cut at the chart's edge.
 */
function grid(margins: { left: number; right: number; top: number; bottom: number }): Record<string, unknown> {
  return { ...margins, outerBoundsMode: 'same', outerBoundsContain: 'all' };
}

/** Category names on an axis: every one shown, broken onto a second line rather than cut or skipped. */
const categoryLabels = (width: number): Record<string, unknown> => ({
  interval: 0,
  width,
  overflow: 'break',
  lineHeight: 14,
});

function base(title: string): Record<string, unknown> & { animation: false } {
  return {
    animation: false,
    textStyle: { fontFamily: CHART_FONT },
    title: { text: title, left: 'center', top: 4, textStyle: { fontSize: 14, fontFamily: CHART_FONT } },
    tooltip: { trigger: 'item' },
    color: SERIES_COLORS,
  };
}

export function lightsOption(d: Dashboard): ChartOption {
  const rows = [
    { key: 'red', label: '红灯', n: d.lights.red },
    { key: 'yellow', label: '黄灯', n: d.lights.yellow },
    { key: 'green', label: '绿灯', n: d.lights.green },
    { key: 'none', label: '未亮灯', n: d.lights.none },
  ] as const;
  return {
    ...base('红黄绿灯（计灯项目数）'),
    legend: { bottom: 0 },
    series: [
      {
        type: 'pie',
        name: '红黄绿灯',
        // Room beside the ring for the labels (绿灯 13个 was cut to “1…” at 1366×768).
        radius: ['30%', '56%'],
        center: ['50%', '50%'],
        label: { formatter: '{b}\n{c}个', overflow: 'none' },
        labelLine: { length: 8, length2: 8 },
        data: rows.map((r) => ({
          name: r.label,
          value: r.n,
          link: ledgerLink.light(r.key, d.period ?? ''),
          itemStyle: { color: LIGHT_COLORS[r.key] },
        })),
      },
    ],
  };
}

export function categoryOption(d: Dashboard): ChartOption {
  const rows = d.byCategory;
  return {
    ...base('七补齐分类完成率（%）'),
    grid: grid({ left: 8, right: 44, top: 58, bottom: 8 }),
    xAxis: {
      type: 'value',
      max: (v: { max: number }) => Math.max(100, Math.ceil(v.max / 10) * 10),
      axisLabel: { formatter: '{value}%' },
    },
    yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.category), axisLabel: categoryLabels(72) },
    series: [
      {
        type: 'bar',
        name: '完成率',
        label: { show: true, position: 'right', formatter: '{c}%' },
        data: rows.map((r) => ({
          name: r.category,
          value: r.ytdPct ?? 0,
          // one decimal, as the cards and printouts print the rate (100.0%, not 100%)
          label: { formatter: formatPercent(r.ytdPct ?? 0) },
          link: ledgerLink.category(r.category),
          yearPlanWan: wan(r.yearPlanFen),
          ytdWan: wan(r.ytdFen),
        })),
        markLine:
          d.townTimeSharePct === null
            ? undefined
            : {
                symbol: 'none',
                lineStyle: { color: '#d4380d', type: 'dashed' },
                // Above the bars, not across them where it covered the bar labels. The category axis runs downwards
                // (inverse), so the line's top is its start: at its end the label sat on the 80% of the value axis.
                label: { formatter: `序时进度 ${formatPercent(d.townTimeSharePct)}`, position: 'start' },
                data: [{ xAxis: d.townTimeSharePct }],
              },
      },
    ],
  };
}

export function fundingOption(d: Dashboard): ChartOption {
  const groups = d.funding.map((f) => f.group);
  const series = (name: string, key: 'planFen' | 'arrivedFen' | 'paidFen'): ChartSeries => ({
    type: 'bar',
    name,
    data: d.funding.map((f) => ({ name: f.group, value: wan(f[key]), link: ledgerLink.fundGroup(f.group) })),
  });
  return {
    ...base('资金来源：计划 / 到位 / 支付（万元）'),
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    grid: grid({ left: 8, right: 16, top: 48, bottom: 36 }),
    xAxis: { type: 'category', data: groups, axisLabel: categoryLabels(64) },
    yAxis: { type: 'value', name: '万元' },
    series: [series('计划', 'planFen'), series('到位', 'arrivedFen'), series('支付', 'paidFen')],
  };
}

export function trendOption(d: Dashboard): ChartOption {
  const months = d.trend.map((t) => formatPeriodCn(t.period).replace(/^\d+年/, ''));
  return {
    ...base('月度完成投资（万元）'),
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    grid: grid({ left: 8, right: 8, top: 48, bottom: 36 }),
    xAxis: { type: 'category', data: months },
    yAxis: [
      { type: 'value', name: '本月' },
      { type: 'value', name: '累计', splitLine: { show: false } },
    ],
    series: [
      {
        type: 'bar',
        name: '本月完成',
        data: d.trend.map((t) => ({ name: t.period, value: wan(t.monthFen), link: ledgerLink.period(t.period) })),
      },
      {
        type: 'line',
        name: '本年累计',
        yAxisIndex: 1,
        data: d.trend.map((t) => ({ name: t.period, value: wan(t.ytdFen), link: ledgerLink.period(t.period) })),
      },
    ],
  };
}

export function laggingOption(d: Dashboard): ChartOption {
  const rows = d.lagging;
  const label = (r: Dashboard['lagging'][number]) => (r.parentName ? `${r.parentName}·${r.name}` : r.name);
  // The chart holds the first MOST_LAGGING_COUNT; the 滞后/预警清单 every red and yellow 计灯项目 (isLagging, the
  // light counts' rule). With more lit than shown the title says how many and where the rest are, so a clerk
  // holding a printout of 15 does not read the 总览's 10 as the whole list.
  const lit = d.lights.red + d.lights.yellow;
  const more = lit > rows.length;
  const chart = base(`滞后最多的${more ? `前${rows.length}个` : ''}项目（落后序时进度，百分点）`);
  if (more)
    chart.title = { ...(chart.title as object), subtext: `共${lit}个项目亮红灯、黄灯，全部列在“打印”的滞后/预警清单` };
  return {
    ...chart,
    grid: grid({ left: 8, right: 40, top: more ? 58 : 40, bottom: 8 }),
    xAxis: { type: 'value', name: '百分点', nameLocation: 'middle', nameGap: 22 },
    // Long names (父项目·子项目) wrap onto a second line instead of being cut with “…”.
    yAxis: { type: 'category', inverse: true, data: rows.map(label), axisLabel: categoryLabels(220) },
    series: [
      {
        type: 'bar',
        name: '落后序时',
        label: { show: true, position: 'right', formatter: '{c}' },
        data: rows.map((r) => ({
          name: label(r),
          value: behindPts(r.gapPts),
          // One decimal, as the 滞后清单 prints 落后序时50.0个百分点; a project lit for another reason (not started, a
          // 节点 overdue) has no points behind: its bar says why instead of 0.0, as the 清单's 差距 does.
          label: { formatter: behindPts(r.gapPts) > 0 ? behindPts(r.gapPts).toFixed(1) : (r.gaps[0] ?? '0.0') },
          link: ledgerLink.project(r.id),
          reason: r.reason,
          itemStyle: { color: LIGHT_COLORS[r.level] },
        })),
      },
    ],
  };
}
