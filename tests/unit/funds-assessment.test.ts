import { describe, expect, it } from 'vitest';
import { itemIssues, rankTowns, S0_RULES, totalScore } from '../../shared/domain/assessment.ts';
import { awardTracking, flowWarnings, matchingCheck, summarise, t4Group } from '../../shared/domain/funds.ts';

const W = 1_000_000;
const line = (source: string, planFen: number, arrivedFen = 0, paidFen = 0) => ({
  source,
  planFen,
  arrivedFen,
  allocatedFen: 0,
  paidFen,
});

describe('funds arithmetic', () => {
  it('maps sources to the T4 groups', () => {
    expect(['中央资金', '县级资金', '村集体自筹', '专项债券', 'PPP', '其他'].map(t4Group)).toEqual([
      '上级补助',
      '县级配套',
      '镇自筹',
      '其他',
      '其他',
      '其他',
    ]);
  });

  it('sums per source and group, then derives 到位率/支付率 once (null on a zero base)', () => {
    const s = summarise([
      line('镇政府自筹', 100 * W, 33_333_333, 10 * W),
      line('中央资金', 300 * W),
      line('镇政府自筹', 0, 0, 0),
    ]);
    expect(s.bySource.map((l) => l.source)).toEqual(['中央资金', '镇政府自筹']);
    expect(s.bySource[1]).toMatchObject({ arrivedPct: 33.3, paidPct: 30 });
    expect(s.bySource[0]).toMatchObject({ arrivedPct: 0, paidPct: null });
    expect(s.total).toMatchObject({ planFen: 400 * W, arrivedFen: 33_333_333, arrivedPct: 8.3 });
    expect(s.byGroup.map((g) => g.group)).toEqual(['上级补助', '县级配套', '镇自筹', '其他']);
  });

  it('1:1 配套 holds at exactly equal amounts and fails a 分 below', () => {
    expect(matchingCheck([line('县级资金', 100 * W, 50 * W), line('农户自筹', 100 * W, 50 * W)]).ok).toBe(true);
    const short = matchingCheck([line('省级资金', 100 * W, 50 * W), line('镇政府自筹', 100 * W, 50 * W - 1)]);
    expect(short).toMatchObject({ plan: { ok: true, ratio: 1 }, arrived: { ok: false }, ok: false });
    expect(matchingCheck([line('镇政府自筹', 10 * W)]).plan).toEqual({
      upperFen: 0,
      localFen: 10 * W,
      ratio: null,
      ok: true,
    });
  });

  it('以奖代补: 预拨 and 以奖代补 batches advance, 验收兑现 redeems, only 到位 counts', () => {
    const a = awardTracking(100 * W, [
      { type: '到位', batch: '预拨', amountFen: 40 * W },
      { type: '支付', batch: '预拨', amountFen: 40 * W },
      { type: '到位', batch: '验收兑现', amountFen: 60 * W },
    ]);
    expect(a).toEqual({
      appliedFen: 100 * W,
      advancedFen: 40 * W,
      redeemedFen: 60 * W,
      outstandingFen: 0,
      advancedPct: 40,
    });
  });

  it('warns when 到位 exceeds the plan or 支付 exceeds 到位', () => {
    expect(flowWarnings('中央资金', line('中央资金', 10 * W, 10 * W, 10 * W))).toEqual([]);
    // amounts read as everywhere else in sentences: thousands grouped, two decimals
    expect(flowWarnings('中央资金', line('中央资金', 1234 * W, 1294.5 * W, 1300 * W))).toEqual([
      '“中央资金”累计到位 1,294.50 万元，超过该来源的资金计划 1,234.00 万元',
      '“中央资金”累计支付 1,300.00 万元，超过已到位 1,294.50 万元',
    ]);
  });
});

