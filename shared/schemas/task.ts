/** 责任清单 (tasks) and 行动方案 with 实施步骤 (campaign phases), domain §1.4 and §4. */
import { TASK_STATUSES } from '../domain/vocab.ts';
import { id, oneOf, optId, optIsoDate, optText, reqText } from './common.ts';
import { z } from './zod-zh.ts';
import { labels } from '../fields/registry.ts';
import { sheetCellsInput } from './sheet-cells.ts';

/** Field names from the field registry (shared/fields/registry.ts). */
const L_CAMPAIGN = labels('campaign');
const L_CAMPAIGN_PHASE = labels('campaign_phase');
const L_TASK = labels('task');

export const TASK_TEMPLATES = ['suixian', 'jilin'] as const;
export type TaskTemplateKey = (typeof TASK_TEMPLATES)[number];

export const TaskSaveSchema = z.object({
  id: optId,
  campaignId: optId,
  no: optText(L_TASK.no, 10),
  title: reqText(L_TASK.title, 2, 1000),
  category: optText(L_TASK.category, 60),
  leadOrgId: optId,
  respOrgIds: z.array(id, { error: '责任单位应为单位列表' }).max(60, '责任单位不能超过60个').default([]),
  deadline: optIsoDate(L_TASK.deadline),
  progressText: optText(L_TASK.progressText, 2000),
  status: oneOf(TASK_STATUSES, L_TASK.status).default('未启动'),
  issues: optText(L_TASK.issues, 1000),
  note: optText(L_TASK.note, 2000),
  projectIds: z.array(id).max(200, '关联项目不能超过200个').default([]),
  sort: z.number().int().min(0).max(99999).optional(),
});
export type TaskSave = z.output<typeof TaskSaveSchema>;

/** The columns of the 责任清单 a clerk types into (a sheet); each cell is checked with the task's own rule. */
export const TASK_CELL_FIELDS = [
  'no',
  'category',
  'title',
  'leadOrgId',
  'respOrgIds',
  'deadline',
  'status',
  'progressText',
] as const;
export type TaskCellField = (typeof TASK_CELL_FIELDS)[number];
export const taskCellRules = Object.fromEntries(TASK_CELL_FIELDS.map((f) => [f, TaskSaveSchema.shape[f]])) as {
  [F in TaskCellField]: (typeof TaskSaveSchema.shape)[F];
};
/** A block of 责任清单 cells (a paste, a fill, an undo), saved in one transaction (tasks:updateCells). */
export const TaskCellsInputSchema = z.object({ cells: sheetCellsInput(TASK_CELL_FIELDS, L_TASK, 5000) });

export const TaskRowSchema = z.object({
  id,
  campaignId: z.number().int().nullable(),
  campaignName: z.string().nullable(),
  no: z.string().nullable(),
  title: z.string(),
  category: z.string().nullable(),
  leadOrgId: z.number().int().nullable(),
  leadOrgName: z.string().nullable(),
  respOrgIds: z.array(z.number().int()),
  respOrgNames: z.array(z.string()),
  deadline: z.string().nullable(),
  progressText: z.string().nullable(),
  status: z.string(),
  issues: z.string().nullable(),
  note: z.string().nullable(),
  projectIds: z.array(z.number().int()),
  projectNames: z.array(z.string()),
  sort: z.number().int(),
});
export type TaskRow = z.infer<typeof TaskRowSchema>;

export const TaskListQuerySchema = z.object({ campaignId: z.number().int().nullish() }).optional().default({});

export const PhaseSchema = z.object({
  name: reqText(L_CAMPAIGN_PHASE.name, 2, 60),
  dateFrom: optIsoDate(L_CAMPAIGN_PHASE.dateFrom),
  dateTo: optIsoDate(L_CAMPAIGN_PHASE.dateTo),
  goal: optText(L_CAMPAIGN.goal, 1000),
});

export const CampaignSaveSchema = z.object({
  id: optId,
  name: reqText(L_CAMPAIGN.name, 2, 100),
  sourceDoc: optText(L_CAMPAIGN.sourceDoc, 200),
  phases: z.array(PhaseSchema).max(20, '实施步骤不能超过20个').default([]),
});
export type CampaignSave = z.output<typeof CampaignSaveSchema>;

export const CampaignSchema = z.object({
  id,
  name: z.string(),
  sourceDoc: z.string().nullable(),
  phases: z.array(
    z.object({
      id,
      name: z.string(),
      dateFrom: z.string().nullable(),
      dateTo: z.string().nullable(),
      goal: z.string().nullable(),
      sort: z.number().int(),
    }),
  ),
  taskCount: z.number().int(),
});
export type Campaign = z.infer<typeof CampaignSchema>;

/** The templates' names as people know them (the keys are internal). */
export const TASK_TEMPLATE_LABELS: Record<TaskTemplateKey, string> = {
  suixian: '随县“擦亮小城镇”行动（15项任务）',
  jilin: '吉林省乡村振兴示范镇责任清单（20项）',
};
export const LoadTemplateSchema = z.object({
  template: z.enum(TASK_TEMPLATES, { error: `模板应为：${Object.values(TASK_TEMPLATE_LABELS).join('、')}` }),
});
export const LoadTemplateResultSchema = z.object({
  campaignId: id,
  tasks: z.number().int(),
  orgsCreated: z.number().int(),
});
