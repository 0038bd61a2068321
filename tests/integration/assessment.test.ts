import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { S0_SCHEME } from '../../shared/domain/assessment.ts';
import { tempCore, type TempCore } from '../helpers/temp-core.ts';

let t: TempCore;
beforeEach(async () => {
  t = await tempCore();
});
afterEach(() => t.cleanup());

const W = 1_000_000;

/** A sheet's items as assessments:saveItems takes them: the rows are written anew, so they carry no id. */
const asInput = <T extends { id: number }>(items: T[]) => items.map(({ id: _id, ...i }) => i);

async function sheet(town: string, deducted: number) {
  const a = await t.ok('assessments:save', { year: 2017, town });
  const items = asInput(a.items).map((i, k) => ({
    ...i,
    score: k === 0 ? i.maxPoints - deducted : i.maxPoints,
    deductionReason: k === 0 && deducted ? '规划未报批' : null,
  }));
  return t.ok('assessments:saveItems', { id: a.id, items });
}

describe('考核', () => {
  it('creates a town sheet on the S0 200-point scheme', async () => {
    const a = await t.ok('assessments:save', { year: 2017, town: '蒲州镇' });
    expect(a).toMatchObject({ scheme: S0_SCHEME, totalMax: 200, itemsMax: 200, total: 0, scored: 0 });
    expect(a.items.length).toBeGreaterThanOrEqual(10);
    expect(a.items.at(-1)).toMatchObject({
      name: '计划、报表编报',
      maxPoints: 2,
      criteria: expect.stringContaining('未及时上报扣0.5分'),
    });
    const again = await t.call('assessments:save', { year: 2017, town: '蒲州镇' });
    expect(again.ok === false && again.error.message).toBe(`2017年“${S0_SCHEME}”中已有“蒲州镇”的考核表`);
  });

  it('totals the scores, in half points', async () => {
    const a = await sheet('蒲州镇', 3.5);
    expect(a.total).toBe(196.5);
    expect((await t.ok('assessments:list', { year: 2017 }))[0]).toMatchObject({
      town: '蒲州镇',
      total: 196.5,
      scored: a.items.length,
    });
  });

  it.each([
    [{ score: 20.3 }, '第1项“规划编制”的得分“20.3”应以0.5分为单位'],
    [{ score: 21 }, '第1项“规划编制”的得分21分超过该项分值20分'],
    [{ score: -1 }, '第1项“规划编制”的得分不能为负数'],
    [{ score: 18, deductionReason: '' }, '第1项“规划编制”扣了2分，请填写扣分原因'],
    [{ maxPoints: -2 }, '第1项“规划编制”的分值应为不小于0的数'],
    [{ name: '' }, '请填写评分项名称'],
  ])('rejects item %o with a Chinese message and keeps the sheet', async (over, message) => {
    const a = await sheet('蒲州镇', 0);
    const items = asInput(a.items).map((i, k) => (k === 0 ? { ...i, ...over } : i));
    const r = await t.call('assessments:saveItems', { id: a.id, items });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain(message);
    expect((await t.ok('assessments:get', { id: a.id })).total).toBe(200);
  });

  it('ranks towns with shared ranks, S0 prizes and bottom fines', async () => {
    // 9 towns: a tie for 2nd (both 二等奖), a tie for the bottom (both 倒数第一).
    for (const [town, cut] of [
      ['甲镇', 2],
      ['乙镇', 5],
      ['丙镇', 5],
      ['丁镇', 8],
      ['戊镇', 9],
      ['己镇', 10],
      ['庚镇', 11],
      ['辛镇', 14],
      ['壬镇', 14],
    ] as const)
      await sheet(town, cut);
    const r = await t.ok('assessments:rank', { year: 2017 });
    expect(r.rows.map((x) => [x.town, x.total, x.rank, x.tier, x.amountFen / W])).toEqual([
      ['甲镇', 198, 1, '一等奖', 50],
      ['乙镇', 195, 2, '二等奖', 30],
      ['丙镇', 195, 2, '二等奖', 30],
      ['丁镇', 192, 4, '三等奖', 20],
      ['戊镇', 191, 5, '三等奖', 20],
      ['己镇', 190, 6, '三等奖', 20],
      ['庚镇', 189, 7, null, 0], // the tied last two occupy 倒数第一 and 倒数第二
      ['辛镇', 186, 8, '倒数第一（罚款）', -10],
      ['壬镇', 186, 8, '倒数第一（罚款）', -10],
    ]);
    expect(r.rows.slice(0, 5).every((x) => x.remark === '通报表扬')).toBe(true);
    expect(r.rows.at(-1)!.remark).toBe('通报批评、约谈');
    expect(r).toMatchObject({ prizesFen: 170 * W, finesFen: 20 * W, poolFen: 50 * W });
  });

  it('leaves out of the ranking, named, a sheet not fully scored and one not marked out of 200', async () => {
    const ex = await t.ok('assessments:loadExample', { year: 2017 });
    // a new town's sheet, nothing scored yet: it must not take 倒数第一 and its fine
    await t.ok('assessments:save', { year: 2017, town: '测试镇' });
    // a town whose first item was given 120 points (300 in all): it must not outrank the towns marked out of 200
    const west = ex.rows.find((x) => x.town === '城西街道')!;
    const sheetWest = await t.ok('assessments:get', { id: west.id });
    await t.ok('assessments:saveItems', {
      id: west.id,
      items: asInput(sheetWest.items).map((i, k) => (k === 0 ? { ...i, maxPoints: 120, score: 120 } : i)),
    });
    const r = await t.ok('assessments:rank', { year: 2017 });
    expect(r.rows.map((x) => x.town)).not.toContain('测试镇');
    expect(r.rows.map((x) => x.town)).not.toContain('城西街道');
    expect(r.notes).toEqual([
      '城西街道自评表满分为300分，与考核方案的200分不符，未参加排名',
      expect.stringMatching(/^测试镇自评未完成（\d+项中已评0项），未参加排名$/),
    ]);
    // the bottom fine falls on the lowest town really assessed (the one above it has a prize)
    expect(r.rows.filter((x) => x.amountFen < 0).map((x) => x.town)).toEqual(['虞乡镇']);
  });

  it('two towns tied at the bottom are both 倒数第一, and the ranking says the fines exceed the scheme’s', async () => {
    const towns: [string, number][] = [
      ['蒲州镇', 0],
      ['韩阳镇', 2],
      ['张营镇', 4],
      ['卿头镇', 6],
      ['开张镇', 8],
      ['栲栳镇', 10],
      ['虞乡镇', 12],
      ['城西街道', 12],
    ];
    for (const [town, deducted] of towns) await sheet(town, deducted);
    const r = await t.ok('assessments:rank', { year: 2017 });
    expect(r.rows.slice(-2).map((x) => [x.rank, x.tier, x.amountFen / W])).toEqual([
      [7, '倒数第一（罚款）', -10],
      [7, '倒数第一（罚款）', -10],
    ]);
    expect(r.finesFen).toBe(20 * W);
    expect(r.notes).toEqual([
      '并列名次使倒数第一有2个乡镇（方案设定1个）',
      '并列名次使罚款合计20.00万元，多于方案设定的15.00万元，请领导组研究确定',
    ]);
  });

  it('loads 8 example towns: 6 prizes and 2 fines, 15万 of fines and a 45万 pool', async () => {
    const r = await t.ok('assessments:loadExample', { year: 2017 });
    expect(r.rows).toHaveLength(8);
    expect(r.rows.filter((x) => x.amountFen > 0)).toHaveLength(6);
    expect(r.rows.filter((x) => x.amountFen < 0).map((x) => x.amountFen / W)).toEqual([-5, -10]);
    expect(r).toMatchObject({ prizesFen: 170 * W, finesFen: 15 * W, poolFen: 45 * W, notes: [] });
    const first = await t.ok('assessments:get', { id: r.rows[0]!.id });
    expect(first.total).toBe(r.rows[0]!.total);
    expect(first.items.filter((i) => i.score! < i.maxPoints).every((i) => i.deductionReason)).toBe(true);
    expect((await t.call('assessments:loadExample', { year: 2017 })).ok).toBe(false);
  });
});
