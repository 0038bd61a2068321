/**
 * Rules of the monthly dispatch (月报调度) that both the core and the screen apply: the data-quality
 * flags of a report and the escalation ladder of a 督办单. Pure functions only.
 */

import { formatDateCn } from './dates.ts';
import { formatWanUnit } from './display.ts';

/** What a clerk types for one project and month (money already in 分). */
export interface ReportEntry {
  monthFen: number;
  imageText: string;
  imagePct: number | null;
  issues: string | null;
  nextSteps: string | null;
  needs: string | null;
}

const blankToNull = (s: string | null | undefined) => (s == null || s.trim() === '' ? null : s.trim());

/** Two entries say the same: every number and every text equal (blank and missing count as equal). */
export function entriesEqual(current: ReportEntry | null, last: ReportEntry | null): boolean {
  if (!current || !last) return false;
  return (
    current.monthFen === last.monthFen &&
    current.imageText.trim() === last.imageText.trim() &&
    (current.imagePct ?? null) === (last.imagePct ?? null) &&
    blankToNull(current.issues) === blankToNull(last.issues) &&
    blankToNull(current.nextSteps) === blankToNull(last.nextSteps) &&
    blankToNull(current.needs) === blankToNull(last.needs)
  );
}

/** "数据与上月雷同": this month's report repeats last month's word for word and figure for figure. */
export const sameAsLastMonth = (current: ReportEntry | null, last: ReportEntry | null): boolean =>
  entriesEqual(current, last);

/**
 * "有投资未开工": the month reports investment done while the ledger has no 实际开工 by the month's end. The ledger
 * counts investment from 开工 (开工以来累计 = 至上年底 + 本年, domain.md §1.3) and its 开工 light reads 实际开工 only
 * (§3.4), so that month would show 应开工未开工 beside the money spent. Said, never refused: the report may be right
 * and the date missing, or the other way round, and which day it started is the clerk's to write — no date is set.
 * What to say (the 月报 save and the 报送表 merge put the project's name before it), or null when nothing is amiss.
 */
export function investedBeforeStart(actStart: string | null, period: string, monthFen: number): string | null {
  if (monthFen <= 0) return null;
  const amount = `本月完成投资 ${formatWanUnit(monthFen)}`;
  if (actStart === null)
    return `${amount}，但台账中没有实际开工日期。有完成投资即已开工，请在项目台账中补填实际开工日期（开工灯按实际开工日期判断）`;
  if (actStart.slice(0, 7) > period)
    return `${amount}，但台账中的实际开工日期为${formatDateCn(actStart)}，在本月之后，请核对实际开工日期或本月完成投资`;
  return null;
}

// 未填报: nothing entered by the deadline; 未报送: entered and saved (草稿, or 退回 and not sent again) but not 报送.
export const REPORT_FLAGS = ['与上月雷同', '未填报', '未报送', '累计超总投资', '有投资未开工'] as const;
export type ReportFlag = (typeof REPORT_FLAGS)[number];

export type SupervisionColor = '蓝' | '黄' | '红';

/** 华亭: 蓝 = 提醒; not fixed in time → 黄 = 警告; still not done → 红 + 约谈. Red is the last step. */
export function nextSupervisionColor(color: SupervisionColor): SupervisionColor | null {
  return color === '蓝' ? '黄' : color === '黄' ? '红' : null;
}

export const SUPERVISION_COLOR_MEANING: Record<SupervisionColor, string> = { 蓝: '提醒', 黄: '警告', 红: '约谈' };

/** Where an order stands; an order escalated is closed by its successor, which is not the same as resolved. */
export const SUPERVISION_STATUSES = ['办理中', '已回复', '已办结', '已升级'] as const;
export type SupervisionStatus = (typeof SUPERVISION_STATUSES)[number];
export function supervisionStatus(o: {
  closed: boolean;
  reply: string | null;
  escalatedToNo: string | null;
}): SupervisionStatus {
  return o.closed ? (o.escalatedToNo ? '已升级' : '已办结') : o.reply ? '已回复' : '办理中';
}

/**
 * 办结情况 as a printed order says it: 已办结（date）, 未办结, or — an order closed by the one it was escalated to —
 * 已升级为黄色督办（督〔2017〕2号）, which a leader must not read as resolved.
 */
export function supervisionOutcome(o: {
  closed: boolean;
  closedAt: string | null;
  escalatedToNo: string | null;
  escalatedToColor: string | null;
}): string {
  if (!o.closed) return '未办结';
  if (o.escalatedToNo) return `已升级为${o.escalatedToColor ?? ''}色督办（${o.escalatedToNo}）`;
  return `已办结${o.closedAt ? `（${formatDateCn(o.closedAt)}）` : ''}`;
}

/** 督〔2017〕3号: numbered per year of issue. */
export function supervisionNo(year: number, n: number): string {
  return `督〔${year}〕${n}号`;
}
