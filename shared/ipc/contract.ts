/**
 * The one typed contract between the renderer and the core: per channel (`domain:verb`) a zod input
 * and output schema. Electron IPC, the browser test harness and the CLI all go through handleCall,
 * which validates against this.
 */
import { AppInfoSchema, OnboardInputSchema, StatsSchema } from '../schemas/app.ts';
import { LookupsSchema } from '../schemas/org.ts';
import {
  ProjectInputSchema, ProjectListQuerySchema, ProjectPatchSchema, ProjectRowSchema, ProjectSchema,
} from '../schemas/project.ts';
import {
  AttachmentAddSchema, AttachmentFileSchema, AttachmentRowSchema, BulkUpdateSchema, FundingSaveSchema, FundingSchema,
  HistoryQuerySchema, HistoryRowSchema, ItemsSaveSchema, ItemsSchema, MilestoneRowSchema, MilestonesSaveSchema,
  UiGetSchema, UiSetSchema, YearPlanRowSchema, YearPlansSaveSchema,
} from '../schemas/project-parts.ts';
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
const byProject = z.object({ projectId: z.number({ error: '缺少项目编号' }).int().positive() });

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
  'projects:bulkUpdate': { input: BulkUpdateSchema, output: z.object({ updated: z.number().int() }), mutates: true },
  'items:list': { input: byProject, output: ItemsSchema },
  'items:save': { input: ItemsSaveSchema, output: ItemsSchema, mutates: true },
  'funding:list': { input: byProject, output: FundingSchema },
  'funding:save': { input: FundingSaveSchema, output: FundingSchema, mutates: true },
  'plans:list': { input: byProject, output: z.array(YearPlanRowSchema) },
  'plans:save': { input: YearPlansSaveSchema, output: z.array(YearPlanRowSchema), mutates: true },
  'milestones:list': { input: byProject, output: z.array(MilestoneRowSchema) },
  'milestones:save': { input: MilestonesSaveSchema, output: z.array(MilestoneRowSchema), mutates: true },
  'attachments:list': { input: byProject, output: z.array(AttachmentRowSchema) },
  'attachments:add': { input: AttachmentAddSchema, output: AttachmentRowSchema, mutates: true },
  'attachments:remove': { input: byId, output: z.object({ removed: z.number().int() }), mutates: true },
  'attachments:get': { input: byId, output: AttachmentFileSchema },
  'history:list': { input: HistoryQuerySchema.optional().default({ from: null, to: null, limit: 1000 }), output: z.array(HistoryRowSchema) },
  'settings:getUi': { input: UiGetSchema, output: z.object({ value: z.json().nullable() }) },
  'settings:setUi': { input: UiSetSchema, output: z.object({ value: z.json().nullable() }) },
} satisfies Record<Channel, ChannelSpec>;

type Contract = typeof contract;
export type In<C extends Channel> = z.input<Contract[C]['input']>;
export type Parsed<C extends Channel> = z.output<Contract[C]['input']>;
export type Out<C extends Channel> = z.output<Contract[C]['output']>;
export type Handlers = { [C in Channel]: (input: Parsed<C>) => Out<C> | Promise<Out<C>> };

export function mutates(channel: Channel): boolean {
  return (contract[channel] as ChannelSpec).mutates === true;
}
