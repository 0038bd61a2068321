/**
 * A period's figures for every project — 至上年底累计, 1-N月累计, 开工以来累计, 占年度计划%, 序时进度 and the
 * lights with their reasons — computed from the ledger in a handful of set queries. Every table,
 * printout, export and dashboard reads its numbers from here, so they agree to the 分.
 * A parent's money figures are the sums of its sub-projects; its light is the worst of theirs.
 * Consumers call `periodFigures` (period.service.ts), which returns the frozen snapshot of a closed period.
 */
import { todayIso } from '../../../shared/domain/dates.ts';
import { parsePeriod, periodEnd } from '../../../shared/domain/period.ts';
import {
  DEFAULT_LIGHT_RULES,
  investmentLight,
  LEVEL_RANK,
  mustReport,
  nodeLight,
  paymentLight,
  pctOf,
  projectTimeShare,
  reportDueDate,
  reportLight,
  round1,
  startLight,
  statsLight,
  townTimeShare,
  worst,
  type DimensionLight,
  type Level,
  type LightRules,
  type YearPlanLike,
} from '../../../shared/domain/schedule.ts';
import type { PeriodFigures, ProjectFigures } from '../../../shared/schemas/figures.ts';
import type { Ctx } from '../context.ts';
import * as repo from '../repositories/figures.repository.ts';
import { MONTH_COLUMNS } from '../repositories/project-parts.repository.ts';
import { pushTo } from '../../../shared/domain/collections.ts';
import { completionPct, rollUpTotal } from '../../../shared/domain/figure-rules.ts';
import { daysLate } from '../../../shared/domain/milestone.ts';

export function lightRules(ctx: Ctx): LightRules {
  const rules: LightRules = { ...DEFAULT_LIGHT_RULES };
  for (const { key, value } of repo.lightRuleOverrides(ctx.db)) {
    if (key in rules && Number.isFinite(Number(value)))
      (rules as unknown as Record<string, number>)[key] = Number(value);
  }
  return rules;
}

export interface FiguresOptions {
  /** The reference date; defaults to the period's last day. */
  asOf?: string;
  rules?: LightRules;
}

type ProjectRow = ReturnType<typeof repo.activeProjects>[number];
/** What a base keeps of each project: enough to see that a write moved it in the tree or the ledger order. */
export type ProjectKey = Pick<ProjectRow, 'id' | 'parent_id' | 'sort' | 'code'>;

/** What every project's own figures are judged against: the same for all projects of one computation. */
export interface Env {
  /**
   * The revision of the rules that order and compute the figures (FIGURES_REVISION): figures kept under another one
   * list projects in another order or hold a figure computed otherwise, and are computed afresh.
   */
  order: number;
  period: string;
  year: number;
  asOf: string;
  rules: LightRules;
  dueDate: string;
  pastDue: boolean;
  orgNames: Map<number, string>;
  staffNames: Map<number, string>;
}

/**
 * Everything one computation knows: the projects in ledger order, each one's own figures before the parent
 * roll-up, the tree, and the rolled-up figures (parents summed) in ledger order. Never mutated: after a write
 * figures-state.ts makes a new base that shares every project's objects the write did not touch.
 */
export interface FiguresBase {
  env: Env;
  /** in ledger order; the rest of a project's row is read again when a patch needs it */
  projects: ProjectKey[];
  /** position of each project in `projects` and `rolled` */
  indexOf: Map<number, number>;
  childrenOf: Map<number, number[]>;
  /**
   * Rolled-up figures in ledger order, like `projects`: an array, as a patch copies it (a Map copy costs more).
   * Projects' own figures (before the roll-up) are not kept: a patch reads them again for the few projects it
   * rolls up, and keeping 20,000 of them cost the core's memory budget.
   */
  rolled: ProjectFigures[];
}

/**
 * Kept with the figures in the file, bumped whenever a change of this program would order or compute them otherwise
 * (the file's kept figures are otherwise read as they are until the next write): 1, unmarked, ordered 编号 by
 * SQLite's ORDER BY code as text; 2 by their number parts (compareLedgerPlaces); 3 rolls a sub-project listed
 * before its project into that project's 汇总 (rollUpTree had left it out); 4 does not add to a 期初累计 the 月报 of
 * the months it already holds (progressSums covered_fen); 5 counts a 期初累计 kept without its year (to the end of
 * the year before the project's 年度, figures.repository OPENING_YEAR); 6 keeps with the 总览's 滞后最多 how far
 * behind each is in words (laggingGaps: a 总览 kept without them would label a bar with nothing).
 */
