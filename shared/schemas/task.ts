/** 责任清单 (tasks) and 行动方案 with 实施步骤 (campaign phases), domain §1.4 and §4. */
import { TASK_STATUSES } from '../domain/vocab.ts';
import { id, oneOf, optId, optIsoDate, optText, reqText } from './common.ts';
import { z } from './zod-zh.ts';

export const TASK_TEMPLATES = ['suixian', 'jilin'] as const;
export type TaskTemplateKey = (typeof TASK_TEMPLATES)[number];

export const TaskSaveSchema = z.object({
  id: optId,
  campaignId: optId,
  no: optText('序号', 10),
  title: reqText('重点工作', 2, 1000),
  category: optText('类别', 60),
  leadOrgId: optId,
  respOrgIds: z.array(id, { error: '责任单位应为单位列表' }).max(60, '责任单位不能超过60个').default([]),
  deadline: optIsoDate('完成时限'),
  progressText: optText('工作进展', 2000),
  status: oneOf(TASK_STATUSES, '完成情况').default('未启动'),
  issues: optText('存在问题', 1000),
  note: optText('备注', 2000),
  projectIds: z.array(id).max(200, '关联项目不能超过200个').default([]),
  sort: z.number().int().min(0).max(99999).optional(),
});
export type TaskSave = z.output<typeof TaskSaveSchema>;

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
  name: reqText('步骤名称', 2, 60),
  dateFrom: optIsoDate('开始日期'),
  dateTo: optIsoDate('结束日期'),
  goal: optText('目标要求', 1000),
});

export const CampaignSaveSchema = z.object({
  id: optId,
  name: reqText('行动方案名称', 2, 100),
  sourceDoc: optText('来源文件', 200),
  phases: z.array(PhaseSchema).max(20, '实施步骤不能超过20个').default([]),
});
export type CampaignSave = z.output<typeof CampaignSaveSchema>;

export const CampaignSchema = z.object({
  id,
  name: z.string(),
  sourceDoc: z.string().nullable(),
  phases: z.array(z.object({ id, name: z.string(), dateFrom: z.string().nullable(), dateTo: z.string().nullable(), goal: z.string().nullable(), sort: z.number().int() })),
  taskCount: z.number().int(),
});
export type Campaign = z.infer<typeof CampaignSchema>;

export const LoadTemplateSchema = z.object({ template: oneOf(TASK_TEMPLATES, '模板') });
export const LoadTemplateResultSchema = z.object({ campaignId: id, tasks: z.number().int(), orgsCreated: z.number().int() });
