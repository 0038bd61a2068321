/** All SQL for projects (项目) and their M:N links; maps snake_case rows to the contract's camelCase. */
import { sql, type RawBuilder, type Selectable } from 'kysely';
import { storedSearchKey } from '../search-key.ts';
import type { LedgerSortKey } from '../../../shared/schemas/ledger-grid.ts';
import { compareLedgerPlaces } from '../../../shared/domain/collate.ts';
import { pushTo } from '../../../shared/domain/collections.ts';
import type { Project, ProjectData, ProjectRow } from '../../../shared/schemas/project.ts';
import { cachedStatement, insertRow, updateRowById, type Db } from '../db/connection.ts';
import type { ProjectTable } from '../db/schema.ts';

type Row = Selectable<ProjectTable>;

export function toProject(r: Row, responsibleOrgIds: number[], tags: string[]): Project {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    planYear: r.plan_year,
    parentId: r.parent_id,
    category: r.category,
    subcategory: r.subcategory,
    stageGroup: r.stage_group,
    nature: r.nature,
    location: r.location,
    villageOrgId: r.village_org_id,
    scope: r.scope,
    totalFen: r.total_fen,
    approx: r.approx === 1,
    yearFrom: r.year_from,
    yearTo: r.year_to,
    planStart: r.plan_start,
    planEnd: r.plan_end,
    actStart: r.act_start,
    actEnd: r.act_end,
    status: r.status,
    approvalKind: r.approval_kind,
    approvalNo: r.approval_no,
    approvalYm: r.approval_ym,
    ownerOrgId: r.owner_org_id,
    leadOrgId: r.lead_org_id,
    responsibleOrgIds,
    leaderStaffId: r.leader_staff_id,
    managerStaffId: r.manager_staff_id,
    contact: r.contact,
    phone: r.phone,
    delivery: r.delivery,
    govFunded: r.gov_funded === 1,
    inStats: r.in_stats === 1,
    statsDate: r.stats_date,
    landMuHave: r.land_mu_have,
    landMuNeed: r.land_mu_need,
    needsMatching: r.needs_matching === 1,
    openingCumFen: r.opening_cum_fen,
    openingCumYear: r.opening_cum_year,
    tags,
    note: r.note,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    deletedAt: r.deleted_at,
  };
}

/**
 * Contract data → column values (everything but id, timestamps and the link tables). ProjectData is the parsed
 * input: its totalWan/openingCumWan already hold 分 (the schema parsed the 万元 text), hence `total_fen: p.totalWan`.
 */
export function toColumns(p: ProjectData) {
  return {
    code: p.code,
    name: p.name,
    plan_year: p.planYear,
    parent_id: p.parentId,
    category: p.category,
    subcategory: p.subcategory,
    stage_group: p.stageGroup,
    nature: p.nature,
    location: p.location,
    village_org_id: p.villageOrgId,
    scope: p.scope,
    total_fen: p.totalWan,
    approx: p.approx ? 1 : 0,
    year_from: p.yearFrom,
    year_to: p.yearTo,
    plan_start: p.planStart,
    plan_end: p.planEnd,
    act_start: p.actStart,
    act_end: p.actEnd,
    status: p.status,
    approval_kind: p.approvalKind,
    approval_no: p.approvalNo,
    approval_ym: p.approvalYm,
    owner_org_id: p.ownerOrgId,
    lead_org_id: p.leadOrgId,
    leader_staff_id: p.leaderStaffId,
    manager_staff_id: p.managerStaffId,
    contact: p.contact,
    phone: p.phone,
    delivery: p.delivery,
    gov_funded: p.govFunded ? 1 : 0,
    in_stats: p.inStats ? 1 : 0,
    stats_date: p.statsDate,
    land_mu_have: p.landMuHave,
    land_mu_need: p.landMuNeed,
    needs_matching: p.needsMatching ? 1 : 0,
    opening_cum_fen: p.openingCumWan ?? 0,
    opening_cum_year: p.openingCumYear,
    note: p.note,
  };
}

