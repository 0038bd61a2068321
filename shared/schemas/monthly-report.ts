/** 月报 (monthly reports) and period close as the contract carries them. */
import { toHalfWidth } from '../domain/money.ts';
import { OPERATOR_ROLES } from '../domain/vocab.ts';
import { id, moneyWan, optText, period, reqText } from './common.ts';
import { DimensionLightSchema, LevelSchema } from './figures.ts';
import { z } from './zod-zh.ts';
import { labels } from '../fields/registry.ts';

/** Field names from the field registry (shared/fields/registry.ts). */
const L_PERIOD = labels('period');
const L_PROGRESS = labels('progress');

/** One row as the screen sends it; checked row by row in the core so messages can name the project. */
export const ReportRowRawSchema = z.object({
  projectId: id,
  monthWan: z.union([z.string(), z.number()]).nullish(),
  imageText: z.string().nullish(),
  imagePct: z.union([z.number(), z.string()]).nullish(),
  issues: z.string().nullish(),
  nextSteps: z.string().nullish(),
  needs: z.string().nullish(),
  /**
   * The 更新时间 (updatedAt) of the report the clerk's typing started from, null when there was none. Given, the row
   * is refused if the ledger's report is no longer that one: another program (the CLI, a second window) or operator
   * saved it meanwhile, and saving would overwrite what they wrote unseen. Absent: no check (the CLI's own writes).
   */
  basedOn: z.string().nullable().optional(),
});
export type ReportRowRaw = z.input<typeof ReportRowRawSchema>;

const pct = z
  .union([z.number(), z.string()])
  .nullish()
  .transform((v, ctx) => {
    if (v == null || (typeof v === 'string' && v.trim() === '')) return null;
    // "90%" as Excel copies a cell in percent format; "９０" typed with a Chinese input method, as money takes it
    const digits = typeof v === 'number' ? null : toHalfWidth(v.trim()).replace(/\s*[%％]$/, '');
    const n = digits === null ? (v as number) : /^\d+(?:\.\d+)?$/.test(digits) ? Number(digits) : NaN;
    if (!Number.isInteger(n) || n < 0 || n > 100) {
      ctx.addIssue({ code: 'custom', message: `形象进度%应为0–100之间的整数（“${String(v)}”）` });
      return z.NEVER;
    }
    return n;
  });

/** The rules of one report row (domain §1.3 月度进展). */
export const ReportRowSchema = z.object({
  projectId: id,
  monthFen: moneyWan(L_PROGRESS.monthWan),
  imageText: reqText(L_PROGRESS.imageText, 1, 200),
  imagePct: pct,
  issues: optText(L_PROGRESS.issues, 500),
  nextSteps: optText(L_PROGRESS.nextSteps, 500),
  needs: optText(L_PROGRESS.needs, 500),
});

export const ReportsSaveInputSchema = z.object({
  period: period(),
  rows: z.array(ReportRowRawSchema).min(1, '没有需要保存的月报').max(2000),
});

export const ReportsStateInputSchema = z.object({
  period: period(),
  projectIds: z.array(id).min(1, '请先勾选项目').max(2000),
  reason: optText(L_PROGRESS.reason, 200),
});

const ReportEntrySchema = z.object({
  monthFen: z.number().int(),
  imageText: z.string(),
  imagePct: z.number().int().nullable(),
  issues: z.string().nullable(),
  nextSteps: z.string().nullable(),
  needs: z.string().nullable(),
});

export const ReportStateSchema = z.enum(['草稿', '已报送', '退回']);

export const ReportBatchRowSchema = z.object({
  projectId: z.number().int(),
  code: z.string().nullable(),
  name: z.string(),
  parentId: z.number().int().nullable(),
  isParent: z.boolean(),
  leadOrgName: z.string().nullable(),
  totalFen: z.number().int(),
  yearPlanFen: z.number().int(),
  /** Derived, never typed: 至上年底累计, 1-N月累计, 开工以来累计, 占年度计划%. */
  priorFen: z.number().int(),
  monthFen: z.number().int(),
  ytdFen: z.number().int(),
  cumFen: z.number().int(),
  ytdPct: z.number().nullable(),
  mustReport: z.boolean(),
  last: ReportEntrySchema.nullable(),
  entry: ReportEntrySchema.nullable(),
  state: ReportStateSchema.nullable(),
  filledBy: z.string().nullable(),
  filledAt: z.string().nullable(),
  reviewedBy: z.string().nullable(),
  returnReason: z.string().nullable(),
  updatedAt: z.string().nullable(),
  flags: z.array(z.string()),
  level: LevelSchema.nullable(),
  levelReason: z.string().nullable(),
  lights: z.array(DimensionLightSchema),
});
export type ReportBatchRow = z.infer<typeof ReportBatchRowSchema>;

