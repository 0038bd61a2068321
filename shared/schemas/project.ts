/**
 * The project (项目) as the contract carries it. Input: money as 万元 text under `totalWan`/`openingCumWan`; the
 * parsed input (ProjectData) holds integer 分 under those same keys (the contract names the keys, see
 * shared/domain/money.ts), and the output (Project) names them `totalFen`/`openingCumFen`.
 */
import {
  APPROVAL_KINDS,
  CATEGORIES,
  DELIVERY_MODES,
  NATURES,
  PROJECT_STATUSES,
  STAGE_GROUPS,
} from '../domain/vocab.ts';
import {
  id,
  markApprox,
  moneyWan,
  optId,
  optIsoDate,
  optMoneyWan,
  optOneOf,
  optText,
  optYear,
  reqText,
  year,
} from './common.ts';
import { z } from './zod-zh.ts';
import { labels } from '../fields/registry.ts';
import { formatDateCn } from '../domain/dates.ts';

/** Field names from the field registry (shared/fields/registry.ts). */
const L_PROJECT = labels('project');

const ym = z
  .string()
  .nullish()
  .transform((v) => (v == null || v.trim() === '' ? null : v.trim()))
  .refine((v) => v === null || /^\d{4}-(0[1-9]|1[0-2])$/.test(v), { message: '批复时间格式应为年-月，如 2017-09' });

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
  code: optText(L_PROJECT.code, 40),
  name: reqText(L_PROJECT.name, 2, 100),
  planYear: year(L_PROJECT.planYear),
  parentId: optId,
  category: optOneOf(CATEGORIES, L_PROJECT.category),
  subcategory: optText(L_PROJECT.subcategory, 40),
  stageGroup: optOneOf(STAGE_GROUPS, L_PROJECT.stageGroup),
  nature: optOneOf(NATURES, L_PROJECT.nature),
  location: reqText(L_PROJECT.location, 1, 200),
  villageOrgId: optId,
  scope: reqText(L_PROJECT.scope, 1, 500),
  totalWan: moneyWan(L_PROJECT.totalWan, { approxOk: true }),
  approx: z.boolean().default(false),
  yearFrom: optYear(L_PROJECT.yearFrom),
  yearTo: optYear(L_PROJECT.yearTo),
  planStart: optIsoDate(L_PROJECT.planStart),
  planEnd: optIsoDate(L_PROJECT.planEnd),
  actStart: optIsoDate(L_PROJECT.actStart),
  actEnd: optIsoDate(L_PROJECT.actEnd),
  status: z.enum(PROJECT_STATUSES, { error: `项目状态应为：${PROJECT_STATUSES.join('、')}` }).default('前期'),
  approvalKind: optOneOf(APPROVAL_KINDS, L_PROJECT.approvalKind),
  approvalNo: optText(L_PROJECT.approvalNo, 100),
  approvalYm: ym,
  ownerOrgId: optId,
  leadOrgId: optId,
  responsibleOrgIds: z.array(id).max(50).default([]),
  leaderStaffId: optId,
  managerStaffId: optId,
  contact: optText(L_PROJECT.contact, 40),
  phone: optText(L_PROJECT.phone, 100),
  delivery: optOneOf(DELIVERY_MODES, L_PROJECT.delivery),
  govFunded: z.boolean().default(true),
  inStats: z.boolean().default(false),
  statsDate: optIsoDate(L_PROJECT.statsDate),
  landMuHave: mu(L_PROJECT.landMuHave),
  landMuNeed: mu(L_PROJECT.landMuNeed),
  needsMatching: z.boolean().default(false),
  openingCumWan: optMoneyWan(L_PROJECT.openingCumWan),
  openingCumYear: optYear(L_PROJECT.openingCumYear),
  tags: z.array(z.string().min(1).max(20)).max(20).default([]),
  note: optText(L_PROJECT.note, 1000),
};

const projectObject = z.object(projectFields);
/** "860余万元" keeps the number and marks the amount approximate (domain §0). */
const markTotalApprox = markApprox('totalWan');
export const ProjectInputSchema = z.preprocess(markTotalApprox, projectObject);
export type ProjectInput = z.input<typeof projectObject>;
export type ProjectData = z.output<typeof projectObject>;

/**
 * A project as a county form brings it in: only the name is required. Most real forms have no 建设地点 or
 * 建设内容 column, and some no 总投资; those come in empty (总投资 0) and the preview lists them once, to be
 * filled in later through the form, which still asks for them.
 */
