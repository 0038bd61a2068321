/**
 * The town→county data package (issue 18 part 4) and 县级汇总: the package's manifest and figures document, what
 * verifying and importing one answer, the county's settings and its summary.
 */
import { StatsSchema } from './app.ts';
import { period, reqText } from './common.ts';
import { FigureSetSchema, LevelSchema } from './figures.ts';
import { z } from './zod-zh.ts';
import { labels } from '../fields/registry.ts';

/** Field names from the field registry (shared/fields/registry.ts). */
const L_SETTING = labels('setting');

/** The one format this program writes and accepts; a package of another version is refused, never guessed at. */
export const PACKAGE_FORMAT = '乡镇建设项目台账数据包';
export const PACKAGE_FORMAT_VERSION = 1;
export const MANIFEST_NAME = 'manifest.json';

/** What each file of a package holds: the county's five workbooks and the machine-readable figures. */
export const PACKAGE_FILE_KINDS = ['T1', 'T2', 'T3', 'T4', 'T5', 'figures'] as const;
export type PackageFileKind = (typeof PACKAGE_FILE_KINDS)[number];

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'SHA-256 应为64位十六进制');

export const AuditHeadSchema = z.object({
  /** rows in the change log when the package was made */
  rows: z.number().int().min(0),
  /** hash of the last row (64 zeros for an empty log) */
  hash: sha256Hex,
});
export type AuditHead = z.infer<typeof AuditHeadSchema>;

/** One project's figures as the town sent them (its ids are the town's own). */
export const PackageProjectSchema = z.object({
  id: z.number().int(),
  parentId: z.number().int().nullable(),
  code: z.string().nullable(),
  name: z.string(),
  category: z.string().nullable(),
  status: z.string().nullable(),
  level: LevelSchema.nullable(),
  totalFen: z.number().int(),
  priorFen: z.number().int(),
  yearPlanFen: z.number().int(),
  monthFen: z.number().int(),
  ytdFen: z.number().int(),
  cumFen: z.number().int(),
  ytdPct: z.number().nullable(),
});
export type PackageProject = z.infer<typeof PackageProjectSchema>;

/** The figures file of a package: the town's `figures --json` (totals) and every project's figures, money in 分. */
export const PackageFiguresSchema = z.object({
  format: z.literal(PACKAGE_FORMAT),
  formatVersion: z.number().int(),
  town: z.string().min(1).max(30),
  period: period(),
  appVersion: z.string(),
  exportedAt: z.string(),
  closed: z.boolean(),
  /** SHA-256 of the period's 关账 snapshot (null while the period is open) */
  closeSnapshotSha256: sha256Hex.nullable(),
  auditHead: AuditHeadSchema,
  totals: FigureSetSchema,
  projects: z.array(PackageProjectSchema),
});
export type PackageFigures = z.infer<typeof PackageFiguresSchema>;

export const ManifestFileSchema = z.object({
  name: z.string().min(1),
  kind: z.enum(PACKAGE_FILE_KINDS),
  bytes: z.number().int().min(0),
  sha256: sha256Hex,
});

export const ManifestSchema = z.object({
  format: z.string(),
  formatVersion: z.number().int(),
  town: z.string(),
  period: z.string(),
  appVersion: z.string(),
  createdAt: z.string(),
  closeSnapshotSha256: sha256Hex.nullable(),
  auditHead: AuditHeadSchema,
  files: z.array(ManifestFileSchema),
});
export type Manifest = z.infer<typeof ManifestSchema>;

const fileIn = {
  fileName: z.string().min(1, '缺少文件名').max(255),
  base64: z.string().max(200_000_000, '数据包过大'),
};
export const PackageFileInputSchema = z.object(fileIn);

export const PackageProblemSchema = z.object({ file: z.string(), reason: z.string() });
export type PackageProblem = z.infer<typeof PackageProblemSchema>;

export const PackageVerifySchema = z.object({
  ok: z.boolean(),
  /** the package file checked */
  file: z.string(),
  town: z.string().nullable(),
  period: z.string().nullable(),
  formatVersion: z.number().int().nullable(),
  appVersion: z.string().nullable(),
  files: z.array(
    z.object({ name: z.string(), kind: z.string(), bytes: z.number().int(), sha256: z.string(), ok: z.boolean() }),
  ),
  /** every refusal, each naming the file it is about */
  problems: z.array(PackageProblemSchema),
  /** one Chinese sentence: 校验通过, or the first problem */
  message: z.string(),
});
export type PackageVerify = z.infer<typeof PackageVerifySchema>;

export const PackageImportSchema = z.object({
  town: z.string(),
  period: z.string(),
  projects: z.number().int(),
  totalInvestmentFen: z.number().int(),
  /** this town had already sent the period: its figures were replaced */
  replaced: z.boolean(),
  message: z.string(),
  /** the backup of the county ledger taken just before the figures were stored */
  backupFile: z.string(),
});
export type PackageImport = z.infer<typeof PackageImportSchema>;

export const CountySettingsSchema = z.object({
  /** set: this ledger is a county's (县级汇总); null: a town's */
  countyName: z.string().nullable(),
  /** the towns expected to send a package every period */
  towns: z.array(z.string()),
});
export type CountySettings = z.infer<typeof CountySettingsSchema>;

export const CountySettingsSaveSchema = z.object({
  countyName: reqText(L_SETTING.countyName, 2, 30),
  towns: z
    .array(reqText('乡镇名称', 2, 30), { error: '应报送的乡镇应为乡镇名称的列表' })
    .max(200, '应报送的乡镇不能超过200个')
    .refine((t) => new Set(t).size === t.length, { message: '应报送的乡镇有重复' }),
});
export type CountySettingsSave = z.output<typeof CountySettingsSaveSchema>;

export const CountyTownSchema = z.object({
  town: z.string(),
  period: z.string(),
  projects: z.number().int(),
  totalInvestmentFen: z.number().int(),
  closed: z.boolean(),
  importedAt: z.string(),
  importedBy: z.string(),
  fileName: z.string(),
});
export type CountyTown = z.infer<typeof CountyTownSchema>;

/** The county's figures of a period: its totals (Σ of the towns), each town's own, and the towns that have not sent. */
export const CountySummarySchema = z.object({
  county: z.string(),
  /** the period asked for, else the newest one any town has sent (null: nothing received yet) */
  period: z.string().nullable(),
  /** every period some town has sent, newest first */
  periods: z.array(z.string()),
  towns: z.array(CountyTownSchema),
  missingTowns: z.array(z.string()),
  totals: FigureSetSchema.nullable(),
  figures: z.record(z.string(), FigureSetSchema),
});
export type CountySummary = z.infer<typeof CountySummarySchema>;

/** `figures` (figures:set): a town's figure set; on a county ledger the county's totals, each town's under `towns`. */
export const LedgerFiguresSchema = FigureSetSchema.extend({
  county: z.string().optional(),
  towns: z.record(z.string(), FigureSetSchema).optional(),
  missingTowns: z.array(z.string()).optional(),
});
export type LedgerFigures = z.infer<typeof LedgerFiguresSchema>;

/** `stats` (stats:summary): a town's ledger statistics; on a county ledger the towns' sum with each town and the towns missing. */
export const LedgerStatsSchema = StatsSchema.extend({
  county: z.string().optional(),
  period: z.string().nullable().optional(),
  towns: z.array(CountyTownSchema).optional(),
  missingTowns: z.array(z.string()).optional(),
});
export type LedgerStats = z.infer<typeof LedgerStatsSchema>;
