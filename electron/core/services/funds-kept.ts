/**
 * The 资金 page's summary (every project's plan, 到位, 拨付, 支付, 配套 and 以奖代补, and the town's), kept across
 * writes and patched for the projects written since (figures-state.ts `keep`, the journal of migration 0007).
 *
 * Computed afresh it reads every project, plan row and fund flow: about a second on a county's 20,000 projects and
 * 100,000 flows, which the page cost after every saved flow while the derived cache dropped it on any write. Now a
 * write re-reads only the trees it touched — each written project's top-level project and everything below it,
 * since a part's money rolls up into every project above it — and the town's totals come from the kept sums
 * (fund-figures.ts townFunding). A write that moves, adds, removes or reorders projects is read afresh: the list's
 * order and trees are then another list. The result equals a fresh computation to the 分 (funds-kept.test.ts).
 */
import { isTopLevel } from '../../../shared/domain/figure-rules.ts';
import { flowWarnings, matchingCheck, summarise } from '../../../shared/domain/funds.ts';
import { formatWan } from '../../../shared/domain/money.ts';
import type { FundsSummary, ProjectFunds } from '../../../shared/schemas/funds.ts';
import type { Ctx } from '../context.ts';
import * as repo from '../repositories/funds.repository.ts';
import { deepFreeze } from './derived-cache.ts';
import { projectFundFigures, townFunding, type ProjectFundFigures } from './fund-figures.ts';
import { keep } from './figures-state.ts';

/** What is kept: the summary, and each project's place in the ledger order (a written one that moved: afresh). */
interface KeptFunds {
  summary: FundsSummary;
  place: ReadonlyMap<number, { parentId: number | null; code: string | null; sort: number | null }>;
}

/** Trees larger than this are read afresh with the rest: a patch reading most of the ledger gains nothing. */
const PATCH_PROJECTS = 2000;

/** How the last summary was answered, for tests. */
export const lastFundsRead = { how: 'full' as 'kept' | 'patched' | 'full' };

/** The summary at `asOf` (the end of a period, or null: every flow), as kept, patched or computed afresh. */
export function keptFundsSummary(ctx: Ctx, asOf: string | null): FundsSummary {
  const got = keep<KeptFunds>(
    ctx.db,
    'funds',
    String(asOf),
    () => fundsAfresh(ctx, asOf),
    (old, written) => patchFunds(ctx, asOf, old, written),
  );
  lastFundsRead.how = got.how;
  return got.value.summary;
}

function fundsAfresh(ctx: Ctx, asOf: string | null): KeptFunds {
  const rows = repo.fundProjects(ctx.db);
  const projects = projectFundFigures(ctx, asOf).map(toProjectFunds);
  return {
    summary: deepFreeze(summaryOf(ctx, asOf, projects)),
    place: new Map(rows.map((r) => [r.id, { parentId: r.parent_id, code: r.code, sort: r.sort }])),
  };
}

/** The kept summary with the trees of the written projects read again; null when the list itself changed. */
function patchFunds(ctx: Ctx, asOf: string | null, old: KeptFunds, writtenNow: number[]): KeptFunds | null {
  // Project 0 in the journal stands for units, staff, rules and 关账: none of them is in the money figures.
  const written = writtenNow.filter((id) => id !== 0);
  if (written.length === 0) return old;
  const now = new Map(repo.fundProjects(ctx.db, written).map((r) => [r.id, r]));
  for (const id of written) {
    const was = old.place.get(id);
    const is = now.get(id);
    if (!was && !is) continue; // a project in the 回收站 before and after
    if (!was || !is || was.parentId !== is.parent_id || was.code !== is.code || was.sort !== is.sort) return null;
  }
  // Each written project's top-level project, and every project below those (the list's parent links, unchanged).
  const children = new Map<number, number[]>();
  for (const p of old.summary.projects)
    if (p.parentId !== null) children.set(p.parentId, [...(children.get(p.parentId) ?? []), p.id]);
  const topOf = (id: number) => {
    let at = id;
    for (let hops = 0, up = old.place.get(at)?.parentId; up != null && hops < 100; hops++) {
      at = up;
      up = old.place.get(at)?.parentId;
    }
    return at;
  };
  const trees = new Set<number>();
  const stack = [...new Set(written.filter((id) => old.place.has(id)).map(topOf))];
  while (stack.length) {
    const id = stack.pop()!;
    if (trees.has(id)) continue;
    trees.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  if (trees.size > PATCH_PROJECTS) return null;
  const fresh = new Map(projectFundFigures(ctx, asOf, [...trees]).map((f) => [f.id, toProjectFunds(f)]));
  if (fresh.size !== trees.size) return null;
  const projects = old.summary.projects.map((p) => fresh.get(p.id) ?? p);
  return { summary: deepFreeze(summaryOf(ctx, asOf, projects)), place: old.place };
}

const wan = (fen: number) => formatWan(fen);

/** One project's line of the 资金 page: its money by source and T4 group, its 配套 check and warnings. */
function toProjectFunds(p: ProjectFundFigures): ProjectFunds {
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
}

/** The town's line over the projects' lines: money by source from the kept sums, the rest summed over the top level. */
function summaryOf(ctx: Ctx, asOf: string | null, projects: ProjectFunds[]): FundsSummary {
  const town = townFunding(ctx, asOf);
  const top = projects.filter((p) => isTopLevel(p));
  const sum = (k: 'appliedFen' | 'advancedFen' | 'redeemedFen') => top.reduce((acc, p) => acc + (p.award?.[k] ?? 0), 0);
  return {
    asOf,
    overall: {
      ...town.total,
      bySource: town.bySource,
      byGroup: town.byGroup,
      unfundedFen: top.reduce((a, p) => a + p.unfundedFen, 0),
      // 配套不足的项目数 (fund-figures.ts matchingFailures, over the lines already checked)
      matchingFailures: projects.filter((p) => p.matching !== null && !p.matching.ok).length,
      award: { appliedFen: sum('appliedFen'), advancedFen: sum('advancedFen'), redeemedFen: sum('redeemedFen') },
    },
    projects,
  };
}
