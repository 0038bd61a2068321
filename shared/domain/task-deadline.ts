/**
 * A 责任清单 task past its 完成时限 (domain §1.4): judged against a day (today on the page), as a 节点 is
 * (milestone.ts). A task keeps no day of completion, so one marked 已完成 is never overdue, and any other status —
 * 未启动, 推进中, 滞后 — is overdue once its deadline has passed: the clerk sets the status by hand, the lateness
 * follows the calendar.
 */
import { daysBetween } from './dates.ts';

/** Days past the deadline at `asOf`, or null (no deadline, 已完成, not yet due; the deadline day itself is on time). */
export function taskDaysOverdue(t: { deadline: string | null; status: string }, asOf: string): number | null {
  if (!t.deadline || t.status === '已完成') return null;
  const over = daysBetween(t.deadline, asOf);
  return over > 0 ? over : null;
}
