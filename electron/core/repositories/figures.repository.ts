/**
 * The few set-based queries behind a period's figures: one pass per table, keyed by project. Given `ids`, the
 * per-project ones read only those projects (the figures patched after a write, figures-state.ts): small
 * lists only, one bound parameter per id.
 */
import { sql } from 'kysely';
import type { Db } from '../db/connection.ts';
import { compareLedgerPlaces } from '../../../shared/domain/collate.ts';
import { pushTo } from '../../../shared/domain/collections.ts';

/**
 * The year a project's 期初累计 (至上年底累计) runs to the end of: the year kept with it, else the year before the
 * project's 年度 — the sense of 至上年底 where the project was entered (a figure without it counted for nothing,
 * so an 期初累计 typed or imported without its year was left out of 至上年底 and 开工以来累计). Null: none.
 */
const OPENING_YEAR = sql<
  number | null
>`CASE WHEN p.opening_cum_fen <> 0 THEN coalesce(p.opening_cum_year, p.plan_year - 1) END`;

/**
 * Every project not in the 回收站, in ledger order (compareLedgerPlaces: SQLite cannot order 编号 by their number
 * parts), with the columns the figures carry. Names of the lead unit and leader come from the small lookup maps
 * below: joining them here costs more than the lookups.
 */
export function activeProjects(db: Db, ids?: readonly number[]) {
  let q = db.q.selectFrom('project as p');
  if (ids) q = q.where('p.id', 'in', ids);
  const rows = db.allLean(
    q
      .select([
        'p.id',
        'p.code',
        'p.name',
        'p.parent_id',
        'p.category',
        'p.subcategory',
        'p.stage_group',
        'p.nature',
        'p.scope',
        'p.location',
        'p.status',
        'p.year_from',
        'p.year_to',
        'p.plan_start',
        'p.plan_end',
        'p.act_start',
        'p.act_end',
        'p.total_fen',
        'p.opening_cum_fen',
        OPENING_YEAR.as('opening_cum_year'),
        'p.in_stats',
        'p.lead_org_id',
        'p.leader_staff_id',
        'p.sort',
      ])
      .where('p.deleted_at', 'is', null),
  );
  return rows.sort(compareLedgerPlaces);
}

export function orgNames(db: Db): Map<number, string> {
  return new Map(db.allLean(db.q.selectFrom('org_unit').select(['id', 'name'])).map((o) => [o.id, o.name]));
}

export function staffNames(db: Db): Map<number, string> {
  return new Map(db.allLean(db.q.selectFrom('staff').select(['id', 'name'])).map((s) => [s.id, s.name]));
}

/** 责任单位 names per project (in unit order), in one pass over the link table. */
export function responsibleOrgNames(
  db: Db,
  names: Map<number, string>,
  ids?: readonly number[],
): Map<number, string[]> {
  const out = new Map<number, string[]>();
  let q = db.q.selectFrom('project_org').select(['project_id', 'org_id']);
  if (ids) q = q.where('project_id', 'in', ids);
  const rows = db.allLean(q.orderBy('project_id').orderBy('org_id'));
  for (const r of rows) {
    const name = names.get(r.org_id);
    if (name !== undefined) pushTo(out, r.project_id, name);
  }
  return out;
}

export function yearPlans(db: Db, year: number, ids?: readonly number[]) {
  const q = db.q.selectFrom('year_plan').selectAll().where('year', '=', year);
  return db.allLean(ids ? q.where('project_id', 'in', ids) : q);
}

/**
 * Σ month_fen before the year, within the year up to the period, and in the period itself; and of the months before
 * the year, those up to the December of the project's 期初累计 year (covered_fen: already inside that figure).
 */
export function progressSums(db: Db, year: number, period: string, ids?: readonly number[]) {
  const yearStart = `${year}-01`;
  const from = db.q.selectFrom('progress as r').innerJoin('project as p', 'p.id', 'r.project_id');
  return db.allLean(
    (ids ? from.where('r.project_id', 'in', ids) : from)
      .select([
        'r.project_id',
        sql<number>`coalesce(sum(CASE WHEN r.period < ${yearStart} THEN r.month_fen END), 0)`.as('before_fen'),
        sql<number>`coalesce(sum(CASE WHEN r.period < ${yearStart} AND r.period <= ${OPENING_YEAR} || '-12' THEN r.month_fen END), 0)`.as(
          'covered_fen',
        ),
        sql<number>`coalesce(sum(CASE WHEN r.period >= ${yearStart} AND r.period <= ${period} THEN r.month_fen END), 0)`.as(
          'ytd_fen',
        ),
        sql<number>`coalesce(sum(CASE WHEN r.period = ${period} THEN r.month_fen END), 0)`.as('month_fen'),
      ])
      .where('r.period', '<=', period)
      .groupBy('r.project_id'),
  );
}

export function reportsOfPeriod(db: Db, period: string, ids?: readonly number[]) {
  const q = db.q
    .selectFrom('progress')
    .select(['project_id', 'image_text', 'image_pct', 'issues', 'next_steps', 'needs', 'state'])
    .where('period', '=', period);
  return db.allLean(ids ? q.where('project_id', 'in', ids) : q);
}

/**
 * Per project, its milestones other than 开工 (judged by the 开工 light) that were due before `asOf` and not
 * finished by then, earliest plan first: the caller judges their lateness (shared/domain/milestone.ts).
 */
export function unfinishedMilestones(db: Db, asOf: string, ids?: readonly number[]) {
  const from = db.q.selectFrom('milestone');
  return db.allLean(
    (ids ? from.where('project_id', 'in', ids) : from)
      .select(['project_id', 'node', 'plan_date', 'act_date'])
      .where((eb) => eb.or([eb('act_date', 'is', null), eb('act_date', '>', asOf)]))
      .where('plan_date', 'is not', null)
      .where('plan_date', '<', asOf)
      .where('node', '!=', '开工')
      .orderBy('project_id')
      .orderBy('plan_date'),
  );
}

export function fundFlowSums(db: Db, asOf: string, ids?: readonly number[]) {
  const from = db.q.selectFrom('fund_flow');
  return db.allLean(
    (ids ? from.where('project_id', 'in', ids) : from)
      .select([
        'project_id',
        sql<number>`coalesce(sum(CASE WHEN type = '到位' THEN amount_fen END), 0)`.as('arrived_fen'),
        sql<number>`coalesce(sum(CASE WHEN type = '支付' THEN amount_fen END), 0)`.as('paid_fen'),
      ])
      .where('date', '<=', asOf)
      .groupBy('project_id'),
  );
}

export function isPeriodClosed(db: Db, period: string): boolean {
  return db.first(db.q.selectFrom('period_close').select('closed').where('period', '=', period))?.closed === 1;
}

export function lightRuleOverrides(db: Db): { key: string; value: string }[] {
  return db.all(db.q.selectFrom('light_rule').selectAll());
}
