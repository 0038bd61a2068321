/**
 * Fund flows and the funding summary. Each write is one transaction with its change-log rows; a flow
 * that takes a source past its plan is saved and answered with a warning (§1.3: "warn otherwise").
 */
import {
  awardTracking, flowWarnings, matchingCheck, summarise, ZERO_AMOUNTS, type AwardFlow, type SourceAmount,
} from '../../../shared/domain/funds.ts';
import { formatWan } from '../../../shared/domain/money.ts';
import type { FundFlow, FundFlowData, FundsSummary, ProjectFunds } from '../../../shared/schemas/funds.ts';
import { appendChanges } from '../audit/change-log.ts';
import { nowIso, type Ctx } from '../context.ts';
import { notFound, validationError } from '../errors.ts';
import * as repo from '../repositories/funds.repository.ts';
import { keptTotals } from './figures-state.ts';
import { pushTo } from '../../../shared/domain/collections.ts';

type FlowRow = NonNullable<ReturnType<typeof repo.findFlow>>;

function toFlow(r: FlowRow): FundFlow {
  return {
    id: r.id, projectId: r.project_id, projectName: r.project_name, date: r.date, type: r.type, source: r.source,
    amountFen: r.amount_fen, batch: r.batch, voucherNo: r.voucher_no, note: r.note,
  };
}

const wan = (fen: number) => formatWan(fen);

function describe(f: { date: string; type: string; source: string; amountFen: number; batch: string | null; voucherNo: string | null }): string {
  return `${f.date} ${f.type} ${f.source} ${wan(f.amountFen)}万元${f.batch ? `（${f.batch}）` : ''}${f.voucherNo ? ` 凭证${f.voucherNo}` : ''}`;
}

export function listFundFlows(ctx: Ctx, projectId?: number): FundFlow[] {
  return repo.listFlows(ctx.db, projectId).map(toFlow);
}

export function saveFundFlow(ctx: Ctx, d: FundFlowData): { flow: FundFlow; warnings: string[] } {
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
      const after = describe({ ...d, amountFen: d.amountWan });
      const old = describe(toFlow(before));
      if (old !== after || before.note !== d.note)
        appendChanges(db, ctx.session.operator, at, [{ action: '修改', entity: 'fund_flow', entityId: id, projectId: d.projectId, oldValue: old, newValue: after }]);
    } else {
      id = repo.insertFlow(db, d);
      appendChanges(db, ctx.session.operator, at, [
        { action: '新增', entity: 'fund_flow', entityId: id, projectId: d.projectId, newValue: describe({ ...d, amountFen: d.amountWan }) },
      ]);
    }
    const plan = repo.planBySource(db).find((p) => p.project_id === d.projectId && p.source === d.source)?.fen ?? 0;
    const sums = repo.flowsBySource(db, null, d.projectId).find((s) => s.source === d.source);
    const warnings = flowWarnings(
      d.source,
      { planFen: plan, arrivedFen: sums?.arrived_fen ?? 0, allocatedFen: sums?.allocated_fen ?? 0, paidFen: sums?.paid_fen ?? 0 },
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
      { action: '删除', entity: 'fund_flow', entityId: id, projectId: before.project_id, oldValue: describe(toFlow(before)) },
    ]);
    return { deleted: 1 };
  });
}

export function saveAward(ctx: Ctx, d: { projectId: number; appliedWan: number; appliedOn: string | null; note: string | null }): { appliedFen: number } {
  return ctx.db.tx(() => {
    const project = repo.activeProject(ctx.db, d.projectId);
    if (!project) throw validationError([{ path: 'projectId', message: '所选项目不存在或已删除' }]);
    const before = repo.findAward(ctx.db, d.projectId);
    const id = repo.upsertAward(ctx.db, d.projectId, d.appliedWan, d.appliedOn, d.note);
    appendChanges(ctx.db, ctx.session.operator, nowIso(ctx), [
      {
        action: before ? '修改' : '新增', entity: 'award_subsidy', entityId: id, projectId: d.projectId, field: 'appliedFen',
        oldValue: before ? `${wan(before.applied_fen)}万元` : null, newValue: `${wan(d.appliedWan)}万元`,
      },
    ]);
    return { appliedFen: d.appliedWan };
  });
}

/**
 * The overall plan vs 到位 vs 拨付 vs 支付 by source and T4 group — `fundsSummary(...).overall` without the
 * per-project detail (the 总览 needs only this; summing per source first gives the same 分).
 */
