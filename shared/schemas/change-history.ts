/** 修改记录: the change log read back, overall or per project, filterable by operator and date. */
import { optIsoDate, optText } from './common.ts';
import { z } from './zod-zh.ts';
import { labels } from '../fields/registry.ts';

/** Field names from the field registry (shared/fields/registry.ts). */
const L_COMMON = labels('common');

export const HistoryQuerySchema = z
  .object({
    projectId: z.number().int().positive().nullish(),
    operator: optText(L_COMMON.operator, 20),
    from: optIsoDate(L_COMMON.from),
    to: optIsoDate(L_COMMON.to),
    entity: optText(L_COMMON.entity, 40),
    limit: z.number().int().min(1).max(1000).default(100),
    offset: z.number().int().min(0).default(0),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: '截止日期不能早于起始日期', path: ['to'] })
  .optional()
  .default({ operator: null, from: null, to: null, entity: null, limit: 100, offset: 0 });

export const HistoryRowSchema = z.object({
  id: z.number().int(),
  at: z.string(),
  operator: z.string(),
  action: z.string(),
  entity: z.string(),
  entityLabel: z.string(),
  entityId: z.number().int().nullable(),
  projectId: z.number().int().nullable(),
  projectName: z.string().nullable(),
  field: z.string().nullable(),
  fieldLabel: z.string(),
  oldValue: z.string().nullable(),
  newValue: z.string().nullable(),
  reason: z.string().nullable(),
});
export type HistoryRow = z.infer<typeof HistoryRowSchema>;

export const HistoryPageSchema = z.object({
  total: z.number().int(),
  rows: z.array(HistoryRowSchema),
  /** Every operator name in the log, for the filter. */
  operators: z.array(z.string()),
});
export type HistoryPage = z.infer<typeof HistoryPageSchema>;
