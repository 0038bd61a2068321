/**
 * The one typed contract between the renderer and the core: per channel (`domain:verb`) a zod input
 * and output schema. Electron IPC, the browser test harness and the CLI all go through handleCall,
 * which validates against this.
 */
import { AppInfoSchema, OnboardInputSchema, StatsSchema } from '../schemas/app.ts';
import { optIsoDate, period as periodText, year } from '../schemas/common.ts';
import { PeriodFiguresSchema } from '../schemas/figures.ts';
import { LookupsSchema } from '../schemas/org.ts';
import {
  BriefingIssueSchema, BriefingSaveSchema, DOC_KINDS, PdfOutputSchema, RenderInputSchema, RenderOutputSchema, ReportOptionsSchema,
  ReportSettingsSchema,
} from '../schemas/reports.ts';
import {
  ProjectInputSchema, ProjectListQuerySchema, ProjectPatchSchema, ProjectRowSchema, ProjectSchema,
} from '../schemas/project.ts';
import { z } from '../schemas/zod-zh.ts';
import type { Channel } from './channels.ts';

/** `mutates` channels write data: refused for the read-only 领导 role. */
interface ChannelSpec {
  input: z.ZodType;
  output: z.ZodType;
  mutates?: true;
}

const none = z.object({}).strict().optional().default({});
const docKind = z.enum(DOC_KINDS, { error: `文档类型应为：${DOC_KINDS.join('、')}` });
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
  'reports:render': { input: RenderInputSchema, output: RenderOutputSchema },
  'reports:pdf': { input: RenderInputSchema, output: PdfOutputSchema },
  'reports:getSettings': { input: z.object({ doc: docKind }), output: ReportSettingsSchema },
  'reports:saveSettings': { input: z.object({ doc: docKind, settings: ReportSettingsSchema }), output: ReportSettingsSchema, mutates: true },
  'reports:options': { input: z.object({ period: periodText().optional() }).optional().default({}), output: ReportOptionsSchema },
  'briefings:list': { input: z.object({ year: year('年份').optional() }).optional().default({}), output: z.array(BriefingIssueSchema) },
  'briefings:save': { input: BriefingSaveSchema, output: BriefingIssueSchema, mutates: true },
} satisfies Record<Channel, ChannelSpec>;

type Contract = typeof contract;
export type In<C extends Channel> = z.input<Contract[C]['input']>;
export type Parsed<C extends Channel> = z.output<Contract[C]['input']>;
export type Out<C extends Channel> = z.output<Contract[C]['output']>;
export type Handlers = { [C in Channel]: (input: Parsed<C>) => Out<C> | Promise<Out<C>> };

export function mutates(channel: Channel): boolean {
  return (contract[channel] as ChannelSpec).mutates === true;
}