describe('assessment rules', () => {
  it('scores in half points, deduction reasons required', () => {
    expect(itemIssues({ name: 'A', maxPoints: 10, score: 9.5, deductionReason: '迟报' }, 1)).toEqual([]);
    expect(itemIssues({ name: 'A', maxPoints: 10, score: 9.5, deductionReason: ' ' }, 2)).toEqual([
      '第2项“A”扣了0.5分，请填写扣分原因',
    ]);
    expect(itemIssues({ name: 'A', maxPoints: 10, score: null, deductionReason: null }, 1)).toEqual([]);
    expect(totalScore([{ score: 0.5 }, { score: 199.5 }, { score: null }])).toBe(200);
  });

  it('S0 tiers: 1×一等 50万, 2×二等 30万, 3×三等 20万, bottom two fined 10万 / 5万', () => {
    const r = rankTowns([190, 180, 170, 160, 150, 140, 130, 120].map((total, i) => ({ entry: i, total })));
    expect(r.rows.map((x) => [x.rank, x.tier, x.amountFen / W])).toEqual([
      [1, '一等奖', 50],
      [2, '二等奖', 30],
      [3, '二等奖', 30],
      [4, '三等奖', 20],
      [5, '三等奖', 20],
      [6, '三等奖', 20],
      [7, '倒数第二（罚款）', -5],
      [8, '倒数第一（罚款）', -10],
    ]);
    expect(r.poolFen).toBe(S0_RULES.budgetFen - 170 * W + 15 * W);
  });

  it('never fines a prize winner when there are few towns; ties at the top are flagged', () => {
    const few = rankTowns([
      { entry: 'a', total: 100 },
      { entry: 'b', total: 90 },
    ]);
    expect(few.rows.map((x) => x.tier)).toEqual(['一等奖', '二等奖']);
    const tie = rankTowns([
      { entry: 'a', total: 100 },
      { entry: 'b', total: 100 },
      { entry: 'c', total: 90 },
    ]);
    expect(tie.rows.map((x) => [x.rank, x.tier])).toEqual([
      [1, '一等奖'],
      [1, '一等奖'],
      [3, '二等奖'],
    ]);
    // two 一等奖 and one 二等奖: the tier is named; three winners are not more than the scheme's six
    expect(tie.notes).toEqual(['并列名次使一等奖有2个乡镇（方案设定1个）']);
  });

  it('ties at the bottom: both towns are 倒数第一 and fined, and the notes say the fines exceed the scheme’s', () => {
    const r = rankTowns([186.5, 181, 181, 172, 168.5, 163, 151.5, 151.5].map((total, i) => ({ entry: i, total })));
    expect(r.rows.map((x) => [x.rank, x.tier, x.amountFen / W])).toEqual([
      [1, '一等奖', 50],
      [2, '二等奖', 30],
      [2, '二等奖', 30],
      [4, '三等奖', 20],
      [5, '三等奖', 20],
      [6, '三等奖', 20],
      [7, '倒数第一（罚款）', -10],
      [7, '倒数第一（罚款）', -10],
    ]);
    expect(r.finesFen).toBe(20 * W);
    expect(r.notes).toEqual([
      '并列名次使倒数第一有2个乡镇（方案设定1个）',
      '并列名次使罚款合计20.00万元，多于方案设定的15.00万元，请领导组研究确定',
    ]);
    // a tie just above the bottom: two 倒数第二 at 5万 each, 20万 in all
    const second = rankTowns([190, 180, 170, 160, 150, 140, 130, 130, 120].map((total, i) => ({ entry: i, total })));
    expect(second.rows.slice(-3).map((x) => x.tier)).toEqual([
      '倒数第二（罚款）',
      '倒数第二（罚款）',
      '倒数第一（罚款）',
    ]);
    expect(second.notes).toEqual([
      '并列名次使倒数第二有2个乡镇（方案设定1个）',
      '并列名次使罚款合计20.00万元，多于方案设定的15.00万元，请领导组研究确定',
    ]);
  });
});
