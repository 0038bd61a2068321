/** All SQL for 责任清单 tasks, their M:N links, and 行动方案 with 实施步骤. */
import { sql } from 'kysely';
import type { Campaign, TaskRow, TaskSave } from '../../../shared/schemas/task.ts';
import type { Db } from '../db/connection.ts';

const ids = (s: string | null) => (s ? s.split(',').map(Number) : []);
const names = (s: string | null) => (s ? s.split('|') : []);

export function listTaskRows(db: Db, campaignId: number | null | undefined): TaskRow[] {
  let q = db.q
    .selectFrom('task as t')
    .leftJoin('org_unit as lead', 'lead.id', 't.lead_org_id')
    .leftJoin('campaign as c', 'c.id', 't.campaign_id')
    .selectAll('t')
    .select([
      'lead.name as lead_name',
      'c.name as campaign_name',
      sql<
        string | null
      >`(SELECT group_concat(org_id) FROM (SELECT tor.org_id FROM task_org tor JOIN org_unit o ON o.id = tor.org_id WHERE tor.task_id = t.id ORDER BY o.sort, o.id))`.as(
        'resp_ids',
      ),
      sql<
        string | null
      >`(SELECT group_concat(name, '|') FROM (SELECT o.name FROM task_org tor JOIN org_unit o ON o.id = tor.org_id WHERE tor.task_id = t.id ORDER BY o.sort, o.id))`.as(
        'resp_names',
      ),
      sql<string | null>`(SELECT group_concat(project_id) FROM task_project tp WHERE tp.task_id = t.id)`.as(
        'project_ids',
      ),
      sql<
        string | null
      >`(SELECT group_concat(p.name, '|') FROM task_project tp JOIN project p ON p.id = tp.project_id WHERE tp.task_id = t.id)`.as(
        'project_names',
      ),
    ]);
  if (campaignId) q = q.where('t.campaign_id', '=', campaignId);
  return db.all(q.orderBy('t.campaign_id').orderBy('t.sort').orderBy('t.id')).map((r) => ({
    id: r.id,
    campaignId: r.campaign_id,
    campaignName: r.campaign_name,
    no: r.no,
    title: r.title,
    category: r.category,
    leadOrgId: r.lead_org_id,
    leadOrgName: r.lead_name,
    respOrgIds: ids(r.resp_ids),
    respOrgNames: names(r.resp_names),
    deadline: r.deadline,
    progressText: r.progress_text,
    status: r.status,
    issues: r.issues,
    note: r.note,
    projectIds: ids(r.project_ids),
    projectNames: names(r.project_names),
    sort: r.sort,
  }));
}

export function findTask(db: Db, id: number): TaskRow | undefined {
  return listTaskRows(db, null).find((t) => t.id === id);
}

const columns = (t: TaskSave & { sort: number }) => ({
  campaign_id: t.campaignId,
  no: t.no,
  title: t.title,
  category: t.category,
  lead_org_id: t.leadOrgId,
  deadline: t.deadline,
  progress_text: t.progressText,
  status: t.status,
  issues: t.issues,
  note: t.note,
  sort: t.sort,
});

export function insertTask(db: Db, t: TaskSave & { sort: number }): number {
  const id = db.run(db.q.insertInto('task').values(columns(t))).lastInsertRowid;
  setLinks(db, id, t.respOrgIds, t.projectIds);
  return id;
}

export function updateTask(db: Db, id: number, t: TaskSave & { sort: number }): void {
  db.run(db.q.updateTable('task').set(columns(t)).where('id', '=', id));
  setLinks(db, id, t.respOrgIds, t.projectIds);
}

function setLinks(db: Db, taskId: number, orgIds: number[], projectIds: number[]): void {
  db.run(db.q.deleteFrom('task_org').where('task_id', '=', taskId));
  for (const orgId of new Set(orgIds)) db.run(db.q.insertInto('task_org').values({ task_id: taskId, org_id: orgId }));
  db.run(db.q.deleteFrom('task_project').where('task_id', '=', taskId));
  for (const projectId of new Set(projectIds))
    db.run(db.q.insertInto('task_project').values({ task_id: taskId, project_id: projectId }));
}

export function deleteTask(db: Db, id: number): void {
  db.run(db.q.deleteFrom('task').where('id', '=', id));
}

export function nextTaskSort(db: Db): number {
  return (db.first(db.q.selectFrom('task').select(sql<number>`coalesce(max(sort), 0)`.as('m')))?.m ?? 0) + 1;
}

export function projectIsLive(db: Db, id: number): boolean {
  return !!db.first(db.q.selectFrom('project').select('id').where('id', '=', id).where('deleted_at', 'is', null));
}

// ---------------------------------------------------------------------------------------------------
// Campaigns
// ---------------------------------------------------------------------------------------------------

export function listCampaigns(db: Db): Campaign[] {
  const phases = db.all(
    db.q.selectFrom('campaign_phase').selectAll().orderBy('campaign_id').orderBy('sort').orderBy('id'),
  );
  return db
    .all(
      db.q
        .selectFrom('campaign as c')
        .selectAll('c')
        .select(sql<number>`(SELECT count(*) FROM task t WHERE t.campaign_id = c.id)`.as('task_count'))
        .orderBy('c.id'),
    )
    .map((c) => ({
      id: c.id,
      name: c.name,
      sourceDoc: c.source_doc,
      taskCount: c.task_count,
      phases: phases
        .filter((p) => p.campaign_id === c.id)
        .map((p) => ({ id: p.id, name: p.name, dateFrom: p.date_from, dateTo: p.date_to, goal: p.goal, sort: p.sort })),
    }));
}

export function findCampaignByName(db: Db, name: string): { id: number } | undefined {
  return db.first(db.q.selectFrom('campaign').select('id').where('name', '=', name));
}

export function campaignExists(db: Db, id: number): boolean {
  return !!db.first(db.q.selectFrom('campaign').select('id').where('id', '=', id));
}

export function upsertCampaign(db: Db, id: number | null, c: { name: string; sourceDoc: string | null }): number {
  if (id === null)
    return db.run(db.q.insertInto('campaign').values({ name: c.name, source_doc: c.sourceDoc })).lastInsertRowid;
  db.run(db.q.updateTable('campaign').set({ name: c.name, source_doc: c.sourceDoc }).where('id', '=', id));
  return id;
}

export function replacePhases(
  db: Db,
  campaignId: number,
  phases: readonly { name: string; dateFrom: string | null; dateTo: string | null; goal: string | null }[],
): void {
  db.run(db.q.deleteFrom('campaign_phase').where('campaign_id', '=', campaignId));
  phases.forEach((p, i) =>
    db.run(
      db.q.insertInto('campaign_phase').values({
        campaign_id: campaignId,
        name: p.name,
        date_from: p.dateFrom,
        date_to: p.dateTo,
        goal: p.goal,
        sort: i + 1,
      }),
    ),
  );
}