// The single-row reads and checks of every edit (a paste of a thousand cells, an import updating thousands of
// projects, each read before and after and checked against the ledger) run as statements prepared once per
// connection: building each through Kysely cost more than running it.

export function findProjectRow(db: Db, id: number): Row | undefined {
  return cachedStatement(db, 'SELECT * FROM project WHERE id = ?').get(id) as Row | undefined;
}

export function responsibleOrgIds(db: Db, projectId: number): number[] {
  return (
    cachedStatement(db, 'SELECT org_id FROM project_org WHERE project_id = ? ORDER BY org_id').all(projectId) as {
      org_id: number;
    }[]
  ).map((r) => r.org_id);
}

export function projectTags(db: Db, projectId: number): string[] {
  return (
    cachedStatement(db, 'SELECT tag FROM project_tag WHERE project_id = ? ORDER BY tag').all(projectId) as {
      tag: string;
    }[]
  ).map((r) => r.tag);
}

/** One column of a per-project table for the projects of `list` (JSON ids), by project, in the column's order. */
function valuesByProject<T>(
  db: Db,
  table: 'project_org' | 'project_tag',
  column: 'org_id' | 'tag',
  list: string,
): Map<number, T[]> {
  const out = new Map<number, T[]>();
  const rows = cachedStatement(
    db,
    `SELECT project_id, ${column} AS v FROM ${table} WHERE project_id IN (SELECT value FROM json_each(?)) ORDER BY project_id, ${column}`,
  ).all(list) as { project_id: number; v: T }[];
  for (const r of rows) pushTo(out, r.project_id, r.v);
  return out;
}

/**
 * Many projects at once, as getProject reads each (an import's preview checks thousands of updates: three queries
 * instead of three per project).
 */
export function getProjects(db: Db, ids: readonly number[]): Map<number, Project> {
  const list = JSON.stringify(ids);
  const orgs = valuesByProject<number>(db, 'project_org', 'org_id', list);
  const tags = valuesByProject<string>(db, 'project_tag', 'tag', list);
  const rows = cachedStatement(db, 'SELECT * FROM project WHERE id IN (SELECT value FROM json_each(?))').all(
    list,
  ) as Row[];
  return new Map(rows.map((r) => [r.id, toProject(r, orgs.get(r.id) ?? [], tags.get(r.id) ?? [])]));
}

export function getProject(db: Db, id: number): Project | undefined {
  const r = findProjectRow(db, id);
  return r && toProject(r, responsibleOrgIds(db, id), projectTags(db, id));
}

/**
 * The one place a project row is inserted (prepared once per connection: imports insert thousands).
 * project.search_key (storedSearchKey: what the ledger search box matches) is written here and in the update
 * below, so every writer keeps it current; an import passes keys computed ahead in a worker.
 */
export function insertProject(db: Db, p: ProjectData, at: string, searchKey: string = storedSearchKey(p)): number {
  const id = insertRow(db, 'project', { ...toColumns(p), search_key: searchKey, created_at: at, updated_at: at });
  for (const orgId of new Set(p.responsibleOrgIds)) insertRow(db, 'project_org', { project_id: id, org_id: orgId });
  for (const tag of new Set(p.tags)) insertRow(db, 'project_tag', { project_id: id, tag });
  return id;
}

export function updateProjectColumns(db: Db, id: number, p: ProjectData, at: string): void {
  updateRowById(db, 'project', id, { ...toColumns(p), search_key: storedSearchKey(p), updated_at: at });
  setResponsibleOrgs(db, id, p.responsibleOrgIds);
  setTags(db, id, p.tags);
}

/** Same members as before (compared as sets): nothing is rewritten, so no link row is deleted and added again. */
const sameMembers = <T>(now: T[], next: Set<T>) => now.length === next.size && now.every((x) => next.has(x));

