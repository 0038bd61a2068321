/**
 * The one typed contract between the renderer and the core: per channel (`domain:verb`) a zod input
 * and output schema. Electron IPC, the browser test harness and the CLI all go through handleCall,
 * which validates against this.
 */
import { AppInfoSchema, OnboardInputSchema, StatsSchema } from '../schemas/app.ts';
import {
  AssessmentItemsSaveSchema, AssessmentRowSchema, AssessmentSaveSchema, AssessmentSchema, RankingSchema, RankQuerySchema,
} from '../schemas/assessment.ts';
import { optIsoDate, period as periodText, year as yearNumber } from '../schemas/common.ts';
import { DashboardSchema } from '../schemas/dashboard.ts';
import { PeriodFiguresSchema } from '../schemas/figures.ts';
import { AwardInputSchema, FundFlowInputSchema, FundFlowSavedSchema, FundFlowSchema, FundsSummarySchema } from '../schemas/funds.ts';
import { LookupsSchema } from '../schemas/org.ts';
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
  'funds:listFlows': { input: z.object({ projectId: byId.shape.id.optional() }).optional().default({}), output: z.array(FundFlowSchema) },
  'funds:saveFlow': { input: FundFlowInputSchema, output: FundFlowSavedSchema, mutates: true },
  'funds:removeFlow': { input: byId, output: z.object({ deleted: z.number().int() }), mutates: true },
  'funds:summary': { input: z.object({ asOf: optIsoDate('截止日期'), projectId: byId.shape.id.optional() }).optional().default({ asOf: null }), output: FundsSummarySchema },
  'funds:saveAward': { input: AwardInputSchema, output: z.object({ appliedFen: z.number().int() }), mutates: true },
  'dashboard:summary': { input: z.object({ period: periodText().optional() }).optional().default({}), output: DashboardSchema },
  'assessments:list': { input: z.object({ year: yearNumber('考核年度').optional(), scheme: z.string().optional() }).optional().default({}), output: z.array(AssessmentRowSchema) },
  'assessments:get': { input: byId, output: AssessmentSchema },
  'assessments:save': { input: AssessmentSaveSchema, output: AssessmentSchema, mutates: true },
  'assessments:saveItems': { input: AssessmentItemsSaveSchema, output: AssessmentSchema, mutates: true },
  'assessments:rank': { input: RankQuerySchema, output: RankingSchema },
  'assessments:loadExample': { input: z.object({ year: yearNumber('考核年度') }), output: RankingSchema, mutates: true },
} satisfies Record<Channel, ChannelSpec>;

type Contract = typeof contract;
export type In<C extends Channel> = z.input<Contract[C]['input']>;
export type Parsed<C extends Channel> = z.output<Contract[C]['input']>;
export type Out<C extends Channel> = z.output<Contract[C]['output']>;
export type Handlers = { [C in Channel]: (input: Parsed<C>) => Out<C> | Promise<Out<C>> };

export function mutates(channel: Channel): boolean {
  return (contract[channel] as ChannelSpec).mutates === true;
}
