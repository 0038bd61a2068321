import { sql } from 'kysely';
import type { LgMember, OrgRow, OrgSave, OrgUnit, Staff, StaffRow } from '../../../shared/schemas/org.ts';
import type { Db } from '../db/connection.ts';
import { namePinyin } from '../search-key.ts';

export function listOrgs(db: Db): OrgUnit[] {
  return db
    .all(
      db.q.selectFrom('org_unit').select(['id', 'name', 'short_name', 'level', 'kind']).orderBy('sort').orderBy('id'),
    )
    .map((r) => ({
      id: r.id,
      name: r.name,
      shortName: r.short_name,
      level: r.level,
      kind: r.kind,
      pinyin: namePinyin(r.name),
    }));
}

export function listStaff(db: Db): Staff[] {
  return db
    .all(db.q.selectFrom('staff').select(['id', 'name', 'title', 'org_id', 'phone', 'active']).orderBy('id'))
    .map(staffOf);
}

/** A person as every list of people carries them (the pickers' pinyin with the name). */
function staffOf(r: {
  id: number;
  name: string;
  title: string;
  org_id: number | null;
  phone: string | null;
  active: number;
}): Staff {
  return {
    id: r.id,
    name: r.name,
    title: r.title,
    orgId: r.org_id,
    phone: r.phone,
    active: r.active === 1,
    pinyin: namePinyin(r.name),
  };
}

// ---------------------------------------------------------------------------------------------------
// Units (组织单位)
// ---------------------------------------------------------------------------------------------------

export function listOrgRows(db: Db): OrgRow[] {
  return db
    .all(
      db.q
        .selectFrom('org_unit as o')
        .selectAll('o')
        .select([
          sql<number>`(SELECT count(*) FROM staff s WHERE s.org_id = o.id)`.as('staff_count'),
          sql<number>`(SELECT count(DISTINCT p.id) FROM project p LEFT JOIN project_org po ON po.project_id = p.id
                       WHERE p.deleted_at IS NULL AND (p.lead_org_id = o.id OR p.owner_org_id = o.id OR p.village_org_id = o.id OR po.org_id = o.id))`.as(
            'project_count',
          ),
          sql<number>`(SELECT count(DISTINCT t.id) FROM task t LEFT JOIN task_org tro ON tro.task_id = t.id WHERE t.lead_org_id = o.id OR tro.org_id = o.id)`.as(
            'task_count',
          ),
        ])
        .orderBy('o.sort')
        .orderBy('o.id'),
    )
    .map((r) => ({
      id: r.id,
      name: r.name,
      pinyin: namePinyin(r.name),
      shortName: r.short_name,
      level: r.level,
      kind: r.kind,
      sort: r.sort,
      note: r.note,
      legalRep: r.legal_rep,
      staffCount: r.staff_count,
      projectCount: r.project_count,
      taskCount: r.task_count,
    }));
}

export function findOrg(db: Db, id: number) {
  return db.first(db.q.selectFrom('org_unit').selectAll().where('id', '=', id));
}

export function findOrgByName(db: Db, name: string) {
  return db.first(db.q.selectFrom('org_unit').selectAll().where('name', '=', name));
}

/** A unit's columns as the form saves them: one mapping for a new unit and an edited one. */
const orgColumns = (o: OrgSave & { sort: number }) => ({
  name: o.name,
  short_name: o.shortName,
  level: o.level,
  kind: o.kind,
  sort: o.sort,
  note: o.note,
  legal_rep: o.legalRep,
});

export function insertOrg(db: Db, o: OrgSave & { sort: number }): number {
  return db.run(db.q.insertInto('org_unit').values(orgColumns(o))).lastInsertRowid;
}

export function updateOrg(db: Db, id: number, o: OrgSave & { sort: number }): void {
  db.run(db.q.updateTable('org_unit').set(orgColumns(o)).where('id', '=', id));
}

export function deleteOrg(db: Db, id: number): void {
  db.run(db.q.deleteFrom('org_unit').where('id', '=', id));
}

export function nextOrgSort(db: Db): number {
  return (db.first(db.q.selectFrom('org_unit').select(sql<number>`coalesce(max(sort), 0)`.as('m')))?.m ?? 0) + 1;
}

/** Where a unit is still used, as Chinese phrases ("3个项目的牵头单位"); empty when it can go. */
export function orgReferences(db: Db, id: number): string[] {
  const count = (text: string) => (db.sqlite.prepare(text).get(id) as { n: number }).n;
  const refs: [number, string][] = [
    [count('SELECT count(*) n FROM staff WHERE org_id = ?'), '名人员的所在单位'],
    [count('SELECT count(*) n FROM project WHERE lead_org_id = ?'), '个项目的牵头单位'],
    [count('SELECT count(*) n FROM project_org WHERE org_id = ?'), '个项目的责任单位'],
    [count('SELECT count(*) n FROM project WHERE owner_org_id = ?'), '个项目的实施主体'],
    [count('SELECT count(*) n FROM project WHERE village_org_id = ?'), '个项目的所在村(社区)'],
    [count('SELECT count(*) n FROM task WHERE lead_org_id = ?'), '项责任清单任务的牵头单位'],
    [count('SELECT count(*) n FROM task_org WHERE org_id = ?'), '项责任清单任务的责任单位'],
    [count('SELECT count(*) n FROM supervision WHERE to_org_id = ?'), '份督办单的接收单位'],
  ];
  return refs.filter(([n]) => n > 0).map(([n, what]) => `${n}${what}`);
}

