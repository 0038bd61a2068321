/**
 * The parts of the 一项目一档 beside the project record: 建设子项, 资金构成, 年度计划, 节点, 附件, and the
 * change history. Each list is saved whole (replace in one transaction), so the input is the full list.
 */
import { formatWanExact } from '../domain/money.ts';
import { ATTACHMENT_KINDS, FUND_SOURCES, PROJECT_STATUSES } from '../domain/vocab.ts';
import { id, markApprox, moneyWan, oneOf, optIsoDate, optMoneyWan, optText, reqText, year } from './common.ts';
import { z } from './zod-zh.ts';
import { labels } from '../fields/registry.ts';

/** Field names from the field registry (shared/fields/registry.ts). */
const L_ATTACHMENT = labels('attachment');
const L_FUNDING_PLAN = labels('funding_plan');
const L_MILESTONE = labels('milestone');
const L_PROJECT_ITEM = labels('project_item');
const L_YEAR_PLAN = labels('year_plan');

const projectId = z.number({ error: '缺少项目编号' }).int().positive();

/* 建设子项 */
export const ItemInputSchema = z.object({
  name: reqText(L_PROJECT_ITEM.name, 1, 100),
  qty: z
    .union([z.number(), z.string()])
    .nullish()
    .transform((v, ctx) => {
      if (v == null || v === '') return null;
      const n = typeof v === 'number' ? v : Number(v);
      if (!Number.isFinite(n) || n < 0) {
        ctx.addIssue({ code: 'custom', message: '子项数量应为不小于0的数字' });
        return z.NEVER;
      }
      return n;
    }),
  unit: optText(L_PROJECT_ITEM.unit, 10),
  amountWan: moneyWan(L_PROJECT_ITEM.amountWan, { approxOk: true }),
  approx: z.boolean().default(false),
});
export const ItemsSaveSchema = z.object({ projectId, items: z.array(ItemInputSchema).max(200, '建设子项最多200条') });
export const ItemRowSchema = z.object({
  id,
  name: z.string(),
  qty: z.number().nullable(),
  unit: z.string().nullable(),
  amountFen: z.number().int(),
  approx: z.boolean(),
});
export const ItemsSchema = z.object({
  items: z.array(ItemRowSchema),
  totalFen: z.number().int(),
  sumFen: z.number().int(),
  /** Σitems ≠ total: a warning, never a block (domain §0, 蒲州 商业街). */
  warning: z.string().nullable(),
});
export type ItemRow = z.infer<typeof ItemRowSchema>;
export type Items = z.infer<typeof ItemsSchema>;

/* 资金构成 */
export const FundingInputSchema = z.object({
  source: oneOf(FUND_SOURCES as unknown as readonly [string, ...string[]], '资金来源'),
  amountWan: moneyWan(L_FUNDING_PLAN.amountWan, { approxOk: true }),
  /** written as approximate (460余): shown 460.00余, summed as 460 (0017_funding_approx) */
  approx: z.boolean().default(false),
  note: optText(L_FUNDING_PLAN.note, 200),
});
export const FundingSaveSchema = z.object({
  projectId,
  funding: z
    .array(z.preprocess(markApprox('amountWan'), FundingInputSchema))
    .max(50)
    .superRefine((rows, ctx) => {
      const seen = new Set<string>();
      rows.forEach((r, i) => {
        if (seen.has(r.source))
          ctx.addIssue({ code: 'custom', path: [i, 'source'], message: `资金来源“${r.source}”重复，请合并为一行` });
        seen.add(r.source);
      });
    }),
});
export const FundingRowSchema = z.object({
  id,
  source: z.string(),
  group: z.string(),
  amountFen: z.number().int(),
  approx: z.boolean(),
  note: z.string().nullable(),
});
export const FundingSchema = z.object({
  rows: z.array(FundingRowSchema),
  totalFen: z.number().int(),
  sumFen: z.number().int(),
  /** total − Σplan when positive: the "未落实" line, derived, never stored */
  unfundedFen: z.number().int(),
  warning: z.string().nullable(),
});
export type FundingRow = z.infer<typeof FundingRowSchema>;
export type Funding = z.infer<typeof FundingSchema>;

/* 年度计划 */
export const MONTHS = 12;
export const YearPlanInputSchema = z.object({
  year: year(L_YEAR_PLAN.year),
  planWan: moneyWan(L_YEAR_PLAN.planWan, { approxOk: true }),
  content: optText(L_YEAR_PLAN.content, 500),
  nodeTarget: optText(L_YEAR_PLAN.nodeTarget, 100),
  /** optional m01..m12 split in 万元; all empty = no split */
  months: z
    .array(optMoneyWan('月度计划'))
    .length(MONTHS, '月度分解应为12个月')
    .nullish()
    .transform((v) => v ?? null),
});
export const YearPlansSaveSchema = z.object({
  projectId,
  plans: z
    .array(YearPlanInputSchema)
    .max(30)
    .superRefine((rows, ctx) => {
      const seen = new Set<number>();
      rows.forEach((r, i) => {
        if (seen.has(r.year))
          ctx.addIssue({ code: 'custom', path: [i, 'year'], message: `${r.year}年的年度计划重复，每年只能有一行` });
        seen.add(r.year);
        const issue = monthSplitIssue({ year: r.year, planFen: r.planWan, months: r.months }); // planWan holds 分 once parsed
        if (issue) ctx.addIssue({ code: 'custom', path: [i, 'months'], message: issue });
      });
    }),
});

