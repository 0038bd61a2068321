/**
 * The one typed contract between the renderer and the core: per channel (`domain:verb`) a zod input
 * and output schema. Electron IPC, the browser test harness and the CLI all go through handleCall,
 * which validates against this.
 */
import { AppInfoSchema, OnboardInputSchema, StatsSchema } from '../schemas/app.ts';
import { optIsoDate, period as periodText } from '../schemas/common.ts';
import { PeriodFiguresSchema } from '../schemas/figures.ts';
import { LookupsSchema } from '../schemas/org.ts';
import {
  ProjectInputSchema, ProjectListQuerySchema, ProjectPatchSchema, ProjectRowSchema, ProjectSchema,
} from '../schemas/project.ts';
import {
  AuditExportInputSchema, AuditExportResultSchema, BackupCreatedSchema, BackupCreateInputSchema, BackupInfoSchema, BackupListSchema,
  backupName, ChainCheckSchema, OpenDialogInputSchema, PickedSchema, RecoveryRestoreResultSchema, RecoveryStatusSchema,
  RestoreResultSchema, SaveDialogInputSchema,
} from '../schemas/safety.ts';
import { z } from '../schemas/zod-zh.ts';
import type { Channel } from './channels.ts';

/** `mutates` channels write data: refused for the read-only 领导 role. */
interface ChannelSpec {
  input: z.ZodType;
  output: z.ZodType;
  mutates?: true;
}

const none = z.object({}).strict().optional().default({});
const byId = z.object({ id: z.number({ error: '缺少编号' }).int().positive() });

export const contract = {
  'app:info': { input: none, output: AppInfoSchema },
  'app:onboard': { input: OnboardInputSchema, output: AppInfoSchema , mutates: true },
  'lookups:get': { input: none, output: LookupsSchema },
  'projects:list': { input: ProjectListQuerySchema.optional().default({ includeDeleted: false, onlyDeleted: false }), output: z.array(ProjectRowSchema) },
  'projects:get': { input: byId, output: ProjectSchema },
  'projects:create': { input: ProjectInputSchema, output: ProjectSchema , mutates: true },
  'projects:update': { input: z.object({ id: byId.shape.id, patch: ProjectPatchSchema }), output: ProjectSchema , mutates: true },
  'projects:delete': { input: byId, output: z.object({ deleted: z.number().int() }) , mutates: true },
  'projects:restore': { input: byId, output: ProjectSchema , mutates: true },
  'stats:summary': { input: none, output: StatsSchema },
  'figures:period': { input: z.object({ period: periodText(), asOf: optIsoDate('基准日期').transform((v) => v ?? undefined) }), output: PeriodFiguresSchema },
  'backups:list': { input: none, output: BackupListSchema },
  'backups:create': { input: BackupCreateInputSchema, output: BackupCreatedSchema },
  'backups:preview': { input: z.object({ name: backupName }), output: BackupInfoSchema },
  'backups:restore': { input: z.object({ name: backupName }), output: RestoreResultSchema, mutates: true },
  'backups:undoRestore': { input: none, output: RestoreResultSchema, mutates: true },
  'audit:verify': { input: none, output: ChainCheckSchema },
  'audit:export': { input: AuditExportInputSchema, output: AuditExportResultSchema },
  'recovery:status': { input: none, output: RecoveryStatusSchema },
  'recovery:restore': { input: z.object({ name: backupName }), output: RecoveryRestoreResultSchema, mutates: true },
  'dialog:pickBackupFolder': { input: none, output: PickedSchema },
  'dialog:saveFile': { input: SaveDialogInputSchema, output: PickedSchema },
  'dialog:openFile': { input: OpenDialogInputSchema, output: PickedSchema },
} satisfies Record<Channel, ChannelSpec>;

type Contract = typeof contract;
export type In<C extends Channel> = z.input<Contract[C]['input']>;
export type Parsed<C extends Channel> = z.output<Contract[C]['input']>;
export type Out<C extends Channel> = z.output<Contract[C]['output']>;
export type Handlers = { [C in Channel]: (input: Parsed<C>) => Out<C> | Promise<Out<C>> };

export function mutates(channel: Channel): boolean {
  return (contract[channel] as ChannelSpec).mutates === true;
}
