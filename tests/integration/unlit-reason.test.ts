// A project without a light says why, beside 未亮灯: an ongoing project of several years went dark in January (no
// year plan for the new year yet) and the lights listed it as “—” with nothing more; so did a project not yet begun.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cli } from '../helpers/run-cli.ts';
import { tempCore, type TempCore } from '../helpers/temp-core.ts';

let t: TempCore;
beforeEach(async () => {
  t = await tempCore();
  await t.ok('app:onboard', { mode: 'demo' });
  t.core.close();
});
afterEach(async () => {
  await t.reopen();
  t.cleanup();
});

const lines = async (period: string, ...more: string[]) => {
  const r = await cli('lights', '--period', period, '--db', t.file, ...more);
  expect(r.code).toBe(0);
  return r.out.split('\n').filter((l) => l.startsWith('—'));
};

describe('未亮灯, with its reason', () => {
  it('September 2017: not yet begun, and at the 谋划 stage', async () => {
    expect(await lines('2017-09')).toEqual([
      '—  2017-18      养老服务中心：计划2017年10月1日开工，本月尚未到计划工期',
      '—  2017-23      垃圾分类收集点：谋划阶段，尚未定计划工期，不计灯',
    ]);
  });

  it('February 2018: the projects of several years without a 2018 year plan say so', async () => {
    // As of the month's end: judged today the sample's February reports (it has none) are long overdue, and every
    // project owing one is yellow for it (填报) — lit, with that reason.
    const unlit = await lines('2018-02', '--as-of', '2018-02-28');
    expect(unlit).toContain('—  2017-09      镇区污水处理设施：未录入2018年年度计划投资，不能按序时进度计灯');
    expect(unlit).toContain('—  2017-15      文明住宅小区：未录入2018年年度计划投资，不能按序时进度计灯');
    expect(unlit).toContain('—  2017-10      主干道节能路灯：计划工期已于2017年8月31日结束，本年不计序时进度');
    expect(unlit.every((l) => l.includes('：'))).toBe(true);
    const today = await cli('lights', '--period', '2018-02', '--db', t.file);
    expect(today.out).toMatch(/2017-09 .*镇区污水处理设施.*本月尚未提交（截止2018年3月5日）/);
  });
});
