import { describe, expect, it } from 'vitest';
import {
  investmentLight,
  nodeLight,
  paymentLight,
  projectTimeShare,
  startLight,
  statsLight,
  windowInYear,
  worst,
} from '../../shared/domain/schedule.ts';

const W = (from: string, to: string) => ({ planStart: `${from}-01`, planEnd: `${to}-28` });
const wan = (n: number) => n * 1_000_000;

describe('序时进度', () => {
  it('spreads the year plan evenly over the plan window in that year, the month itself counted', () => {
    expect(projectTimeShare('2017-09', null, W('2017-03', '2017-12')).share).toEqual({ num: 7, den: 10 });
    expect(projectTimeShare('2017-09', null, W('2017-07', '2018-06')).share).toEqual({ num: 3, den: 6 });
    expect(projectTimeShare('2017-09', null, W('2017-10', '2018-06')).share).toEqual({ num: 0, den: 3 });
    expect(projectTimeShare('2018-02', null, W('2017-07', '2018-06')).share).toEqual({ num: 2, den: 6 });
    expect(windowInYear(W('2016-05', '2018-03'), 2017)).toEqual([1, 12]);
    expect(projectTimeShare('2017-09', null, { planStart: null, planEnd: null }).basis).toBe('none');
  });

  it('uses the monthly split of the year plan where there is one', () => {
    const months = [0, 0, wan(10), wan(10), wan(10), wan(20), wan(20), wan(10), wan(10), wan(5), wan(5), 0];
    const r = projectTimeShare('2017-09', { planFen: wan(100), months }, W('2017-03', '2017-12'));
    expect(r).toEqual({ share: { num: wan(90), den: wan(100) }, basis: 'monthly-split' });
  });
});

describe('投资 vs 序时 light', () => {
  const light = (ytd: number, plan: number, num: number, den: number) =>
    investmentLight(wan(ytd), wan(plan), { num, den })?.level;

  it('is green below 10 points behind and when ahead', () => {
    expect(light(1000, 1200, 7, 8)).toBe('green');
    expect(light(620, 700, 7, 8)).toBe('green');
  });

  it('is yellow at exactly 10 and exactly 30 points behind (both inclusive), without float drift', () => {
    expect(light(40, 100, 3, 6)).toBe('yellow'); // 50% − 40% = 10
    expect(light(420, 600, 5, 5)).toBe('yellow'); // 100% − 70% = 30
    expect(light(600, 1500, 7, 10)).toBe('yellow'); // 70% − 40% = 30; 0.7*100 − 40 = 30.000000000000014 in floats
  });

  it('is judged on the rates as printed, one decimal, so the colour always follows from the printed gap', () => {
    // 90.04 of 100 prints as 90.0% against 100%: 10 points behind, yellow (it was green on the unrounded 9.96)
    expect(investmentLight(90_040_000, wan(100), { num: 10, den: 10 })).toMatchObject({
      level: 'yellow',
      reason: '投资完成率 90.0%，低于序时进度 100.0% 达 10.0 个百分点',
    });
    expect(light(69.96, 100, 10, 10)).toBe('yellow'); // 70.0%: 30 behind, yellow (was red on 30.04)
    expect(light(69.94, 100, 10, 10)).toBe('red'); // 69.9%: 30.1 behind
    // whatever the amounts, the number in the reason decides the colour
    for (let fen = 50_000_000; fen <= 100_000_000; fen += 12_347) {
      const l = investmentLight(fen, wan(100), { num: 8, den: 10 })!;
      const said = Number(/达 ([\d.]+) 个百分点/.exec(l.reason)?.[1] ?? 0);
      expect(l.level, l.reason).toBe(said > 30 ? 'red' : said >= 10 ? 'yellow' : 'green');
    }
  });

  it('is red beyond 30 points behind', () => {
    expect(light(900, 3500, 7, 10)).toBe('red');
    expect(light(419, 600, 5, 5)).toBe('red');
  });

  it('says why in words', () => {
    expect(investmentLight(wan(410), wan(1000), { num: 9, den: 12 })?.reason).toBe(
      '投资完成率 41.0%，低于序时进度 75.0% 达 34.0 个百分点',
    );
  });

  it('prints every rate in its reason with one decimal, as the 完成率 and 序时进度 columns and 落后序时 print them', () => {
    // the 滞后清单 row said 落后序时50.0个百分点 beside 完成率 0%，低于序时进度 50% 达 50 个百分点
    expect(investmentLight(0, wan(100), { num: 6, den: 12 })?.reason).toBe(
      '投资完成率 0.0%，低于序时进度 50.0% 达 50.0 个百分点',
    );
    expect(investmentLight(wan(600), wan(600), { num: 10, den: 10 })?.reason).toBe(
      '投资完成率 100.0%，达到序时进度 100.0%',
    );
  });

  it('has no light before the window starts or without a year plan', () => {
    expect(investmentLight(0, wan(100), { num: 0, den: 3 })).toBeNull();
    expect(investmentLight(0, 0, { num: 3, den: 6 })).toBeNull();
  });
});

describe('other dimensions', () => {
  it('开工: yellow in the start month, red after three months in a row', () => {
    expect(startLight('2017-08', '2017-08-01', null)?.level).toBe('yellow');
    expect(startLight('2017-09', '2017-08-01', null)?.level).toBe('yellow');
    expect(startLight('2017-10', '2017-08-01', null)?.level).toBe('red');
    expect(startLight('2017-07', '2017-08-01', null)).toBeNull();
    expect(startLight('2017-10', '2017-08-01', '2017-08-15')).toBeNull();
  });

  it('开工: the reason names the planned month with its year once the year has turned', () => {
    expect(startLight('2017-10', '2017-08-01', null)?.reason).toBe('计划8月开工，已连续 3 个月应开工未开工');
    expect(startLight('2018-02', '2017-08-01', null)?.reason).toBe('计划2017年8月开工，已连续 7 个月应开工未开工');
  });

  it('节点: overdue yellow, 15 days or more red', () => {
    expect(nodeLight({ node: '主体完工', planDate: '2017-08-31', daysLate: 30 })?.level).toBe('red');
    expect(nodeLight({ node: '主体完工', planDate: '2017-09-25', daysLate: 5 })?.level).toBe('yellow');
    expect(nodeLight(null)).toBeNull();
  });

  it('资金支付 and 入统', () => {
    expect(paymentLight(wan(100), wan(49))?.level).toBe('red');
    expect(paymentLight(wan(100), wan(50))?.level).toBe('green');
    expect(statsLight('2017-09', wan(600), '2017-08-01', false)?.level).toBe('yellow');
    expect(statsLight('2017-09', wan(600), '2017-06-01', false)?.level).toBe('red');
    expect(statsLight('2017-09', wan(400), '2017-06-01', false)).toBeNull();
  });

  it('the worst level wins', () => {
    expect(worst(['green', null, 'yellow'])).toBe('yellow');
    expect(worst([])).toBeNull();
  });
});