export function setResponsibleOrgs(db: Db, projectId: number, orgIds: number[]): void {
  const next = new Set(orgIds);
  if (sameMembers(responsibleOrgIds(db, projectId), next)) return;
  cachedStatement(db, 'DELETE FROM project_org WHERE project_id = ?').run(projectId);
  for (const orgId of next) insertRow(db, 'project_org', { project_id: projectId, org_id: orgId });
}

export function setTags(db: Db, projectId: number, tags: string[]): void {
  const next = new Set(tags);
  if (sameMembers(projectTags(db, projectId), next)) return;
  cachedStatement(db, 'DELETE FROM project_tag WHERE project_id = ?').run(projectId);
  for (const tag of next) insertRow(db, 'project_tag', { project_id: projectId, tag });
}

export function setDeletedAt(db: Db, ids: number[], at: string | null): void {
  if (ids.length === 0) return;
  db.run(db.q.updateTable('project').set({ deleted_at: at }).where('id', 'in', ids));
}

/** The projects whose 总投资 is approximate (860余万元): every surface marks it (display.ts formatApproxWan). */
export function approxProjectIds(db: Db): Set<number> {
  const rows = db.all(db.q.selectFrom('project').select('id').where('approx', '=', 1).where('deleted_at', 'is', null));
  return new Set(rows.map((r) => r.id));
}

export function childIds(db: Db, parentId: number): number[] {
  return db.all(db.q.selectFrom('project').select('id').where('parent_id', '=', parentId)).map((r) => r.id);
}

export function findByCode(db: Db, code: string): { id: number } | undefined {
  return cachedStatement(db, 'SELECT id FROM project WHERE code = ?').get(code) as { id: number } | undefined;
}

export interface ProjectKeys {
  /** 编号 → project, in the recycle bin too (a code stays taken). */
  byCode: Map<string, { id: number; name: string }>;
  /** 名称 + 年度 → active project. */
  byNameYear: Map<string, { id: number; name: string }>;
}

export const nameYearKey = (name: string, year: number): string => `${year}\u0000${name}`;

/** What findByCode / findActiveByNameYear answer, for every project at once (imports check thousands of rows). */
export function projectKeys(db: Db): ProjectKeys {
  const rows = db.all(
    db.q.selectFrom('project').select(['id', 'code', 'name', 'plan_year', 'deleted_at']).orderBy('id'),
  );
  const keys: ProjectKeys = { byCode: new Map(), byNameYear: new Map() };
  for (const r of rows) {
    if (r.code !== null && !keys.byCode.has(r.code)) keys.byCode.set(r.code, { id: r.id, name: r.name });
    const k = nameYearKey(r.name, r.plan_year);
    if (r.deleted_at === null && !keys.byNameYear.has(k)) keys.byNameYear.set(k, { id: r.id, name: r.name });
  }
  return keys;
}

export function findActiveByNameYear(db: Db, name: string, year: number): { id: number } | undefined {
  return cachedStatement(db, 'SELECT id FROM project WHERE name = ? AND plan_year = ? AND deleted_at IS NULL').get(
    name,
    year,
  ) as { id: number } | undefined;
}

/** Ancestors of a project (to refuse a parent that would make a cycle). */
export function ancestorIds(db: Db, id: number): number[] {
  const rows = cachedStatement(
    db,
    `WITH RECURSIVE up(id, parent_id) AS (SELECT id, parent_id FROM project WHERE id = ?
         UNION SELECT p.id, p.parent_id FROM project p JOIN up ON p.id = up.parent_id)
       SELECT id FROM up`,
  ).all(id) as { id: number }[];
  return rows.map((r) => r.id);
}

export interface ListFilter {
  year?: number | null;
  includeDeleted?: boolean;
  onlyDeleted?: boolean;
}

