/**
 * Rules of the monthly dispatch (月报调度) that both the core and the screen apply: the data-quality
 * flags of a report and the escalation ladder of a 督办单. Pure functions only.
 */

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

export const REPORT_FLAGS = ['与上月雷同', '未填报', '累计超总投资'] as const;
export type ReportFlag = (typeof REPORT_FLAGS)[number];

export type SupervisionColor = '蓝' | '黄' | '红';

/** 华亭: 蓝 = 提醒; not fixed in time → 黄 = 警告; still not done → 红 + 约谈. Red is the last step. */
export function nextSupervisionColor(color: SupervisionColor): SupervisionColor | null {
  return color === '蓝' ? '黄' : color === '黄' ? '红' : null;
}

export const SUPERVISION_COLOR_MEANING: Record<SupervisionColor, string> = { 蓝: '提醒', 黄: '警告', 红: '约谈' };

/** 督〔2017〕3号: numbered per year of issue. */
export function supervisionNo(year: number, n: number): string {
  return `督〔${year}〕${n}号`;
}
