/**
 * 总览: the period's headline figures. Money, 完成率 and lights come from periodFigures and the
 * funding bars from the funds summary's overall line (overallFunding), so the dashboard agrees with the 月报 and T4 to the 分.
 */
import { percent } from '../../../shared/domain/money.ts';
import { makePeriod, parsePeriod } from '../../../shared/domain/period.ts';
import { LEVEL_RANK, round1 } from '../../../shared/domain/schedule.ts';
import { CATEGORIES } from '../../../shared/domain/vocab.ts';
import type { Dashboard } from '../../../shared/schemas/dashboard.ts';
import type { ProjectFigures } from '../../../shared/schemas/figures.ts';
import type { Ctx } from '../context.ts';
import * as repo from '../repositories/dashboard.repository.ts';
import { cached } from './derived-cache.ts';
import { keptTotals } from './figures-state.ts';
import { overallFunding } from './funds.service.ts';
import { currentPeriod, periodFigures } from './period.service.ts';

export const UNCATEGORISED = '未分类';
const LAGGING_COUNT = 10;

const sumOf = (rows: ProjectFigures[], k: 'totalFen' | 'yearPlanFen' | 'ytdFen' | 'cumFen') => rows.reduce((a, r) => a + r[k], 0);

/**
 * Cached like the period's figures it is made of, until the next write (derived-cache.ts). Without a period it
 * shows the operator's current period (period.service.ts), resolved before the cache: the cache is per database.
 */
export function dashboardSummary(ctx: Ctx, requested?: string): Dashboard {
  const period = requested ?? currentPeriod(ctx).period;
  return cached(ctx.db, `dashboard|${period}`, () => computeDashboard(ctx, period));
}

function computeDashboard(ctx: Ctx, period: string): Dashboard {
  const periods = repo.reportedPeriods(ctx.db);
  // An empty ledger has nothing to show for any month.
  if (!periods.length) return emptyDashboard(periods);
  const figures = periodFigures(ctx, period);
  // Single passes over the projects: after a write this runs on every first look at the 总览 (budget 50 ms).
  const top = figures.projects.filter((p) => p.parentId === null);
  const leaves = figures.projects.filter((p) => !p.isParent);

  const lights = { red: 0, yellow: 0, green: 0, none: 0 };
  for (const p of leaves) lights[p.level ?? 'none']++;

  const perCategory = new Map<string, { projects: number; yearPlanFen: number; ytdFen: number }>();
  for (const p of top) {
    const c = perCategory.get(p.category ?? UNCATEGORISED) ?? { projects: 0, yearPlanFen: 0, ytdFen: 0 };
    perCategory.set(p.category ?? UNCATEGORISED, c);
    c.projects++;
    c.yearPlanFen += p.yearPlanFen;
    c.ytdFen += p.ytdFen;
  }
  const categories = [...CATEGORIES, UNCATEGORISED];
  const byCategory = categories
    .map((category) => {
      const { projects, yearPlanFen, ytdFen } = perCategory.get(category) ?? { projects: 0, yearPlanFen: 0, ytdFen: 0 };
      return { category, projects, yearPlanFen, ytdFen, ytdPct: percent(ytdFen, yearPlanFen) };
    })
    .filter((c) => c.category !== UNCATEGORISED || c.projects > 0);

  const funding = overallFunding(ctx, figures.asOf).byGroup.map((g) => ({ group: g.group, planFen: g.planFen, arrivedFen: g.arrivedFen, paidFen: g.paidFen }));

  const { year, month } = parsePeriod(period);
  // Kept across writes (figures-state.ts): a saved report re-reads one project's rows, not the year's.
  const monthly = keptTotals(ctx.db, 'monthly', period, (ids?: readonly number[]) => repo.monthlyByProject(ctx.db, year, period, ids), (r) => r.period, ['month_fen']);
  let running = 0;
  const trend = Array.from({ length: month }, (_, i) => {
    const p = makePeriod(year, i + 1);
    const monthFen = monthly.get(p)?.month_fen ?? 0;
    running += monthFen;
    return { period: p, monthFen, ytdFen: running };
  });

  const gap = (p: ProjectFigures) => (p.timeSharePct !== null && p.ytdPct !== null ? round1(p.timeSharePct - p.ytdPct) : null);
  const worstFirst = (a: ProjectFigures, b: ProjectFigures) =>
    LEVEL_RANK[b.level!] - LEVEL_RANK[a.level!] || (gap(b) ?? -Infinity) - (gap(a) ?? -Infinity) || a.id - b.id;
  const worstTen = firstInOrder(leaves.filter((p) => p.level === 'red' || p.level === 'yellow'), worstFirst, LAGGING_COUNT);
  const wantedParents = new Set(worstTen.map((p) => p.parentId));
  const parentName = new Map(figures.projects.filter((p) => wantedParents.has(p.id)).map((p) => [p.id, p.name]));
  const lagging = worstTen
    .map((p) => ({
      id: p.id, name: p.name, parentName: p.parentId !== null ? (parentName.get(p.parentId) ?? null) : null, level: p.level!,
      reason: p.levelReason, ytdPct: p.ytdPct, timeSharePct: p.timeSharePct, gapPts: gap(p),
    }));

  const yearPlanFen = sumOf(top, 'yearPlanFen');
  const ytdFen = sumOf(top, 'ytdFen');
  return {
    period,
    periods,
    asOf: figures.asOf,
    townTimeSharePct: figures.townTimeSharePct,
    totals: {
      projects: top.length,
      subProjects: figures.projects.length - top.length,
      totalFen: sumOf(top, 'totalFen'),
      yearPlanFen,
      ytdFen,
      cumFen: sumOf(top, 'cumFen'),
      ytdPct: percent(ytdFen, yearPlanFen),
    },
    lights,
    byCategory,
    funding,
    trend,
    lagging,
  };
}

/** The first `n` of `rows` in the order of `cmp` (a total order), without sorting them all: thousands of lights, ten shown. */
function firstInOrder<T>(rows: T[], cmp: (a: T, b: T) => number, n: number): T[] {
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

function emptyDashboard(periods: string[]): Dashboard {
  return {
    period: null, periods, asOf: null, townTimeSharePct: null,
    totals: { projects: 0, subProjects: 0, totalFen: 0, yearPlanFen: 0, ytdFen: 0, cumFen: 0, ytdPct: null },
    lights: { red: 0, yellow: 0, green: 0, none: 0 }, byCategory: [], funding: [], trend: [], lagging: [],
  };
}

