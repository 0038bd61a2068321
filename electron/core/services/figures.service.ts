/**
 * A period's figures for every project — 至上年底累计, 1-N月累计, 开工以来累计, 占年度计划%, 序时进度 and the
 * lights with their reasons — computed from the ledger in a handful of set queries. Every table,
 * printout, export and dashboard reads its numbers from here, so they agree to the 分.
 * A parent's money figures are the sums of its sub-projects; its light is the worst of theirs.
 * Consumers call `periodFigures` (period.service.ts), which returns the frozen snapshot of a closed period.
 */
import { parsePeriod, periodEnd } from '../../../shared/domain/period.ts';
import {
  DEFAULT_LIGHT_RULES, investmentLight, LEVEL_RANK, mustReport, nodeLight, paymentLight, pctOf, projectTimeShare, reportDueDate, reportLight, round1,
  startLight, statsLight, townTimeShare, worst, type DimensionLight, type LightRules, type YearPlanLike,
} from '../../../shared/domain/schedule.ts';
import type { PeriodFigures, ProjectFigures } from '../../../shared/schemas/figures.ts';
import type { Ctx } from '../context.ts';
import * as repo from '../repositories/figures.repository.ts';
import { pushTo } from '../../../shared/domain/collections.ts';

const MONTH_KEYS = ['m01_fen', 'm02_fen', 'm03_fen', 'm04_fen', 'm05_fen', 'm06_fen', 'm07_fen', 'm08_fen', 'm09_fen', 'm10_fen', 'm11_fen', 'm12_fen'] as const;

export function lightRules(ctx: Ctx): LightRules {
  const rules: LightRules = { ...DEFAULT_LIGHT_RULES };
  for (const { key, value } of repo.lightRuleOverrides(ctx.db)) {
    if (key in rules && Number.isFinite(Number(value))) (rules as unknown as Record<string, number>)[key] = Number(value);
  }
  return rules;
}

export interface FiguresOptions {
  /** The reference date; defaults to the period's last day. */
  asOf?: string;
  rules?: LightRules;
}

