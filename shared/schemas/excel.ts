/** Excel in and out: the contract shapes for export, template fill and ledger import. */
import { period } from './common.ts';
import { z } from './zod-zh.ts';

export const EXPORT_TEMPLATES = ['T1', 'T2', 'T3', 'T4', 'T5'] as const;
export type ExportTemplate = (typeof EXPORT_TEMPLATES)[number];

/** The county's tables by their titles (domain §2); T1–T5 stay the names the CLI and the package's manifest use. */
export const TEMPLATE_TITLES: Record<ExportTemplate, string> = {
  T1: '重点项目建设进展情况月报表',
  T2: '项目清单',
  T3: '重大项目表',
  T4: '资金到位及拨付情况表',
  T5: '责任清单推进表',
};

/** 表1 重点项目建设进展情况月报表: how screens, file names and messages name a table. */
export const templateLabel = (t: ExportTemplate): string => `表${t.slice(1)} ${TEMPLATE_TITLES[t]}`;

export const FileOutSchema = z.object({ fileName: z.string(), base64: z.string() });
export type FileOut = z.infer<typeof FileOutSchema>;

export const ExportInputSchema = z.object({
  template: z.enum(EXPORT_TEMPLATES, { error: '报表应为 T1–T5 之一' }),
  period: period(),
  /** T5: the 责任清单 (campaign) to report; the first one (as the 责任清单 page opens) when not given */
  campaignId: z.number().int().positive().nullish(),
});

const fileIn = {
  fileName: z.string().min(1, '缺少文件名').max(255),
  base64: z.string().max(72_000_000, '文件过大（超过 50MB）'),
};

export const ImportDecisionSchema = z.enum(['create', 'update', 'skip']);
export type ImportDecision = z.infer<typeof ImportDecisionSchema>;

export const ImportInputSchema = z.object({
  ...fileIn,
  sheet: z.string().max(100).nullish(),
  /** A saved mapping's name, or null to propose one (a saved mapping with the same headers is reused). */
  mapping: z.string().max(100).nullish(),
  /** Column letter → field key, overriding the proposal. */
  columns: z.record(z.string(), z.string().nullable()).nullish(),
  /** The 年度 of rows that carry none. */
  year: z.number().int().min(1900).max(2099).nullish(),
  /** What to do with a row that matches an existing project (by 编号, else 名称+年度). */
  duplicates: ImportDecisionSchema.default('skip'),
  /** Per-row overrides: sheet row number → decision. */
  rowDecisions: z.record(z.string(), ImportDecisionSchema).nullish(),
  /**
   * Rows the file hides (hidden by hand or filtered out in Excel/WPS): imported like the others (the default,
   * nothing left out unseen), or skipped with the sub-projects under them. The preview lists them (hiddenRows).
   */
  hiddenRows: z.enum(['import', 'skip']).nullish(),
  /** Save the (confirmed) column mapping under this name. */
  saveMappingAs: z.string().min(1).max(100).nullish(),
});
export type ImportInput = z.input<typeof ImportInputSchema>;

export const ImportProblemSchema = z.object({
  sheet: z.string(),
  row: z.number().int(),
  column: z.string(),
  header: z.string(),
  level: z.enum(['error', 'warning']),
  message: z.string(),
});
export type ImportProblem = z.infer<typeof ImportProblemSchema>;

/** A 合计/小计 row (or a section heading with figures) of the file against the sum of the projects it covers. */
export const TotalsCheckSchema = z.object({
  sheet: z.string(),
  row: z.number().int(),
  /** The row's own label as written (合计, 小计, 一、工业（3个）, 龙海市合计2个). */
  label: z.string(),
  fileFen: z.number().int(),
  sumFen: z.number().int(),
});
export type TotalsCheck = z.infer<typeof TotalsCheckSchema>;

