/**
 * Fund flows and the funding summary. Each write is one transaction with its change-log rows; a flow
 * that takes a source past its plan is saved and answered with a warning (§1.3: "warn otherwise").
 */
import { laterThanToday } from './fact-dates.ts';
import { t4Group } from '../../../shared/domain/funds.ts';
import { formatWan } from '../../../shared/domain/money.ts';
import {
  awardData,
  fundFlowData,
  type FundFlow,
  type FundFlowParsed,
  type FundsSummary,
} from '../../../shared/schemas/funds.ts';
import { appendChanges } from '../audit/change-log.ts';
import { nowIso, type Ctx } from '../context.ts';
import { notFound, validationError } from '../errors.ts';
import * as repo from '../repositories/funds.repository.ts';
import { approxPlanSources } from './fund-figures.ts';
import { keptFundsSummary, sourceWarningsUpward } from './funds-kept.ts';
import { formatDateCn } from '../../../shared/domain/display.ts';
import { labels } from '../../../shared/fields/registry.ts';

type FlowRow = NonNullable<ReturnType<typeof repo.findFlow>>;

function toFlow(r: FlowRow): FundFlow {
  return {
    id: r.id,
    projectId: r.project_id,
    projectName: r.project_name,
    date: r.date,
    type: r.type,
    source: r.source,
    amountFen: r.amount_fen,
    batch: r.batch,
    voucherNo: r.voucher_no,
    note: r.note,
  };
}

const wan = (fen: number) => formatWan(fen);

function describe(f: {
  date: string;
  type: string;
  source: string;
  amountFen: number;
  batch: string | null;
  voucherNo: string | null;
}): string {
  return `${formatDateCn(f.date)} ${f.type} ${f.source} ${wan(f.amountFen)}万元${f.batch ? `（${f.batch}）` : ''}${f.voucherNo ? ` 凭证${f.voucherNo}` : ''}`;
}

export function listFundFlows(ctx: Ctx, projectId?: number): FundFlow[] {
  return repo.listFlows(ctx.db, projectId).map(toFlow);
}

/** One page of the flows in the order of listFundFlows (newest first), and how many there are in all. */
export function pageFundFlows(
  ctx: Ctx,
  o: { offset: number; limit: number; projectId?: number | undefined },
): { total: number; rows: FundFlow[] } {
  return {
    total: repo.countFlows(ctx.db, o.projectId),
    rows: repo.listFlows(ctx.db, o.projectId, { offset: o.offset, limit: o.limit }).map(toFlow),
  };
}

export function saveFundFlow(ctx: Ctx, input: FundFlowParsed): { flow: FundFlow; warnings: string[] } {
  const d = fundFlowData(input); // amountWan (分 after the schema) → amountFen
  const flow = ctx.db.tx(() => {
    const { db } = ctx;
    const project = repo.activeProject(db, d.projectId);
    if (!project) throw validationError([{ path: 'projectId', message: '所选项目不存在或已删除' }]);
    const before = d.id !== undefined ? repo.findFlow(db, d.id) : undefined;
    if (d.id !== undefined && !before) throw notFound('资金记录', d.id);
    // A flow is money that has come or gone, on its voucher (what is planned is the 资金构成): dated after today it
    // is refused, as a 实际竣工 is (project.service.ts); a date the record already has does not block its edit.
    const late = laterThanToday(ctx, `${d.type}日期`, d.date, before?.date);
    if (late) throw validationError([{ path: 'date', message: late }]);
    const at = nowIso(ctx);
    let id: number;
    if (before) {
      id = before.id;
      repo.updateFlow(db, id, d);
      const after = describe(d);
      const old = describe(toFlow(before));
      if (old !== after || before.note !== d.note)
        appendChanges(db, ctx.session.operator, at, [
          { action: '修改', entity: 'fund_flow', entityId: id, projectId: d.projectId, oldValue: old, newValue: after },
        ]);
    } else {
      id = repo.insertFlow(db, d);
      appendChanges(db, ctx.session.operator, at, [
        { action: '新增', entity: 'fund_flow', entityId: id, projectId: d.projectId, newValue: describe(d) },
      ]);
    }
    return toFlow(repo.findFlow(db, id)!);
  });
  // Read after the commit, from the figures the 资金 page reads next: the save says what the page will show.
  return { flow, warnings: sourceWarningsUpward(ctx, d.projectId, d.source) };
}

export function removeFundFlow(ctx: Ctx, id: number): { deleted: number } {
  return ctx.db.tx(() => {
    const before = repo.findFlow(ctx.db, id);
    if (!before) throw notFound('资金记录', id);
    repo.deleteFlow(ctx.db, id);
    appendChanges(ctx.db, ctx.session.operator, nowIso(ctx), [
      {
        action: '删除',
        entity: 'fund_flow',
        entityId: id,
        projectId: before.project_id,
        oldValue: describe(toFlow(before)),
      },
    ]);
    return { deleted: 1 };
  });
}

export function saveAward(ctx: Ctx, input: Parameters<typeof awardData>[0]): { appliedFen: number } {
  const d = awardData(input); // appliedWan (分 after the schema) → appliedFen
  return ctx.db.tx(() => {
    const project = repo.activeProject(ctx.db, d.projectId);
    if (!project) throw validationError([{ path: 'projectId', message: '所选项目不存在或已删除' }]);
    const before = repo.findAward(ctx.db, d.projectId);
    // An application made (以奖代补 申请日期) is a fact as a flow is: after today it is refused as one is.
    const late = laterThanToday(ctx, labels('award_subsidy').appliedOn, d.appliedOn, before?.applied_on);
    if (late) throw validationError([{ path: 'appliedOn', message: late }]);
    const id = repo.upsertAward(ctx.db, d.projectId, d.appliedFen, d.appliedOn, d.note);
    appendChanges(ctx.db, ctx.session.operator, nowIso(ctx), [
      {
        action: before ? '修改' : '新增',
        entity: 'award_subsidy',
        entityId: id,
        projectId: d.projectId,
        field: 'appliedFen',
        oldValue: before ? `${wan(before.applied_fen)}万元` : null,
        newValue: `${wan(d.appliedFen)}万元`,
      },
    ]);
    return { appliedFen: d.appliedFen };
  });
}

/**
 * The 资金 page: per project (its sub-projects rolled up, fund-figures.ts) and for the town, plan vs 到位 vs 拨付 vs
 * 支付 by source and T4 group, the 配套 check and 以奖代补 — the same figures the 总览, T4 and `figures` show.
 * The T4 summary at asOf; projectId narrows the projects to one; page gives one slice of the projects with
 * money and their count. Kept per asOf and patched for the projects written since (funds-kept.ts).
 */
export function fundsSummary(
  ctx: Ctx,
  opts: {
    asOf?: string | null;
    projectId?: number | undefined;
    page?: { offset: number; limit: number } | undefined;
  } = {},
): FundsSummary {
  const s = keptFundsSummary(ctx, opts.asOf ?? null, { projectId: opts.projectId, page: opts.page });
  // The marks are not kept figures (the sums are exact): added to the rows shown, read fresh (none: no work).
  const approx = approxPlanSources(ctx);
  if (approx.size === 0) return s;
  return {
    ...s,
    projects: s.projects.map((p) => {
      const sources = approx.get(p.id);
      return sources ? { ...p, approxPlanGroups: [...new Set([...sources].map(t4Group))] } : p;
    }),
  };
}
