/**
 * The lists of the 一项目一档: each save replaces the project's whole list in one transaction and writes
 * one change-log row with the list before and after, so the history reads like the clerk's own notes.
 * Mismatched sums (子项, 资金构成) are warnings returned with the data, never a refusal.
 */
import { laterThanToday } from './fact-dates.ts';
import { formatWan, formatWanExact, sumFen } from '../../../shared/domain/money.ts';
import { APPROX_MARK, formatDateCn } from '../../../shared/domain/display.ts';
import type { z } from '../../../shared/schemas/zod-zh.ts';
import type { ChangeEntity } from '../../../shared/fields/registry.ts';
import type {
  Funding,
  FundingSaveSchema,
  Items,
  ItemsSaveSchema,
  MilestoneRow,
  MilestonesSaveSchema,
  YearPlanRow,
  YearPlansSaveSchema,
} from '../../../shared/schemas/project-parts.ts';
import { appendChanges } from '../audit/change-log.ts';
import { nowIso, type Ctx } from '../context.ts';
import { AppError, validationError } from '../errors.ts';
import * as parts from '../repositories/project-parts.repository.ts';
import { requireProject } from './project.service.ts';

/** A date in the 修改记录 as every reader sees dates: 2017年10月16日 (— when none). */
const dateCn = (iso: string | null) => (iso ? formatDateCn(iso) : '—');

/** Exact 万元 for the change log (what was typed); two decimals for the warnings people read. */
/** As the 修改记录 shows an amount: exact to the 分, with the mark of a round figure (460余万元). */
const wan = (fen: number, approx = false) => `${formatWanExact(fen)}${approx ? APPROX_MARK : ''}万元`;
const wanShown = (fen: number) => `${formatWan(fen)}万元`;

/** The project must exist and not be in the 回收站. */
function requireLiveProject(ctx: Ctx, projectId: number) {
  const p = requireProject(ctx, projectId);
  if (p.deletedAt) throw new AppError('CONFLICT', `项目“${p.name}”在回收站中，请先恢复再修改`);
  return p;
}

/** Replaces a list and logs it when its text changed. */
function saveList<T>(
  ctx: Ctx,
  projectId: number,
  entity: ChangeEntity,
  field: string,
  before: T[],
  describe: (rows: T[]) => string,
  write: () => void,
  after: () => T[],
): void {
  const oldText = describe(before);
  write();
  const newText = describe(after());
  if (oldText !== newText)
    appendChanges(ctx.db, ctx.session.operator, nowIso(ctx), [
      {
        action: '修改',
        entity,
        entityId: projectId,
        projectId,
        field,
        oldValue: oldText || null,
        newValue: newText || null,
      },
    ]);
}

/* 建设子项 */
export function getItems(ctx: Ctx, projectId: number): Items {
  const p = requireProject(ctx, projectId);
  const items = parts.listItems(ctx.db, projectId);
  const sum = sumFen(items.map((i) => i.amountFen));
  const warning =
    items.length > 0 && sum !== p.totalFen
      ? `建设子项合计${wanShown(sum)}，与总投资${wanShown(p.totalFen)}不一致（仅提示，已保存）`
      : null;
  return { items, totalFen: p.totalFen, sumFen: sum, warning };
}

export function saveItems(ctx: Ctx, input: z.output<typeof ItemsSaveSchema>): Items {
  return ctx.db.tx(() => {
    requireLiveProject(ctx, input.projectId);
    saveList(
      ctx,
      input.projectId,
      'project_item',
      'items',
      parts.listItems(ctx.db, input.projectId),
      (rows) =>
        rows
          .map(
            (r) =>
              `${r.name}${r.qty !== null ? ` ${r.qty}${r.unit ?? ''}` : ''} ${r.approx ? '约' : ''}${wan(r.amountFen)}`,
          )
          .join('；'),
      // amountWan is the contract's key; the schema has turned the 万元 typed there into 分
      () =>
        parts.replaceItems(
          ctx.db,
          input.projectId,
          input.items.map(({ amountWan: amountFen, ...it }) => ({ ...it, amountFen })),
        ),
      () => parts.listItems(ctx.db, input.projectId),
    );
    return getItems(ctx, input.projectId);
  });
}