// ---------------------------------------------------------------------------------------------------
// People (人员)
// ---------------------------------------------------------------------------------------------------

export function listStaffRows(db: Db, active: boolean | null | undefined): StaffRow[] {
  let q = db.q
    .selectFrom('staff as s')
    .leftJoin('org_unit as o', 'o.id', 's.org_id')
    .selectAll('s')
    .select([
      'o.name as org_name',
      sql<
        string | null
      >`(SELECT group_concat(p.name, '|') FROM project p WHERE p.leader_staff_id = s.id AND p.deleted_at IS NULL)`.as(
        'leader_of',
      ),
    ]);
  if (active === true) q = q.where('s.active', '=', 1);
  if (active === false) q = q.where('s.active', '=', 0);
  return db.all(q.orderBy('s.active', 'desc').orderBy('o.sort').orderBy('s.id')).map((r) => ({
    ...staffOf(r),
    orgName: r.org_name,
    since: r.since,
    until: r.until,
    note: r.note,
    leaderOf: r.leader_of ? r.leader_of.split('|') : [],
  }));
}

export function findStaff(db: Db, id: number) {
  return db.first(db.q.selectFrom('staff').selectAll().where('id', '=', id));
}

/** The people in office, by name and 职务 (a twin is found by the names' keys, org.service.ts). */
export function staffInOffice(db: Db): { id: number; name: string; title: string }[] {
  return db.all(db.q.selectFrom('staff').select(['id', 'name', 'title']).where('active', '=', 1));
}

type StaffColumns = {
  name: string;
  title: string;
  org_id: number | null;
  phone: string | null;
  active: number;
  since: string | null;
  until: string | null;
  note: string | null;
};

export function insertStaff(db: Db, s: StaffColumns): number {
  return db.run(db.q.insertInto('staff').values(s)).lastInsertRowid;
}

export function updateStaff(db: Db, id: number, s: Partial<StaffColumns>): void {
  db.run(db.q.updateTable('staff').set(s).where('id', '=', id));
}

/** Hands a person's leading-group seats and projects to a successor; returns the project ids moved. */
export function handOverStaff(
  db: Db,
  fromId: number,
  toId: number,
): { leaderProjects: { id: number; name: string }[]; managerProjects: { id: number; name: string }[] } {
  const projects = (col: 'leader_staff_id' | 'manager_staff_id') =>
    db.all(db.q.selectFrom('project').select(['id', 'name']).where(col, '=', fromId).where('deleted_at', 'is', null));
  const leaderProjects = projects('leader_staff_id');
  const managerProjects = projects('manager_staff_id');
  db.run(
    db.q
      .updateTable('project')
      .set({ leader_staff_id: toId })
      .where('leader_staff_id', '=', fromId)
      .where('deleted_at', 'is', null),
  );
  db.run(
    db.q
      .updateTable('project')
      .set({ manager_staff_id: toId })
      .where('manager_staff_id', '=', fromId)
      .where('deleted_at', 'is', null),
  );
  db.run(db.q.updateTable('lg_member').set({ staff_id: toId }).where('staff_id', '=', fromId));
  db.run(
    db.q
      .updateTable('leading_group')
      .set({ office_director_staff_id: toId })
      .where('office_director_staff_id', '=', fromId),
  );
  return { leaderProjects, managerProjects };
}

// ---------------------------------------------------------------------------------------------------
// Leading group (领导小组) — the town has one
// ---------------------------------------------------------------------------------------------------

export function findLeadingGroup(db: Db) {
  return db.first(db.q.selectFrom('leading_group').selectAll().orderBy('id').limit(1));
}

export function listLgMembers(db: Db, groupId: number): LgMember[] {
  return db
    .all(
      db.q
        .selectFrom('lg_member as m')
        .innerJoin('staff as s', 's.id', 'm.staff_id')
        .leftJoin('org_unit as o', 'o.id', 's.org_id')
        .select([
          'm.staff_id',
          'm.role',
          'm.sort',
          'm.duty',
          's.name',
          's.title',
          's.phone',
          's.active',
          'o.name as org_name',
        ])
        .where('m.group_id', '=', groupId),
    )
    .map((r) => ({
      staffId: r.staff_id,
      name: r.name,
      title: r.title,
      orgName: r.org_name,
      phone: r.phone,
      active: r.active === 1,
      role: r.role,
      sort: r.sort,
      duty: r.duty,
    }));
}

type GroupColumns = {
  name: string;
  doc_no: string | null;
  office_at: string | null;
  office_director_staff_id: number | null;
  established_on: string | null;
};

export function upsertLeadingGroup(db: Db, existingId: number | null, g: GroupColumns): number {
  if (existingId === null) return db.run(db.q.insertInto('leading_group').values(g)).lastInsertRowid;
  db.run(db.q.updateTable('leading_group').set(g).where('id', '=', existingId));
  return existingId;
}

export function replaceLgMembers(
  db: Db,
  groupId: number,
  members: { staffId: number; role: string; sort: number; duty: string | null }[],
): void {
  db.run(db.q.deleteFrom('lg_member').where('group_id', '=', groupId));
  for (const m of members)
    db.run(
      db.q
        .insertInto('lg_member')
        .values({ group_id: groupId, staff_id: m.staffId, role: m.role, sort: m.sort, duty: m.duty }),
    );
}
