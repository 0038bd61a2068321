/**
 * 序时进度 (time-elapsed share) and the traffic-light rules of domain.md §3.4. Pure and exact: shares are
 * kept as fractions and compared in BigInt, so the boundaries of exactly 10 and 30 points behind fall on
 * the side the rule says (70.00000000000001 − 40 would otherwise turn a yellow into a red).
 */
import { isoDate } from './dates.ts';
import { addMonths, monthsInclusive, parsePeriod, periodEnd } from './period.ts';
import { formatDateCn, formatPeriodCn } from './display.ts';

export type Level = 'green' | 'yellow' | 'red';
export const LEVEL_RANK: Record<Level, number> = { green: 0, yellow: 1, red: 2 };
export const LEVEL_CN: Record<Level, string> = { green: '绿', yellow: '黄', red: '红' };

export function worst(levels: Iterable<Level | null | undefined>): Level | null {
  let w: Level | null = null;
  for (const l of levels) if (l && (w === null || LEVEL_RANK[l] > LEVEL_RANK[w])) w = l;
  return w;
}

/** A non-negative fraction. */
export interface Frac {
  num: number;
  den: number;
}

export const pctOf = (f: Frac): number | null => (f.den === 0 ? null : (f.num / f.den) * 100);
export const round1 = (x: number): number => Math.round(x * 10) / 10;

export interface YearPlanLike {
  planFen: number;
  /** m01..m12 in 分, or null when the plan has no monthly split. */
  months: (number | null)[] | null;
}

export interface Window {
  planStart: string | null;
  planEnd: string | null;
}

/** The plan window's months inside `year`, as [firstMonth, lastMonth] (1–12), or null when outside. */
export function windowInYear(w: Window, year: number): [number, number] | null {
  if (!w.planStart || !w.planEnd) return null;
  const s = parsePeriod(w.planStart.slice(0, 7));
  const e = parsePeriod(w.planEnd.slice(0, 7));
  if (s.year > year || e.year < year) return null;
  return [s.year < year ? 1 : s.month, e.year > year ? 12 : e.month];
}

export type ShareBasis = 'monthly-split' | 'even-window' | 'none';

/**
 * A project's 序时进度 at the end of `period`: Σ monthly plan up to the month ÷ year plan where the
 * year plan is split by month; otherwise the elapsed whole months of the plan window in that year
 * (the month itself counted) ÷ the window's months that year.
 */
export function projectTimeShare(
  period: string,
  plan: YearPlanLike | null,
  w: Window,
): { share: Frac; basis: ShareBasis } {
  const { year, month } = parsePeriod(period);
  if (plan && plan.months && plan.months.some((m) => m !== null) && plan.planFen > 0) {
    let upTo = 0;
    for (let i = 0; i < month; i++) upTo += plan.months[i] ?? 0;
    return { share: { num: upTo, den: plan.planFen }, basis: 'monthly-split' };
  }
  const win = windowInYear(w, year);
  if (!win) return { share: { num: 0, den: 0 }, basis: 'none' };
  const [from, to] = win;
  const total = to - from + 1;
  const elapsed = Math.max(0, Math.min(month, to) - from + 1);
  return { share: { num: elapsed, den: total }, basis: 'even-window' };
}

/** The town-wide 序时进度: N/12. */
export function townTimeShare(period: string): Frac {
  return { num: parsePeriod(period).month, den: 12 };
}

export interface LightRules {
  /** Points behind 序时 from which a project is yellow (inclusive). */
  investYellowFromPts: number;
  /** Points behind 序时 above which a project is red. */
  investRedAbovePts: number;
  /** Months of 应开工未开工 that turn yellow into red. */
  startRedMonths: number;
  /** Days a milestone (other than 开工) may be overdue before yellow / red. */
  nodeYellowDays: number;
  nodeRedDays: number;
  /** 支付 ÷ 到位 below this percentage is red (only where money has arrived). */
  paymentMinPct: number;
  /** Projects from this total (分) must be 入统 within 1 month (yellow) / 2 months (red) of starting. */
  statsThresholdFen: number;
  /** Day of the next month by which a month's report is due. */
  reportDueDay: number;
}

export const DEFAULT_LIGHT_RULES: LightRules = {
  investYellowFromPts: 10,
  investRedAbovePts: 30,
  startRedMonths: 3,
  nodeYellowDays: 1,
  nodeRedDays: 15,
  paymentMinPct: 50,
  statsThresholdFen: 500 * 1_000_000,
  reportDueDay: 5,
};