/* 资金构成 */
export function getFunding(ctx: Ctx, projectId: number): Funding {
  const p = requireProject(ctx, projectId);
  const rows = parts.listFunding(ctx.db, projectId);
  const sum = sumFen(rows.map((r) => r.amountFen));
  const unfundedFen = Math.max(0, p.totalFen - sum);
  const warning =
    sum > p.totalFen
      ? `资金构成合计${wanShown(sum)}，比总投资${wanShown(p.totalFen)}多${wanShown(sum - p.totalFen)}（仅提示，已保存）`
      : unfundedFen > 0 && rows.length > 0
        ? `资金构成合计${wanShown(sum)}，尚有${wanShown(unfundedFen)}未落实`
        : null;
  return { rows, totalFen: p.totalFen, sumFen: sum, unfundedFen, warning };
}

export function saveFunding(ctx: Ctx, input: z.output<typeof FundingSaveSchema>): Funding {
  return ctx.db.tx(() => {
    requireLiveProject(ctx, input.projectId);
    saveList(
      ctx,
      input.projectId,
      'funding_plan',
      'funding',
      parts.listFunding(ctx.db, input.projectId),
      (rows) => rows.map((r) => `${r.source} ${wan(r.amountFen, r.approx)}`).join('；'),
      () =>
        parts.replaceFunding(
          ctx.db,
          input.projectId,
          input.funding.map(({ amountWan: amountFen, ...r }) => ({ ...r, amountFen })),
        ),
      () => parts.listFunding(ctx.db, input.projectId),
    );
    return getFunding(ctx, input.projectId);
  });
}

/* 年度计划 */
export function getYearPlans(ctx: Ctx, projectId: number): YearPlanRow[] {
  requireProject(ctx, projectId);
  return parts.listYearPlans(ctx.db, projectId);
}

export function saveYearPlans(ctx: Ctx, input: z.output<typeof YearPlansSaveSchema>): YearPlanRow[] {
  return ctx.db.tx(() => {
    requireLiveProject(ctx, input.projectId);
    saveList(
      ctx,
      input.projectId,
      'year_plan',
      'plans',
      parts.listYearPlans(ctx.db, input.projectId),
      (rows) =>
        rows
          .map(
            (r) =>
              `${r.year}年 ${wan(r.planFen)}${r.months ? `（按月：${r.months.map((m) => formatWan(m ?? 0)).join('/')}）` : ''}${r.nodeTarget ? ` ${r.nodeTarget}` : ''}`,
          )
          .join('；'),
      () =>
        parts.replaceYearPlans(
          ctx.db,
          input.projectId,
          input.plans.map(({ planWan: planFen, ...r }) => ({ ...r, planFen })),
        ),
      () => parts.listYearPlans(ctx.db, input.projectId),
    );
    return parts.listYearPlans(ctx.db, input.projectId);
  });
}

/* 节点 */
export function getMilestones(ctx: Ctx, projectId: number): MilestoneRow[] {
  requireProject(ctx, projectId);
  return parts.listMilestones(ctx.db, projectId);
}

export function saveMilestones(ctx: Ctx, input: z.output<typeof MilestonesSaveSchema>): MilestoneRow[] {
  return ctx.db.tx(() => {
    requireLiveProject(ctx, input.projectId);
    // A 节点's 实际日期 says it is done: after today it is refused (as 实际开工/实际竣工, project.service.ts), unless
    // the node carried that date already — an old one does not block the list's other edits.
    const had = new Set(parts.listMilestones(ctx.db, input.projectId).map((m) => `${m.node}|${m.actDate}`));
    const issues = input.milestones.flatMap((m, i) => {
      const kept = had.has(`${m.node}|${m.actDate}`) ? m.actDate : null;
      const message = laterThanToday(ctx, '实际日期', m.actDate, kept);
      return message ? [{ path: `milestones.${i}.actDate`, message: `节点“${m.node}”：${message}` }] : [];
    });
    if (issues.length) throw validationError(issues);
    saveList(
      ctx,
      input.projectId,
      'milestone',
      'milestones',
      parts.listMilestones(ctx.db, input.projectId),
      (rows) => rows.map((r) => `${r.node}（计划${dateCn(r.planDate)}，实际${dateCn(r.actDate)}）`).join('；'),
      () => parts.replaceMilestones(ctx.db, input.projectId, input.milestones),
      () => parts.listMilestones(ctx.db, input.projectId),
    );
    return parts.listMilestones(ctx.db, input.projectId);
  });
}
