/** 督办单 (supervision orders): blue reminder → yellow warning → red with 约谈. */
import { SUPERVISION_COLORS } from '../domain/vocab.ts';
import { SUPERVISION_STATUSES } from '../domain/dispatch.ts';
import { id, isoDate, optId, optIsoDate, optText, period, reqText } from './common.ts';
import { z } from './zod-zh.ts';
import { labels } from '../fields/registry.ts';

/** Field names from the field registry (shared/fields/registry.ts). */
const L_SUPERVISION = labels('supervision');

export const SupervisionListInputSchema = z
  .object({ open: z.boolean().optional(), projectId: id.optional() })
  .optional()
  .default({});

export const SupervisionCreateInputSchema = z.object({
  projectId: id,
  /** The report month whose light justifies the order; the latest reported month when absent. */
  period: period().optional(),
  deadline: isoDate(L_SUPERVISION.deadline),
  content: reqText(L_SUPERVISION.content, 2, 500),
  toOrgId: optId,
});

export const SupervisionReplyInputSchema = z.object({ id, reply: reqText(L_SUPERVISION.reply, 2, 500) });
export const SupervisionCloseInputSchema = z.object({ id, note: optText(L_SUPERVISION.note, 200) });
export const SupervisionEscalateInputSchema = z.object({
  id,
  deadline: optIsoDate('新的整改期限'),
  reason: optText(L_SUPERVISION.reason, 200),
});
export const SupervisionEscalateOverdueInputSchema = z.object({ asOf: isoDate(L_SUPERVISION.asOf) });

export const SupervisionStatusSchema = z.enum(SUPERVISION_STATUSES);

export const SupervisionSchema = z.object({
  id: z.number().int(),
  no: z.string().nullable(),
  projectId: z.number().int(),
  projectCode: z.string().nullable(),
  projectName: z.string(),
  color: z.enum(SUPERVISION_COLORS),
  interview: z.boolean(),
  issued: z.string(),
  deadline: z.string(),
  toOrgId: z.number().int().nullable(),
  toOrgName: z.string().nullable(),
  content: z.string(),
  reply: z.string().nullable(),
  repliedAt: z.string().nullable(),
  closed: z.boolean(),
  closedAt: z.string().nullable(),
  escalatedFromId: z.number().int().nullable(),
  escalatedFromNo: z.string().nullable(),
  escalatedToNo: z.string().nullable(),
  createdBy: z.string().nullable(),
  status: SupervisionStatusSchema,
  overdue: z.boolean(),
});
export type Supervision = z.infer<typeof SupervisionSchema>;
