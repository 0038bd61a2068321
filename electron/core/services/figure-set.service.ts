/**
 * The town's figures for a period, one definition each (shared/domain/figure-rules.ts; the table a clerk reads is
 * docs/figures.md): the 总览, the 简报 and progress table, T1–T5, the 资金 page and the CLI (`figures`, `stats`,
 * `report --json`) take their numbers from here, so they agree to the 分 and to the count.
 */
import {
  completionPct,
  gapPts,
  isLagging,
  isTopLevel,
  laggingOrderBy,
  laggingScore,
  MOST_LAGGING_COUNT,
  countLight,
  reportTally,
  startEndCounter,
  type LightCounts,
  type ReportTally,
  unfundedFen,
} from '../../../shared/domain/figure-rules.ts';
import { matchingCheck, T4_GROUPS } from '../../../shared/domain/funds.ts';
import { CATEGORIES, FUND_SOURCES, PROJECT_STATUSES } from '../../../shared/domain/vocab.ts';
import type { FigureSet, PeriodFigures, ProjectFigures } from '../../../shared/schemas/figures.ts';
import { pushTo } from '../../../shared/domain/collections.ts';
import type { Ctx } from '../context.ts';
import { matchingFailures, projectFundFigures, townFunding } from './fund-figures.ts';
import { periodFigures } from './period.service.ts';

export const UNCATEGORISED = '未分类';

export interface Overview {
  /** 项目数: top-level projects. */
  projects: number;
  /** 子项目数: projects under another (any depth). */
  subProjects: number;
  /** Σ top-level projects' 总投资 (a parent's own figure, or its parts' where it has none). */
  totalFen: number;
  priorFen: number;
  yearPlanFen: number;
  monthFen: number;
  ytdFen: number;
  cumFen: number;
  /** 投资完成率 = 1-N月完成 ÷ 年度计划. */
  ytdPct: number | null;
  /** 序时进度 (时序率) of the town: N/12. */
  timeSharePct: number;
  /** 完成率 − 序时进度, points; negative = behind (figure-rules.ts gapPts). */
  gapPts: number | null;
  dueToStart: number;
  started: number;
  startRatePct: number | null;
  dueToFinish: number;
  finished: number;
  finishRatePct: number | null;
  /** 已竣工项目: finished by the reference date, due or not (figure-rules.ts completedBy; the 简报's count). */
  completed: number;
  lights: LightCounts;
  /** The month's reports: owed, submitted, not submitted by standing (figure-rules.ts reportTally). */
  reports: ReportTally;
}

/** The headline figures of a period: counts, money of the top-level projects, rates and light counts. */
export function townOverview(f: PeriodFigures): Overview {
  // One pass for every figure: a county's 20,000 projects read once (each pass over them was a few ms).
  const top: ProjectFigures[] = [];
  const startEnd = startEndCounter(f.asOf);
  const lights: LightCounts = { red: 0, yellow: 0, green: 0, none: 0 };
  for (const p of f.projects) {
    if (isTopLevel(p)) top.push(p);
    startEnd.add(p);
    countLight(lights, p);
  }
  const money = totalsOf(top);
  const ytdPct = completionPct(money.ytdFen, money.yearPlanFen);
  return {
    projects: top.length,
    subProjects: f.projects.length - top.length,
    ...money,
    ytdPct,
    timeSharePct: f.townTimeSharePct,
    gapPts: gapPts(ytdPct, f.townTimeSharePct),
    ...startEnd.rates(),
    lights,
    reports: reportTally(f.projects, f.period),
  };
}