export type Dimension = '投资进度' | '开工' | '节点' | '资金支付' | '入统' | '填报';

export interface DimensionLight {
  dimension: Dimension;
  level: Level;
  /** The measured value: a percentage, months or days, depending on the dimension. */
  value: number | null;
  /** The value it is compared with (序时进度 %, month or day limit). */
  threshold: number | null;
  rule: string;
  reason: string;
}

/** 投资 vs 序时 (银川): green when < yellowFrom points behind (or ahead); yellow from yellowFrom to redAbove inclusive; red beyond. */
export function investmentLight(
  ytdFen: number,
  yearPlanFen: number,
  share: Frac,
  rules: LightRules = DEFAULT_LIGHT_RULES,
): DimensionLight | null {
  if (yearPlanFen <= 0 || share.den === 0 || share.num === 0) return null;
  const donePct = round1(pctOf({ num: ytdFen, den: yearPlanFen })!);
  const sharePct = round1(pctOf(share)!);
  // Judged on the two rates as every surface prints them (one decimal) and their difference, so the colour
  // follows from the printed figures: 完成率 90.0% against 序时 100% is 10 points behind, yellow, on every page
  // and paper — judged on the unrounded 9.96 it was green while its reason said 达 10 个百分点.
  const behind = round1(sharePct - donePct);
  let level: Level = 'green';
  if (behind > rules.investRedAbovePts) level = 'red';
  else if (behind >= rules.investYellowFromPts) level = 'yellow';
  const reason =
    behind > 0
      ? `投资完成率 ${fmt(donePct)}%，低于序时进度 ${fmt(sharePct)}% 达 ${fmt(behind)} 个百分点`
      : `投资完成率 ${fmt(donePct)}%，达到序时进度 ${fmt(sharePct)}%`;
  return {
    dimension: '投资进度',
    level,
    value: donePct,
    threshold: sharePct,
    rule: `低于序时${rules.investYellowFromPts}–${rules.investRedAbovePts}个百分点为黄，超过${rules.investRedAbovePts}个百分点为红`,
    reason,
  };
}

// One decimal always, as the 完成率 and 序时进度 columns (100.0%) and 落后序时50.0个百分点 print the same figures:
// an integer printed bare (50 beside 50.0 on one 滞后清单 row) read as a different number.
const fmt = (x: number) => x.toFixed(1);

/** 开工: 应开工未开工 in the plan's start month is yellow; `startRedMonths` months in a row is red. */
export function startLight(
  period: string,
  planStart: string | null,
  actStart: string | null,
  rules: LightRules = DEFAULT_LIGHT_RULES,
): DimensionLight | null {
  if (!planStart || actStart) return null;
  const startPeriod = planStart.slice(0, 7);
  if (startPeriod > period) return null;
  const months = monthsInclusive(startPeriod, period);
  const level: Level = months >= rules.startRedMonths ? 'red' : 'yellow';
  // The month alone within the year; across it with its year — in 2018年2月, 计划8月开工 read as an August to come.
  const planned =
    startPeriod.slice(0, 4) === period.slice(0, 4) ? `${Number(startPeriod.slice(5))}月` : formatPeriodCn(startPeriod);
  return {
    dimension: '开工',
    level,
    value: months,
    threshold: rules.startRedMonths,
    rule: `计划开工月未开工为黄，连续${rules.startRedMonths}个月未开工为红`,
    reason: `计划${planned}开工，已连续 ${months} 个月应开工未开工`,
  };
}

/** 节点: the most overdue unfinished milestone (开工 is judged by the 开工 dimension, not twice). */
export function nodeLight(
  overdue: { node: string; planDate: string; daysLate: number } | null,
  rules: LightRules = DEFAULT_LIGHT_RULES,
): DimensionLight | null {
  if (!overdue || overdue.daysLate < rules.nodeYellowDays) return null;
  const level: Level = overdue.daysLate >= rules.nodeRedDays ? 'red' : 'yellow';
  return {
    dimension: '节点',
    level,
    value: overdue.daysLate,
    threshold: rules.nodeRedDays,
    rule: `节点逾期为黄，逾期${rules.nodeRedDays}天及以上为红`,
    reason: `节点“${overdue.node}”计划${formatDateCn(overdue.planDate)}完成，已逾期 ${overdue.daysLate} 天`,
  };
}

