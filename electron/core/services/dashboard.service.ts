/**
 * 总览: the period's headline figures, all from the one set of definitions (figure-set.service.ts): counts, money,
 * 完成率 and light counts from townOverview, the funding bars from townFunding, the lagging ten in laggingOrder.
 */
import { completionPct, gapPts, laggingGaps, MOST_LAGGING_COUNT } from '../../../shared/domain/figure-rules.ts';
import { makePeriod, parsePeriod } from '../../../shared/domain/period.ts';
import { CATEGORIES } from '../../../shared/domain/vocab.ts';
import type { Dashboard } from '../../../shared/schemas/dashboard.ts';
import type { PeriodFigures } from '../../../shared/schemas/figures.ts';
import type { Ctx } from '../context.ts';
import * as repo from '../repositories/dashboard.repository.ts';
import { cached } from './derived-cache.ts';
import { byCategory, mostLagging, townOverview, UNCATEGORISED } from './figure-set.service.ts';
import { townFunding } from './fund-figures.ts';
import { keptTotals } from './figures-state.ts';
import { storedDashboardParts } from './figure-store.service.ts';
import { currentPeriod, periodFigures } from './period.service.ts';

/**
 * Cached like the period's figures it is made of, until the next write (derived-cache.ts). Without a period it
 * shows the operator's current period (period.service.ts), resolved before the cache: the cache is per database.
 */
export function dashboardSummary(ctx: Ctx, requested?: string): Dashboard {
  const period = requested ?? currentPeriod(ctx).period;
  // The open month's 总览 is kept in the ledger file by every write (figure-store.service.ts): a read, not a computation.
  return cached(ctx, `dashboard|${period}`, () => {
    const kept = storedDashboardParts(ctx, period);
    return kept.dashboard ?? dashboardOf(ctx, period, () => periodFigures(ctx, period), kept.money);
  });
}

/**
 * The 总览 of a period from its figures (given, or read when the ledger has reports at all); its funding bars and
 * trend from `keptMoney` when the file keeps them for the ledger as it is (storedDashboardParts).
 */
export function dashboardOf(
  ctx: Ctx,
  period: string,
  figuresOf: () => PeriodFigures,
  keptMoney: Pick<Dashboard, 'funding' | 'trend'> | null = null,
): Dashboard {
  const periods = repo.reportedPeriods(ctx.db);
  // An empty ledger has nothing to show for any month.
  if (!periods.length) return emptyDashboard(periods);
  const figures = figuresOf();
  const o = townOverview(figures);
  const perCategory = new Map(byCategory(figures).map((c) => [c.category, c]));
  const byCategoryRows = [...CATEGORIES, UNCATEGORISED]
    .map((category) => {
      const c = perCategory.get(category);
      const yearPlanFen = c?.totals.yearPlanFen ?? 0;
      const ytdFen = c?.totals.ytdFen ?? 0;
      return {
        category,
        projects: c?.rows.length ?? 0,
        yearPlanFen,
        ytdFen,
        ytdPct: completionPct(ytdFen, yearPlanFen),
      };
    })
    .filter((c) => c.category !== UNCATEGORISED || c.projects > 0);

  const funding = keptMoney?.funding ?? fundingBars(ctx, figures.asOf);
  const trend = keptMoney?.trend ?? monthlyTrend(ctx, period);

  const worstTen = mostLagging(figures, MOST_LAGGING_COUNT);
  const wantedParents = new Set(worstTen.map((p) => p.parentId));
  const parentName = new Map(figures.projects.filter((p) => wantedParents.has(p.id)).map((p) => [p.id, p.name]));
  const lagging = worstTen.map((p) => ({
    id: p.id,
    name: p.name,
    parentName: p.parentId !== null ? (parentName.get(p.parentId) ?? null) : null,
    level: p.level!,
    reason: p.levelReason,
    ytdPct: p.ytdPct,
    timeSharePct: p.timeSharePct,
    gapPts: gapPts(p.ytdPct, p.timeSharePct),
    gaps: laggingGaps(p.lights),
  }));

  return {
    period,
    periods,
    asOf: figures.asOf,
    townTimeSharePct: figures.townTimeSharePct,
    totals: {
      projects: o.projects,
      subProjects: o.subProjects,
      totalFen: o.totalFen,
      yearPlanFen: o.yearPlanFen,
      ytdFen: o.ytdFen,
      cumFen: o.cumFen,
      ytdPct: o.ytdPct,
    },
    lights: o.lights,
    reports: o.reports,
    byCategory: byCategoryRows,
    funding,
    trend,
    lagging,
  };
}

function fundingBars(ctx: Ctx, asOf: string): Dashboard['funding'] {
  return townFunding(ctx, asOf).byGroup.map((g) => ({
    group: g.group,
    planFen: g.planFen,
    arrivedFen: g.arrivedFen,
    paidFen: g.paidFen,
  }));
}

/** Each month of the year to the period: its 月报 amounts and the running 1-N月 sum. */
function monthlyTrend(ctx: Ctx, period: string): Dashboard['trend'] {
  const { year, month } = parsePeriod(period);
  // Kept across writes (figures-state.ts): a saved report re-reads one project's rows, not the year's.
  const monthly = keptTotals(
    ctx.db,
    'monthly',
    period,
    (ids?: readonly number[]) => repo.monthlyByProject(ctx.db, year, period, ids),
    (r) => r.period,
    ['month_fen'],
  );
  let running = 0;
  return Array.from({ length: month }, (_, i) => {
    const p = makePeriod(year, i + 1);
    const monthFen = monthly.get(p)?.month_fen ?? 0;
    running += monthFen;
    return { period: p, monthFen, ytdFen: running };
  });
}

function emptyDashboard(periods: string[]): Dashboard {
  return {
    period: null,
    periods,
    asOf: null,
    townTimeSharePct: null,
    totals: { projects: 0, subProjects: 0, totalFen: 0, yearPlanFen: 0, ytdFen: 0, cumFen: 0, ytdPct: null },
    lights: { red: 0, yellow: 0, green: 0, none: 0 },
    reports: { owe: 0, submitted: 0, 未报: 0, 草稿: 0, 退回: 0 },
    byCategory: [],
    funding: [],
    trend: [],
    lagging: [],
  };
}
