/** All SQL of 县级汇总: the packages a county received and each town's figures kept apart (migration 0008). */
import type { Insertable, Selectable } from 'kysely';
import { insertRow, type Db } from '../db/connection.ts';
import type { CountyPackageTable, CountyTownProjectTable } from '../db/schema.ts';

export type CountyPackageRow = Selectable<CountyPackageTable>;

export function findPackage(db: Db, town: string, period: string): CountyPackageRow | undefined {
  return db.first(db.q.selectFrom('county_package').selectAll().where('town', '=', town).where('period', '=', period));
}

/** Removes a town's package of a period with its figures (ON DELETE CASCADE). */
export function deletePackage(db: Db, id: number): void {
  db.run(db.q.deleteFrom('county_package').where('id', '=', id));
}

export function insertPackage(db: Db, row: Insertable<CountyPackageTable>): number {
  return insertRow(db, 'county_package', row);
}

export function insertTownFigures(
  db: Db,
  packageId: number,
  projects: number,
  totalInvestmentFen: number,
  figureSet: string,
): void {
  insertRow(db, 'county_town_figures', {
    package_id: packageId,
    projects,
    total_investment_fen: totalInvestmentFen,
    figure_set: figureSet,
  });
}

export function insertTownProject(db: Db, row: Insertable<CountyTownProjectTable>): void {
  insertRow(db, 'county_town_project', row);
}

/** The received packages of a period with their figures, by town name. */
export function townsOfPeriod(db: Db, period: string) {
  return db.all(
    db.q
      .selectFrom('county_package as p')
      .innerJoin('county_town_figures as f', 'f.package_id', 'p.id')
      .select([
        'p.town',
        'p.period',
        'p.closed',
        'p.imported_at',
        'p.imported_by',
        'p.file_name',
        'f.projects',
        'f.total_investment_fen',
        'f.figure_set',
      ])
      .where('p.period', '=', period)
      .orderBy('p.town'),
  );
}

/** The newest period any town has sent (null: none received). */
export function latestPeriod(db: Db): string | null {
  return db.first(db.q.selectFrom('county_package').select((eb) => eb.fn.max('period').as('p')))?.p ?? null;
}

/** Every period some town has sent, newest first. */
export function receivedPeriods(db: Db): string[] {
  return db
    .all(db.q.selectFrom('county_package').select('period').distinct().orderBy('period', 'desc'))
    .map((r) => r.period);
}