export function overallFunding(ctx: Ctx, asOf: string | null): ReturnType<typeof summarise> {
  const bySource = new Map<string, SourceAmount>();
  const line = (source: string) => {
    const l = bySource.get(source) ?? { source, ...ZERO_AMOUNTS };
    bySource.set(source, l);
    return l;
  };
  // Kept across writes (figures-state.ts): after a fund flow only that project's sums are read again.
  const { db } = ctx;
  for (const [source, t] of keptTotals(db, 'plan', '', (ids?: readonly number[]) => repo.activePlanBySource(db, ids), (r) => r.source, ['fen'])) line(source).planFen += t.fen;
  const flows = keptTotals(db, 'flows', String(asOf), (ids?: readonly number[]) => repo.activeFlowsBySource(db, asOf, ids), (r) => r.source, ['arrived_fen', 'allocated_fen', 'paid_fen']);
  for (const [source, t] of flows) {
    const l = line(source);
    l.arrivedFen += t.arrived_fen;
    l.allocatedFen += t.allocated_fen;
    l.paidFen += t.paid_fen;
  }
  return summarise([...bySource.values()]);
}

/** Per project and overall: plan vs 到位 vs 拨付 vs 支付 by source and T4 group, 配套 check and 以奖代补. */
export function fundsSummary(ctx: Ctx, opts: { asOf?: string | null; projectId?: number } = {}): FundsSummary {
  const { db } = ctx;
  const asOf = opts.asOf ?? null;
  const lines = new Map<number, Map<string, SourceAmount>>();
  const line = (pid: number, source: string) => {
    const m = lines.get(pid) ?? new Map<string, SourceAmount>();
    lines.set(pid, m);
    const l = m.get(source) ?? { source, ...ZERO_AMOUNTS };
    m.set(source, l);
    return l;
  };
  for (const p of repo.planBySource(db)) line(p.project_id, p.source).planFen += p.fen;
  for (const f of repo.flowsBySource(db, asOf)) {
    const l = line(f.project_id, f.source);
    l.arrivedFen += f.arrived_fen;
    l.allocatedFen += f.allocated_fen;
    l.paidFen += f.paid_fen;
  }
  const applied = new Map(repo.awardApplications(db).map((a) => [a.project_id, a.fen]));
  const awardFlows = new Map<number, AwardFlow[]>();
  for (const f of repo.awardFlows(db, asOf))
    pushTo(awardFlows, f.project_id, { type: f.type, batch: f.batch, amountFen: f.fen });

  const projects: ProjectFunds[] = repo
    .fundProjects(db)
    .filter((p) => opts.projectId === undefined || p.id === opts.projectId)
    .map((p) => {
      const own = [...(lines.get(p.id)?.values() ?? [])];
      const s = summarise(own);
      const matching = p.needs_matching === 1 ? matchingCheck(own) : null;
      const award = applied.has(p.id) ? awardTracking(applied.get(p.id)!, awardFlows.get(p.id) ?? []) : null;
      const warnings = s.bySource.flatMap((l) => flowWarnings(l.source, l, wan));
      if (matching && !matching.plan.ok) warnings.push(`配套不足：计划自筹 ${wan(matching.plan.localFen)} 万元，低于上级补助 ${wan(matching.plan.upperFen)} 万元（应≥1:1）`);
      if (matching && matching.plan.ok && !matching.arrived.ok)
        warnings.push(`配套到位不足：自筹到位 ${wan(matching.arrived.localFen)} 万元，低于上级到位 ${wan(matching.arrived.upperFen)} 万元（应≥1:1）`);
      return {
        id: p.id, code: p.code, name: p.name, parentId: p.parent_id, totalFen: p.total_fen, needsMatching: p.needs_matching === 1,
        ...s.total, bySource: s.bySource, byGroup: s.byGroup, matching, award, warnings,
      };
    });
  const all = summarise(projects.flatMap((p) => [...(lines.get(p.id)?.values() ?? [])]));
  const awards = projects.map((p) => p.award).filter((a) => a !== null);
  const sum = (k: 'appliedFen' | 'advancedFen' | 'redeemedFen') => awards.reduce((acc, a) => acc + a[k], 0);
  return {
    asOf,
    overall: {
      ...all.total,
      bySource: all.bySource,
      byGroup: all.byGroup,
      matchingFailures: projects.filter((p) => p.matching && !p.matching.ok).length,
      award: { appliedFen: sum('appliedFen'), advancedFen: sum('advancedFen'), redeemedFen: sum('redeemedFen') },
    },
    projects,
  };
}
