/**
 * SQL for Excel in/out: saved column mappings, names → org/staff ids, funding and year plans, T4 sums (T5 reads the
 * 责任清单 as its page does, task.repository.ts).
 */
import { pushTo } from '../../../shared/domain/collections.ts';
import { cachedStatement, insertRow, type Db } from '../db/connection.ts';

export function listMappings(db: Db) {
  return db.all(db.q.selectFrom('excel_mapping').selectAll().orderBy('name'));
}

export function findMapping(db: Db, name: string) {
  return db.first(db.q.selectFrom('excel_mapping').selectAll().where('name', '=', name));
}

export function findMappingByFingerprint(db: Db, kind: 'import' | 'template', fingerprint: string) {
  return db.first(
    db.q
      .selectFrom('excel_mapping')
      .selectAll()
      .where('kind', '=', kind)
      .where('fingerprint', '=', fingerprint)
      .orderBy('updated_at', 'desc'),
  );
}

export function upsertMapping(
  db: Db,
  m: { name: string; kind: 'import' | 'template'; fingerprint: string | null; mapping: string; at: string },
): void {
  db.run(
    db.q
      .insertInto('excel_mapping')
      .values({ name: m.name, kind: m.kind, fingerprint: m.fingerprint, mapping: m.mapping, updated_at: m.at })
      .onConflict((oc) =>
        oc
          .column('name')
          .doUpdateSet({ kind: m.kind, fingerprint: m.fingerprint, mapping: m.mapping, updated_at: m.at }),
      ),
  );
}

/** Every unit's name and 简称, in the 组织机构 order: an import matches its sheet's unit names against them at once. */
export function orgUnitNames(db: Db): { id: number; name: string; short_name: string | null }[] {
  return cachedStatement(db, 'SELECT id, name, short_name FROM org_unit ORDER BY sort, id').all() as {
    id: number;
    name: string;
    short_name: string | null;
  }[];
}

/** A unit an import adds: at the end of the 组织机构 list (sort), as a unit added by hand is. */
export function insertOrg(db: Db, o: { name: string; note: string }): number {
  const sort = cachedStatement(db, 'SELECT coalesce(max(sort), 0) + 1 FROM org_unit').pluck().get() as number;
  return insertRow(db, 'org_unit', { ...o, sort });
}

/** Each unit's 法人代表 (null: nobody named yet), with its name: what an import's 法人代表 cells are held against. */
export function orgLegalReps(db: Db): Map<number, { name: string; legalRep: string | null }> {
  const rows = cachedStatement(db, 'SELECT id, name, legal_rep FROM org_unit').all() as {
    id: number;
    name: string;
    legal_rep: string | null;
  }[];
  return new Map(rows.map((r) => [r.id, { name: r.name, legalRep: r.legal_rep }]));
}

/** Names the unit's 法人代表 where it names nobody yet (an import's); false when it already had one. */
export function fillOrgLegalRep(db: Db, id: number, legalRep: string): boolean {
  return (
    cachedStatement(db, 'UPDATE org_unit SET legal_rep = ? WHERE id = ? AND legal_rep IS NULL').run(legalRep, id)
      .changes > 0
  );
}

export interface StaffMatch {
  id: number;
  name: string;
  title: string;
  active: number;
}

/** The people of this name, blanks inside ignored (王 伟 is 王伟): those in office first. */
export function staffByName(db: Db, key: string): StaffMatch[] {
  return cachedStatement(
    db,
    "SELECT id, name, title, active FROM staff WHERE replace(replace(name, ' ', ''), '　', '') = ? ORDER BY active DESC, id",
  ).all(key) as StaffMatch[];
}

/** The people in office who hold this post (镇长). */
export function activeStaffWithTitle(db: Db, title: string): StaffMatch[] {
  return cachedStatement(
    db,
    'SELECT id, name, title, active FROM staff WHERE active = 1 AND title = ? ORDER BY id',
  ).all(title) as StaffMatch[];
}

export function insertStaff(db: Db, s: { name: string; title: string; note: string }): number {
  return insertRow(db, 'staff', s);
}

// Called once per imported row: prepared statements, not a Kysely compile per call. A project created by the
// same import has no rows to replace (`created`): no DELETE for each of 10,000 new projects.
/** The funding plans of many projects, each in its order (an import's preview checks thousands of updates). */
/** A funding plan row as the import compares and writes it (imported-funding.ts PlanRow). */
interface FundingRowOf {
  source: string;
  fen: number;
  approx: boolean;
  note: string | null;
}
type FundingRowRead = Omit<FundingRowOf, 'approx'> & { approx: number };
const readRow = ({ approx, ...r }: FundingRowRead): FundingRowOf => ({ ...r, approx: approx === 1 });