/** Money of a group of top-level projects (a 七补齐 category, a 四个一批 stage): one sum, everywhere. */
export function totalsOf(rows: readonly ProjectFigures[]) {
  // One pass with a named field each: the 总览 of a county sums 20,000 rows, and a `rows[k]` read per sum and field
  // (six passes, a keyed read the engine cannot specialise) made it several times slower.
  let totalFen = 0,
    priorFen = 0,
    yearPlanFen = 0,
    monthFen = 0,
    ytdFen = 0,
    cumFen = 0;
  for (const r of rows) {
    totalFen += r.totalFen;
    priorFen += r.priorFen;
    yearPlanFen += r.yearPlanFen;
    monthFen += r.monthFen;
    ytdFen += r.ytdFen;
    cumFen += r.cumFen;
  }
  return { totalFen, priorFen, yearPlanFen, monthFen, ytdFen, cumFen };
}

const categoryRank = (c: string) => {
  const i = (CATEGORIES as readonly string[]).indexOf(c);
  return i < 0 ? CATEGORIES.length : i;
};

/** Top-level projects by 七补齐 category, in vocabulary order (未分类 last). */
export function byCategory(
  f: PeriodFigures,
): { category: string; rows: ProjectFigures[]; totals: ReturnType<typeof totalsOf> }[] {
  const groups = new Map<string, ProjectFigures[]>();
  for (const p of f.projects) if (isTopLevel(p)) pushTo(groups, p.category ?? UNCATEGORISED, p);
  return [...groups.entries()]
    .sort((a, b) => categoryRank(a[0]) - categoryRank(b[0]))
    .map(([category, rows]) => ({ category, rows, totals: totalsOf(rows) }));
}

/** The first `n` of `rows` in the order of `cmp` (a total order), without sorting them all: thousands of lights, ten shown. */
export function firstInOrder<T>(rows: readonly T[], cmp: (a: T, b: T) => number, n: number): T[] {
  const best: T[] = [];
  for (const r of rows) {
    if (best.length === n && cmp(r, best[n - 1]!) >= 0) continue;
    let at = best.length;
    while (at > 0 && cmp(r, best[at - 1]!) < 0) at--;
    best.splice(at, 0, r);
    if (best.length > n) best.pop();
  }
  return best;
}

/**
 * Each project's lagging score, computed once per figures object: the objects are frozen, and a patch after a write
 * replaces only the written projects' (figures.service.ts patchFiguresBase), so the 总览 after a write scores those
 * alone instead of a county's 13,000 red and yellow projects (6 ms of its 25 ms). Held weakly: gone with the figures.
 */
const lagScores = new WeakMap<ProjectFigures, number>();
function scoreOf(p: ProjectFigures): number {
  let s = lagScores.get(p);
  if (s === undefined) lagScores.set(p, (s = laggingScore(p.lights)));
  return s;
}

/** The most lagging projects (red, then yellow; figure-rules.ts laggingOrder), at most `n`. */
export function mostLagging(f: PeriodFigures, n = Infinity): ProjectFigures[] {
  const lagging = f.projects.filter(isLagging);
  const order = laggingOrderBy<ProjectFigures>(scoreOf);
  return Number.isFinite(n) ? firstInOrder(lagging, order, n) : [...lagging].sort(order);
}

const MEASURES = [
  ['计划', 'planFen'],
  ['到位', 'arrivedFen'],
  ['拨付', 'allocatedFen'],
  ['支付', 'paidFen'],
] as const;

/**
 * Every figure of docs/figures.md for a period under a stable key (the `figures --json` document):
 * projects.*, investment.*, rates.*, lights.*, funds.<measure>.<source>.fen, fundGroups.<measure>.<group>.fen,
 * award.*, lagging. Funds are judged at the period's reference date (the last day of the month).
 */