export const FIGURES_REVISION = 6;

/**
 * Whether the period's 月报 are past their due day (次月5日): by the reference date when one is asked for, else by
 * today on the ledger's clock. The month's other lights are judged at its last day, but a report missing on the 6th
 * of the next month is late now — judged at the month's end, the 填报 light never showed. The 月报 page's 未报送
 * flags ask the same.
 */
export function reportsPastDue(ctx: Ctx, period: string, rules: LightRules, asOf?: string): boolean {
  return (asOf ?? todayIso(ctx.now())) > reportDueDate(period, rules);
}

/**
 * The key a period's figures are kept under (derived-cache.ts, figures-state.ts): whatever they are judged by —
 * reference date, rules, and whether the reports are past due. So the figures kept the day before the due day are
 * not served the day after it, and the figure store's (the defaults: `opts` {}) are told apart from those of an
 * explicit reference date.
 */
export function figuresKey(ctx: Ctx, period: string, opts: FiguresOptions): string {
  const rules = opts.rules ?? lightRules(ctx);
  const late = reportsPastDue(ctx, period, rules, opts.asOf) ? '过截止日' : '';
  return `figures|${period}|${opts.asOf ?? periodEnd(period)}|${opts.rules ? JSON.stringify(opts.rules) : ''}|${late}`;
}

export function environment(ctx: Ctx, period: string, opts: FiguresOptions): Env {
  const asOf = opts.asOf ?? periodEnd(period);
  const rules = opts.rules ?? lightRules(ctx);
  const dueDate = reportDueDate(period, rules);
  return {
    order: FIGURES_REVISION,
    period,
    year: parsePeriod(period).year,
    asOf,
    rules,
    dueDate,
    pastDue: reportsPastDue(ctx, period, rules, opts.asOf),
    orgNames: repo.orgNames(ctx.db),
    staffNames: repo.staffNames(ctx.db),
  };
}

/** Own figures of the given projects (`ids` undefined: every project), from their rows in the ledger. */
function ownFiguresOf(
  ctx: Ctx,
  env: Env,
  projects: ProjectRow[],
  childrenOf: Map<number, number[]>,
  ids?: readonly number[],
): Map<number, ProjectFigures> {
  const { db } = ctx;
  const { year, period, asOf, rules } = env;
  const respNames = repo.responsibleOrgNames(db, env.orgNames, ids);
  const plans = new Map(repo.yearPlans(db, year, ids).map((p) => [p.project_id, p]));
  const sums = new Map(repo.progressSums(db, year, period, ids).map((s) => [s.project_id, s]));
  const reports = new Map(repo.reportsOfPeriod(db, period, ids).map((r) => [r.project_id, r]));
  const overdue = new Map<number, { node: string; planDate: string; daysLate: number }>();
  for (const m of repo.unfinishedMilestones(db, asOf, ids)) {
    const late = daysLate({ planDate: m.plan_date, actDate: m.act_date }, asOf);
    if (late !== null && !overdue.has(m.project_id))
      overdue.set(m.project_id, { node: m.node, planDate: m.plan_date!, daysLate: late });
  }
  const flows = new Map(repo.fundFlowSums(db, asOf, ids).map((f) => [f.project_id, f]));

  const own = new Map<number, ProjectFigures>();
  for (const p of projects) {
    const plan = plans.get(p.id);
    const planLike: YearPlanLike | null = plan
      ? { planFen: plan.plan_fen, months: MONTH_COLUMNS.map((k) => plan[k]) }
      : null;
    const s = sums.get(p.id);
    // A parent's 期初累计 is its parts' (a county sheet's parent row repeats their sum: counted once, below them).
    // The 期初累计 is to the end of its year: a 月报 of a month up to that December is inside it, not added again.
    const opening = !childrenOf.has(p.id) && p.opening_cum_year !== null && p.opening_cum_year < year;
    const priorFen = opening ? p.opening_cum_fen + (s?.before_fen ?? 0) - (s?.covered_fen ?? 0) : (s?.before_fen ?? 0);
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
      env.pastDue && !childrenOf.has(p.id) ? reportLight(shouldReport && !report, env.dueDate) : null,
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
      leaderName: p.leader_staff_id === null ? null : (env.staffNames.get(p.leader_staff_id) ?? null),
      leadOrgName: p.lead_org_id === null ? null : (env.orgNames.get(p.lead_org_id) ?? null),
      responsibleOrgNames: respNames.get(p.id) ?? [],
      totalFen: p.total_fen,
      partsTotalFen: null,
      partsDiffFen: null,
      priorFen,
      yearPlanFen,
      monthFen: s?.month_fen ?? 0,
      ytdFen,
      cumFen,
      ytdPct: completionPct(ytdFen, yearPlanFen),
      timeSharePct: share.den > 0 && share.num > 0 ? round1(pctOf(share)!) : null,
      report: report
        ? {
            imageText: report.image_text,
            imagePct: report.image_pct,
            issues: report.issues,
            nextSteps: report.next_steps,
            needs: report.needs,
            state: report.state,
          }
        : null,
      lights,
      level: null,
      levelReason: null,
      flags: cumFen > p.total_fen ? ['累计超总投资'] : [],
    });
  }
  return own;
}

