import type { OrgUnit, Staff } from '../../../shared/schemas/org.ts';
import type { Db } from '../db/connection.ts';

export function listOrgs(db: Db): OrgUnit[] {
  return db
    .all(db.q.selectFrom('org_unit').select(['id', 'name', 'short_name', 'level', 'kind']).orderBy('sort').orderBy('id'))
    .map((r) => ({ id: r.id, name: r.name, shortName: r.short_name, level: r.level, kind: r.kind }));
}

export function listStaff(db: Db): Staff[] {
  return db
    .all(db.q.selectFrom('staff').select(['id', 'name', 'title', 'org_id', 'phone', 'active']).orderBy('id'))
    .map((r) => ({ id: r.id, name: r.name, title: r.title, orgId: r.org_id, phone: r.phone, active: r.active === 1 }));
}
