/** 考核: a town's sheet (assessment + items) and the ranking across towns of one year and scheme. */
import { id, optText, reqText, year } from './common.ts';
import { z } from './zod-zh.ts';

const points = (label: string) => z.number({ error: `${label}应为数字` }).finite(`${label}应为数字`);

export const AssessmentItemInputSchema = z.object({
  name: reqText('评分项名称', 1, 100),
  maxPoints: points('分值'),
  criteria: optText('评分标准', 1000),
  score: points('得分').nullish().transform((v) => v ?? null),
  evidence: optText('佐证材料', 500),
  deductionReason: optText('扣分原因', 500),
});

export const AssessmentSaveSchema = z.object({
  id: id.optional(),
  year: year('考核年度'),
  scheme: reqText('考核方案', 1, 100).optional(),
  town: reqText('乡镇名称', 1, 50),
});

export const AssessmentItemsSaveSchema = z.object({ id, items: z.array(AssessmentItemInputSchema).max(200, '评分项不能超过200项') });

export const AssessmentItemSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  maxPoints: z.number(),
  criteria: z.string().nullable(),
  score: z.number().nullable(),
  evidence: z.string().nullable(),
  deductionReason: z.string().nullable(),
});

export const AssessmentRowSchema = z.object({
  id: z.number().int(),
  year: z.number().int(),
  scheme: z.string(),
  town: z.string(),
  totalMax: z.number(),
  total: z.number(),
  scored: z.number().int(),
  itemCount: z.number().int(),
});
export type AssessmentRow = z.infer<typeof AssessmentRowSchema>;

export const AssessmentSchema = AssessmentRowSchema.extend({ items: z.array(AssessmentItemSchema), itemsMax: z.number() });
export type Assessment = z.infer<typeof AssessmentSchema>;

export const RankQuerySchema = z.object({ year: year('考核年度'), scheme: reqText('考核方案', 1, 100).optional() });

export const RankingSchema = z.object({
  year: z.number().int(),
  scheme: z.string(),
  rows: z.array(
    z.object({
      id: z.number().int(),
      town: z.string(),
      total: z.number(),
      rank: z.number().int(),
      tier: z.string().nullable(),
      amountFen: z.number().int(),
      remark: z.string().nullable(),
    }),
  ),
  prizesFen: z.number().int(),
  finesFen: z.number().int(),
  poolFen: z.number().int(),
  notes: z.array(z.string()),
});
export type Ranking = z.infer<typeof RankingSchema>;
