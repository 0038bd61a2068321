// The 预警规则 under the 滞后/预警清单 are the ledger's own: a town that set its yellow band from 5 points had its
// lights judged by 5 and its list printed 10–30 (the defaults), and named three of the six dimensions a light comes
// from — a project yellow for its 填报 stood under rules that never mentioned reports.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { tempCore, type TempCore } from '../../helpers/temp-core.ts';

let t: TempCore;
beforeAll(async () => {
  t = await tempCore();
  await t.ok('app:onboard', { mode: 'demo' });
});
afterAll(() => t.cleanup());

const rulesLine = async () => {
  const html = (await t.ok('reports:render', { doc: 'lagging', period: '2017-09' })).html;
  return /<p class="rules">([^<]*)<\/p>/.exec(html)?.[1] ?? '';
};

it('names every dimension with the default figures', async () => {
  expect(await rulesLine()).toBe(
    '预警规则：投资完成率低于序时进度10–30个百分点（含）为黄灯，超过30个百分点为红灯；计划开工月未开工为黄灯，连续3个月未开工为红灯；节点逾期为黄灯，逾期15天及以上为红灯；资金到位后支付率低于50%为红灯；总投资500.00万元及以上的项目开工1个月未入统为黄灯，超过2个月为红灯；月报次月5日前未报送为黄灯。序时进度按计划工期逐月计算；同为红灯（黄灯）时按差距从大到小排列。',
  );
});

it('says the rules the town set, by which its lights were judged', async () => {
  await t.signIn('审核人');
  await t.ok('lights:rules:save', {
    investYellowFromPts: 5,
    investRedAbovePts: 20,
    startRedMonths: 2,
    nodeYellowDays: 3,
    nodeRedDays: 10,
    paymentMinPct: 60,
    statsThresholdWan: 1000,
    reportDueDay: 10,
  } as never);
  const line = await rulesLine();
  expect(line).toContain('投资完成率低于序时进度5–20个百分点（含）为黄灯，超过20个百分点为红灯');
  expect(line).toContain('连续2个月未开工为红灯');
  expect(line).toContain('节点逾期3天起为黄灯，逾期10天及以上为红灯');
  expect(line).toContain('支付率低于60%为红灯');
  expect(line).toContain('总投资1000.00万元及以上');
  expect(line).toContain('月报次月10日前未报送为黄灯');
  // the lights the list shows were judged by the same rules
  const f = await t.ok('figures:period', { period: '2017-09' });
  const rules = f.projects.flatMap((p) => p.lights.filter((l) => l.dimension === '投资进度').map((l) => l.rule));
  expect(new Set(rules)).toEqual(new Set(['低于序时5–20个百分点为黄，超过20个百分点为红']));
});
