/**
 * One ECharts chart: tree-shaken modules, the SVG renderer (crisp in print and PDF), resize-aware.
 * Options come from the pure builders in shared/charts; a click on a datum with a `link` follows it.
 */
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import type { ChartOption } from '../../../shared/charts/dashboard-charts.ts';

echarts.use([
  BarChart,
  LineChart,
  PieChart,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
  SVGRenderer,
]);

interface Props {
  option: ChartOption;
  height?: number;
  onLink?: (link: string) => void;
  testId?: string;
}

export function EChart({ option, height = 300, onLink, testId }: Props) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const linkRef = useRef(onLink);
  linkRef.current = onLink;

  useEffect(() => {
    const c = echarts.init(el.current!, null, { renderer: 'svg' });
    chart.current = c;
    c.on('click', (p) => {
      const link = (p.data as { link?: string } | undefined)?.link;
      if (link) linkRef.current?.(link);
    });
    const ro = new window.ResizeObserver(() => c.resize());
    ro.observe(el.current!);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option as echarts.EChartsCoreOption, true);
  }, [option]);

  return <div ref={el} data-testid={testId} className="echart" style={{ width: '100%', height }} />;
}
