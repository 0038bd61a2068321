import { describe, expect, it } from 'vitest';
import { FundFlowInputSchema } from '../../shared/schemas/funds.ts';
import { ReportRowSchema } from '../../shared/schemas/monthly-report.ts';
import { ProjectInputSchema } from '../../shared/schemas/project.ts';
import {
  formatPercent,
  formatWan,
  formatWanExact,
  formatYuan,
  numberToPlainText,
  parseMoney,
  percent,
  sumFen,
} from '../../shared/domain/money.ts';

describe('parseMoney (万元 text → 分, no floating point)', () => {
  it.each([
    ['860', 860_000_000],
    ['0.07', 70_000],
    ['1,234.5', 1_234_500_000],
    ['21390', 21_390_000_000],
    ['0.000001', 1],
    ['１２３．４５', 123_450_000],
    ['  300 ', 300_000_000],
    ['1234.56万', 1_234_560_000],
    ['1234.56万元', 1_234_560_000],
    ['12345.67元', 1_234_567],
    ['.5', 500_000],
    ['1.2300000', 1_230_000],
    // copied from a cell in Excel's currency format
    ['¥1,234.56', 1_234_560_000],
    ['￥ 300', 300_000_000],
  ])('%s → %i 分', (text, fen) => {
    const r = parseMoney(text);
    expect(r).toEqual({ ok: true, fen, approx: false });
  });

  it('0.1 + 0.2 style inputs stay exact', () => {
    const a = parseMoney('0.1');
    const b = parseMoney('0.2');
    expect(a.ok && b.ok && a.fen + b.fen).toBe(300_000);
    expect(parseMoney('0.3')).toMatchObject({ fen: 300_000 });
  });

  it('"860余万元" is 860万 with the approximate flag', () => {
    expect(parseMoney('860余万元')).toEqual({ ok: true, fen: 860_000_000, approx: true });
    expect(parseMoney('约120')).toEqual({ ok: true, fen: 120_000_000, approx: true });
    expect(parseMoney('238多')).toEqual({ ok: true, fen: 238_000_000, approx: true });
  });

  it('rejects negatives, junk and more than 6 decimals with Chinese messages naming the field', () => {
    expect(parseMoney('-5', '万元', '总投资')).toEqual({ ok: false, message: '总投资不能为负数' });
    const tooMany = parseMoney('1.1234567', '万元', '总投资');
    expect(tooMany.ok).toBe(false);
    expect(!tooMany.ok && tooMany.message).toContain('总投资最多保留6位小数');
    expect(parseMoney('abc', '万元', '本月完成投资')).toMatchObject({
      ok: false,
      message: '本月完成投资“abc”不是有效的金额',
    });
    expect(parseMoney('', '万元', '总投资')).toEqual({ ok: false, message: '总投资不能为空' });
    expect(parseMoney('1.234', '元').ok).toBe(false);
  });

  it('numbers from spreadsheets are read through their shortest text', () => {
    expect(parseMoney(1234.56)).toMatchObject({ fen: 1_234_560_000 });
    expect(parseMoney(0.1 + 0.2)).toMatchObject({ fen: 300_000 });
    expect(numberToPlainText(1e-7)).toBe('0.0000001');
    expect(numberToPlainText(1.5e21)).toBe('1500000000000000000000');
  });
});

describe('formatting', () => {
  it('shows 万元 with two decimals, half-up on the absolute value', () => {
    expect(formatWan(21_390_000_000)).toBe('21390.00');
    expect(formatWan(5_000)).toBe('0.01');
    expect(formatWan(4_999)).toBe('0.00');
    expect(formatWan(-5_000)).toBe('-0.01');
    expect(formatWan(1_234_567_890_000, { grouping: true })).toBe('1,234,567.89');
    expect(formatWan(1, { decimals: 6 })).toBe('0.000001');
    expect(formatWan(123_456_700, { decimals: 4 })).toBe('123.4567');
    expect(formatWan(null, { empty: '—' })).toBe('—');
    expect(formatYuan(123_456)).toBe('1234.56');
  });

  it('an exact 万元 text (edit fields, change logs) has at least two decimals and never rounds', () => {
    expect(formatWanExact(300_000_000)).toBe('300.00');
    expect(formatWanExact(70_000)).toBe('0.07');
    expect(formatWanExact(12_345_678)).toBe('12.345678');
    expect(formatWanExact(1_234_567_800)).toBe('1234.5678');
    expect(formatWanExact(5_000)).toBe('0.005');
    expect(formatWanExact(-3_100_000)).toBe('-3.10');
    // a sheet's cell, beside the page's other amounts
    expect(formatWanExact(1_234_567_800, { grouping: true })).toBe('1,234.5678');
    expect(formatWanExact(1_200_000_000, { grouping: true })).toBe('1,200.00');
  });

  it('totals are summed in 分 first, then rounded once', () => {
    const parts = [4_000, 4_000, 4_000]; // 0.004万 each: shown 0.00, total 0.012 → 0.01
    expect(parts.map((p) => formatWan(p))).toEqual(['0.00', '0.00', '0.00']);
    expect(formatWan(sumFen(parts))).toBe('0.01');
  });

  it('percentages are derived with a null for an empty base', () => {
    expect(percent(900, 3500)).toBe(25.7);
    expect(percent(1, 0)).toBeNull();
    expect(formatPercent(null)).toBe('—');
    expect(formatPercent(75)).toBe('75.0%');
  });
});

describe('月报 cells as Excel copies them', () => {
  it('形象进度% takes “90%” (a cell in percent format) and still refuses 120 and 50.5', async () => {
    const { ReportRowSchema } = await import('../../shared/schemas/monthly-report.ts');
    const pct = ReportRowSchema.shape.imagePct;
    expect(pct.parse('90%')).toBe(90);
    expect(pct.parse('90 ％')).toBe(90);
    expect(pct.safeParse('120%').success).toBe(false);
    expect(pct.safeParse('50.5').success).toBe(false);
  });
});

describe('approximate amounts (约30, 30余)', () => {
  const issue = (r: { success: boolean; error?: { issues: { message: string }[] } }) =>
    r.success ? null : r.error!.issues[0]!.message;
  it('are refused where the figure is what was done: a month’s 完成投资, a payment', () => {
    for (const v of ['约30', '约 30', '30余', '30多'])
      expect(issue(ReportRowSchema.safeParse({ projectId: 1, monthFen: v, imageText: '施工' })), v).toBe(
        `本月完成投资“${v}”是约数，请填写确切金额`,
      );
    const flow = { projectId: 1, date: '2017-09-01', type: '到位', source: '镇政府自筹', amountWan: '约30' };
    expect(issue(FundFlowInputSchema.safeParse(flow))).toMatch(/“约30”是约数，请填写确切金额$/);
  });
  it('are taken (marked approximate) for a 总投资 or a plan, as county documents write them', () => {
    const row = ProjectInputSchema.safeParse({
      name: '甲项目',
      planYear: 2017,
      location: '镇区',
      scope: '—',
      totalWan: '860余',
    });
    expect(row.success && row.data.totalWan).toBe(860_000_000);
  });
});
