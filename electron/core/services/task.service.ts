/**
 * 责任清单: tasks with a 牵头单位, several 责任单位 and linked projects; 行动方案 with dated 实施步骤;
 * and the example templates (随县 15 tasks, 吉林 20-row appendix) loaded in one transaction.
 */
import { formatDateCn } from '../../../shared/domain/dates.ts';
import { formatDateSpanCn } from '../../../shared/domain/display.ts';
import type { FieldIssue } from '../../../shared/ipc/result.ts';
import { parseSheetCells, type SheetCell } from '../../../shared/schemas/sheet-cells.ts';
import {
  taskCellRules,
  type Campaign,
  type CampaignSave,
  type TaskCellField,
  type TaskRow,
  type TaskSave,
  type TaskTemplateKey,
} from '../../../shared/schemas/task.ts';
import { appendChanges } from '../audit/change-log.ts';
import { diffShown, text, type Shown } from '../audit/diff.ts';
import { nowIso, type Ctx } from '../context.ts';
import { AppError, notFound, validationError } from '../errors.ts';
import { findOrg } from '../repositories/org.repository.ts';
import * as repo from '../repositories/task.repository.ts';
import { TASK_TEMPLATES } from '../seed/task-templates.ts';
import { ensureOrgs } from './org.service.ts';

export const listTasks = (ctx: Ctx, campaignId: number | null | undefined): TaskRow[] =>
  repo.listTaskRows(ctx.db, campaignId);

/**
 * The 责任清单 a report or a printout is of, as the page shows one: the 行动方案 asked for, or the first (the one the
 * page opens at), with its tasks in the page's order and each task's units in the page's order. No 行动方案 at all:
 * every task. T5 and the printed 责任清单 both read it, so the paper and the sheet list the same rows.
 */
export function campaignTasks(ctx: Ctx, campaignId?: number | null): { campaign: Campaign | null; tasks: TaskRow[] } {
  const campaigns = repo.listCampaigns(ctx.db);
  const campaign = campaignId ? campaigns.find((c) => c.id === campaignId) : campaigns[0];
  if (campaignId && !campaign) throw notFound('责任清单', campaignId);
  return { campaign: campaign ?? null, tasks: repo.listTaskRows(ctx.db, campaign?.id ?? null) };
}

function taskIssues(ctx: Ctx, t: TaskSave): FieldIssue[] {
  const { db } = ctx;
  const issues: FieldIssue[] = [];
  if (t.campaignId !== null && !repo.campaignExists(db, t.campaignId))
    issues.push({ path: 'campaignId', message: `所属行动方案（编号 ${t.campaignId}）不存在` });
  if (t.leadOrgId !== null && !findOrg(db, t.leadOrgId))
    issues.push({ path: 'leadOrgId', message: `牵头单位（编号 ${t.leadOrgId}）不存在` });
  for (const id of t.respOrgIds)
    if (!findOrg(db, id)) issues.push({ path: 'respOrgIds', message: `责任单位（编号 ${id}）不存在` });
  for (const id of t.projectIds)
    if (!repo.projectIsLive(db, id))
      issues.push({ path: 'projectIds', message: `关联项目（编号 ${id}）不存在或已删除` });
  if (t.status === '已完成' && !t.progressText)
    issues.push({ path: 'progressText', message: '完成情况为“已完成”时，请填写工作进展（做了什么、何时完成）' });
  return issues;
}

const taskShown = (
  t: Pick<
    TaskRow,
    | 'no'
    | 'title'
    | 'category'
    | 'leadOrgName'
    | 'respOrgNames'
    | 'deadline'
    | 'progressText'
    | 'status'
    | 'issues'
    | 'note'
    | 'projectNames'
    | 'campaignName'
  >,
): Shown => ({
  campaignId: t.campaignName,
  no: t.no,
  title: t.title,
  category: t.category,
  leadOrgId: t.leadOrgName,
  respOrgIds: text(t.respOrgNames),
  deadline: t.deadline,
  progressText: t.progressText,
  status: t.status,
  issues: t.issues,
  note: t.note,
  projectIds: text(t.projectNames),
});