/** Reads the whole ledger once: every project's own figures. */
export function computeFiguresBase(ctx: Ctx, period: string, opts: FiguresOptions = {}): FiguresBase {
  const env = environment(ctx, period, opts);
  const projects = repo.activeProjects(ctx.db);
  const childrenOf = new Map<number, number[]>();
  for (const p of projects) if (p.parent_id !== null) pushTo(childrenOf, p.parent_id, p.id);
  const own = ownFiguresOf(ctx, env, projects, childrenOf);
  const rolled = new Map<number, ProjectFigures>();
  // A child not rolled up yet can only be met in a damaged cycle: its own figures stand in, as they always have.
  const rolledOrOwn = { get: (id: number) => rolled.get(id) ?? own.get(id) };
  for (const f of childrenFirst(own, childrenOf)) rolled.set(f.id, rollUp(f, childrenOf, rolledOrOwn));
  return {
    env,
    projects: projects.map(keyOf),
    indexOf: new Map(projects.map((p, i) => [p.id, i])),
    childrenOf,
    rolled: projects.map((p) => rolled.get(p.id)!),
  };
}

const keyOf = (p: ProjectKey): ProjectKey => ({ id: p.id, parent_id: p.parent_id, sort: p.sort, code: p.code });

/**
 * A base made of figures computed earlier (kept in the ledger file, figure-store.service.ts), in ledger order with
 * each project's sort key. The tree is rebuilt the way computeFiguresBase builds it.
 */
export function baseOf(env: Env, rows: { figures: ProjectFigures; sort: number }[]): FiguresBase {
  const projects = rows.map(({ figures: f, sort }) => ({ id: f.id, parent_id: f.parentId, sort, code: f.code }));
  const childrenOf = new Map<number, number[]>();
  for (const p of projects) if (p.parent_id !== null) pushTo(childrenOf, p.parent_id, p.id);
  return {
    env,
    projects,
    indexOf: new Map(projects.map((p, i) => [p.id, i])),
    childrenOf,
    rolled: rows.map((r) => r.figures),
  };
}

/** Whether two environments judge alike (a base computed under one can be patched under the other). */
export function sameEnvironment(a: Env, b: Env): boolean {
  return (
    a.order === b.order &&
    a.period === b.period &&
    a.asOf === b.asOf &&
    a.dueDate === b.dueDate &&
    a.pastDue === b.pastDue &&
    JSON.stringify(a.rules) === JSON.stringify(b.rules) &&
    sameMap(a.orgNames, b.orgNames) &&
    sameMap(a.staffNames, b.staffNames)
  );
}

/** Why a base cannot be patched (the caller then reads the whole ledger again). */
export type PatchRefusal = 'rules' | 'names' | 'tree';

/**
 * The base after writes to the given projects: their rows read again, and they and their ancestors rolled up
 * again from own figures read afresh (an ancestor's own figures are unchanged — no write touched its rows — but
 * are not kept); every other project's figures shared with the old base. A project that
 * appeared, left the ledger (回收站) or moved in the tree or the ledger order changes other projects' figures
 * (a parent's 汇总, its 月报 light) and the order: refused, as are changed rules or unit/staff names.
 */
