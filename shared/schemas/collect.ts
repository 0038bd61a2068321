/**
 * 报送收集 (issue 18): the fill-in workbooks (报送表) issued to each 责任单位 or 包联领导 for a month, the merge of
 * what comes back, and the roster of who has returned. The CLI's `collect` commands print these documents
 * (cli-contract.md "Collection kit and data package").
 */
import { oneOf, optIsoDate, optText, period } from './common.ts';
import { z } from './zod-zh.ts';
import { labels } from '../fields/registry.ts';

/** Field names from the field registry (shared/fields/registry.ts). */
const L = labels('collect_kit');
const LF = labels('collect_file');

/** Who a kit goes to: each 责任单位 (a project's 牵头单位) or each 包联领导. The CLI spells them unit|leader. */
export const COLLECT_BY = ['责任单位', '包联领导'] as const;
export type CollectBy = (typeof COLLECT_BY)[number];
export const ROSTER_STATES = ['已报', '有误', '未报'] as const;

export const CollectMakeInputSchema = z.object({
  period: period(),
  by: oneOf(COLLECT_BY, L.by).optional().default('责任单位'),
  deadline: optIsoDate(L.deadline),
  contact: optText(L.contact, 60),
});
export type CollectMakeInput = z.input<typeof CollectMakeInputSchema>;

export const CollectKitSchema = z.object({
  kitKey: z.string(),
  unit: z.string(),
  projects: z.number().int(),
  fileName: z.string(),
  base64: z.string(),
});

export const CollectMadeSchema = z.object({
  period: z.string(),
  by: z.enum(COLLECT_BY),
  deadline: z.string(),
  kits: z.array(CollectKitSchema),
});
export type CollectMade = z.infer<typeof CollectMadeSchema>;

export const CollectFileSchema = z.object({
  fileName: z.string().min(1, `缺少${LF.fileName}`).max(260),
  base64: z.string().max(40_000_000, '文件过大（超过30MB），不是报送表'),
});

export const CollectMergeInputSchema = z.object({
  /** The returned workbooks, each as its bytes and its name (shown only; never a path to open). */
  returns: z.array(CollectFileSchema).min(1, `请选择${L.returns}`).max(500),
  /**
   * The month being collected: a file of another month is refused. Without it each file goes to its own month (the
   * month of the kit it is: a late return of last month is merged into last month).
   */
  period: period().optional(),
  dryRun: z.boolean().optional().default(false),
});
export type CollectMergeInput = z.input<typeof CollectMergeInputSchema>;

/** A cell (or a whole file, when sheet/row/column are null) that was not taken, with the reason in Chinese. */
export const CollectRefusalSchema = z.object({
  file: z.string(),
  sheet: z.string().nullable(),
  row: z.number().int().nullable(),
  column: z.string().nullable(),
  reason: z.string(),
});
export type CollectRefusal = z.infer<typeof CollectRefusalSchema>;

export const RosterEntrySchema = z.object({
  /** The month whose kit the unit was sent (a merge of several months lists each month's roster). */
  period: z.string(),
  unit: z.string(),
  by: z.enum(COLLECT_BY),
  status: z.enum(ROSTER_STATES),
  file: z.string().nullable(),
  returnedAt: z.string().nullable(),
  deadline: z.string(),
  projects: z.number().int(),
  /** Not returned, and the deadline has passed (the 督办通知 goes to these). */
  overdue: z.boolean(),
  /** Returned, but after the deadline. */
  late: z.boolean(),
  /** 有误: why the latest return is wrong, each with its place (第5行F列：…); null when not kept (merged before). */
  reasons: z.array(z.string()).nullable(),
});
export type RosterEntry = z.infer<typeof RosterEntrySchema>;

export const RosterSchema = z.object({
  period: z.string(),
  town: z.string(),
  deadline: z.string().nullable(),
  roster: z.array(RosterEntrySchema),
});
export type Roster = z.infer<typeof RosterSchema>;