export const ImportPreviewSchema = z.object({
  fileName: z.string(),
  format: z.string(),
  sheet: z.string(),
  sheets: z.array(z.string()),
  headerRows: z.array(z.number().int()),
  /** The money unit of the 总投资 figures as the file states it (万元, 元, 亿元, 万美元 …). */
  unit: z.string(),
  /** Where the unit was read ("表头“总投资（亿元）”", "第2行“单位：万元”"), or a note that 万元 was assumed. */
  unitSource: z.string(),
  /** The year (and month) the file is about, for the user to confirm, and where it was read. */
  year: z.number().int(),
  month: z.number().int().nullable(),
  periodSource: z.string(),
  /**
   * True when nothing in the file or the request named the year: it was taken from the ledger's 年度 setting, else
   * from the computer's clock (periodSource says which), for the clerk to confirm.
   */
  periodFromClock: z.boolean(),
  /** Ledger fields the file has no column for ("建设地点", …): listed once, filled in later. */
  missingFields: z.array(z.string()),
  /** Every 合计/小计 checked; the ones with fileFen ≠ sumFen are differences the user should look at. */
  totalsChecked: z.array(TotalsCheckSchema),
  /** Things to know before importing (foreign-currency columns, the year taken from the clock …). */
  notices: z.array(z.string()),
  /** The project and sub-project rows the file hides (sheet row numbers), for the clerk to import or skip. */
  hiddenRows: z.array(z.number().int()),
  mappingName: z.string().nullable(),
  columns: z.array(
    z.object({
      letter: z.string(),
      header: z.string(),
      field: z.string().nullable(),
      fieldLabel: z.string().nullable(),
      /** Why an unmapped column is not imported (e.g. 本月完成 is entered in the monthly report). */
      note: z.string().nullable(),
    }),
  ),
  rows: z.array(
    z.object({
      row: z.number().int(),
      code: z.string().nullable(),
      name: z.string(),
      totalFen: z.number().int().nullable(),
      /** 总投资 written as approximate (860余万元), shown 860.00余 as everywhere */
      approx: z.boolean(),
      action: z.enum(['create', 'update', 'skip', 'error']),
      duplicateOf: z.object({ id: z.number().int(), name: z.string() }).nullable(),
      /** The sheet row of the parent project, for a sub-project. */
      parentRow: z.number().int().nullable(),
      /** The file's section headings over the row ("工业 / 续建"), or null. */
      section: z.string().nullable(),
      /** An update that would leave its project exactly as it is (the import then leaves it alone). */
      unchanged: z.boolean(),
    }),
  ),
  problems: z.array(ImportProblemSchema),
  counts: z.object({
    create: z.number(),
    update: z.number(),
    /** Of the updates, those that would leave their project exactly as it is. */
    unchanged: z.number(),
    skip: z.number(),
    error: z.number(),
    sections: z.number(),
    totals: z.number(),
    breakdowns: z.number(),
    /** Top-level projects in the file and their 总投资 (sub-projects never added on top). */
    projects: z.number(),
    subProjects: z.number(),
    totalInvestmentFen: z.number().int(),
  }),
  /** 单位 names the ledger's 组织机构 does not have: the import adds them (also said in notices). */
  newOrgs: z.array(z.string()),
  /** 包联领导/责任人 names the ledger's 人员 does not have: the import adds them (also said in notices). */
  newStaff: z.array(z.string()),
});
export type ImportPreview = z.infer<typeof ImportPreviewSchema>;

/**
 * What an import says about its file besides its rows (the CLI's report: cli-contract.md "Import report"): carried by
 * the applied import too, so the command line reads the file once.
 */
export const ImportSummarySchema = ImportPreviewSchema.pick({
  sheet: true,
  year: true,
  month: true,
  periodSource: true,
  periodFromClock: true,
  unit: true,
  unitSource: true,
  missingFields: true,
  totalsChecked: true,
  notices: true,
  counts: true,
  columns: true,
  newOrgs: true,
  newStaff: true,
});
export type ImportSummary = z.infer<typeof ImportSummarySchema>;

export const ImportReportSchema = z.object({
  fileName: z.string(),
  /** The file as the preview described it (the import follows exactly that preview). */
  summary: ImportSummarySchema,
  created: z.number().int(),
  updated: z.number().int(),
  /** Of the updated, the projects the row left exactly as they were (fields, units, 资金来源, 年度计划). */
  unchanged: z.number().int(),
  skipped: z.number().int(),
  problems: z.array(ImportProblemSchema),
  backupFile: z.string().nullable(),
  rows: ImportPreviewSchema.shape.rows,
});
export type ImportReport = z.infer<typeof ImportReportSchema>;

export const MappingSchema = z.object({
  name: z.string(),
  kind: z.enum(['import', 'template']),
  /** Header path → field key. */
  columns: z.record(z.string(), z.string().nullable()),
  updatedAt: z.string(),
});
export type Mapping = z.infer<typeof MappingSchema>;

export const MappingSaveSchema = z.object({
  name: z.string().min(1, '请填写映射名称').max(100),
  kind: z.enum(['import', 'template']),
  columns: z.record(z.string(), z.string().nullable()),
});

export const TemplateInspectSchema = z.object({
  sheet: z.string(),
  headerRows: z.array(z.number().int()),
  firstDataRow: z.number().int(),
  columns: z.array(
    z.object({
      letter: z.string(),
      header: z.string(),
      field: z.string().nullable(),
      fieldLabel: z.string().nullable(),
      /** The unit an amount is written in here (the header's, else the sheet's unit line, else 万元). */
      unit: z.string(),
    }),
  ),
  savedMapping: z.string().nullable(),
});
export type TemplateInspect = z.infer<typeof TemplateInspectSchema>;

export const TemplateFillSchema = z.object({
  fileName: z.string().min(1).max(255),
  templateBase64: z.string().max(72_000_000, '模板文件过大'),
  period: period(),
  /** Saved mapping name; without it the proposed mapping (or `columns`) is used. */
  mappingName: z.string().max(100).nullish(),
  /** Column letter → field key (the user's confirmed mapping). */
  columns: z.record(z.string(), z.string().nullable()).nullish(),
  saveMappingAs: z.string().min(1).max(100).nullish(),
});
export type TemplateFillInput = z.input<typeof TemplateFillSchema>;

/** The filled template, and the columns left as the template had them (no field chosen: 不填). */
export const TemplateFilledSchema = FileOutSchema.extend({
  blankColumns: z.array(z.object({ letter: z.string(), header: z.string() })),
});
export type TemplateFilled = z.infer<typeof TemplateFilledSchema>;
