/**
 * The 资金 page's figures (every project's plan, 到位, 拨付, 支付, 配套 and 以奖代补, and the town's), kept across
 * writes and patched for the projects written since (figures-state.ts `keep`, the journal of migration 0007).
 *
 * Computed afresh they read every project, plan row and fund flow: about a second on a county's 20,000 projects and
 * 100,000 flows, which the page cost after every saved flow while the derived cache dropped them on any write. Now a
 * write re-reads only the trees it touched — each written project's top-level project and everything below it,
 * since a part's money rolls up into every project above it — and the town's totals come from the kept sums
 * (fund-figures.ts townFunding). A write that moves, adds, removes or reorders projects is read afresh: the list's
 * order and trees are then another list. The result equals a fresh computation to the 分 (funds-kept.test.ts).
 *
 * What is kept is each project's rolled-up lines (fund-figures.ts); the page's line of a project — by source and T4
 * group, its 配套 check and warnings — is made when a page shows it, and kept with the lines it was made from.
 *
 * The lines are also kept in the ledger file (fund_store, migration 0012): the first visit after opening the ledger
 * reads them and patches the projects written since — by this program, the CLI or any other — instead of reading the
 * whole ledger. They are written when a session that wrote to the ledger closes (storeFundsAtClose); a read never
 * writes (a 领导 looking at the pages leaves the file as it was: leader-reads.test.ts). What is kept carries a MAC
 * (kept-mac.ts): a text edited with a SQLite tool is not read.
 */
import { isTopLevel, numberedTree } from '../../../shared/domain/figure-rules.ts';
import {
  amountsOf,
  flowWarnings,
  judgesOwnPlan,
  matchingCheck,
  projectFundWarnings,
  summarise,
  type AwardTracking,
} from '../../../shared/domain/funds.ts';
import type { FundsSummary, ProjectFunds } from '../../../shared/schemas/funds.ts';
import { nowIso, type Ctx } from '../context.ts';
import { readFundStore, writeFundStore } from '../repositories/fund-store.repository.ts';
import { forgetRefused, fundMac, keptKey, keptRefused, refusedBefore } from './kept-mac.ts';
import { formatDateCn } from '../../../shared/domain/display.ts';
import * as repo from '../repositories/funds.repository.ts';
import { deepFreeze, ownWrites } from './derived-cache.ts';
import { matchingFailures, projectFundFigures, townFunding, type ProjectFundFigures } from './fund-figures.ts';
import { keep, keptEntries, type StoredKept } from './figures-state.ts';
import { pushTo } from '../../../shared/domain/collections.ts';

/** What is kept: every project's figures in ledger order (each with its parent, code and sort: its place). */
export type KeptFunds = readonly ProjectFundFigures[];

/** Trees larger than this are read afresh with the rest: a patch reading most of the ledger gains nothing. */
const PATCH_PROJECTS = 2000;

/** How the last figures were answered, for tests. */
export const lastFundsRead = {
  how: 'full' as 'kept' | 'patched' | 'full',
  /** where what was kept came from: this process's memory, the ledger file, or nowhere (computed afresh) */
  from: 'none' as 'memory' | 'file' | 'none',
};

/** The figures at `asOf` (the end of a period, or null: every flow), as kept, patched or computed afresh. */
export function keptFunds(ctx: Ctx, asOf: string | null): KeptFunds {
  const key = asOf ?? '';
  const got = keep<KeptFunds>(
    ctx.db,
    'funds',
    key,
    () => fundsAfresh(ctx, asOf),
    (old, written) => patchFunds(ctx, asOf, old, written),
    () => fromStore(ctx, key),
  );
  lastFundsRead.how = got.how;
  lastFundsRead.from = got.from;
  return got.value;
}

function fundsAfresh(ctx: Ctx, asOf: string | null): KeptFunds {
  return deepFreeze(projectFundFigures(ctx, asOf));
}

