/**
 * The ledger grid pages in the core: the renderer sends filters, search text and sort, and gets back the
 * whole matching tree as ids in display order (cheap: numbers only) plus the first rows' data; further
 * rows are fetched by id as the virtual scroller reaches them.
 */
import { period } from './common.ts';
import { LevelSchema } from './figures.ts';
import { ProjectRowSchema } from './project.ts';
import { z } from './zod-zh.ts';

/** Every ledger column can sort; the keys are the grid's column keys (renderer ledger-columns.ts). */
export const LEDGER_SORT_KEYS = [
  'code',
  'name',
  'planYear',
  'category',
  'subcategory',
  'stageGroup',
  'nature',
  'location',
  'village',
  'scope',
  'totalFen',
  'fundingSumFen',
  'years',
  'planStart',
  'planEnd',
  'actStart',
  'actEnd',
  'status',
  'approvalKind',
  'approvalNo',
  'approvalYm',
  'owner',
  'lead',
  'responsible',
  'leader',
  'manager',
  'contact',
  'phone',
  'delivery',
  'govFunded',
  'inStats',
  'statsDate',
  'landMuHave',
  'landMuNeed',
  'openingCumFen',
  'tags',
  'note',
] as const;
export type LedgerSortKey = (typeof LEDGER_SORT_KEYS)[number];

const id = z.number().int().positive();
const text = z.string().max(100).nullish();

export const LedgerFiltersSchema = z.object({
  year: z.number().int().nullish(),
  category: text,
  subcategory: text,
  status: text,
  nature: text,
  stageGroup: text,
  villageOrgId: id.nullish(),
  leadOrgId: id.nullish(),
  responsibleOrgId: id.nullish(),
  leaderStaffId: id.nullish(),
  tag: text,
  /** Pinyin-aware search over name, code and location (shared/domain/search.ts). */
  query: z.string().max(200).optional(),
  /** The projects lit `light` (or unlit: 'none') in `period`, as the 总览 counted them. */
  light: z.union([LevelSchema, z.literal('none')]).nullish(),
  period: period().nullish(),
});
export type LedgerFilters = z.infer<typeof LedgerFiltersSchema>;

export const LedgerPageQuerySchema = z.object({
  filters: LedgerFiltersSchema.default({}),
  sort: z.object({ key: z.enum(LEDGER_SORT_KEYS), desc: z.boolean() }).nullish(),
  /** 回收站 instead of the projects in the register. */
  deleted: z.boolean().default(false),
  /** How many rows of data to send with the order (the first screen). */
  first: z.number().int().min(0).max(500).default(100),
});

export const LedgerPageSchema = z.object({
  /** Every matching project in display order: sorted per tree level, sub-projects right after their parent. */
  ids: z.array(z.number().int()),
  /** Tree depth of each id (0 = shown at the top level). */
  depths: z.array(z.number().int()),
  tops: z.number().int(),
  /** Σ总投资 of the top-level rows, in 分. */
  topsTotalFen: z.number().int(),
  /** Plan years present in this view (for the year filter). */
  years: z.array(z.number().int()),
  /** Data of the first `first` ids. */
  rows: z.array(ProjectRowSchema),
});
export type LedgerPage = z.infer<typeof LedgerPageSchema>;

export const LedgerRowsQuerySchema = z.object({ ids: z.array(id).max(500) });

/** A project picker searched in the core (a county ledger has thousands): parents, linked projects, filters. */
export const ProjectPickQuerySchema = z.object({
  query: z.string().max(200).default(''),
  /** 'top': only top-level projects (a parent, a 一项目一档); 'all': sub-projects too. */
  scope: z.enum(['top', 'all']).default('top'),
  /** Always include these (the parent already chosen). */
  ids: z.array(id).max(200).default([]),
  limit: z.number().int().min(1).max(200).default(50),
});
export const ProjectOptionSchema = z.object({ id: z.number().int(), code: z.string().nullable(), name: z.string() });
