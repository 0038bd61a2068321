/**
 * Dates of things done — 实际开工/实际竣工, a 节点's 实际日期, a 资金 flow, an 以奖代补 application — are facts: one later
 * than today on the PC's clock (a year mistyped, 2071 for 2017) is refused. Only a date the write sets is judged: one
 * the record already has does not block its other edits until it is corrected. One rule for every such field.
 */
import { todayIso } from '../../../shared/domain/dates.ts';
import { afterTodayText } from '../../../shared/domain/display.ts';
import type { Ctx } from '../context.ts';

/** The refusal of `date` (labelled `label`) when it is after today and not the one kept; null when it stands. */
export function laterThanToday(
  ctx: Ctx,
  label: string,
  date: string | null | undefined,
  kept: string | null | undefined,
): string | null {
  const today = todayIso(ctx.now());
  return date && date > today && date !== kept ? afterTodayText(label, date, today) : null;
}
