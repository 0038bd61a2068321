/** The project (项目) as the contract carries it: input with 万元 texts, output with integer 分. */
import {
  APPROVAL_KINDS, CATEGORIES, DELIVERY_MODES, NATURES, PROJECT_STATUSES, STAGE_GROUPS,
} from '../domain/vocab.ts';
import { id, moneyWan, optId, optIsoDate, optMoneyWan, optOneOf, optText, optYear, reqText, year } from './common.ts';
import { z } from './zod-zh.ts';

const ym = z
  .string()
  .nullish()
  .transform((v) => (v == null || v.trim() === '' ? null : v.trim()))
  .refine((v) => v === null || /^\d{4}-(0[1-9]|1[0-2])$/.test(v), { message: '批复时间格式应为 YYYY-MM' });

const mu = (label: string) =>
  z
    .union([z.number(), z.string()])
    .nullish()
    .transform((v, ctx) => {
      if (v == null || v === '') return null;
      const n = typeof v === 'number' ? v : Number(v);
      if (!Number.isFinite(n) || n < 0) {
        ctx.addIssue({ code: 'custom', message: `${label}应为不小于0的数字（亩）` });
        return z.NEVER;
      }
      return n;
    });

/** Fields of a project, every one optional in a patch; cross-field rules are checked after merging. */
export const projectFields = {
  code: optText('项目编号', 40),
  name: reqText('项目名称', 2, 100),
  planYear: year('年度'),
  parentId: optId,
  category: optOneOf(CATEGORIES, '七补齐类别'),
  subcategory: optText('子类', 40),
  stageGroup: optOneOf(STAGE_GROUPS, '推进分类'),
  nature: optOneOf(NATURES, '建设性质'),
  location: reqText('建设地点', 1, 200),
  villageOrgId: optId,
  scope: reqText('建设内容及规模', 1, 500),
  totalWan: moneyWan('总投资'),
  approx: z.boolean().default(false),
  yearFrom: optYear('建设起始年'),
  yearTo: optYear('建设终止年'),
  planStart: optIsoDate('计划开工日期'),
  planEnd: optIsoDate('计划竣工日期'),
  actStart: optIsoDate('实际开工日期'),
  actEnd: optIsoDate('实际竣工日期'),
  status: z.enum(PROJECT_STATUSES, { error: `项目状态应为：${PROJECT_STATUSES.join('、')}` }).default('前期'),
  approvalKind: optOneOf(APPROVAL_KINDS, '审批类型'),
  approvalNo: optText('立项批复文号', 100),
  approvalYm: ym,
  ownerOrgId: optId,
  leadOrgId: optId,
  responsibleOrgIds: z.array(id).max(50).default([]),
  leaderStaffId: optId,
  managerStaffId: optId,
  contact: optText('联系人', 40),
  phone: optText('联系电话', 100),
  delivery: optOneOf(DELIVERY_MODES, '建设模式'),
  govFunded: z.boolean().default(true),
  inStats: z.boolean().default(false),
  statsDate: optIsoDate('入统日期'),
  landMuHave: mu('已取得用地'),
  landMuNeed: mu('拟申请用地'),
  needsMatching: z.boolean().default(false),
  openingCumWan: optMoneyWan('至上年底累计完成投资'),
  openingCumYear: optYear('累计截至年份'),
  tags: z.array(z.string().min(1).max(20)).max(20).default([]),
  note: optText('备注', 1000),
};

/** "860余万元" keeps the number and marks the amount approximate (domain §0). */
const markApprox = (raw: unknown) => {
  if (raw && typeof raw === 'object' && typeof (raw as { totalWan?: unknown }).totalWan === 'string') {
    const text = (raw as { totalWan: string }).totalWan;
    if (/余|多|^\s*约/.test(text)) return { ...raw, approx: true };
  }
  return raw;
};

const projectObject = z.object(projectFields);
export const ProjectInputSchema = z.preprocess(markApprox, projectObject);
export type ProjectInput = z.input<typeof projectObject>;
export type ProjectData = z.output<typeof projectObject>;

/**
 * A project as a county form brings it in: only the name is required. Most real forms have no 建设地点 or
 * 建设内容 column, and some no 总投资; those come in empty (总投资 0) and the preview lists them once, to be
 * filled in later through the form, which still asks for them.
 */
export const ImportProjectInputSchema = z.preprocess(markApprox, projectObject.extend({
  location: optText('建设地点', 200).transform((v) => v ?? ''),
  scope: optText('建设内容及规模', 500).transform((v) => v ?? ''),
  totalWan: optMoneyWan('总投资').transform((v) => v ?? 0),
}));

/**
 * A patch carries only the fields it names: defaults (status 前期, empty tags, …) must not fill in
 * the rest, or a one-cell edit in the grid would reset them.
 */