/** The ledger row select: display names and per-project sums, in one pass over indexed joins. */
function ledgerRowQuery(db: Db) {
  return db.q
    .selectFrom('project as p')
    .leftJoin('org_unit as lead', 'lead.id', 'p.lead_org_id')
    .leftJoin('staff as leader', 'leader.id', 'p.leader_staff_id')
    .leftJoin('org_unit as village', 'village.id', 'p.village_org_id')
    .selectAll('p')
    .select([
      'lead.name as lead_org_name',
      'leader.name as leader_name',
      'village.name as village_name',
      sql<
        string | null
      >`(SELECT group_concat(o.name, '、') FROM project_org po JOIN org_unit o ON o.id = po.org_id WHERE po.project_id = p.id)`.as(
        'resp_names',
      ),
      sql<string | null>`(SELECT group_concat(po.org_id) FROM project_org po WHERE po.project_id = p.id)`.as(
        'resp_ids',
      ),
      sql<string | null>`(SELECT group_concat(t.tag, '|') FROM project_tag t WHERE t.project_id = p.id)`.as('tag_list'),
      sql<number>`(SELECT count(*) FROM project c WHERE c.parent_id = p.id AND c.deleted_at IS NULL)`.as('child_count'),
      sql<number>`(SELECT coalesce(sum(i.amount_fen), 0) FROM project_item i WHERE i.project_id = p.id)`.as(
        'items_sum',
      ),
      sql<number>`(SELECT coalesce(sum(f.amount_fen), 0) FROM funding_plan f WHERE f.project_id = p.id)`.as(
        'funding_sum',
      ),
    ]);
}

type LedgerRowRaw = Row & {
  lead_org_name: string | null;
  leader_name: string | null;
  village_name: string | null;
  resp_names: string | null;
  resp_ids: string | null;
  tag_list: string | null;
  child_count: number;
  items_sum: number;
  funding_sum: number;
};

function toLedgerRow(r: LedgerRowRaw): ProjectRow {
  return {
    ...toProject(
      r,
      r.resp_ids ? r.resp_ids.split(',').map(Number) : [],
      r.tag_list ? r.tag_list.split('|').sort() : [],
    ),
    leadOrgName: r.lead_org_name,
    responsibleOrgNames: r.resp_names ? r.resp_names.split('、') : [],
    leaderName: r.leader_name,
    villageName: r.village_name,
    childCount: r.child_count,
    itemsSumFen: r.items_sum,
    fundingSumFen: r.funding_sum,
  };
}

export function listProjectRows(db: Db, f: ListFilter): ProjectRow[] {
  let q = ledgerRowQuery(db);
  if (f.onlyDeleted) q = q.where('p.deleted_at', 'is not', null);
  else if (!f.includeDeleted) q = q.where('p.deleted_at', 'is', null);
  if (f.year) q = q.where('p.plan_year', '=', f.year);
  return db
    .all(q)
    .sort((a, b) => b.plan_year - a.plan_year || compareLedgerPlaces(a, b))
    .map(toLedgerRow);
}

