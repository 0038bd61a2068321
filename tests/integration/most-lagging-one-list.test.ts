// 最滞后项目 on the sample's 2017年9月 (6 red, 9 yellow): the 总览's chart and `figures --json`'s lagging[] are one
// list — the first ten of the 滞后/预警清单's fifteen, in its order — and the chart's title says it holds the first
// ten of fifteen and where the rest are. It said 滞后最多的项目 over ten bars while the printout listed fifteen.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { laggingOption } from '../../shared/charts/dashboard-charts.ts';
import { laggingData } from '../../electron/core/printables/data.ts';
import { tempCore, type TempCore } from '../helpers/temp-core.ts';

const PERIOD = '2017-09';
let t: TempCore;
beforeAll(async () => {
  t = await tempCore();
  await t.ok('app:onboard', { mode: 'demo' });
});
afterAll(() => t.cleanup());

it('the 总览 chart and figures.lagging are the first ten of the 滞后/预警清单, and the chart says so', async () => {
  const printed = laggingData(t.core.ctx, PERIOD).entries.map((e) => e.project.id);
  const dash = await t.ok('dashboard:summary', { period: PERIOD });
  const figures = await t.ok('figures:set', { period: PERIOD });
  expect(printed).toHaveLength(dash.lights.red + dash.lights.yellow);
  expect(printed.length).toBe(15);
  expect(dash.lagging.map((p) => p.id)).toEqual(printed.slice(0, 10));
  expect(figures.lagging.map((p) => p.id)).toEqual(printed.slice(0, 10));
  const title = laggingOption(dash).title as { text: string; subtext?: string };
  expect(title).toMatchObject({
    text: '滞后最多的前10个项目（落后序时进度，百分点）',
    subtext: '共15个项目亮红灯、黄灯，全部列在“打印”的滞后/预警清单',
  });
});

it('with no more lit than shown, the title is the plain one', async () => {
  const dash = await t.ok('dashboard:summary', { period: PERIOD });
  const few = { ...dash, lagging: dash.lagging.slice(0, 3), lights: { ...dash.lights, red: 2, yellow: 1 } };
  expect(laggingOption(few).title).toMatchObject({ text: '滞后最多的项目（落后序时进度，百分点）' });
  expect((laggingOption(few).title as { subtext?: string }).subtext).toBeUndefined();
});