export function saveTask(ctx: Ctx, t: TaskSave): TaskRow {
  const { db } = ctx;
  return db.tx(() => {
    const issues = taskIssues(ctx, t);
    if (issues.length) throw validationError(issues);
    const at = nowIso(ctx);
    if (t.id === null) {
      const id = repo.insertTask(db, { ...t, sort: t.sort ?? repo.nextTaskSort(db) });
      appendChanges(db, ctx.session.operator, at, [
        { action: '新增', entity: 'task', entityId: id, newValue: `${t.no ? `${t.no}. ` : ''}${t.title}` },
      ]);
      return repo.findTask(db, id)!;
    }
    const before = repo.findTask(db, t.id);
    if (!before) throw notFound('责任清单任务', t.id);
    repo.updateTask(db, t.id, { ...t, sort: t.sort ?? before.sort });
    const after = repo.findTask(db, t.id)!;
    appendChanges(db, ctx.session.operator, at, diffShown('task', t.id, taskShown(before), taskShown(after)));
    return after;
  });
}

/** A task as the record its form saves, for a patch of some of its fields to be merged into. */
const toSave = (t: TaskRow): TaskSave => ({
  id: t.id,
  campaignId: t.campaignId,
  no: t.no,
  title: t.title,
  category: t.category,
  leadOrgId: t.leadOrgId,
  respOrgIds: t.respOrgIds,
  deadline: t.deadline,
  progressText: t.progressText,
  status: t.status as TaskSave['status'],
  issues: t.issues,
  note: t.note,
  projectIds: t.projectIds,
  sort: t.sort,
});

/**
 * A block of 责任清单 cells from the grid (a paste, a fill, a Delete, an undo step): every cell checked with its
 * field's rule, every changed task checked whole (units that exist, 已完成 needs its 工作进展) as the form is, then
 * saved and logged in ONE transaction — or, when any cell is refused, nothing written and every refusal named by
 * task and field (path `task.<id>.<field>`, which the grid reads back to mark the cell).
 */
export function updateTaskCells(ctx: Ctx, cells: SheetCell<TaskCellField>[]): { tasks: TaskRow[] } {
  const { db } = ctx;
  return db.tx(() => {
    const all = new Map(repo.listTaskRows(db, null).map((t) => [t.id, t]));
    const where = (id: number) => {
      const t = all.get(id);
      return t ? `任务“${t.no ? `${t.no}. ` : ''}${t.title.slice(0, 20)}”` : `任务（编号 ${id}）`;
    };
    const { patches, issues } = parseSheetCells(cells, taskCellRules, 'task', where);
    const merged: TaskSave[] = [];
    for (const [id, patch] of patches) {
      const before = all.get(id);
      if (!before) {
        issues.push({ path: `task.${id}`, message: `${where(id)}不存在或已删除` });
        continue;
      }
      const t = { ...toSave(before), ...patch } as TaskSave;
      const own = taskIssues(ctx, t);
      // a rule about a field this block did not touch (已完成 without 工作进展) is told on the cells it did touch
      for (const i of own)
        issues.push({
          path: i.path in patch ? `task.${id}.${i.path}` : `task.${id}`,
          message: `${where(id)}：${i.message}`,
        });
      if (own.length === 0) merged.push(t);
    }
    if (issues.length) throw validationError(issues);
    const at = nowIso(ctx);
    for (const t of merged) repo.updateTask(db, t.id!, { ...t, sort: t.sort ?? all.get(t.id!)!.sort });
    const after = new Map(repo.listTaskRows(db, null).map((t) => [t.id, t]));
    appendChanges(
      db,
      ctx.session.operator,
      at,
      merged.flatMap((t) => diffShown('task', t.id!, taskShown(all.get(t.id!)!), taskShown(after.get(t.id!)!))),
    );
    return { tasks: merged.map((t) => after.get(t.id!)!) };
  });
}

export function removeTask(ctx: Ctx, id: number): { removed: number } {
  const { db } = ctx;
  return db.tx(() => {
    const t = repo.findTask(db, id);
    if (!t) throw notFound('责任清单任务', id);
    repo.deleteTask(db, id);
    appendChanges(db, ctx.session.operator, nowIso(ctx), [
      { action: '删除', entity: 'task', entityId: id, oldValue: t.title },
    ]);
    return { removed: 1 };
  });
}

