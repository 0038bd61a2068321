/**
 * The money figures of every project and of the town, by source (资金构成/计划, 到位, 拨付, 支付) and 以奖代补, up to
 * a reference date — the one computation behind the 资金 page, the 总览's funding bars, T2–T4 and `figures`.
 *
 * A project's figures are its whole project's: a parent's 计划 is its own 资金构成 where it has one (its parts'
 * rows are contained in it, never added on top), else the sum of its parts' (figure-rules.ts rollUpPlan); its
 * flows and 以奖代补 are its own plus its parts' (each flow is money moved once, booked on one project). The town's
 * figures are the sum over top-level projects.
 */
import { pushTo } from '../../../shared/domain/collections.ts';
import { rolledTotals, rollUpPlan, rollUpTree, unfundedFen } from '../../../shared/domain/figure-rules.ts';
import {
  awardTracking,
  matchingCheck,
  summarise,
  ZERO_AMOUNTS,
  type AwardFlow,
  type AwardTracking,
  type SourceAmount,
} from '../../../shared/domain/funds.ts';
import type { Ctx } from '../context.ts';
import * as repo from '../repositories/funds.repository.ts';
import { keptTotals } from './figures-state.ts';

export interface ProjectFundFigures {
  id: number;
  code: string | null;
  name: string;
  parentId: number | null;
  /** with the code, its place in the ledger order */
  sort: number;
  totalFen: number;
  needsMatching: boolean;
  /** The rolled-up lines by source (计划, 到位, 拨付, 支付). */
  lines: SourceAmount[];
  /** 以奖代补 of the project and its parts; null where none of them applied. */
  award: AwardTracking | null;
  /** 总投资 − Σ 计划: the part no 资金构成 row covers. */
  unfundedFen: number;
}

/**
 * The sources of each project's 计划 written as approximate (460余), by the rule of its figures (rollUpPlan): its own
 * rows' where it has a 资金构成, else its parts'. Kept beside the figures, not in them: the mark is for showing
 * (460.00余), every sum adds the number written.
 */
export function approxPlanSources(ctx: Ctx): Map<number, Set<string>> {
  const { db } = ctx;
  const own = new Map<number, string[]>();
  for (const r of repo.approxPlanRows(db)) pushTo(own, r.project_id, r.source);
  const out = new Map<number, Set<string>>();
  if (own.size === 0) return out;
  const planned = repo.plannedProjectIds(db);
  const projects = repo.fundProjects(db);
  const kids = new Map<number, number[]>();
  for (const p of projects) if (p.parent_id !== null) pushTo(kids, p.parent_id, p.id);
  const of = (id: number, depth = 0): Set<string> => {
    const known = out.get(id);
    if (known) return known;
    const set = planned.has(id)
      ? new Set(own.get(id) ?? [])
      : new Set(depth > 20 ? [] : (kids.get(id) ?? []).flatMap((k) => [...of(k, depth + 1)]));
    out.set(id, set);
    return set;
  };
  for (const p of projects) of(p.id);
  for (const [id, s] of out) if (s.size === 0) out.delete(id);
  return out;
}

interface Rolled {
  plan: Map<string, number>;
  flows: Map<string, { arrivedFen: number; allocatedFen: number; paidFen: number }>;
  applied: number | null;
  awardFlows: AwardFlow[];
}

/**
 * Every project's fund figures (not in the 回收站), in ledger order, with its sub-projects rolled up. `ids`: only
 * those projects, which must hold every project below each of them and above each of them (whole trees from their
 * top-level projects: funds-kept.ts), so each one's roll-up and 以奖代补 are read whole.
 */
