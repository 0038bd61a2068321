/** 节点 plan vs actual: on time, late, overdue (domain §1.3 Milestone; 节点工期 light in §3.4). */
import { daysBetween } from './dates.ts';

export type MilestoneState =
  | { kind: '按期完成' | '未到期' | '未计划'; days: 0 }
  | { kind: '逾期完成' | '已逾期'; days: number };

export function milestoneState(m: { planDate: string | null; actDate: string | null }, todayIso: string): MilestoneState {
  if (!m.planDate) return { kind: '未计划', days: 0 };
  if (m.actDate) {
    const late = daysBetween(m.planDate, m.actDate);
    return late > 0 ? { kind: '逾期完成', days: late } : { kind: '按期完成', days: 0 };
  }
  const over = daysBetween(m.planDate, todayIso);
  return over > 0 ? { kind: '已逾期', days: over } : { kind: '未到期', days: 0 };
}

export function milestoneText(s: MilestoneState): string {
  return s.kind === '已逾期' || s.kind === '逾期完成' ? `${s.kind}${s.days}天` : s.kind;
}