/** Ledger rows by id, in the order asked (ids not found are left out). */
export function ledgerRowsByIds(db: Db, ids: number[]): ProjectRow[] {
  if (ids.length === 0) return [];
  const byId = new Map(db.all(ledgerRowQuery(db).where('p.id', 'in', ids)).map((r) => [r.id, toLedgerRow(r)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** What the grid filters on, for every project (narrow: no display names, no sums, no link tables). */
export interface GridFacts {
  id: number;
  parent_id: number | null;
  deleted: number;
  plan_year: number;
  category: string | null;
  subcategory: string | null;
  status: string;
  nature: string | null;
  stage_group: string | null;
  village_org_id: number | null;
  lead_org_id: number | null;
  leader_staff_id: number | null;
  total_fen: number;
  search_key: string | null;
  sort: number;
  code: string | null;
}

/**
 * The grid facts of every project (or of some), one row at a time: the grid keeps its own narrow copy of each, so
 * the rows themselves are never all held. In no order: the grid puts its copies in the ledger's order.
 */
export function gridFacts(db: Db, ids?: number[]): IterableIterator<GridFacts> {
  let q = db.q
    .selectFrom('project as p')
    .select([
      'p.id',
      'p.parent_id',
      sql<number>`p.deleted_at IS NOT NULL`.as('deleted'),
      'p.plan_year',
      'p.category',
      'p.subcategory',
      'p.status',
      'p.nature',
      'p.stage_group',
      'p.village_org_id',
      'p.lead_org_id',
      'p.leader_staff_id',
      'p.total_fen',
      'p.search_key',
      'p.sort',
      'p.code',
    ]);
  if (ids) q = q.where('p.id', 'in', ids);
  return db.eachLean(q);
}

/** The 责任单位 and 标记 links of every project (or of some), for the grid's filters. */
export function gridLinks(
  db: Db,
  ids?: number[],
): { orgs: { project_id: number; org_id: number }[]; tags: { project_id: number; tag: string }[] } {
  const orgs = db.q.selectFrom('project_org').select(['project_id', 'org_id']);
  const tags = db.q.selectFrom('project_tag').select(['project_id', 'tag']);
  return {
    orgs: db.all(ids ? orgs.where('project_id', 'in', ids) : orgs),
    tags: db.all(ids ? tags.where('project_id', 'in', ids) : tags),
  };
}

/** Name, 编号 and 地点 of some projects (search keys of rows written before migration 0003, parent pick lists). */
export function projectLabels(
  db: Db,
  ids: number[],
): { id: number; name: string; code: string | null; location: string }[] {
  if (ids.length === 0) return [];
  return db.all(db.q.selectFrom('project').select(['id', 'name', 'code', 'location']).where('id', 'in', ids));
}

const orgNameOf = (col: string) => sql<string | null>`(SELECT o.name FROM org_unit o WHERE o.id = ${sql.ref(col)})`;
const staffNameOf = (col: string) => sql<string | null>`(SELECT s.name FROM staff s WHERE s.id = ${sql.ref(col)})`;
const yesNo = (col: string) => sql<string>`CASE WHEN ${sql.ref(col)} = 1 THEN '是' ELSE '否' END`;

/** Each grid column's sort value in SQL: the same value the grid shows (names, not ids; 是/否; joined lists). */
const SORT_VALUES: Record<LedgerSortKey, RawBuilder<string | number | null>> = {
  code: sql`p.code`,
  name: sql`p.name`,
  planYear: sql`p.plan_year`,
  category: sql`p.category`,
  subcategory: sql`p.subcategory`,
  stageGroup: sql`p.stage_group`,
  nature: sql`p.nature`,
  location: sql`p.location`,
  village: orgNameOf('p.village_org_id'),
  scope: sql`p.scope`,
  totalFen: sql`p.total_fen`,
  fundingSumFen: sql`(SELECT coalesce(sum(f.amount_fen), 0) FROM funding_plan f WHERE f.project_id = p.id)`,
  years: sql`CASE WHEN p.year_from IS NOT NULL THEN p.year_from || '-' || coalesce(p.year_to, '') END`,
  planStart: sql`p.plan_start`,
  planEnd: sql`p.plan_end`,
  actStart: sql`p.act_start`,
  actEnd: sql`p.act_end`,
  status: sql`p.status`,
  approvalKind: sql`p.approval_kind`,
  approvalNo: sql`p.approval_no`,
  approvalYm: sql`p.approval_ym`,
  owner: orgNameOf('p.owner_org_id'),
  lead: orgNameOf('p.lead_org_id'),
  responsible: sql`(SELECT group_concat(o.name, '、') FROM project_org po JOIN org_unit o ON o.id = po.org_id WHERE po.project_id = p.id)`,
  leader: staffNameOf('p.leader_staff_id'),
  manager: staffNameOf('p.manager_staff_id'),
  contact: sql`p.contact`,
  phone: sql`p.phone`,
  delivery: sql`p.delivery`,
  govFunded: yesNo('p.gov_funded'),
  inStats: yesNo('p.in_stats'),
  statsDate: sql`p.stats_date`,
  landMuHave: sql`p.land_mu_have`,
  landMuNeed: sql`p.land_mu_need`,
  openingCumFen: sql`p.opening_cum_fen`,
  tags: sql`(SELECT group_concat(tag, '、') FROM (SELECT t.tag FROM project_tag t WHERE t.project_id = p.id ORDER BY t.tag))`,
  note: sql`p.note`,
};

/** [id, sort value] of every project for one grid column. */
export function gridSortValues(db: Db, key: LedgerSortKey): { id: number; v: string | number | null }[] {
  return db.all(db.q.selectFrom('project as p').select(['p.id', SORT_VALUES[key].as('v')]));
}

/** Plan years present among the projects in (or out of) the 回收站. */
export function planYears(db: Db, deleted: boolean): number[] {
  const q = db.q.selectFrom('project').select('plan_year').distinct().orderBy('plan_year', 'desc');
  return db
    .all(deleted ? q.where('deleted_at', 'is not', null) : q.where('deleted_at', 'is', null))
    .map((r) => r.plan_year);
}

/**
 * Changes whenever this connection writes anything or another connection commits: caches built from
 * the database are good while it stays the same.
 */
export function dataStamp(db: Db): string {
  const n = db.first(db.q.selectNoFrom(sql<number>`total_changes()`.as('n')))!.n;
  return `${n}:${db.sqlite.pragma('data_version', { simple: true }) as number}`;
}

/** The tables behind the grid's filter facts, with the column naming their project (see write-watch.repository.ts). */
export const GRID_TABLES = { project: 'id', project_org: 'project_id', project_tag: 'project_id' } as const;

/** Projects written before migration 0003, whose search key is still missing. */
export function projectsMissingSearchKey(
  db: Db,
): { id: number; name: string; code: string | null; location: string }[] {
  return db.all(db.q.selectFrom('project').select(['id', 'name', 'code', 'location']).where('search_key', 'is', null));
}

export function setSearchKey(db: Db, id: number, key: string): void {
  db.run(db.q.updateTable('project').set({ search_key: key }).where('id', '=', id));
}

export function orgExists(db: Db, id: number): boolean {
  return orgName(db, id) !== undefined;
}

export function staffExists(db: Db, id: number): boolean {
  return staffName(db, id) !== undefined;
}

export function orgName(db: Db, id: number): string | undefined {
  return (cachedStatement(db, 'SELECT name FROM org_unit WHERE id = ?').get(id) as { name: string } | undefined)?.name;
}

export function staffName(db: Db, id: number): string | undefined {
  return (cachedStatement(db, 'SELECT name FROM staff WHERE id = ?').get(id) as { name: string } | undefined)?.name;
}

/** Above this many projects asked for, every project is read (one plain pass beats a long IN list). */
const PEOPLE_BY_ID_UP_TO = 500;

/** 包联领导 and 责任人 of the projects (all, or those given): name, 职务 and 电话 as 人员 keeps them. */
export function projectPeopleRows(db: Db, ids?: readonly number[]) {
  let q = db.q
    .selectFrom('project as p')
    .leftJoin('staff as leader', 'leader.id', 'p.leader_staff_id')
    .leftJoin('staff as manager', 'manager.id', 'p.manager_staff_id')
    .select([
      'p.id',
      'leader.name as leader_name',
      'leader.title as leader_title',
      'leader.phone as leader_phone',
      'manager.name as manager_name',
      'manager.title as manager_title',
      'manager.phone as manager_phone',
    ]);
  if (ids && ids.length <= PEOPLE_BY_ID_UP_TO) {
    if (ids.length === 0) return [];
    q = q.where('p.id', 'in', ids);
  }
  return db.allLean(q);
}
