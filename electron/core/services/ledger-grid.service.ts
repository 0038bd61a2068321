/**
 * The ledger grid, paged in the core. The renderer never holds the whole ledger: it asks for the order of
 * the matching projects (ids and tree depths) and fetches row data by id as it scrolls.
 *
 * Filtering and search run over a narrow in-memory copy of every project's filter facts and search key,
 * patched with the projects written since (temporary triggers note them, see write-watch.repository.ts) and read afresh
 * only after a large import or another connection's commit; sorting by a column sorts the column's distinct
 * values once with Chinese collation (Intl.Collator: SQLite has none, and better-sqlite3 cannot register
 * one) and is cached the same way. So a keystroke costs a pass over 20,000 small records, not a table scan.
 *
 * Tree rule: a project is shown when it matches; a matching sub-project sits under its parent when the
 * parent matches too, otherwise at the top level (the same rule the grid had when it filtered in the page).
 */
import {
  CollatedValues,
  compareLedgerPlaces,
  isBlank,
  type LedgerPlace,
  type SortValue,
} from '../../../shared/domain/collate.ts';
import { matchesQuery, normaliseQuery, parseStoredSearchKey, type SearchKey } from '../../../shared/domain/search.ts';
import { searchKey, storedSearchKey } from '../search-key.ts';
import type { LedgerFilters, LedgerPage, LedgerSortKey } from '../../../shared/schemas/ledger-grid.ts';
import type { ProjectRow } from '../../../shared/schemas/project.ts';
import { countsForLights, rolledTotals } from '../../../shared/domain/figure-rules.ts';
import type { Ctx } from '../context.ts';
import type { Db } from '../db/connection.ts';
import * as repo from '../repositories/project.repository.ts';
import { writeStamp, writtenSince } from '../repositories/write-watch.repository.ts';
import { periodFigures } from './period.service.ts';

interface Fact extends LedgerPlace {
  parentId: number | null;
  deleted: boolean;
  year: number;
  category: string | null;
  subcategory: string | null;
  status: string;
  nature: string | null;
  stageGroup: string | null;
  villageOrgId: number | null;
  leadOrgId: number | null;
  leaderStaffId: number | null;
  totalFen: number;
  orgIds: number[];
  tags: string[];
  key: SearchKey;
}

interface GridIndex {
  /** writeStamp().writes and .others when last brought up to date (writes -1: read afresh next time) */
  writes: number;
  others: number;
  /** every project, in the ledger's natural order (ties of a sort keep it) */
  facts: Fact[];
  /** orders by column; sort values include names from other tables, so they are kept for one dataStamp */
  sorted: Map<string, Fact[]>;
  sortedStamp: string;
}

const indexes = new WeakMap<Db, GridIndex>();
/** Beyond this many changed projects (an import), reading everything again is as quick as patching. */
const PATCH_LIMIT = 2000;

/** The ledger's natural order: 年度 newest first, then each year in the ledger's order (排序, 编号, id). */
function naturalOrder(a: Fact, b: Fact): number {
  return b.year - a.year || compareLedgerPlaces(a, b);
}

function readFacts(db: Db, ids?: number[]): Fact[] {
  const { orgs, tags } = repo.gridLinks(db, ids);
  const orgsOf = new Map<number, number[]>();
  for (const l of orgs) (orgsOf.get(l.project_id) ?? orgsOf.set(l.project_id, []).get(l.project_id)!).push(l.org_id);
  const tagsOf = new Map<number, string[]>();
  for (const l of tags) (tagsOf.get(l.project_id) ?? tagsOf.set(l.project_id, []).get(l.project_id)!).push(l.tag);
  const none: never[] = [];
  const facts: Fact[] = [];
  const unkeyed: Fact[] = [];
  // Row by row (a county's 20,000 rows read whole and then copied held both at once, the grid's share of the peak).
  for (const r of repo.gridFacts(db, ids)) {
    const fact: Fact = {
      id: r.id,
      parentId: r.parent_id,
      deleted: r.deleted === 1,
      year: r.plan_year,
      sort: r.sort,
      code: r.code,
      category: r.category,
      subcategory: r.subcategory,
      status: r.status,
      nature: r.nature,
      stageGroup: r.stage_group,
      villageOrgId: r.village_org_id,
      leadOrgId: r.lead_org_id,
      leaderStaffId: r.leader_staff_id,
      totalFen: r.total_fen,
      orgIds: orgsOf.get(r.id) ?? none,
      tags: tagsOf.get(r.id) ?? none,
      key: r.search_key !== null ? parseStoredSearchKey(r.search_key) : NO_KEY,
    };
    if (r.search_key === null) unkeyed.push(fact);
    facts.push(fact);
  }
  // A database restored from an old backup has no keys until the next start: compute them here meanwhile.
  const labels = new Map(
    repo
      .projectLabels(
        db,
        unkeyed.map((f) => f.id),
      )
      .map((l) => [l.id, l]),
  );
  for (const f of unkeyed) f.key = searchKey(labels.get(f.id)!);
  return facts.sort(naturalOrder);
}

