import { CATEGORIES } from '../../../shared/domain/vocab.ts';
import type { Stats } from '../../../shared/schemas/app.ts';
import type { Ctx } from '../context.ts';
import { topLevelTotals } from '../repositories/stats.repository.ts';

const categoryOrder = (c: string) => {
  const i = (CATEGORIES as readonly string[]).indexOf(c);
  return i < 0 ? CATEGORIES.length : i;
};

export function statsSummary(ctx: Ctx): Stats {
  const t = topLevelTotals(ctx.db);
  return {
    projects: t.all.n,
    subProjects: t.subs,
    totalInvestmentFen: t.all.fen,
    byCategory: t.byCategory
      .map((r) => ({ category: r.category, projects: r.n, totalInvestmentFen: r.fen }))
      .sort((a, b) => categoryOrder(a.category) - categoryOrder(b.category)),
    byYear: t.byYear.map((r) => ({ year: r.plan_year, projects: r.n, totalInvestmentFen: r.fen })),
  };
}