export function computePeriodFigures(ctx: Ctx, period: string, opts: FiguresOptions = {}): PeriodFigures {
  const { db } = ctx;
  const { year } = parsePeriod(period);
  const asOf = opts.asOf ?? periodEnd(period);
  const rules = opts.rules ?? lightRules(ctx);
  const projects = repo.activeProjects(db);
  const orgNames = repo.orgNames(db);
  const staffNames = repo.staffNames(db);
  const respNames = repo.responsibleOrgNames(db, orgNames);
  const plans = new Map(repo.yearPlans(db, year).map((p) => [p.project_id, p]));
  const sums = new Map(repo.progressSums(db, year, period).map((s) => [s.project_id, s]));
  const reports = new Map(repo.reportsOfPeriod(db, period).map((r) => [r.project_id, r]));
  const overdue = new Map<number, { node: string; planDate: string; daysLate: number }>();
  for (const m of repo.mostOverdueMilestones(db, asOf)) {
    if (!overdue.has(m.project_id)) overdue.set(m.project_id, { node: m.node, planDate: m.plan_date!, daysLate: m.days_late });
  }
  const flows = new Map(repo.fundFlowSums(db, asOf).map((f) => [f.project_id, f]));
  const dueDate = reportDueDate(period, rules);
  const pastDue = asOf > dueDate;
  const childrenOf = new Map<number, number[]>();
  for (const p of projects) if (p.parent_id !== null) pushTo(childrenOf, p.parent_id, p.id);

  const own = new Map<number, ProjectFigures>();
  for (const p of projects) {
    const plan = plans.get(p.id);
    const planLike: YearPlanLike | null = plan ? { planFen: plan.plan_fen, months: MONTH_KEYS.map((k) => plan[k]) } : null;
    const s = sums.get(p.id);
    const openingBeforeYear = p.opening_cum_year !== null && p.opening_cum_year < year ? p.opening_cum_fen : 0;
    const priorFen = openingBeforeYear + (s?.before_fen ?? 0);
    const ytdFen = s?.ytd_fen ?? 0;
    const window = { planStart: p.plan_start, planEnd: p.plan_end };
    const { share } = projectTimeShare(period, planLike, window);
    const yearPlanFen = plan?.plan_fen ?? 0;
    const report = reports.get(p.id);
    const shouldReport = mustReport({ planStart: p.plan_start, actEnd: p.act_end, status: p.status }, period);
    const flow = flows.get(p.id);
    const lights = [
      investmentLight(ytdFen, yearPlanFen, share, rules),
      startLight(period, p.plan_start, p.act_start, rules),
      nodeLight(overdue.get(p.id) ?? null, rules),
      flow ? paymentLight(flow.arrived_fen, flow.paid_fen, rules) : null,
      statsLight(period, p.total_fen, p.act_start, p.in_stats === 1, rules),
      pastDue && !childrenOf.has(p.id) ? reportLight(shouldReport && !report, dueDate) : null,
    ].filter((l): l is DimensionLight => l !== null);
    const cumFen = priorFen + ytdFen;
    own.set(p.id, {
      id: p.id,
      code: p.code,
      name: p.name,
      parentId: p.parent_id,
      isParent: childrenOf.has(p.id),
      category: p.category,
      subcategory: p.subcategory,
      stageGroup: p.stage_group,
      nature: p.nature,
      scope: p.scope,
      location: p.location,
      status: p.status,
      yearFrom: p.year_from,
      yearTo: p.year_to,
      planStart: p.plan_start,
      planEnd: p.plan_end,
      actStart: p.act_start,
      actEnd: p.act_end,
      leaderName: p.leader_staff_id === null ? null : (staffNames.get(p.leader_staff_id) ?? null),
      leadOrgName: p.lead_org_id === null ? null : (orgNames.get(p.lead_org_id) ?? null),
      responsibleOrgNames: respNames.get(p.id) ?? [],
      totalFen: p.total_fen,
      priorFen,
      yearPlanFen,
      monthFen: s?.month_fen ?? 0,
      ytdFen,
      cumFen,
      ytdPct: yearPlanFen > 0 ? round1((ytdFen / yearPlanFen) * 100) : null,
      timeSharePct: share.den > 0 && share.num > 0 ? round1(pctOf(share)!) : null,
      report: report
        ? { imageText: report.image_text, imagePct: report.image_pct, issues: report.issues, nextSteps: report.next_steps, needs: report.needs, state: report.state }
        : null,
      lights,
      level: null,
      levelReason: null,
      flags: cumFen > p.total_fen ? ['累计超总投资'] : [],
    });
  }

  // Parents: money summed over children (every child before its parent), light = worst child or own non-investment light.
  for (const f of childrenFirst(own, childrenOf)) {
    const kids = (childrenOf.get(f.id) ?? []).map((id) => own.get(id)!).filter(Boolean);
    if (kids.length > 0) {
      const sum = (k: 'priorFen' | 'monthFen' | 'ytdFen' | 'cumFen') => kids.reduce((a, c) => a + c[k], 0);
      f.priorFen = sum('priorFen');
      f.monthFen = sum('monthFen');
      f.ytdFen = sum('ytdFen');
      f.cumFen = sum('cumFen');
      if (f.yearPlanFen === 0) f.yearPlanFen = kids.reduce((a, c) => a + c.yearPlanFen, 0);
      f.ytdPct = f.yearPlanFen > 0 ? round1((f.ytdFen / f.yearPlanFen) * 100) : null;
      f.flags = f.cumFen > f.totalFen ? ['累计超总投资'] : [];
      const ownOther = f.lights.filter((l) => l.dimension !== '投资进度');
      const worstKid = kids.filter((k) => k.level).sort((a, b) => LEVEL_RANK[b.level!] - LEVEL_RANK[a.level!])[0];
      const worstOwn = pickWorst(ownOther);
      f.level = worst([worstKid?.level, worstOwn?.level]);
      if (worstKid && f.level === worstKid.level) f.levelReason = `子项目“${worstKid.name}”：${worstKid.levelReason}`;
      else f.levelReason = worstOwn?.reason ?? null;
      f.lights = ownOther;
    } else {
      const w = pickWorst(f.lights);
      f.level = w?.level ?? null;
      f.levelReason = w?.reason ?? null;
    }
  }
  return {
    period,
    asOf,
    closed: repo.isPeriodClosed(db, period),
    townTimeSharePct: round1(pctOf(townTimeShare(period))!),
    projects: projects.map((p) => own.get(p.id)!),
  };
}

function pickWorst(lights: DimensionLight[]): DimensionLight | undefined {
  return [...lights].sort((a, b) => LEVEL_RANK[b.level] - LEVEL_RANK[a.level])[0];
}

/** Post-order over the project tree: each project after all of its descendants (a damaged cycle is visited once). */
function childrenFirst(all: Map<number, ProjectFigures>, childrenOf: Map<number, number[]>): ProjectFigures[] {
  const out: ProjectFigures[] = [];
  const seen = new Set<number>();
  const visit = (id: number) => {
    if (seen.has(id)) return;
    seen.add(id);
    for (const kid of childrenOf.get(id) ?? []) if (all.has(kid)) visit(kid);
    out.push(all.get(id)!);
  };
  for (const f of all.values()) if (f.parentId === null || !all.has(f.parentId)) visit(f.id);
  // Projects only reachable through a cycle have no root above them.
  for (const id of all.keys()) visit(id);
  return out;
}
