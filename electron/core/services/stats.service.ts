/**
 * 台账统计 (stats): project counts and 总投资 of the ledger, whatever the period — top-level projects, each with its
 * 总投资 rolled up as everywhere else (shared/domain/figure-rules.ts: a parent's own figure, or its parts' where it
 * has none; sub-projects never added on top).
 */
import { isTopLevel, rolledTotals } from '../../../shared/domain/figure-rules.ts';
import { CATEGORIES } from '../../../shared/domain/vocab.ts';
import type { Stats } from '../../../shared/schemas/app.ts';
import type { Ctx } from '../context.ts';
import { projectTotals } from '../repositories/stats.repository.ts';
import { UNCATEGORISED } from './figure-set.service.ts';

const categoryOrder = (c: string) => {
  const i = (CATEGORIES as readonly string[]).indexOf(c);
  return i < 0 ? CATEGORIES.length : i;
};

export function statsSummary(ctx: Ctx): Stats {
  const rows = projectTotals(ctx.db);
  const ids = new Set(rows.map((r) => r.id));
  // A sub-project whose parent is in the 回收站 stands at the top, as in the period figures.
  const nodes = rows.map((r) => ({
    id: r.id,
    parentId: r.parent_id !== null && ids.has(r.parent_id) ? r.parent_id : null,
    ownTotalFen: r.total_fen,
  }));
  const totals = rolledTotals(nodes);
  const top = rows.filter((_, i) => isTopLevel(nodes[i]!));
  const group = <K extends string | number>(keyOf: (r: (typeof rows)[number]) => K) => {
    const m = new Map<K, { projects: number; totalInvestmentFen: number }>();
    for (const r of top) {
      const g = m.get(keyOf(r)) ?? { projects: 0, totalInvestmentFen: 0 };
      m.set(keyOf(r), { projects: g.projects + 1, totalInvestmentFen: g.totalInvestmentFen + totals.get(r.id)! });
    }
    return [...m.entries()];
  };
  return {
    projects: top.length,
    subProjects: rows.length - top.length,
    totalInvestmentFen: top.reduce((a, r) => a + totals.get(r.id)!, 0),
    byCategory: group((r) => r.category ?? UNCATEGORISED)
      .map(([category, g]) => ({ category, ...g }))
      .sort((a, b) => categoryOrder(a.category) - categoryOrder(b.category)),
    byYear: group((r) => r.plan_year)
      .map(([year, g]) => ({ year, ...g }))
      .sort((a, b) => a.year - b.year),
  };
}