/** The kept figures with the trees of the written projects read again; null when the list itself changed. */
function patchFunds(ctx: Ctx, asOf: string | null, old: KeptFunds, writtenNow: number[]): KeptFunds | null {
  // Project 0 in the journal stands for units, staff, rules and 关账: none of them is in the money figures.
  const written = writtenNow.filter((id) => id !== 0);
  if (written.length === 0) return old;
  const now = new Map(repo.fundProjects(ctx.db, written).map((r) => [r.id, r]));
  const byId = new Map(old.map((f) => [f.id, f]));
  for (const id of written) {
    const was = byId.get(id);
    const is = now.get(id);
    if (!was && !is) continue; // a project in the 回收站 before and after
    if (!was || !is || was.parentId !== is.parent_id || was.code !== is.code || was.sort !== is.sort) return null;
  }
  // Each written project's top-level project, and every project below those (the kept parent links, unchanged).
  const children = new Map<number, number[]>();
  for (const f of old) if (f.parentId !== null) pushTo(children, f.parentId, f.id);
  const topOf = (id: number) => {
    let at = id;
    for (let hops = 0, up = byId.get(at)?.parentId; up != null && hops < 100; hops++) {
      at = up;
      up = byId.get(at)?.parentId;
    }
    return at;
  };
  const trees = new Set<number>();
  const stack = [...new Set(written.filter((id) => byId.has(id)).map(topOf))];
  while (stack.length) {
    const id = stack.pop()!;
    if (trees.has(id)) continue;
    trees.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  if (trees.size > PATCH_PROJECTS) return null;
  const fresh = new Map(projectFundFigures(ctx, asOf, [...trees]).map((f) => [f.id, deepFreeze(f)]));
  if (fresh.size !== trees.size) return null;
  return old.map((f) => fresh.get(f.id) ?? f);
}

/** A project the 资金 page lists: one with any money planned, arrived, allocated or paid, or an 以奖代补 application. */
function hasMoney(f: ProjectFundFigures): boolean {
  const a = amountsOf(f.lines);
  return a.planFen > 0 || a.arrivedFen > 0 || a.allocatedFen > 0 || a.paidFen > 0 || f.award !== null;
}

/**
 * The listed projects numbered as T4 numbers them (numberedTree): a part under its project as 2-1; a part whose
 * project is not listed (no money of its own, or only the part was asked for) keeps a number of its own.
 */
function numbered(rows: readonly ProjectFundFigures[]): {
  listed: { f: ProjectFundFigures; seq: string }[];
  tops: number;
} {
  const listedIds = new Set(rows.map((f) => f.id));
  const tops = rows.filter((f) => f.parentId === null || !listedIds.has(f.parentId));
  return { listed: numberedTree(tops, rows).map(({ item, seq }) => ({ f: item, seq })), tops: tops.length };
}

/**
 * The T4 summary at asOf; projectId narrows the projects to one; page gives one slice of the projects with money
 * (hasMoney) and their count. Only the projects answered get their page line made.
 */
export function keptFundsSummary(
  ctx: Ctx,
  asOf: string | null,
  opts: { projectId?: number | undefined; page?: { offset: number; limit: number } | undefined } = {},
): FundsSummary {
  const kept = keptFunds(ctx, asOf);
  const overall = overallOf(ctx, asOf, kept);
  const mine = (f: ProjectFundFigures) => opts.projectId === undefined || f.id === opts.projectId;
  if (opts.page) {
    const { listed, tops } = numbered(kept.filter((f) => hasMoney(f) && mine(f)));
    return {
      asOf,
      overall,
      projects: listed
        .slice(opts.page.offset, opts.page.offset + opts.page.limit)
        .map(({ f, seq }) => ({ ...projectFundsOf(f), seq })),
      projectsTotal: listed.length,
      topProjects: tops,
    };
  }
  return { asOf, overall, projects: kept.filter(mine).map(projectFundsOf) };
}

/** The town's line: money by source from the kept sums, the rest over the top-level projects' figures. */
const overallOfKept = new WeakMap<KeptFunds, FundsSummary['overall']>();
function overallOf(ctx: Ctx, asOf: string | null, kept: KeptFunds): FundsSummary['overall'] {
  const known = overallOfKept.get(kept);
  if (known) return known;
  const town = townFunding(ctx, asOf);
  const top = kept.filter((p) => isTopLevel(p));
  const sum = (k: keyof Pick<AwardTracking, 'appliedFen' | 'advancedFen' | 'redeemedFen'>) =>
    top.reduce((acc, p) => acc + (p.award?.[k] ?? 0), 0);
  const overall = deepFreeze({
    ...town.total,
    bySource: town.bySource,
    byGroup: town.byGroup,
    unfundedFen: top.reduce((a, p) => a + p.unfundedFen, 0),
    matchingFailures: matchingFailures(kept),
    award: { appliedFen: sum('appliedFen'), advancedFen: sum('advancedFen'), redeemedFen: sum('redeemedFen') },
  });
  // In a transaction the sums may still roll back: not kept with the figures then.
  if (!ctx.db.sqlite.inTransaction) overallOfKept.set(kept, overall);
  return overall;
}

/** One project's line of the 资金 page: its money by source and T4 group, its 配套 check and warnings (made once). */
const linesMade = new WeakMap<ProjectFundFigures, ProjectFunds>();
function projectFundsOf(p: ProjectFundFigures): ProjectFunds {
  const known = linesMade.get(p);
  if (known) return known;
  const s = summarise(p.lines);
  const matching = p.needsMatching ? matchingCheck(p.lines) : null;
  const warnings = projectFundWarnings(p.lines, p.needsMatching, p.parentId);
  const line = deepFreeze({
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
  });
  linesMade.set(p, line);
  return line;
}

/**
 * What a flow of `source` saved on a project leaves to warn of, as the 资金 page's lines say it: the project's line and
 * the line of each project above it, each of which rolls the flow in and is judged against its rolled-up plan
 * (flowWarnings, judgesOwnPlan as projectFundWarnings judges them) — a part's 到位 within its project's plan is no
 * warning, one beyond it is named on that project; a project whose parts hold the plan is judged against theirs.
 */
export function sourceWarningsUpward(ctx: Ctx, projectId: number, source: string): string[] {
  const kept = keptFunds(ctx, null);
  const byId = new Map(kept.map((f) => [f.id, f]));
  const out: string[] = [];
  for (let f = byId.get(projectId), hops = 0; f && hops < 100; f = byId.get(f.parentId ?? -1), hops++) {
    const line = summarise(f.lines).bySource.find((l) => l.source === source);
    if (!line) continue;
    const said = flowWarnings(source, line, judgesOwnPlan(f.parentId, f.lines));
    out.push(...(f.id === projectId ? said : said.map((w) => `${f!.name}：${w}`)));
  }
  return out;
}

// ── The figures kept in the ledger file ───────────────────────────────────────────────────────────────────────────

/**
 * Bumped when the stored form (or the figures' shape or order) changes: figures stored by another version are not
 * read. 5: projects in the ledger order with 编号 by their number parts (compareLedgerPlaces); 6: a sub-project listed
 * before its project rolled into that project's line (rollUpTree).
 */
const STORE_FORMAT = 6;

/** Sources once per store; a project's lines as [source index, plan, 到位, 拨付, 支付]. */
interface Stored {
  v: number;
  sources: string[];
  /** the town's line at the same journal position (read as it is while nothing was written since) */
  overall: FundsSummary['overall'] | null;
  /** [id, parentId, code, sort, name, totalFen, needsMatching, unfundedFen, lines (flat), award | null] */
  projects: [
    number,
    number | null,
    string | null,
    number,
    string,
    number,
    0 | 1,
    number,
    number[],
    AwardTracking | null,
  ][];
}

/** How the kept 资金 figures at `key` are named in messages. */
export const fundStoreWhat = (key: string) => (key ? `资金数字，截至${formatDateCn(key)}` : '资金数字，全部流水');

/** The kept figures at `key`, when their MAC is this program's (unchecked: as they are). */
function fromStore(ctx: Ctx, key: string, unchecked = false): StoredKept<KeptFunds> | null {
  const row = readFundStore(ctx.db, key);
  if (!row) return null;
  if (!unchecked) {
    const macKey = keptKey(ctx.db);
    if (!macKey) return null;
    if (row.mac === null || row.mac !== fundMac(macKey, key, row.seq, row.data)) {
      keptRefused(ctx.db, fundStoreWhat(key));
      return null;
    }
  }
  return { seq: row.seq, read: () => parseStored(row.data) };
}

/**
 * What the file keeps at `key` as it is, MAC or not, for `verify` to hold against fundsFromLedger: the journal position
 * it claims, each project's figures and the town's line (null: kept without one). `figures` null: not readable.
 */
export function fundsInFile(
  ctx: Ctx,
  key: string,
): { seq: number; figures: KeptFunds | null; overall: FundsSummary['overall'] | null } | null {
  const kept = fromStore(ctx, key, true);
  if (!kept) return null;
  const figures = kept.read();
  return { seq: kept.seq, figures, overall: figures && (overallOfKept.get(figures) ?? null) };
}

/** The same figures computed from the ledger rows (asOf null: every flow), as a first read after opening computes them. */
export function fundsFromLedger(
  ctx: Ctx,
  asOf: string | null,
): { figures: KeptFunds; overall: FundsSummary['overall'] } {
  const figures = fundsAfresh(ctx, asOf);
  return { figures, overall: overallOf(ctx, asOf, figures) };
}

/** The figures as the file keeps them (JSON, formatted STORE_FORMAT); null: not that format, or damaged. */
function parseStored(data: string): KeptFunds | null {
  try {
    const s = JSON.parse(data) as Stored;
    if (s.v !== STORE_FORMAT || !Array.isArray(s.projects) || !Array.isArray(s.sources)) return null;
    const figures = s.projects.map(([id, parentId, code, sort, name, totalFen, needs, unfundedFen, flat, award]) => {
      const lines = [];
      for (let i = 0; i < flat.length; i += 5)
        lines.push({
          source: s.sources[flat[i]!]!,
          planFen: flat[i + 1]!,
          arrivedFen: flat[i + 2]!,
          allocatedFen: flat[i + 3]!,
          paidFen: flat[i + 4]!,
        });
      return { id, code, name, parentId, sort, totalFen, needsMatching: needs === 1, lines, award, unfundedFen };
    });
    const value: KeptFunds = deepFreeze(figures);
    if (s.overall) overallOfKept.set(value, deepFreeze(s.overall));
    return value;
  } catch {
    return null; // a damaged text is computed afresh (and stored anew)
  }
}

/**
 * Keeps the figures in the file. Not inside a transaction (it may still roll back what they were read from), not
 * counted as a write that stales other kept values (ownWrites), and best effort: a full disk only means the next
 * first visit reads the ledger.
 */
function toStore(ctx: Ctx, key: string, seq: number, value: KeptFunds, overall: FundsSummary['overall'] | null): void {
  const { db } = ctx;
  if (db.sqlite.inTransaction || db.sqlite.readonly) return;
  const sources: string[] = [];
  const indexOf = new Map<string, number>();
  const sourceIndex = (source: string) => {
    let i = indexOf.get(source);
    if (i === undefined) indexOf.set(source, (i = sources.push(source) - 1));
    return i;
  };
  const projects: Stored['projects'] = value.map((f) => {
    return [
      f.id,
      f.parentId,
      f.code,
      f.sort,
      f.name,
      f.totalFen,
      f.needsMatching ? 1 : 0,
      f.unfundedFen,
      f.lines.flatMap((l) => [sourceIndex(l.source), l.planFen, l.arrivedFen, l.allocatedFen, l.paidFen]),
      f.award,
    ];
  });
  try {
    const text = JSON.stringify({ v: STORE_FORMAT, sources, overall, projects } satisfies Stored);
    const macKey = keptKey(db);
    const mac = macKey ? fundMac(macKey, key, seq, text) : null;
    ownWrites(db, () => writeFundStore(db, key, { seq, data: text, mac }, nowIso(ctx)));
    forgetRefused(db, fundStoreWhat(key));
  } catch {
    // see above
  }
}

/**
 * At close of a session that wrote: the figures this core kept in memory go to the file where they are newer than
 * what it holds, so the next opening reads them as they are (a session patches them in memory after every write;
 * writing the file then would cost more than the patch). After a crash the file is only older: the next opening
 * patches from it, or reads the ledger where too much was written since.
 */
export function storeFundsAtClose(ctx: Ctx): void {
  const s = ctx.db.sqlite;
  // Only a session that wrote: one that only looked leaves the file as it found it.
  if (s.readonly || !s.open || (s.prepare('SELECT total_changes()').pluck().get() as number) === 0) return;
  for (const [key, kept] of keptEntries<KeptFunds>(ctx.db, 'funds')) {
    try {
      // One refused here (its MAC did not match) is written again even where it names the same position.
      if (readFundStore(ctx.db, key)?.seq === kept.seq && !refusedBefore(ctx.db, fundStoreWhat(key))) continue;
    } catch {
      return; // a ledger from before migration 0012 (a recovery core): nothing to keep
    }
    toStore(ctx, key, kept.seq, kept.value, overallOfKept.get(kept.value) ?? null);
  }
}
