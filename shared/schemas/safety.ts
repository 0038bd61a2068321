/** Backups, restore, recovery, audit verification/export and the main-process file dialogs. */
import { optIsoDate } from './common.ts';
import { z } from './zod-zh.ts';
import { labels } from '../fields/registry.ts';

/** Field names from the field registry (shared/fields/registry.ts). */
const L_COMMON = labels('common');

/** A backup is named, never addressed by path: a bare file name ending in .db, no separators. */
export const backupName = z
  .string({ error: '请选择备份' })
  .min(4, '备份名称无效')
  .max(200, '备份名称无效')
  .regex(/^[^/\\:\0]+\.db$/, '备份名称无效')
  .refine((v) => !v.startsWith('.'), '备份名称无效');

/** A backup's verdict in the lists (BackupInfo.state). */
export const BACKUP_STATES = ['完好', '空文件', '其他乡镇', '不可用'] as const;
export type BackupState = (typeof BACKUP_STATES)[number];

export const BackupInfoSchema = z.object({
  name: z.string(),
  /** When the backup was taken (ISO). */
  at: z.string(),
  /** 每日 / 手动 / 迁移前 / 导入前 / 恢复前 / 撤销前 / 其他 */
  reason: z.string(),
  sizeBytes: z.number().int(),
  ok: z.boolean(),
  /**
   * What the list says of it, decided by the core: 完好; 空文件 (0 bytes: a copy cut off by a full disk or a pulled
   * U盘); 其他乡镇 (an intact ledger of another town: `town` names it); 不可用 (damaged, unreadable, from a newer
   * version…). `problem` says why it is not 完好.
   */
  state: z.enum(BACKUP_STATES),
  problem: z.string().nullable(),
  /** The town whose ledger it is (its 设置); null when it names none or cannot be read. */
  town: z.string().nullable(),
  operator: z.string().nullable(),
  lastChangeAt: z.string().nullable(),
  projects: z.number().int().nullable(),
  reports: z.number().int().nullable(),
  totalInvestmentFen: z.number().int().nullable(),
  /** The change log's length and head hash the backup holds (留痕 N 条，末条校验值 …), to compare on paper. */
  anchor: z.string().nullable(),
});
export type BackupInfo = z.infer<typeof BackupInfoSchema>;

export const UndoInfoSchema = z.object({ restoredName: z.string(), undoName: z.string(), at: z.string() });
export type UndoInfo = z.infer<typeof UndoInfoSchema>;

/** Days without a U盘 backup after which the header and the 数据安全 page remind the clerk. */
export const MANUAL_REMINDER_DAYS = 7;

/**
 * A restore cut off by a power cut or a kill, as the next start found and settled it (electron/core/backup/
 * restore-notice.ts): shown once, until acknowledged. `ledger`: the state the ledger was left in — 已恢复 (the restore
 * was finished: the backup's data), 恢复前 (rolled back: the data as before the restore), 待核对 (the start could not
 * tell for sure: 校验留痕 says more).
 */
export const RestoreNoticeSchema = z.object({
  at: z.string(),
  message: z.string(),
  ledger: z.enum(['已恢复', '恢复前', '待核对']),
});
export type RestoreNotice = z.infer<typeof RestoreNoticeSchema>;

export const BackupListSchema = z.object({
  dir: z.string(),
  backups: z.array(BackupInfoSchema),
  lastManualAt: z.string().nullable(),
  /** True when no manual backup (U盘 etc.) was made for 7 days. */
  manualReminder: z.boolean(),
  undo: UndoInfoSchema.nullable(),
  /** A restore cut off at the last run, not yet acknowledged (知道了: backups:dismissRestoreNotice). */
  restoreNotice: RestoreNoticeSchema.nullable(),
});
export type BackupList = z.infer<typeof BackupListSchema>;

export const BackupCreateInputSchema = z.object({
  target: z.enum(['auto', 'manual'], { error: '备份位置应为“自动备份目录”或“手动选择的文件夹”' }),
  destToken: z.string().min(1).max(100).optional(),
});

export const BackupCreatedSchema = z.object({ name: z.string(), file: z.string(), at: z.string() });

export const RestoreResultSchema = z.object({ restoredName: z.string(), undoName: z.string().nullable() });

export const SealProblemSchema = z.object({
  table: z.string(),
  rowKey: z.string(),
  kind: z.enum(['改动', '新增', '删除']),
  message: z.string(),
});