export function figureSet(ctx: Ctx, period: string): FigureSet {
  const f = periodFigures(ctx, period);
  const o = townOverview(f);
  const top = f.projects.filter(isTopLevel);
  const byStatus = Object.fromEntries(PROJECT_STATUSES.map((s) => [s, top.filter((p) => p.status === s).length]));
  const categories = Object.fromEntries(
    byCategory(f).map((c) => [
      c.category,
      {
        projects: c.rows.length,
        totalFen: c.totals.totalFen,
        yearPlanFen: c.totals.yearPlanFen,
        ytdFen: c.totals.ytdFen,
        ytdPct: completionPct(c.totals.ytdFen, c.totals.yearPlanFen),
      },
    ]),
  );
  const town = townFunding(ctx, f.asOf);
  const all = projectFundFigures(ctx, f.asOf);
  const perProject = all.filter(isTopLevel);
  // 未落实 of the projects the period holds, from the 总投资 the period shows: a closed month's (its snapshot) leaves
  // out a project entered since and keeps the 总投资 it froze, as its count, 总投资 and T3's 未落实 column do — the
  // 资金构成 is today's (it is not frozen), so 总投资 − 资金计划 of the month still adds up.
  const planOf = new Map(perProject.map((p) => [p.id, p.lines.reduce((a, l) => a + l.planFen, 0)]));
  const townMatching = matchingCheck(town.bySource);
  const funds = Object.fromEntries(
    MEASURES.map(([cn, k]) => [
      cn,
      {
        合计: { fen: town.total[k] },
        ...Object.fromEntries(
          FUND_SOURCES.map((s) => [s, { fen: town.bySource.find((l) => l.source === s)?.[k] ?? 0 }]),
        ),
      },
    ]),
  );
  const fundGroups = Object.fromEntries(
    MEASURES.map(([cn, k]) => [
      cn,
      Object.fromEntries(T4_GROUPS.map((g) => [g, { fen: town.byGroup.find((x) => x.group === g)![k] }])),
    ]),
  );
  const awardSum = (k: 'appliedFen' | 'advancedFen' | 'redeemedFen') =>
    perProject.reduce((a, p) => a + (p.award?.[k] ?? 0), 0);
  return {
    period: f.period,
    asOf: f.asOf,
    closed: f.closed,
    projects: {
      top: o.projects,
      all: f.projects.length,
      sub: o.subProjects,
      lightUnits: o.lights.red + o.lights.yellow + o.lights.green + o.lights.none,
      byStatus,
      byCategory: categories,
    },
    investment: {
      totalFen: o.totalFen,
      priorFen: o.priorFen,
      yearPlanFen: o.yearPlanFen,
      monthFen: o.monthFen,
      ytdFen: o.ytdFen,
      cumFen: o.cumFen,
      unfundedFen: top.reduce((a, p) => a + unfundedFen(p.totalFen, planOf.get(p.id) ?? 0), 0),
      partsDiffs: f.projects
        .filter((p) => p.partsDiffFen !== null && p.partsDiffFen !== undefined)
        .map((p) => ({
          id: p.id,
          code: p.code,
          name: p.name,
          totalFen: p.totalFen,
          partsFen: p.partsTotalFen ?? null,
          diffFen: p.partsDiffFen!,
        })),
    },
    rates: {
      完成率: o.ytdPct,
      序时进度: o.timeSharePct,
      差距: o.gapPts,
      开工率: o.startRatePct,
      竣工率: o.finishRatePct,
      到位率: town.total.arrivedPct,
      支付率: town.total.paidPct,
    },
    starts: {
      dueToStart: o.dueToStart,
      started: o.started,
      dueToFinish: o.dueToFinish,
      finished: o.finished,
      completed: o.completed,
    },
    lights: o.lights,
    reports: o.reports,
    funds,
    fundGroups,
    award: {
      申报: { fen: awardSum('appliedFen') },
      预拨: { fen: awardSum('advancedFen') },
      兑现: { fen: awardSum('redeemedFen') },
    },
    matching: {
      上级补助计划: { fen: townMatching.plan.upperFen },
      镇自筹计划: { fen: townMatching.plan.localFen },
      不足项目: matchingFailures(all),
    },
    lagging: mostLagging(f, MOST_LAGGING_COUNT).map((p) => ({
      id: p.id,
      code: p.code,
      name: p.name,
      level: p.level,
      gapPts: gapPts(p.ytdPct, p.timeSharePct),
    })),
  };
}