export const CollectDifferenceSchema = z.object({
  file: z.string(),
  code: z.string(),
  name: z.string(),
  field: z.string(),
  before: z.string().nullable(),
  after: z.string().nullable(),
});

export const CollectMergeReportSchema = z.object({
  /** The month asked for, else the latest month the files were merged into (else of the latest kits issued). */
  period: z.string().nullable(),
  /** Each month the files were merged into, in order, with what it took: a merge takes every file into its own month. */
  months: z.array(z.object({ period: z.string(), accepted: z.number().int(), changed: z.number().int() })),
  dryRun: z.boolean(),
  /** Project rows whose figures were taken (written, or unchanged because already in the ledger). */
  accepted: z.number().int(),
  /** Of those, the rows that changed the ledger (0 when the same files are merged again). */
  changed: z.number().int(),
  acceptedRows: z.array(
    z.object({
      /** the month the row's figures go to (its file's) */
      period: z.string(),
      file: z.string(),
      unit: z.string(),
      row: z.number().int(),
      code: z.string(),
      name: z.string(),
      monthFen: z.number().int(),
      /**
       * What the 月报 would flag once it is taken (累计超总投资, 有投资未开工): a unit's 99999999, or money for a project
       * not started, is seen before it is merged.
       */
      warning: z.string().nullable(),
    }),
  ),
  refused: z.array(CollectRefusalSchema),
  altered: z.array(z.string()),
  differences: z.array(CollectDifferenceSchema),
  files: z.array(
    z.object({
      file: z.string(),
      unit: z.string().nullable(),
      /** the month of the kit the file is (the month it is merged into), null when it is no kit of this ledger */
      period: z.string().nullable(),
      status: z.enum(['已报', '有误', '拒收', '已合并过', '未填写']),
    }),
  ),
  /** The roster of each month merged into (months in order), as it stands after the merge. */
  roster: z.array(RosterEntrySchema),
  backupFile: z.string().nullable(),
});
export type CollectMergeReport = z.infer<typeof CollectMergeReportSchema>;

/** The paper 填报表 (issue 18: "also as one printable PDF per unit"): the same choices as the kits they go with. */
export const CollectPaperInputSchema = CollectMakeInputSchema;
export type CollectPaperInput = z.input<typeof CollectPaperInputSchema>;

export const CollectPaperFormsSchema = z.object({
  period: z.string(),
  by: z.enum(COLLECT_BY),
  deadline: z.string(),
  /** One PDF per unit, in the order of the kits. */
  forms: z.array(z.object({ unit: z.string(), projects: z.number().int(), fileName: z.string(), base64: z.string() })),
});
export type CollectPaperForms = z.infer<typeof CollectPaperFormsSchema>;

/** The 督办通知 for the units that still owe the month's report after the deadline. */
export const CollectNoticeInputSchema = z.object({
  period: period(),
  /** The date the units must reply by; three days after today when not given. */
  replyBy: optIsoDate(L.replyBy),
});
export type CollectNoticeInput = z.input<typeof CollectNoticeInputSchema>;

export const CollectNoticeSchema = z.object({
  period: z.string(),
  replyBy: z.string(),
  units: z.array(
    z.object({
      unit: z.string(),
      by: z.enum(COLLECT_BY),
      status: z.enum(['未报', '有误']),
      deadline: z.string(),
      projects: z.array(z.object({ code: z.string(), name: z.string() })),
    }),
  ),
  title: z.string(),
  /** The notice as the print preview shows it, and as PDF. */
  html: z.string(),
  fileName: z.string(),
  base64: z.string(),
});
export type CollectNotice = z.infer<typeof CollectNoticeSchema>;

/** The 催报单: every unit whose kit of the month is not back (or back wrong), printed by the core as PDF. */
export const CollectChaseInputSchema = z.object({ period: period() });
export const CollectChaseSchema = z.object({
  period: z.string(),
  rows: z.array(RosterEntrySchema),
  title: z.string(),
  html: z.string(),
  fileName: z.string(),
  base64: z.string(),
});
export type CollectChase = z.infer<typeof CollectChaseSchema>;
