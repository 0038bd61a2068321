/** 考核: a town's sheet (assessment + items) and the ranking across towns of one year and scheme. */
import { id, optText, reqText, year } from './common.ts';
import { z } from './zod-zh.ts';
import { labels } from '../fields/registry.ts';
import { sheetCellsInput } from './sheet-cells.ts';

/** Field names from the field registry (shared/fields/registry.ts). */
const L_ASSESSMENT = labels('assessment');
const L_ASSESSMENT_ITEM = labels('assessment_item');

const points = (label: string) => z.number({ error: `${label}应为数字` }).finite(`${label}应为数字`);

export const AssessmentItemInputSchema = z.object({
  name: reqText(L_ASSESSMENT_ITEM.name, 1, 100),
  maxPoints: points(L_ASSESSMENT.maxPoints),
  criteria: optText(L_ASSESSMENT_ITEM.criteria, 1000),
  score: points(L_ASSESSMENT.score)
    .nullish()
    .transform((v) => v ?? null),
  evidence: optText(L_ASSESSMENT_ITEM.evidence, 500),
  deductionReason: optText(L_ASSESSMENT_ITEM.deductionReason, 500),
});

/** The columns of the 自评表 a clerk types into (a sheet); each cell is checked with the item's own rule. */
export const ASSESSMENT_CELL_FIELDS = ['score', 'evidence', 'deductionReason'] as const;
export type AssessmentCellField = (typeof ASSESSMENT_CELL_FIELDS)[number];
export const assessmentCellRules = {
  score: AssessmentItemInputSchema.shape.score,
  evidence: AssessmentItemInputSchema.shape.evidence,
  deductionReason: AssessmentItemInputSchema.shape.deductionReason,
} satisfies Record<AssessmentCellField, z.ZodType>;
/** A block of the 自评表's cells (a paste, a fill, an undo), saved in one transaction (assessments:updateCells). */
export const AssessmentCellsInputSchema = z.object({
  id,
  cells: sheetCellsInput(ASSESSMENT_CELL_FIELDS, L_ASSESSMENT_ITEM, 600),
});

export const AssessmentSaveSchema = z.object({
  id: id.optional(),
  year: year(L_ASSESSMENT.year),
  scheme: reqText(L_ASSESSMENT.scheme, 1, 100).optional(),
  town: reqText(L_ASSESSMENT.town, 1, 50),
});

export const AssessmentItemsSaveSchema = z.object({
  id,
  items: z.array(AssessmentItemInputSchema).max(200, '评分项不能超过200项'),
});

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

export const AssessmentSchema = AssessmentRowSchema.extend({
  items: z.array(AssessmentItemSchema),
  itemsMax: z.number(),
});
export type Assessment = z.infer<typeof AssessmentSchema>;

export const RankQuerySchema = z.object({
  year: year(L_ASSESSMENT.year),
  scheme: reqText(L_ASSESSMENT.scheme, 1, 100).optional(),
});

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