type NoDefault<T> = T extends z.ZodDefault<infer I> ? I : T;
type PatchShape = { [K in keyof typeof projectFields]: z.ZodOptional<NoDefault<(typeof projectFields)[K]>> };
const patchShape = Object.fromEntries(
  Object.entries(projectFields).map(([k, s]) => [k, (s instanceof z.ZodDefault ? (s.unwrap() as z.ZodType) : s).optional()]),
) as unknown as PatchShape;
export const ProjectPatchSchema = z.preprocess(markApprox, z.object(patchShape));
export type ProjectPatch = z.output<typeof ProjectPatchSchema>;

/** A block of grid cells: one patch per project, saved together (projects:updateCells). */
export const ProjectCellsInputSchema = z.object({
  rows: z.array(z.object({ id: z.number().int().positive(), patch: ProjectPatchSchema })).min(1, '没有需要保存的单元格').max(20000),
});

export interface CrossFieldIssue {
  path: string;
  message: string;
}

/** Rules that involve several fields; run on the merged record so a patch cannot slip past them. */
export function projectCrossFieldIssues(p: {
  yearFrom: number | null; yearTo: number | null; planStart: string | null; planEnd: string | null;
  actStart: string | null; actEnd: string | null; inStats: boolean; statsDate: string | null;
}): CrossFieldIssue[] {
  const issues: CrossFieldIssue[] = [];
  if (p.yearFrom !== null && p.yearTo !== null && p.yearFrom > p.yearTo)
    issues.push({ path: 'yearTo', message: `建设终止年（${p.yearTo}）不能早于起始年（${p.yearFrom}）` });
  if (p.planStart && p.planEnd && p.planStart > p.planEnd)
    issues.push({ path: 'planEnd', message: `计划竣工日期（${p.planEnd}）不能早于计划开工日期（${p.planStart}）` });
  if (p.actEnd && !p.actStart) issues.push({ path: 'actStart', message: '已填实际竣工日期时，必须先填实际开工日期' });
  if (p.actStart && p.actEnd && p.actStart > p.actEnd)
    issues.push({ path: 'actEnd', message: `实际竣工日期（${p.actEnd}）不能早于实际开工日期（${p.actStart}）` });
  return issues;
}

export const ProjectSchema = z.object({
  id,
  code: z.string().nullable(),
  name: z.string(),
  planYear: z.number().int(),
  parentId: z.number().int().nullable(),
  category: z.string().nullable(),
  subcategory: z.string().nullable(),
  stageGroup: z.string().nullable(),
  nature: z.string().nullable(),
  location: z.string(),
  villageOrgId: z.number().int().nullable(),
  scope: z.string(),
  totalFen: z.number().int(),
  approx: z.boolean(),
  yearFrom: z.number().int().nullable(),
  yearTo: z.number().int().nullable(),
  planStart: z.string().nullable(),
  planEnd: z.string().nullable(),
  actStart: z.string().nullable(),
  actEnd: z.string().nullable(),
  status: z.string(),
  approvalKind: z.string().nullable(),
  approvalNo: z.string().nullable(),
  approvalYm: z.string().nullable(),
  ownerOrgId: z.number().int().nullable(),
  leadOrgId: z.number().int().nullable(),
  responsibleOrgIds: z.array(z.number().int()),
  leaderStaffId: z.number().int().nullable(),
  managerStaffId: z.number().int().nullable(),
  contact: z.string().nullable(),
  phone: z.string().nullable(),
  delivery: z.string().nullable(),
  govFunded: z.boolean(),
  inStats: z.boolean(),
  statsDate: z.string().nullable(),
  landMuHave: z.number().nullable(),
  landMuNeed: z.number().nullable(),
  needsMatching: z.boolean(),
  openingCumFen: z.number().int(),
  openingCumYear: z.number().int().nullable(),
  tags: z.array(z.string()),
  note: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  deletedAt: z.string().nullable(),
});
export type Project = z.infer<typeof ProjectSchema>;

/** A ledger row: the project plus names resolved for display and computed figures. */
export const ProjectRowSchema = ProjectSchema.extend({
  leadOrgName: z.string().nullable(),
  responsibleOrgNames: z.array(z.string()),
  leaderName: z.string().nullable(),
  villageName: z.string().nullable(),
  childCount: z.number().int(),
  itemsSumFen: z.number().int(),
  fundingSumFen: z.number().int(),
});
export type ProjectRow = z.infer<typeof ProjectRowSchema>;

export const ProjectListQuerySchema = z.object({
  year: z.number().int().nullish(),
  includeDeleted: z.boolean().default(false),
  onlyDeleted: z.boolean().default(false),
});