const importObject = projectObject.extend({
  location: optText(L_PROJECT.location, 200).transform((v) => v ?? ''),
  scope: optText(L_PROJECT.scope, 500).transform((v) => v ?? ''),
  totalWan: optMoneyWan(L_PROJECT.totalWan, { approxOk: true }).transform((v) => v ?? 0),
});
export const ImportProjectInputSchema = z.preprocess(markTotalApprox, importObject);

type ImportKey = keyof typeof importObject.shape;
type ImportParse = (raw: Record<string, unknown>) => z.ZodSafeParseResult<ProjectData>;

/**
 * ImportProjectInputSchema for a sheet of rows. A county row names a dozen of the project's 48 fields, and zod
 * parses every absent one too (to its default or its null): in the running core, with thousands of schemas
 * sharing zod's code paths, that is most of an import's 检查数据. So a row is parsed by the schema picked to the
 * fields it names (one per set of fields, kept), and each absent field takes the value the full schema gives it
 * when absent, worked out once. A field that refuses to be absent (the name, the year) is always parsed, so
 * the output and the issues are the full schema's (tests/unit/import-row-parse.test.ts compares the two).
 */
export function importRowParser(): ImportParse {
  const keys = Object.keys(importObject.shape) as ImportKey[];
  const absent = new Map<ImportKey, unknown>();
  for (const k of keys) {
    const r = (importObject.shape[k] as z.ZodType).safeParse(undefined);
    if (r.success) absent.set(k, r.data);
  }
  const bySet = new Map<string, z.ZodType<ProjectData>>();
  return (input) => {
    const raw = markTotalApprox(input) as Record<string, unknown>;
    const named = keys.filter((k) => raw[k] !== undefined || !absent.has(k));
    const set = named.join(',');
    let schema = bySet.get(set);
    if (!schema) {
      const mask = Object.fromEntries(named.map((k) => [k, true])) as { [K in ImportKey]?: true };
      bySet.set(set, (schema = importObject.pick(mask) as unknown as z.ZodType<ProjectData>));
    }
    const r = schema.safeParse(raw);
    if (!r.success) return r;
    const out = r.data as Record<string, unknown>;
    for (const [k, v] of absent) if (raw[k] === undefined) out[k] = Array.isArray(v) ? [...v] : v;
    return r;
  };
}

/**
 * A patch carries only the fields it names: defaults (status 前期, empty tags, …) must not fill in
 * the rest, or a one-cell edit in the grid would reset them.
 */
type NoDefault<T> = T extends z.ZodDefault<infer I> ? I : T;
type PatchShape = { [K in keyof typeof projectFields]: z.ZodOptional<NoDefault<(typeof projectFields)[K]>> };
const patchShape = Object.fromEntries(
  Object.entries(projectFields).map(([k, s]) => [
    k,
    (s instanceof z.ZodDefault ? (s.unwrap() as z.ZodType) : s).optional(),
  ]),
) as unknown as PatchShape;
export const ProjectPatchSchema = z.preprocess(markTotalApprox, z.object(patchShape));
export type ProjectPatch = z.output<typeof ProjectPatchSchema>;

/** A block of grid cells: one patch per project, saved together (projects:updateCells). */
export const ProjectCellsInputSchema = z.object({
  rows: z
    .array(z.object({ id: z.number().int().positive(), patch: ProjectPatchSchema }))
    .min(1, '没有需要保存的单元格')
    .max(20000),
});

export interface CrossFieldIssue {
  path: string;
  message: string;
}

/** Rules that involve several fields; run on the merged record so a patch cannot slip past them. */
export function projectCrossFieldIssues(p: {
  yearFrom: number | null;
  yearTo: number | null;
  planStart: string | null;
  planEnd: string | null;
  actStart: string | null;
  actEnd: string | null;
  inStats: boolean;
  statsDate: string | null;
}): CrossFieldIssue[] {
  const issues: CrossFieldIssue[] = [];
  if (p.yearFrom !== null && p.yearTo !== null && p.yearFrom > p.yearTo)
    issues.push({ path: 'yearTo', message: `建设终止年（${p.yearTo}）不能早于起始年（${p.yearFrom}）` });
  if (p.planStart && p.planEnd && p.planStart > p.planEnd)
    issues.push({
      path: 'planEnd',
      message: `计划竣工日期（${formatDateCn(p.planEnd)}）不能早于计划开工日期（${formatDateCn(p.planStart)}）`,
    });
  if (p.actEnd && !p.actStart) issues.push({ path: 'actStart', message: '已填实际竣工日期时，必须先填实际开工日期' });
  if (p.actStart && p.actEnd && p.actStart > p.actEnd)
    issues.push({
      path: 'actEnd',
      message: `实际竣工日期（${formatDateCn(p.actEnd)}）不能早于实际开工日期（${formatDateCn(p.actStart)}）`,
    });
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