export function projectFundFigures(ctx: Ctx, asOf: string | null, ids?: readonly number[]): ProjectFundFigures[] {
  const { db } = ctx;
  const projects = repo.fundProjects(db, ids);
  const plans = new Map<number, Map<string, number>>();
  for (const r of repo.planBySource(db, ids)) {
    const m = plans.get(r.project_id) ?? new Map<string, number>();
    plans.set(r.project_id, m.set(r.source, (m.get(r.source) ?? 0) + r.fen));
  }
  const flows = new Map<number, ReturnType<typeof repo.flowsBySource>>();
  for (const f of repo.flowsBySource(db, asOf, undefined, ids)) pushTo(flows, f.project_id, f);
  const applied = new Map(repo.awardApplications(db, ids).map((a) => [a.project_id, a.fen]));
  // 以奖代补 is money of a project that applied for it: a 预拨/兑现 flow counts where its project or one above it applied.
  const parentOf = new Map(projects.map((p) => [p.id, p.parent_id]));
  const inAward = (id: number) => {
    for (
      let at: number | null | undefined = id, hops = 0;
      at !== null && at !== undefined && hops < 100;
      at = parentOf.get(at), hops++
    )
      if (applied.has(at)) return true;
    return false;
  };
  const awardFlows = new Map<number, AwardFlow[]>();
  // Without a project that applied, no flow counts: a county's 60,000 flows of those batches are not read for nothing.
  if (applied.size > 0)
    for (const f of repo.awardFlows(db, asOf, ids))
      if (inAward(f.project_id)) pushTo(awardFlows, f.project_id, { type: f.type, batch: f.batch, amountFen: f.fen });

  const tree = projects.map((p) => ({ id: p.id, parentId: p.parent_id, ownTotalFen: p.total_fen }));
  const totals = rolledTotals(tree);
  const rolled = rollUpTree<Rolled>(
    tree,
    (id) => ({
      plan: plans.get(id) ?? new Map(),
      flows: new Map(
        (flows.get(id) ?? []).map((f) => [
          f.source,
          { arrivedFen: f.arrived_fen, allocatedFen: f.allocated_fen, paidFen: f.paid_fen },
        ]),
      ),
      applied: applied.get(id) ?? null,
      awardFlows: awardFlows.get(id) ?? [],
    }),
    (own, parts) => {
      const flowSum = new Map(own.flows);
      for (const part of parts) {
        for (const [source, a] of part.flows) {
          const b = flowSum.get(source) ?? { arrivedFen: 0, allocatedFen: 0, paidFen: 0 };
          flowSum.set(source, {
            arrivedFen: a.arrivedFen + b.arrivedFen,
            allocatedFen: a.allocatedFen + b.allocatedFen,
            paidFen: a.paidFen + b.paidFen,
          });
        }
      }
      const appliedParts = parts.filter((p) => p.applied !== null);
      return {
        plan: rollUpPlan(
          own.plan,
          parts.map((p) => p.plan),
        ),
        flows: flowSum,
        applied:
          own.applied === null && appliedParts.length === 0
            ? null
            : (own.applied ?? 0) + appliedParts.reduce((a, p) => a + p.applied!, 0),
        awardFlows: [...own.awardFlows, ...parts.flatMap((p) => p.awardFlows)],
      };
    },
  );
  return projects.map((p) => {
    const r = rolled.get(p.id)!;
    const sources = new Set([...r.plan.keys(), ...r.flows.keys()]);
    const lines = [...sources].map((source) => ({
      source,
      ...ZERO_AMOUNTS,
      planFen: r.plan.get(source) ?? 0,
      ...r.flows.get(source),
    }));
    const totalFen = totals.get(p.id)!;
    const planFen = lines.reduce((a, l) => a + l.planFen, 0);
    return {
      id: p.id,
      code: p.code,
      name: p.name,
      parentId: p.parent_id,
      sort: p.sort,
      totalFen,
      needsMatching: p.needs_matching === 1,
      lines,
      award: r.applied === null ? null : awardTracking(r.applied, r.awardFlows),
      unfundedFen: unfundedFen(totalFen, planFen),
    };
  });
}

/**
 * The town's 计划 vs 到位 vs 拨付 vs 支付 by source and T4 group: the counted 资金构成 rows (those no project
 * above has rows of its own) and every flow up to `asOf`. Kept across writes (figures-state.ts): after a
 * write only the written projects and the projects below them are read again — the 总览 reads this after
 * every write. Equal, to the 分, to the sum of the top-level projects' projectFundFigures.
 */
export function townFunding(ctx: Ctx, asOf: string | null): ReturnType<typeof summarise> {
  const bySource = new Map<string, SourceAmount>();
  const line = (source: string) => {
    const l = bySource.get(source) ?? { source, ...ZERO_AMOUNTS };
    bySource.set(source, l);
    return l;
  };
  const { db } = ctx;
  const plan = keptTotals(
    db,
    'plan',
    '',
    (ids?: readonly number[]) => repo.countedPlanBySource(db, ids),
    (r) => r.source,
    ['fen'],
    (w) => repo.withDescendants(db, w),
  );
  for (const [source, t] of plan) line(source).planFen += t.fen;
  const flows = keptTotals(
    db,
    'flows',
    String(asOf),
    (ids?: readonly number[]) => repo.activeFlowsBySource(db, asOf, ids),
    (r) => r.source,
    ['arrived_fen', 'allocated_fen', 'paid_fen'],
  );
  for (const [source, t] of flows) {
    const l = line(source);
    l.arrivedFen += t.arrived_fen;
    l.allocatedFen += t.allocated_fen;
    l.paidFen += t.paid_fen;
  }
  return summarise([...bySource.values()]);
}

/** 配套不足的项目数: projects marked as needing ≥1:1 配套 whose (rolled-up) plan or money arrived falls short. */
export function matchingFailures(all: readonly ProjectFundFigures[]): number {
  return all.filter((p) => p.needsMatching && !matchingCheck(p.lines).ok).length;
}
