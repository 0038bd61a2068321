/**
 * Fund flows and the funding summary. Each write is one transaction with its change-log rows; a flow
 * that takes a source past its plan is saved and answered with a warning (§1.3: "warn otherwise").
 */
import { isTopLevel } from '../../../shared/domain/figure-rules.ts';
import { flowWarnings, matchingCheck, summarise } from '../../../shared/domain/funds.ts';
import { formatWan } from '../../../shared/domain/money.ts';
import {
  awardData,
  fundFlowData,
  type FundFlow,
  type FundFlowParsed,
  type FundsSummary,
  type ProjectFunds,
} from '../../../shared/schemas/funds.ts';
import { appendChanges } from '../audit/change-log.ts';
import { nowIso, type Ctx } from '../context.ts';
import { notFound, validationError } from '../errors.ts';
import * as repo from '../repositories/funds.repository.ts';
import { cached } from './derived-cache.ts';
import { matchingFailures, projectFundFigures, townFunding } from './fund-figures.ts';
import { formatDateCn } from '../../../shared/domain/display.ts';

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
  return ctx.db.tx(() => {
    const { db } = ctx;
    const project = repo.activeProject(db, d.projectId);
    if (!project) throw validationError([{ path: 'projectId', message: '所选项目不存在或已删除' }]);
    const at = nowIso(ctx);
    let id: number;
    if (d.id !== undefined) {
      const before = repo.findFlow(db, d.id);
      if (!before) throw notFound('资金记录', d.id);
      id = d.id;
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
    const plan = repo.planBySource(db).find((p) => p.project_id === d.projectId && p.source === d.source)?.fen ?? 0;
    const sums = repo.flowsBySource(db, null, d.projectId).find((s) => s.source === d.source);
    const warnings = flowWarnings(
      d.source,
      {
        planFen: plan,
        arrivedFen: sums?.arrived_fen ?? 0,
        allocatedFen: sums?.allocated_fen ?? 0,
        paidFen: sums?.paid_fen ?? 0,
      },
      wan,
    );
    return { flow: toFlow(repo.findFlow(db, id)!), warnings };
  });
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
 */
/** A project the 资金 page lists: one with any money planned, arrived, allocated, paid or awarded. */
const hasMoney = (p: ProjectFunds) =>
  p.planFen > 0 || p.arrivedFen > 0 || p.allocatedFen > 0 || p.paidFen > 0 || p.award !== null;

/**
 * The T4 summary at asOf; projectId narrows the projects to one; page gives one slice of the projects with
 * money (hasMoney) and their count. Computed once per asOf until the next write (derived-cache.ts).
 */
export function fundsSummary(
  ctx: Ctx,
  opts: {
    asOf?: string | null;
    projectId?: number | undefined;
    page?: { offset: number; limit: number } | undefined;
  } = {},
): FundsSummary {
  const full = cached(ctx.db, `funds|${opts.asOf ?? ''}`, () => computeFundsSummary(ctx, opts.asOf ?? null));
  if (opts.page) {
    const listed = full.projects.filter(
      (p) => hasMoney(p) && (opts.projectId === undefined || p.id === opts.projectId),
    );
    return {
      ...full,
      projects: listed.slice(opts.page.offset, opts.page.offset + opts.page.limit),
      projectsTotal: listed.length,
    };
  }
  return opts.projectId === undefined
    ? full
    : { ...full, projects: full.projects.filter((p) => p.id === opts.projectId) };
}

function computeFundsSummary(ctx: Ctx, asOf: string | null): FundsSummary {
  const all = projectFundFigures(ctx, asOf);
  const projects: ProjectFunds[] = all.map((p) => {
    const s = summarise(p.lines);
    const matching = p.needsMatching ? matchingCheck(p.lines) : null;
    const warnings = s.bySource.flatMap((l) => flowWarnings(l.source, l, wan));
    if (matching && !matching.plan.ok)
      warnings.push(
        `配套不足：计划自筹 ${wan(matching.plan.localFen)} 万元，低于上级补助 ${wan(matching.plan.upperFen)} 万元（应≥1:1）`,
      );
    if (matching && matching.plan.ok && !matching.arrived.ok)
      warnings.push(
        `配套到位不足：自筹到位 ${wan(matching.arrived.localFen)} 万元，低于上级到位 ${wan(matching.arrived.upperFen)} 万元（应≥1:1）`,
      );
    return {
      id: p.id,
      code: p.code,
      name: p.name,
      parentId: p.parentId,
      totalFen: p.totalFen,
      needsMatching: p.needsMatching,
      ...s.total,
      bySource: s.bySource,
      byGroup: s.byGroup,
      matching,
      award: p.award,
      unfundedFen: p.unfundedFen,
      warnings,
    };
  });
  const town = townFunding(ctx, asOf);
  const top = all.filter((p) => isTopLevel(p));
  const sum = (k: 'appliedFen' | 'advancedFen' | 'redeemedFen') => top.reduce((acc, p) => acc + (p.award?.[k] ?? 0), 0);
  return {
    asOf,
    overall: {
      ...town.total,
      bySource: town.bySource,
      byGroup: town.byGroup,
      unfundedFen: top.reduce((a, p) => a + p.unfundedFen, 0),
      matchingFailures: matchingFailures(all),
      award: { appliedFen: sum('appliedFen'), advancedFen: sum('advancedFen'), redeemedFen: sum('redeemedFen') },
    },
    projects,
  };
}
