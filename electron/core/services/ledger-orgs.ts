/**
 * The ledger's units as a clerk names them (org-name.ts orgFinder), read once per act: the import's cells
 * (import-orgs.ts), the 单位 form's duplicate check and a 责任清单 template's units (org.service.ts) all find a unit
 * through this, so none of them matches names by another rule.
 */
import { orgFinder, type NamedUnit, type OrgFinder } from '../../../shared/domain/org-name.ts';
import type { Db } from '../db/connection.ts';
import { orgUnitNames } from '../repositories/excel.repository.ts';

/**
 * `town`: the town's names (town-settings.service.ts townNames); `except`: a unit left out (the one being renamed,
 * which may keep any spelling of its own name).
 */
export function ledgerOrgs(db: Db, town: readonly string[], except?: number): OrgFinder<NamedUnit> {
  return orgFinder(
    orgUnitNames(db)
      .filter((u) => u.id !== except)
      .map((u) => ({ id: u.id, name: u.name, shortName: u.short_name })),
    town,
  );
}
