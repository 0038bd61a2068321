/** Period arithmetic on YYYY-MM texts (report months). */
import { daysInMonth, isoDate, isValidPeriod } from './dates.ts';
import { formatDateCn, formatPeriodCn } from './display.ts';

export interface PeriodParts {
  year: number;
  month: number;
}

export function parsePeriod(period: string): PeriodParts {
  if (!isValidPeriod(period)) throw new Error(`期别“${period}”格式应为 YYYY-MM`);
  return { year: Number(period.slice(0, 4)), month: Number(period.slice(5, 7)) };
}

export function makePeriod(year: number, month: number): string {
  return `${year}-${month.toString().padStart(2, '0')}`;
}

export function addMonths(period: string, n: number): string {
  const { year, month } = parsePeriod(period);
  const idx = year * 12 + (month - 1) + n;
  return makePeriod(Math.floor(idx / 12), (idx % 12) + 1);
}

/** Inclusive count of months from `from` to `to` (0 if to < from). */
export function monthsInclusive(from: string, to: string): number {
  const a = parsePeriod(from);
  const b = parsePeriod(to);
  return Math.max(0, (b.year - a.year) * 12 + (b.month - a.month) + 1);
}

/** Last day of the period as ISO date: 2017-09 → 2017-09-30. */
export function periodEnd(period: string): string {
  const { year, month } = parsePeriod(period);
  return isoDate(year, month, daysInMonth(year, month));
}

export function periodOfDate(iso: string): string {
  return iso.slice(0, 7);
}

// Shown as 2017年9月: the formatter lives in display.ts (one look everywhere).
export { formatPeriodCn, monthsSpan } from './display.ts';

export function comparePeriods(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Why a month after the PC's current month takes no 月报 and no 关账 (period.service assertPeriodBegun; the 月报
 * page): a year or month mistyped became the newest reported month, and closed, froze every month before it.
 */
export function notBegunText(period: string, today: string): string {
  return `${formatPeriodCn(period)}还没有到（本机日期为${formatDateCn(today)}），不能填报、报送或关账该月；请核对月份，如电脑日期不对请先校正`;
}

/** Why a month before a closed one takes no more changes (period.service assertPeriodOpen; the 月报 page). */
export function laterClosedText(period: string, later: string): string {
  const p = formatPeriodCn(period);
  const l = formatPeriodCn(later);
  return `${l}已关账，其累计含${p}的月报，${p}的月报不能再修改；如需修改请先由审核人重新开账${l}`;
}
