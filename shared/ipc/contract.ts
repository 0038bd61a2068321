/**
 * The one typed contract between the renderer and the core: per channel (`domain:verb`) a zod input
 * and output schema. Electron IPC, the browser test harness and the CLI all go through handleCall,
 * which validates against this.
 */
import { AppInfoSchema, OnboardInputSchema, StatsSchema } from '../schemas/app.ts';
import { optIsoDate, period as periodText } from '../schemas/common.ts';
import { PeriodFiguresSchema } from '../schemas/figures.ts';
import { LightHistoryInputSchema, LightHistoryRowSchema, LightRulesInputSchema, LightRulesViewSchema } from '../schemas/lights.ts';
import { LookupsSchema } from '../schemas/org.ts';
import {
  ProjectInputSchema, ProjectListQuerySchema, ProjectPatchSchema, ProjectRowSchema, ProjectSchema,
} from '../schemas/project.ts';
import {
  PeriodReopenInputSchema, PeriodStatusSchema, ReportBatchSchema, ReportsChangedSchema, ReportsSaveInputSchema, ReportsStateInputSchema,
} from '../schemas/report.ts';
import {
  SupervisionCloseInputSchema, SupervisionCreateInputSchema, SupervisionEscalateInputSchema, SupervisionEscalateOverdueInputSchema,
  SupervisionListInputSchema, SupervisionReplyInputSchema, SupervisionSchema,
} from '../schemas/supervision.ts';
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
const byPeriod = z.object({ period: periodText() });

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
  'reports:batch': { input: byPeriod, output: ReportBatchSchema },
  'reports:save': { input: ReportsSaveInputSchema, output: ReportsChangedSchema, mutates: true },
  'reports:submit': { input: ReportsStateInputSchema, output: ReportsChangedSchema, mutates: true },
  'reports:return': { input: ReportsStateInputSchema, output: ReportsChangedSchema, mutates: true },
  'periods:list': { input: none, output: z.array(PeriodStatusSchema) },
  'periods:close': { input: byPeriod, output: PeriodStatusSchema, mutates: true },
  'periods:reopen': { input: PeriodReopenInputSchema, output: PeriodStatusSchema, mutates: true },
  'lights:rules:get': { input: none, output: LightRulesViewSchema },
  'lights:rules:save': { input: LightRulesInputSchema, output: LightRulesViewSchema, mutates: true },
  'lights:history': { input: LightHistoryInputSchema, output: z.array(LightHistoryRowSchema) },
  'supervision:list': { input: SupervisionListInputSchema, output: z.array(SupervisionSchema) },
  'supervision:create': { input: SupervisionCreateInputSchema, output: SupervisionSchema, mutates: true },
  'supervision:reply': { input: SupervisionReplyInputSchema, output: SupervisionSchema, mutates: true },
  'supervision:close': { input: SupervisionCloseInputSchema, output: SupervisionSchema, mutates: true },
  'supervision:escalate': { input: SupervisionEscalateInputSchema, output: SupervisionSchema, mutates: true },
  'supervision:escalateOverdue': { input: SupervisionEscalateOverdueInputSchema, output: z.array(SupervisionSchema), mutates: true },
} satisfies Record<Channel, ChannelSpec>;

type Contract = typeof contract;
export type In<C extends Channel> = z.input<Contract[C]['input']>;
export type Parsed<C extends Channel> = z.output<Contract[C]['input']>;
export type Out<C extends Channel> = z.output<Contract[C]['output']>;
export type Handlers = { [C in Channel]: (input: Parsed<C>) => Out<C> | Promise<Out<C>> };

export function mutates(channel: Channel): boolean {
  return (contract[channel] as ChannelSpec).mutates === true;
}