// ---------------------------------------------------------------------------------------------------
// Campaigns and phases
// ---------------------------------------------------------------------------------------------------

export const listCampaigns = (ctx: Ctx): Campaign[] => repo.listCampaigns(ctx.db);

const phaseLine = (p: { name: string; dateFrom: string | null; dateTo: string | null }) => {
  const span = formatDateSpanCn(p.dateFrom, p.dateTo);
  return span ? `${p.name}（${span}）` : p.name;
};

export function saveCampaign(ctx: Ctx, c: CampaignSave): Campaign {
  const { db } = ctx;
  return db.tx(() => {
    const issues: FieldIssue[] = [];
    const clash = repo.findCampaignByName(db, c.name);
    if (clash && clash.id !== c.id) issues.push({ path: 'name', message: `行动方案“${c.name}”已存在，名称不能重复` });
    const seen = new Set<string>();
    c.phases.forEach((p, i) => {
      if (p.dateFrom && p.dateTo && p.dateFrom > p.dateTo)
        issues.push({
          path: `phases.${i}.dateTo`,
          message: `实施步骤“${p.name}”的结束日期（${formatDateCn(p.dateTo)}）不能早于开始日期（${formatDateCn(p.dateFrom)}）`,
        });
      if (seen.has(p.name)) issues.push({ path: `phases.${i}.name`, message: `实施步骤“${p.name}”重复` });
      seen.add(p.name);
    });
    if (issues.length) throw validationError(issues);
    const before = c.id === null ? null : repo.listCampaigns(db).find((x) => x.id === c.id);
    if (c.id !== null && !before) throw notFound('行动方案', c.id);
    const id = repo.upsertCampaign(db, c.id, c);
    repo.replacePhases(db, id, c.phases);
    const after = repo.listCampaigns(db).find((x) => x.id === id)!;
    const shown = (x: Campaign): Shown => ({
      name: x.name,
      sourceDoc: x.sourceDoc,
      phases: x.phases.length ? x.phases.map(phaseLine).join('；') : null,
    });
    appendChanges(
      db,
      ctx.session.operator,
      nowIso(ctx),
      before
        ? diffShown('campaign', id, shown(before), shown(after))
        : [{ action: '新增', entity: 'campaign', entityId: id, newValue: c.name }],
    );
    return after;
  });
}

/** Loads an example 责任清单: the campaign with its phases, the missing units (by name), the tasks. */
export function loadTaskTemplate(
  ctx: Ctx,
  key: TaskTemplateKey,
): { campaignId: number; tasks: number; orgsCreated: number } {
  const tpl = TASK_TEMPLATES[key];
  const { db } = ctx;
  return db.tx(() => {
    if (repo.findCampaignByName(db, tpl.campaign.name))
      throw new AppError('CONFLICT', `“${tpl.campaign.name}”已载入过，不能重复载入；如需重来，请先删除其任务`);
    const at = nowIso(ctx);
    const campaign = saveCampaign(ctx, {
      id: null,
      name: tpl.campaign.name,
      sourceDoc: tpl.campaign.sourceDoc,
      phases: [...tpl.campaign.phases],
    });
    const { ids, created } = ensureOrgs(ctx, tpl.orgs, at);
    const orgId = (name: string) => {
      const id = ids.get(name);
      if (id === undefined) throw new AppError('INTERNAL', `模板缺少单位“${name}”`);
      return id;
    };
    let sort = repo.nextTaskSort(db);
    for (const t of tpl.tasks) {
      repo.insertTask(db, {
        id: null,
        campaignId: campaign.id,
        no: t.no,
        title: t.title,
        category: t.category,
        leadOrgId: t.lead ? orgId(t.lead) : null,
        respOrgIds: t.resp.map(orgId),
        deadline: null,
        progressText: null,
        status: '未启动',
        issues: null,
        note: t.content ?? t.note ?? null,
        projectIds: [],
        sort: sort++,
      });
    }
    appendChanges(db, ctx.session.operator, at, [
      {
        action: '导入',
        entity: 'task',
        reason: `载入责任清单模板：${tpl.label}`,
        newValue: `${tpl.tasks.length}项任务`,
      },
    ]);
    return { campaignId: campaign.id, tasks: tpl.tasks.length, orgsCreated: created };
  });
}
