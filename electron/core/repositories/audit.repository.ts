import type { Db } from '../db/connection.ts';

export interface AuditFilter {
  from: string | null;
  to: string | null;
  operator: string | null;
  projectId: number | null;
}

/** Change-log rows for the auditors' export, oldest first, with the project's name. */
export function auditRows(db: Db, f: AuditFilter) {
  let q = db.q
    .selectFrom('change_log as c')
    .leftJoin('project as p', 'p.id', 'c.project_id')
    .select([
      'c.id',
      'c.at',
      'c.operator',
      'c.action',
      'c.entity',
      'c.entity_id',
      'c.project_id',
      'p.name as project_name',
      'c.field',
      'c.old_value',
      'c.new_value',
      'c.reason',
      'c.hash',
    ])
    .orderBy('c.id');
  // `at` is an ISO instant; dates are compared on the local (Beijing) calendar day by the service.
  if (f.from) q = q.where('c.at', '>=', f.from);
  if (f.to) q = q.where('c.at', '<', f.to);
  if (f.operator) q = q.where('c.operator', '=', f.operator);
  if (f.projectId) q = q.where('c.project_id', '=', f.projectId);
  return db.all(q);
}