export function patchFiguresBase(
  ctx: Ctx,
  base: FiguresBase,
  ids: readonly number[],
  opts: FiguresOptions = {},
): FiguresBase | PatchRefusal {
  const env = environment(ctx, base.env.period, opts);
  // Kept before the reports fell due (or for another reference date): every project's 填报 light is judged otherwise.
  if (env.pastDue !== base.env.pastDue || env.asOf !== base.env.asOf) return 'rules';
  if (JSON.stringify(env.rules) !== JSON.stringify(base.env.rules)) return 'rules';
  if (!sameMap(env.orgNames, base.env.orgNames) || !sameMap(env.staffNames, base.env.staffNames)) return 'names';
  return rollUpAgain(ctx, base, base.env, ids);
}

/**
 * At most this many projects are judged again for the due day (rejudgedForDueDay); more, and reading the ledger
 * afresh costs about the same.
 */
const DUE_DAY_LIMIT = 5000;

/**
 * The base judged again now that the month's 月报 have fallen due (or, after the clock was put back, no longer
 * have), everything else judged alike. Only the 填报 light turns on it, and only for a leaf project with no 月报
 * of the month (reportLight): those and their ancestors are read again, every other project's figures are shared.
 * So the first open of a county's ledger after the 5th reads the figures the file kept the day before, not the
 * whole ledger (≈2.7 s of 20,000 projects).
 */
export function rejudgedForDueDay(ctx: Ctx, base: FiguresBase, env: Env): FiguresBase | PatchRefusal {
  if (!sameEnvironment({ ...base.env, pastDue: env.pastDue }, env)) return 'rules';
  if (env.pastDue === base.env.pastDue) return base;
  const unreported: number[] = [];
  for (const f of base.rolled) if (!f.isParent && f.report === null) unreported.push(f.id);
  if (unreported.length > DUE_DAY_LIMIT) return 'rules';
  return rollUpAgain(ctx, base, env, unreported);
}

/**
 * The base with the given projects (and their ancestors) read again and judged under `env`; refused when a project
 * moved in the tree or the ledger order (the caller then reads the whole ledger).
 */
function rollUpAgain(ctx: Ctx, base: FiguresBase, env: Env, ids: readonly number[]): FiguresBase | PatchRefusal {
  if (ids.length === 0) return env === base.env ? base : { ...base, env };
  const fresh = new Map(repo.activeProjects(ctx.db, ids).map((p) => [p.id, p]));
  for (const id of ids) {
    const now = fresh.get(id);
    const at = base.indexOf.get(id);
    const before = at === undefined ? undefined : base.projects[at];
    if (!now && !before) continue; // a project in the 回收站 all along
    if (!now || !before || now.parent_id !== before.parent_id || now.sort !== before.sort || now.code !== before.code)
      return 'tree';
  }
  // The written projects and their ancestors are rolled up again, deepest first (a child before its parent).
  const depthOf = new Map<number, number>();
  for (const id of fresh.keys()) {
    const chain: number[] = [];
    for (let at: number | undefined = id; at !== undefined && !chain.includes(at); at = parentIn(base, at))
      chain.push(at);
    if (parentIn(base, chain[chain.length - 1]!) !== undefined) return 'tree'; // a damaged cycle: leave it to the full pass
    chain.forEach((a, i) => depthOf.set(a, Math.max(depthOf.get(a) ?? 0, chain.length - 1 - i)));
  }
  const projects = base.projects.slice();
  for (const p of fresh.values()) projects[base.indexOf.get(p.id)!] = keyOf(p);
  const again = [...depthOf.keys()];
  const own = ownFiguresOf(ctx, env, repo.activeProjects(ctx.db, again), base.childrenOf, again);
  const rolledNow = base.rolled.slice();
  const rolledMap = { get: (id: number) => rolledNow[base.indexOf.get(id)!] };
  for (const id of again.sort((a, b) => depthOf.get(b)! - depthOf.get(a)!))
    rolledNow[base.indexOf.get(id)!] = rollUp(own.get(id)!, base.childrenOf, rolledMap);
  return { env, projects, indexOf: base.indexOf, childrenOf: base.childrenOf, rolled: rolledNow };
}

/** A project's parent among the projects of the base (undefined at the top, or when the parent is in the 回收站). */
function parentIn(base: FiguresBase, id: number): number | undefined {
  const parent = base.projects[base.indexOf.get(id)!]!.parent_id;
  return parent !== null && base.indexOf.has(parent) ? parent : undefined;
}