/** Replaced right after the read (projects without a stored search key). */
const NO_KEY: SearchKey = { text: '', initials: '', full: '' };

/** The changed projects' facts replace their old ones, each put back at its place in the natural order. */
function patch(facts: Fact[], changed: number[], fresh: Fact[]): Fact[] {
  const gone = new Set(changed);
  const out = facts.filter((f) => !gone.has(f.id));
  for (const f of fresh) {
    let lo = 0;
    let hi = out.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (naturalOrder(out[mid]!, f) < 0) lo = mid + 1;
      else hi = mid;
    }
    out.splice(lo, 0, f);
  }
  return out;
}

function gridIndex(db: Db): GridIndex {
  // Only writes to the project tables count (a monthly report or a login must not make the grid rebuild its
  // index), plus commits by other connections.
  const { writes, others } = writeStamp(db, 'grid', repo.GRID_TABLES);
  let ix = indexes.get(db);
  if (ix && ix.writes === writes && ix.others === others) return ix;
  const changed =
    ix && ix.writes >= 0 && ix.writes < writes && ix.others === others ? writtenSince(db, 'grid', ix.writes) : null;
  if (ix && changed && changed.length <= PATCH_LIMIT) {
    ix.facts = patch(ix.facts, changed, readFacts(db, changed));
    ix.sorted.clear();
  } else {
    ix = { writes, others, facts: readFacts(db), sorted: new Map(), sortedStamp: '' };
    indexes.set(db, ix);
  }
  // Read inside a transaction, the facts may hold writes that roll back (and take their stamps with them):
  // -1 makes the next read start afresh.
  ix.writes = db.sqlite.inTransaction ? -1 : writes;
  ix.others = others;
  return ix;
}

const collations = new WeakMap<Db, Map<LedgerSortKey, CollatedValues>>();
function collated(db: Db, key: LedgerSortKey): CollatedValues {
  let byKey = collations.get(db);
  if (!byKey) collations.set(db, (byKey = new Map()));
  let c = byKey.get(key);
  if (!c) byKey.set(key, (c = new CollatedValues()));
  return c;
}

/** All projects ordered by one column: grouped by value, groups in collated order (ties keep the natural order). */
function sortedBy(db: Db, ix: GridIndex, key: LedgerSortKey, desc: boolean): Fact[] {
  const cacheKey = `${key}:${desc}`;
  const stamp = repo.dataStamp(db);
  if (ix.sortedStamp !== stamp) {
    ix.sorted.clear();
    ix.sortedStamp = stamp;
  }
  const hit = ix.sorted.get(cacheKey);
  if (hit) return hit;
  const valueOf = new Map(repo.gridSortValues(db, key).map((r) => [r.id, r.v]));
  const groups = new Map<SortValue, Fact[]>();
  for (const f of ix.facts) {
    const v = valueOf.get(f.id) ?? null;
    let g = groups.get(v);
    if (!g) groups.set(v, (g = []));
    g.push(f);
  }
  const rank = collated(db, key).ranks(groups.keys());
  const values = [...groups.keys()].sort(
    (a, b) =>
      Number(isBlank(a)) - Number(isBlank(b)) || (desc ? rank.get(b)! - rank.get(a)! : rank.get(a)! - rank.get(b)!),
  );
  const out = values.flatMap((v) => groups.get(v)!);
  ix.sorted.set(cacheKey, out);
  return out;
}

function matcher(f: LedgerFilters, lit: Set<number> | null): (x: Fact) => boolean {
  const q = normaliseQuery(f.query ?? '');
  return (x) =>
    (f.year == null || x.year === f.year) &&
    (f.category == null || x.category === f.category) &&
    (f.subcategory == null || x.subcategory === f.subcategory) &&
    (f.status == null || x.status === f.status) &&
    (f.nature == null || x.nature === f.nature) &&
    (f.stageGroup == null || x.stageGroup === f.stageGroup) &&
    (f.villageOrgId == null || x.villageOrgId === f.villageOrgId) &&
    (f.leadOrgId == null || x.leadOrgId === f.leadOrgId) &&
    (f.responsibleOrgId == null || x.orgIds.includes(f.responsibleOrgId)) &&
    (f.leaderStaffId == null || x.leaderStaffId === f.leaderStaffId) &&
    (f.tag == null || x.tags.includes(f.tag)) &&
    (lit === null || lit.has(x.id)) &&
    (q === '' || matchesQuery(x.key, q));
}

/**
 * The projects of a light in a period, as the 总览 counts them (figure-rules.ts: the 计灯项目, projects without
 * sub-projects), so that a click on “红灯 6” lists those 6. periodFigures is costly: only asked when the filter is on.
 */
