/** 指标 (indicators): the §1.6 catalogue plus the town's baseline and actual values. */
import { isoDate, oneOf, optId, optText } from './common.ts';
import { z } from './zod-zh.ts';
import { labels } from '../fields/registry.ts';

/** Field names from the field registry (shared/fields/registry.ts). */
const L_INDICATOR_VALUE = labels('indicator_value');

export const INDICATOR_VALUE_KINDS = ['基期', '实际'] as const;

export const IndicatorValueSaveSchema = z.object({
  id: optId,
  indicatorId: z.number({ error: '请选择指标' }).int().positive('请选择指标'),
  kind: oneOf(INDICATOR_VALUE_KINDS, L_INDICATOR_VALUE.kind),
  value: z.union([z.number(), z.string()], { error: '请填写数值' }).transform((v, ctx) => {
    const n = typeof v === 'number' ? v : v.trim() === '' ? Number.NaN : Number(v.trim().replace(/[,，]/g, ''));
    if (!Number.isFinite(n)) {
      ctx.addIssue({ code: 'custom', message: `数值“${String(v)}”不是有效数字` });
      return z.NEVER;
    }
    return n;
  }),
  asOf: isoDate(L_INDICATOR_VALUE.asOf),
  note: optText(L_INDICATOR_VALUE.note, 200),
});
export type IndicatorValueSave = z.output<typeof IndicatorValueSaveSchema>;

const ValueSchema = z.object({
  id: z.number().int(),
  kind: z.string(),
  value: z.number(),
  asOf: z.string(),
  note: z.string().nullable(),
});

export const IndicatorRowSchema = z.object({
  id: z.number().int(),
  code: z.string().nullable(),
  name: z.string(),
  unit: z.string().nullable(),
  comparator: z.string().nullable(),
  target: z.number().nullable(),
  targetText: z.string().nullable(),
  sourceDoc: z.string().nullable(),
  baseline: ValueSchema.nullable(),
  actual: ValueSchema.nullable(),
  values: z.array(ValueSchema),
  status: z.enum(['达标', '未达标', '未填报', '无量化目标']),
  gap: z.number().nullable(),
});
export type IndicatorRow = z.infer<typeof IndicatorRowSchema>;