function sameMap<K, V>(a: Map<K, V>, b: Map<K, V>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}

/**
 * A project's figures with its sub-projects rolled up (they are in `rolled` already): a parent's money is the sum
 * of its children's (plus its own, see below), its light the worst child's or its own non-investment light. A copy: `own` stays as read.
 */
function rollUp(
  own: ProjectFigures,
  childrenOf: Map<number, number[]>,
  rolled: { get(id: number): ProjectFigures | undefined },
): ProjectFigures {
  const f = copyOf(own);
  const kids = (childrenOf.get(f.id) ?? []).map((id) => rolled.get(id)!).filter(Boolean);
  if (kids.length > 0) {
    // The parent's own 月报 — from before it was split into sub-projects (it cannot report once it has them) — stay
    // in its sums: adding a sub-project must not take invested money out of every figure.
    const sum = (k: 'priorFen' | 'monthFen' | 'ytdFen' | 'cumFen') => kids.reduce((a, c) => a + c[k], own[k]);
    f.priorFen = sum('priorFen');
    f.monthFen = sum('monthFen');
    f.ytdFen = sum('ytdFen');
    f.cumFen = sum('cumFen');
    if (f.yearPlanFen === 0) f.yearPlanFen = kids.reduce((a, c) => a + c.yearPlanFen, 0);
    f.ytdPct = completionPct(f.ytdFen, f.yearPlanFen);
    const total = rollUpTotal(
      f.totalFen,
      kids.map((k) => k.totalFen),
    );
    f.totalFen = total.totalFen;
    f.partsTotalFen = total.partsFen;
    f.partsDiffFen = total.diffFen;
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
  return f;
}

let copier: ((f: ProjectFigures) => ProjectFigures) | null = null;

/**
 * A copy made by one object literal with every field: a spread or Object.assign copy of a 34-field record is left
 * by V8 in dictionary mode, and every later read of 20,000 such (frozen, shared) records was several times
 * slower (the 总览's passes over them: ~100 ms instead of ~15). All records come from the one literal in
 * ownFiguresOf, so the first one's fields are everyone's.
 */
function copyOf(f: ProjectFigures): ProjectFigures {
  copier ??= new Function(
    'f',
    `return { ${Object.keys(f)
      .map((k) => `${JSON.stringify(k)}: f[${JSON.stringify(k)}]`)
      .join(', ')} };`,
  ) as (f: ProjectFigures) => ProjectFigures;
  return copier(f);
}

/** The period's figures of a base. Projects the writes since did not touch keep their (frozen) objects. */
export function figuresFromBase(ctx: Ctx, base: FiguresBase): PeriodFigures {
  return { ...figuresHead(ctx, base.env), projects: base.rolled.slice() };
}

/** What a period's figures say besides the projects' own: the month, its reference date, whether it is closed, 序时进度. */
export function figuresHead(ctx: Ctx, env: Env): Omit<PeriodFigures, 'projects'> {
  const { period, asOf } = env;
  return {
    period,
    asOf,
    closed: repo.isPeriodClosed(ctx.db, period),
    townTimeSharePct: round1(pctOf(townTimeShare(period))!),
  };
}

/** Which projects a slice of a period's figures holds (channel figures:period): some by id, those of one light, a page. */
export interface FiguresPick {
  projectIds?: readonly number[];
  level?: Level;
  page?: { offset: number; limit: number };
}

/**
 * The projects of a slice, in ledger order, and with a page asked for how many the filter gives in all. One rule
 * for the figures in memory and for the rows kept in the file (figure-store.service.ts storedFiguresSlice).
 */
export function pickProjects<T extends { id: number; level: Level | null }>(
  all: readonly T[],
  pick: FiguresPick,
): { projects: T[]; total: number | undefined } {
  const wanted = pick.projectIds && new Set(pick.projectIds);
  const listed = all.filter((p) => (!wanted || wanted.has(p.id)) && (!pick.level || p.level === pick.level));
  return pick.page
    ? { projects: listed.slice(pick.page.offset, pick.page.offset + pick.page.limit), total: listed.length }
    : { projects: listed, total: undefined };
}

/** A period's figures read from the whole ledger (periodFigures serves them cached and patched after writes). */
export function computePeriodFigures(ctx: Ctx, period: string, opts: FiguresOptions = {}): PeriodFigures {
  return figuresFromBase(ctx, computeFiguresBase(ctx, period, opts));
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
