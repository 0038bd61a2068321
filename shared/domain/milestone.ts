/**
 * 节点 plan vs actual: on time, late, overdue (domain §1.3 Milestone; 节点工期 light in §3.4). The one rule of a
 * milestone's lateness, used by the 节点 light, the project page, the 一项目一档 and the 挂图作战图: judged at a
 * reference date, a milestone finished after that date counts as not finished yet.
 */
import { daysBetween } from './dates.ts';

export type MilestoneState =
  | { kind: '按期完成' | '未到期' | '未计划'; days: 0 }
  | { kind: '逾期完成' | '已逾期'; days: number };

export function milestoneState(m: { planDate: string | null; actDate: string | null }, asOf: string): MilestoneState {
  if (!m.planDate) return { kind: '未计划', days: 0 };
  if (m.actDate && m.actDate <= asOf) {
    const late = daysBetween(m.planDate, m.actDate);
    return late > 0 ? { kind: '逾期完成', days: late } : { kind: '按期完成', days: 0 };
  }
  const over = daysBetween(m.planDate, asOf);
  return over > 0 ? { kind: '已逾期', days: over } : { kind: '未到期', days: 0 };
}

/** Days a milestone is (已逾期) or was (逾期完成) late at `asOf`; null when on time or not yet due. */
export function daysLate(m: { planDate: string | null; actDate: string | null }, asOf: string): number | null {
  const s = milestoneState(m, asOf);
  return s.days > 0 ? s.days : null;
}

export function milestoneText(s: MilestoneState): string {
  return s.kind === '已逾期' || s.kind === '逾期完成' ? `${s.kind}${s.days}天` : s.kind;
}