/** Row seals and the external anchor (electron/core/audit/row-seal.ts). */
export const SealCheckSchema = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  problems: z.array(SealProblemSchema),
  /** rows found not to match their seals, all of them (problems names the first 50) */
  rowProblems: z.number().int().optional(),
  anchor: z.object({ ok: z.boolean(), message: z.string() }).nullable(),
  /** which anchor: the one beside the ledger (or a restore's journal), the one a backup carries, none usable */
  anchorFrom: z.enum(['given', 'carried']).nullable().optional(),
  /** the anchors set aside at opening (town-ledger.db.anchor.不符-…), each held against the ledger now */
  evidence: z
    .array(
      z.object({
        files: z.array(z.string()),
        at: z.string().nullable(),
        disagreement: z.string().nullable(),
        sameAsAnchor: z.boolean(),
      }),
    )
    .optional(),
  message: z.string(),
});

/** The figures kept in the ledger file against the same figures computed from the ledger (verify/kept-figures-check.ts). */
export const KeptFiguresCheckSchema = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  /** kept before the last write: recomputed by their next reader, not compared */
  stale: z.number().int(),
  problems: z.array(z.string()),
  message: z.string(),
});

/** `ok`, `checked`, `firstBrokenId` describe the change log's chain; `seals` the ledger's tables; `figures` the kept figures. */
export const ChainCheckSchema = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  firstBrokenId: z.number().int().nullable(),
  message: z.string(),
  seals: SealCheckSchema.optional(),
  figures: KeptFiguresCheckSchema.optional(),
  /** anchors set aside because the ledger disagreed with them when it was opened */
  evidence: z.array(z.string()).optional(),
  /** each problem found, once, saying where to look (the CLI's `verify` lists the same) */
  findings: z.array(z.string()).optional(),
  /** what was found beside them: the checks that passed, and notes that are no problem */
  passed: z.array(z.string()).optional(),
});

export const AuditExportInputSchema = z.object({
  from: optIsoDate(L_COMMON.from),
  to: optIsoDate(L_COMMON.to),
  operator: z
    .string()
    .max(50, '操作员不能超过50个字')
    .nullish()
    .transform((v) => (v?.trim() ? v.trim() : null)),
  projectId: z
    .number()
    .int()
    .positive()
    .nullish()
    .transform((v) => v ?? null),
  format: z.enum(['xlsx', 'pdf'], { error: '导出格式应为 Excel 或 PDF' }),
  destToken: z.string({ error: '请先选择保存位置' }).min(1, '请先选择保存位置').max(100),
});
export type AuditExportInput = z.output<typeof AuditExportInputSchema>;
export const AuditExportResultSchema = z.object({ file: z.string(), rows: z.number().int() });

export const RecoveryStatusSchema = z.object({
  mode: z.enum(['normal', 'recovery']),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  dbFile: z.string(),
  /**
   * The town of the ledger that cannot be opened, as far as it can be known (read from the file itself, or from the
   * backups that carry its seal key); null: not known. A backup of another town is listed as 其他乡镇 against it.
   */
  town: z.string().nullable(),
  backups: z.array(BackupInfoSchema),
  newestGood: z.string().nullable(),
});
export type RecoveryStatus = z.infer<typeof RecoveryStatusSchema>;
export const RecoveryRestoreResultSchema = z.object({ restoredName: z.string(), setAside: z.string().nullable() });

/** Dialogs are shown by the main process; the renderer receives an opaque token, never a path. */
export const PickedSchema = z.object({ token: z.string(), label: z.string() }).nullable();
export const SaveDialogInputSchema = z.object({
  kind: z.enum(['xlsx', 'pdf', 'db'], { error: '文件类型应为 Excel 表格、PDF 文件或备份' }),
  defaultName: z
    .string({ error: '请填写文件名' })
    .min(1, '请填写文件名')
    .max(120, '文件名不能超过120个字')
    .regex(/^[^/\\:*?"<>|\0]+$/, '文件名不能含有 / \\ : * ? " < > | 等字符'),
});
export const OpenDialogInputSchema = z.object({
  kind: z.enum(['excel', 'attachment', 'backup'], { error: '文件类型应为 Excel、附件或备份' }),
});
export const FILE_FILTERS: Record<
  'xlsx' | 'pdf' | 'db' | 'excel' | 'attachment' | 'backup',
  { name: string; extensions: string[] }
> = {
  xlsx: { name: 'Excel 工作簿', extensions: ['xlsx'] },
  pdf: { name: 'PDF 文件', extensions: ['pdf'] },
  db: { name: '台账数据库', extensions: ['db'] },
  excel: { name: 'Excel/WPS 表格', extensions: ['xlsx', 'xls', 'et', 'csv'] },
  attachment: {
    name: '图片、PDF、Word、Excel',
    extensions: ['jpg', 'jpeg', 'png', 'gif', 'webp', 'pdf', 'doc', 'docx', 'xls', 'xlsx'],
  },
  backup: { name: '台账备份', extensions: ['db'] },
};