/** With a monthly split, Σmonths must equal the year plan (the split drives 序时进度 in §5). */
export function monthSplitIssue(r: { year: number; planFen: number; months: (number | null)[] | null }): string | null {
  if (!r.months || r.months.every((m) => m === null)) return null;
  const sum = r.months.reduce<number>((s, m) => s + (m ?? 0), 0);
  if (sum === r.planFen) return null;
  return `${r.year}年月度分解合计${formatWanExact(sum)}万元，与年度计划投资${formatWanExact(r.planFen)}万元不一致`;
}
export const YearPlanRowSchema = z.object({
  id,
  year: z.number().int(),
  planFen: z.number().int(),
  content: z.string().nullable(),
  nodeTarget: z.string().nullable(),
  months: z.array(z.number().int().nullable()).nullable(),
});
export type YearPlanInput = z.output<typeof YearPlanInputSchema>;
export type YearPlanRow = z.infer<typeof YearPlanRowSchema>;

/* 节点 */
export const MilestoneInputSchema = z.object({
  node: reqText(L_MILESTONE.node, 1, 40),
  planDate: optIsoDate(L_MILESTONE.planDate),
  actDate: optIsoDate(L_MILESTONE.actDate),
  note: optText(L_MILESTONE.note, 200),
});
export const MilestonesSaveSchema = z.object({ projectId, milestones: z.array(MilestoneInputSchema).max(100) });
export const MilestoneRowSchema = z.object({
  id,
  node: z.string(),
  planDate: z.string().nullable(),
  actDate: z.string().nullable(),
  note: z.string().nullable(),
});
export type MilestoneRow = z.infer<typeof MilestoneRowSchema>;

/* 附件 */
export const ATTACHMENT_MAX_BYTES = 50 * 1024 * 1024;
/** The longest base64 text of an attachment at the limit (4 characters per 3 bytes, rounded up, with room to spare). */
export const ATTACHMENT_MAX_BASE64 = Math.ceil((ATTACHMENT_MAX_BYTES * 4) / 3) + 4;
export const AttachmentAddSchema = z.object({
  projectId,
  kind: oneOf(ATTACHMENT_KINDS, L_ATTACHMENT.kind),
  fileName: reqText(L_ATTACHMENT.fileName, 1, 200),
  /** the file's bytes; paths never come from the renderer */
  dataBase64: z
    .string({ error: '缺少文件内容' })
    .min(1, '文件是空的')
    .max(ATTACHMENT_MAX_BASE64, '文件超过50MB，请压缩后再上传'),
  caption: optText(L_ATTACHMENT.caption, 200),
  takenAt: optIsoDate(L_ATTACHMENT.takenAt),
});
export const AttachmentRowSchema = z.object({
  id,
  projectId: z.number().int(),
  kind: z.string(),
  fileName: z.string(),
  sha256: z.string(),
  size: z.number().int(),
  mime: z.string(),
  takenAt: z.string().nullable(),
  caption: z.string().nullable(),
  createdAt: z.string(),
});
export const AttachmentFileSchema = AttachmentRowSchema.extend({ dataUrl: z.string() });
export type AttachmentRow = z.infer<typeof AttachmentRowSchema>;

/* 批量修改 */
export const BulkPatchSchema = z
  .object({
    addResponsibleOrgIds: z.array(id).max(50).optional(),
    leaderStaffId: id.nullable().optional(),
    status: z.enum(PROJECT_STATUSES, { error: `项目状态应为：${PROJECT_STATUSES.join('、')}` }).optional(),
    addTag: z.string().trim().min(1, '标记不能为空').max(20, '标记不能超过20个字').optional(),
  })
  .refine((p) => Object.values(p).some((v) => v !== undefined && !(Array.isArray(v) && v.length === 0)), {
    message: '请至少选择一项要批量修改的内容',
  });
export const BulkUpdateSchema = z.object({
  ids: z.array(id).min(1, '请先勾选要批量修改的项目').max(20000),
  patch: BulkPatchSchema,
});
export type BulkPatch = z.output<typeof BulkPatchSchema>;

/* per-operator UI settings (column chooser, …) */
export type Json = z.output<ReturnType<typeof z.json>>;
export const UiKeySchema = z.string().regex(/^[a-z][a-zA-Z0-9.-]{0,60}$/, '界面设置名称无效');
export const UiGetSchema = z.object({ key: UiKeySchema });
export const UiSetSchema = z.object({
  key: UiKeySchema,
  value: z.json().refine((v) => JSON.stringify(v).length <= 64 * 1024, '界面设置过大'),
});