export const PeriodStatusSchema = z.object({
  period: z.string(),
  closed: z.boolean(),
  closedAt: z.string().nullable(),
  closedBy: z.string().nullable(),
  reopenedAt: z.string().nullable(),
  reopenedBy: z.string().nullable(),
  reopenReason: z.string().nullable(),
  /** The first closed month after this one: this month's reports are frozen in its 累计, so no longer changed. */
  laterClosed: z.string().nullable(),
});
export type PeriodStatus = z.infer<typeof PeriodStatusSchema>;

export const ReportBatchSchema = z.object({
  period: z.string(),
  lastPeriod: z.string(),
  dueDate: z.string(),
  pastDue: z.boolean(),
  /** Why the month takes no 月报 and no 关账 yet: it is after the PC's current month (null: it has begun). */
  notBegun: z.string().nullable().optional(),
  status: PeriodStatusSchema,
  session: z.object({ operator: z.string(), role: z.enum(OPERATOR_ROLES).nullable() }),
  /** With a page or project ids asked for: how many rows the batch (narrowed to those ids) has in all. */
  rowsTotal: z.number().int().optional(),
  /** With ids asked for: every row's project id in the batch's order (the sheet pages the rows in by index). */
  ids: z.array(z.number().int()).optional(),
  /** With pending asked for: the projects, in the batch's order, whose report is 草稿 or 退回 (报送 with nothing ticked sends them). */
  pendingIds: z.array(z.number().int()).optional(),
  rows: z.array(ReportBatchRowSchema),
});
export type ReportBatch = z.infer<typeof ReportBatchSchema>;

export const ReportsChangedSchema = z.object({ changed: z.number().int(), unchanged: z.number().int() });
/** A save also says what the saved reports and the ledger disagree on (有投资未开工): warnings, nothing refused. */
export const ReportsSavedSchema = ReportsChangedSchema.extend({ warnings: z.array(z.string()) });

export const PeriodReopenInputSchema = z.object({ period: period(), reason: reqText(L_PERIOD.reason, 2, 200) });

/**
 * The current period every page, print and export dialog starts at (period.service.ts `currentPeriod`):
 * the operator's pick while it still applies, else the latest period open for reporting.
 */
export const CURRENT_PERIOD_BASES = ['选定', '最近填报月份', '关账后下月', '本机日期'] as const;
export const CurrentPeriodSchema = z.object({
  period: z.string(),
  /** What the app chooses by itself, without the pick. */
  auto: z.string(),
  basis: z.enum(CURRENT_PERIOD_BASES),
  closed: z.boolean(),
  /** One Chinese sentence saying why this month (shown beside the picker). */
  note: z.string(),
});
export type CurrentPeriod = z.infer<typeof CurrentPeriodSchema>;

/** null returns to the automatic choice. */
export const PeriodPickInputSchema = z.object({ period: period().nullable() });

/** A project that owes a report for the period (schedule.ts `mustReport`) and has not submitted one. */
export const UnreportedProjectSchema = z.object({
  id: z.number().int(),
  code: z.string().nullable(),
  name: z.string(),
  parentName: z.string().nullable(),
  leadOrgName: z.string().nullable(),
  /** null: nothing entered; 草稿/退回: entered but not submitted. */
  state: z.enum(['草稿', '退回']).nullable(),
});
export type UnreportedProject = z.infer<typeof UnreportedProjectSchema>;

export const PeriodClosePreviewSchema = z.object({
  period: z.string(),
  closed: z.boolean(),
  /** Projects that must report this month: how many, and those without a submitted report. */
  mustReport: z.number().int(),
  unreported: z.array(UnreportedProjectSchema),
});
export type PeriodClosePreview = z.infer<typeof PeriodClosePreviewSchema>;

/**
 * Closing with projects unreported needs their ids, as the 审核人 was shown them: a project that lost its
 * report after the list was shown is not closed over silently.
 */
export const PeriodCloseInputSchema = z.object({
  period: period(),
  confirmUnreported: z.array(id).max(20000).optional(),
});

export const LightsRecordedSchema = z.object({
  period: z.string(),
  /** false: the lights equal the last recorded ones, nothing stored. */
  recorded: z.boolean(),
  /** When the period's lights now on record were computed (null: none yet). */
  computedAt: z.string().nullable(),
});