export function fundingPlansOf(db: Db, ids: readonly number[]): Map<number, FundingRowOf[]> {
  const out = new Map<number, FundingRowOf[]>();
  for (const r of cachedStatement(
    db,
    'SELECT project_id, source, amount_fen AS fen, approx, note FROM funding_plan WHERE project_id IN (SELECT value FROM json_each(?)) ORDER BY project_id, id',
  ).all(JSON.stringify(ids)) as (FundingRowRead & { project_id: number })[]) {
    const { project_id, ...row } = r;
    pushTo(out, project_id, readRow(row));
  }
  return out;
}

/** A project's funding plan in its order (an import compares a row's 资金来源 with it). */
export function fundingPlanRows(db: Db, projectId: number): FundingRowOf[] {
  return (
    cachedStatement(
      db,
      'SELECT source, amount_fen AS fen, approx, note FROM funding_plan WHERE project_id = ? ORDER BY id',
    ).all(projectId) as FundingRowRead[]
  ).map(readRow);
}

export function insertFunding(db: Db, projectId: number, rows: readonly FundingRowOf[]): void {
  for (const r of rows)
    insertRow(db, 'funding_plan', {
      project_id: projectId,
      source: r.source,
      amount_fen: r.fen,
      approx: r.approx ? 1 : 0,
      note: r.note,
    });
}

/** The plan replaced as a whole (an import that changed it: only then, so an unchanged plan marks nothing written). */
export function replaceFunding(db: Db, projectId: number, rows: readonly FundingRowOf[]): void {
  cachedStatement(db, 'DELETE FROM funding_plan WHERE project_id = ?').run(projectId);
  insertFunding(db, projectId, rows);
}

/**
 * The sheet's 年度计划 for the project and year, written only when yearPlanMoves says so: the same figure again is no
 * write (a re-imported sheet: no trigger marks the project's figures for recomputing).
 */
export function upsertYearPlan(db: Db, projectId: number, year: number, fen: number): void {
  const now = cachedStatement(db, 'SELECT plan_fen FROM year_plan WHERE project_id = ? AND year = ?')
    .pluck()
    .get(projectId, year) as number | undefined;
  if (!yearPlanMoves(now, fen)) return;
  cachedStatement(
    db,
    'INSERT INTO year_plan (project_id, year, plan_fen) VALUES (?, ?, ?) ON CONFLICT (project_id, year) DO UPDATE SET plan_fen = excluded.plan_fen',
  ).run(projectId, year, fen);
}

/** The year plans of many projects: project → year → 分 (an import's preview checks thousands of updates). */
export function yearPlansOf(db: Db, ids: readonly number[]): Map<number, Map<number, number>> {
  const out = new Map<number, Map<number, number>>();
  for (const r of cachedStatement(
    db,
    'SELECT project_id, year, plan_fen FROM year_plan WHERE project_id IN (SELECT value FROM json_each(?))',
  ).all(JSON.stringify(ids)) as { project_id: number; year: number; plan_fen: number }[]) {
    let years = out.get(r.project_id);
    if (!years) out.set(r.project_id, (years = new Map()));
    years.set(r.year, r.plan_fen);
  }
  return out;
}

/**
 * Whether `fen` from a sheet changes the year's plan `now` (the plan held, if any). A 0 where the ledger has no plan
 * does not: the county tables show a missing plan as 0 (T1), and no figure tells a plan of 0 from none (the
 * 占年度计划% of both is empty), so importing T1 back created plans of 0 nobody had entered.
 */
export const yearPlanMoves = (now: number | undefined, fen: number): boolean =>
  fen === 0 ? now !== undefined && now !== 0 : now !== fen;

/** Funding plan per project and source (T2/T3/T4). */
/**
 * Projects' owner org, contact and note (T2/T3 columns the figures do not carry). The one source of a project's
 * 项目业主 as the county's forms print it: the owner unit's name and its 法人代表 (org_unit.legal_rep, a fact of the
 * unit, the same for every project it owns) — T3 and a county template's 法人代表 column read it here.
 */
export function projectExtras(db: Db) {
  return db.all(
    db.q
      .selectFrom('project as p')
      .leftJoin('org_unit as owner', 'owner.id', 'p.owner_org_id')
      .leftJoin('org_unit as village', 'village.id', 'p.village_org_id')
      .select([
        'p.id',
        'p.code',
        'p.plan_year',
        'p.approx',
        'p.contact',
        'p.phone',
        'p.note',
        'p.land_mu_have',
        'p.land_mu_need',
        'p.gov_funded',
        'p.approval_no',
        'p.approval_ym',
        'p.delivery',
        'owner.name as owner_name',
        'owner.legal_rep as owner_legal_rep',
        'village.name as village_name',
      ])
      .where('p.deleted_at', 'is', null),
  );
}

export function rowCounts(db: Db): Record<string, number> {
  const tables = [
    'project',
    'project_org',
    'project_tag',
    'funding_plan',
    'year_plan',
    'org_unit',
    'staff',
    'change_log',
    'excel_mapping',
  ];
  return Object.fromEntries(
    tables.map((t) => [t, (db.sqlite.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n]),
  );
}