function litIds(ctx: Ctx, f: LedgerFilters): Set<number> | null {
  if (!f.light || !f.period) return null;
  const want = f.light === 'none' ? null : f.light;
  return new Set(
    periodFigures(ctx, f.period)
      .projects.filter((p) => countsForLights(p) && p.level === want)
      .map((p) => p.id),
  );
}

export interface PageQuery {
  filters: LedgerFilters;
  sort?: { key: LedgerSortKey; desc: boolean } | null;
  deleted: boolean;
  first: number;
}

/**
 * Each project's 总投资 rolled up as everywhere (a parent's own figure, or its parts'), over the grid's projects in
 * or out of the 回收站. It does not depend on the search, so it is kept with the facts it was computed from (a write
 * replaces them): rolling up a county's 20,000 projects on every keystroke was more than half of the keystroke's
 * time in the core (31–35 ms a call, measured on the bench county).
 */
const rolledByFacts = new WeakMap<readonly Fact[], Map<boolean, Map<number, number>>>();
function rolledTotalsOf(facts: readonly Fact[], deleted: boolean): Map<number, number> {
  let byDeleted = rolledByFacts.get(facts);
  if (!byDeleted) rolledByFacts.set(facts, (byDeleted = new Map()));
  let totals = byDeleted.get(deleted);
  if (!totals) {
    const same = facts.filter((x) => x.deleted === deleted);
    const ids = new Set(same.map((x) => x.id));
    totals = rolledTotals(
      same.map((x) => ({
        id: x.id,
        parentId: x.parentId !== null && ids.has(x.parentId) ? x.parentId : null,
        ownTotalFen: x.totalFen,
      })),
    );
    byDeleted.set(deleted, totals);
  }
  return totals;
}

/** Σ 总投资 of the rows shown at the top, each rolled up. */
function topsTotalFen(facts: readonly Fact[], deleted: boolean, roots: readonly Fact[]): number {
  const totals = rolledTotalsOf(facts, deleted);
  return roots.reduce((s, x) => s + totals.get(x.id)!, 0);
}

export function ledgerPage(ctx: Ctx, q: PageQuery): LedgerPage {
  const lit = litIds(ctx, q.filters);
  const { db } = ctx;
  const ix = gridIndex(db);
  const ordered = q.sort ? sortedBy(db, ix, q.sort.key, q.sort.desc) : ix.facts;
  const matches = matcher(q.filters, lit);
  const hits = ordered.filter((x) => x.deleted === q.deleted && matches(x));
  const shown = new Set(hits.map((x) => x.id));
  const roots: Fact[] = [];
  const children = new Map<number, Fact[]>();
  for (const x of hits) {
    if (x.parentId === null || !shown.has(x.parentId)) roots.push(x);
    else {
      let list = children.get(x.parentId);
      if (!list) children.set(x.parentId, (list = []));
      list.push(x);
    }
  }
  const ids: number[] = [];
  const depths: number[] = [];
  const walk = (list: Fact[], depth: number) => {
    for (const x of list) {
      ids.push(x.id);
      depths.push(depth);
      const kids = children.get(x.id);
      if (kids) walk(kids, depth + 1);
    }
  };
  walk(roots, 0);
  return {
    ids,
    depths,
    tops: roots.length,
    topsTotalFen: topsTotalFen(ix.facts, q.deleted, roots),
    years: repo.planYears(db, q.deleted),
    rows: repo.ledgerRowsByIds(db, ids.slice(0, q.first)),
  };
}

export function ledgerRows(ctx: Ctx, ids: number[]): ProjectRow[] {
  return repo.ledgerRowsByIds(ctx.db, ids);
}

/** Projects in the register for a picker (top-level only, or with sub-projects), found by the same search as the grid. */
export function pickProjects(ctx: Ctx, q: { query: string; scope: 'top' | 'all'; ids: number[]; limit: number }) {
  const ix = gridIndex(ctx.db);
  const query = normaliseQuery(q.query);
  const want = new Set(q.ids);
  const picked = ix.facts.filter((x) => want.has(x.id));
  for (const x of ix.facts) {
    if (picked.length >= q.limit + want.size) break;
    if (!x.deleted && (q.scope === 'all' || x.parentId === null) && !want.has(x.id) && matchesQuery(x.key, query))
      picked.push(x);
  }
  const labels = new Map(
    repo
      .projectLabels(
        ctx.db,
        picked.map((x) => x.id),
      )
      .map((l) => [l.id, l]),
  );
  return picked.map((x) => ({ id: x.id, code: labels.get(x.id)!.code, name: labels.get(x.id)!.name }));
}

/** Builds the index ahead of the first ledger visit (start-up, when the app is idle anyway). */
export function warmLedgerGrid(db: Db): void {
  gridIndex(db);
}

/** Start-up: projects written before migration 0003 get their search key, in one transaction. */
export function backfillSearchKeys(db: Db): number {
  const missing = repo.projectsMissingSearchKey(db);
  if (missing.length) db.tx(() => missing.forEach((r) => repo.setSearchKey(db, r.id, storedSearchKey(r))));
  return missing.length;
}