/** 资金支付: where money has arrived, 支付 ÷ 到位 below the minimum is red. */
export function paymentLight(
  arrivedFen: number,
  paidFen: number,
  rules: LightRules = DEFAULT_LIGHT_RULES,
): DimensionLight | null {
  if (arrivedFen <= 0) return null;
  const pct = round1((paidFen / arrivedFen) * 100);
  const below = BigInt(paidFen) * 100n < BigInt(Math.round(rules.paymentMinPct)) * BigInt(arrivedFen);
  return {
    dimension: '资金支付',
    level: below ? 'red' : 'green',
    value: pct,
    threshold: rules.paymentMinPct,
    rule: `支付率低于${rules.paymentMinPct}%为红`,
    reason: below ? `资金支付率 ${fmt(pct)}%，低于要求的 ${rules.paymentMinPct}%` : `资金支付率 ${fmt(pct)}%`,
  };
}

/** 入统: a started project at or above the threshold must be in the statistics within 1 (yellow) / 2 (red) months. */
export function statsLight(
  period: string,
  totalFen: number,
  actStart: string | null,
  inStats: boolean,
  rules: LightRules = DEFAULT_LIGHT_RULES,
): DimensionLight | null {
  if (totalFen < rules.statsThresholdFen || !actStart || inStats) return null;
  const months = monthsInclusive(actStart.slice(0, 7), period) - 1;
  if (months < 1) return null;
  return {
    dimension: '入统',
    level: months > 2 ? 'red' : 'yellow',
    value: months,
    threshold: 2,
    rule: '开工1个月未入库为黄，超过2个月为红',
    reason: `开工已 ${months} 个月仍未入统（入库）`,
  };
}

/**
 * Why a project has no light in `period` (level null), said beside it on the 红黄绿灯 page and by the CLI's lights:
 * they were counted as 未亮灯 without a word — a project of several years went dark from January until its new
 * year plan was entered, and nothing said so. Null when none of these is the cause.
 */
export function unlitReason(
  p: { isParent: boolean; status: string; planStart: string | null; planEnd: string | null; yearPlanFen: number },
  period: string,
): string | null {
  if (p.isParent) return '各子项目均未亮灯';
  if (!p.planStart || !p.planEnd)
    return p.status === '谋划' ? '谋划阶段，尚未定计划工期，不计灯' : '未填计划开工、竣工日期，不能计算序时进度';
  if (p.planStart > periodEnd(period)) return `计划${formatDateCn(p.planStart)}开工，本月尚未到计划工期`;
  const { year } = parsePeriod(period);
  if (!windowInYear(p, year)) return `计划工期已于${formatDateCn(p.planEnd)}结束，本年不计序时进度`;
  if (p.yearPlanFen <= 0) return `未录入${year}年年度计划投资，不能按序时进度计灯`;
  return null;
}

/**
 * Whether a project owes a report for the period: its plan window has begun, it was not finished before
 * the month, and it is past the 谋划 stage. Parents report through their sub-projects (caller's check).
 */
export function mustReport(
  p: { planStart: string | null; actEnd: string | null; status: string },
  period: string,
): boolean {
  return (
    !!p.planStart && p.planStart <= periodEnd(period) && !(p.actEnd && p.actEnd < `${period}-01`) && p.status !== '谋划'
  );
}

/** A project owes the period's report when it must report and is not a parent (its parts report). */
export const owesReport = (
  p: { isParent: boolean; planStart: string | null; actEnd: string | null; status: string },
  period: string,
): boolean => !p.isParent && mustReport(p, period);

/** The day a period's report is due: `reportDueDay` of the next month (次月5日前 by default). */
export function reportDueDate(period: string, rules: Pick<LightRules, 'reportDueDay'> = DEFAULT_LIGHT_RULES): string {
  const next = parsePeriod(addMonths(period, 1));
  return isoDate(next.year, next.month, rules.reportDueDay);
}

/** 填报: once the due day has passed, a project that should report and has not is yellow. */
export function reportLight(missing: boolean, dueDate: string): DimensionLight | null {
  if (!missing) return null;
  return {
    dimension: '填报',
    level: 'yellow',
    value: null,
    threshold: null,
    rule: '截止日未报送月报为黄',
    reason: `本月尚未提交（截止${formatDateCn(dueDate)}）`,
  };
}
