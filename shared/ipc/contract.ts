/**
 * The one typed contract between the renderer and the core: per channel (`domain:verb`) a zod input
 * and output schema. Electron IPC, the browser test harness and the CLI all go through handleCall,
 * which validates against this.
 */
import { AppInfoSchema, ElsewhereSchema, OnboardInputSchema } from '../schemas/app.ts';
import {
  ExportInputSchema,
  FileOutSchema,
  ImportInputSchema,
  ImportPreviewSchema,
  ImportReportSchema,
  MappingSaveSchema,
  MappingSchema,
  TemplateFillSchema,
  TemplateFilledSchema,
  TemplateInspectSchema,
} from '../schemas/excel.ts';
import { optIsoDate, period as periodText, year, year as yearNumber } from '../schemas/common.ts';
import { PeriodFiguresSchema } from '../schemas/figures.ts';
import {
  LedgerPageQuerySchema,
  LedgerPageSchema,
  LedgerRowsQuerySchema,
  ProjectOptionSchema,
  ProjectPickQuerySchema,
} from '../schemas/ledger-grid.ts';
import { HistoryPageSchema, HistoryQuerySchema } from '../schemas/change-history.ts';
import { IndicatorRowSchema, IndicatorValueSaveSchema } from '../schemas/indicator.ts';
import { LoginSchema, OperatorSaveSchema, OperatorSchema, SessionSchema } from '../schemas/operator.ts';
import { IdleSettingSchema, SignInPageSchema, SignInQuerySchema } from '../schemas/sign-in.ts';
import {
  LeadingGroupSaveSchema,
  LeadingGroupSchema,
  LookupsSchema,
  OrgRowSchema,
  OrgSaveSchema,
  StaffListQuerySchema,
  StaffRotateSchema,
  StaffCellsInputSchema,
  StaffRowSchema,
  StaffSaveSchema,
} from '../schemas/org.ts';
import {
  CampaignSaveSchema,
  CampaignSchema,
  LoadTemplateResultSchema,
  LoadTemplateSchema,
  TaskCellsInputSchema,
  TaskListQuerySchema,
  TaskRowSchema,
  TaskSaveSchema,
} from '../schemas/task.ts';
import { TownSettingsSaveSchema, TownSettingsSchema } from '../schemas/town-settings.ts';
import {
  BriefingIssueSchema,
  BriefingSaveSchema,
  docKind,
  PdfOutputSchema,
  RenderInputSchema,
  RenderOutputSchema,
  PrintableOptionsSchema,
  PrintableSettingsSchema,
} from '../schemas/printables.ts';
import {
  AssessmentCellsInputSchema,
  AssessmentItemsSaveSchema,
  AssessmentRowSchema,
  AssessmentSaveSchema,
  AssessmentSchema,
  RankingSchema,
  RankQuerySchema,
} from '../schemas/assessment.ts';
import { DashboardSchema } from '../schemas/dashboard.ts';
import {
  AwardInputSchema,
  FundFlowInputSchema,
  FundFlowSavedSchema,
  FundFlowSchema,
  FundsSummarySchema,
} from '../schemas/funds.ts';
import {
  LightHistoryInputSchema,
  LightHistoryRowSchema,
  LightRulesInputSchema,
  LightRulesGetInputSchema,
  LightRulesViewSchema,
} from '../schemas/lights.ts';
import {
  ProjectCellsInputSchema,
  ProjectInputSchema,
  ProjectListQuerySchema,
  ProjectPatchSchema,
  ProjectRowSchema,
  ProjectSchema,
} from '../schemas/project.ts';
import {
  AttachmentAddSchema,
  AttachmentFileSchema,
  AttachmentRowSchema,
  BulkUpdateSchema,
  FundingSaveSchema,
  FundingSchema,
  ItemsSaveSchema,
  ItemsSchema,
  MilestoneRowSchema,
  MilestonesSaveSchema,
  UiGetSchema,
  UiSetSchema,
  YearPlanRowSchema,
  YearPlansSaveSchema,
} from '../schemas/project-parts.ts';
import {
  CurrentPeriodSchema,
  LightsRecordedSchema,
  PeriodCloseInputSchema,
  PeriodClosePreviewSchema,
  PeriodPickInputSchema,
  PeriodReopenInputSchema,
  PeriodStatusSchema,
  ReportBatchSchema,
  ReportsChangedSchema,
  ReportsSavedSchema,
  ReportsSaveInputSchema,
  ReportsStateInputSchema,
} from '../schemas/monthly-report.ts';
import {
  SupervisionCloseInputSchema,
  SupervisionCreateInputSchema,
  SupervisionEscalateInputSchema,
  SupervisionEscalateOverdueInputSchema,
  SupervisionListInputSchema,
  SupervisionReplyInputSchema,
  SupervisionSchema,
} from '../schemas/supervision.ts';
import { InstructionAddInputSchema, InstructionListInputSchema, InstructionSchema } from '../schemas/instruction.ts';
import {
  AuditExportInputSchema,
  AuditExportResultSchema,
  BackupCreatedSchema,
  BackupCreateInputSchema,
  BackupInfoSchema,
  BackupListSchema,
  backupName,
  ChainCheckSchema,
  OpenDialogInputSchema,
  PickedSchema,
  RecoveryRestoreResultSchema,
  RecoveryStatusSchema,
  RestoreResultSchema,
  SaveDialogInputSchema,
} from '../schemas/safety.ts';
import {
  CollectMadeSchema,
  CollectMakeInputSchema,
  CollectMergeInputSchema,
  CollectMergeReportSchema,
  CollectChaseInputSchema,
  CollectChaseSchema,
  CollectNoticeInputSchema,
  CollectNoticeSchema,
  CollectPaperFormsSchema,
  CollectPaperInputSchema,
  RosterSchema,
} from '../schemas/collect.ts';
import {
  CountySettingsSaveSchema,
  CountySettingsSchema,
  CountySummarySchema,
  LedgerFiguresSchema,
  LedgerStatsSchema,
  PackageFileInputSchema,
  PackageImportSchema,
  PackageVerifySchema,
} from '../schemas/county.ts';
import { strictTwin } from '../schemas/strict.ts';
import { z } from '../schemas/zod-zh.ts';
import type { Channel } from './channels.ts';

/**
 * `mutates` channels write ledger data. Who may call a channel is decided by the permission matrix
 * (permissions.ts), not by this flag; a test keeps the two consistent (every `mutates` channel needs a
 * write permission).
 */
interface ChannelSpec {
  input: z.ZodType;
  output: z.ZodType;
  mutates?: true;
}

const none = z.object({}).strict().optional().default({});
const byId = z.object({ id: z.number({ error: '缺少编号' }).int().positive() });
const removed = z.object({ removed: z.number().int() });
const byProject = z.object({ projectId: z.number({ error: '缺少项目编号' }).int().positive() });
const byPeriod = z.object({ period: periodText() });

const specs = {
  'app:info': { input: none, output: AppInfoSchema },
  'app:onboard': { input: OnboardInputSchema, output: AppInfoSchema, mutates: true },
  'app:elsewhere': { input: none, output: ElsewhereSchema },
  'lookups:get': { input: none, output: LookupsSchema },
  'projects:list': {
    input: ProjectListQuerySchema.optional().default({ includeDeleted: false, onlyDeleted: false }),
    output: z.array(ProjectRowSchema),
  },
  'projects:get': { input: byId, output: ProjectSchema },
  'projects:create': { input: ProjectInputSchema, output: ProjectSchema, mutates: true },
  'projects:update': {
    input: z.object({ id: byId.shape.id, patch: ProjectPatchSchema }),
    output: ProjectSchema,
    mutates: true,
  },
  'projects:updateCells': {
    input: ProjectCellsInputSchema,
    output: z.object({ projects: z.array(ProjectSchema) }),
    mutates: true,
  },
  'projects:delete': { input: byId, output: z.object({ deleted: z.number().int() }), mutates: true },
  'projects:restore': { input: byId, output: ProjectSchema, mutates: true },
  'projects:page': { input: LedgerPageQuerySchema, output: LedgerPageSchema },
  'projects:rows': { input: LedgerRowsQuerySchema, output: z.array(ProjectRowSchema) },
  'projects:pick': { input: ProjectPickQuerySchema, output: z.array(ProjectOptionSchema) },
  // On a county ledger (县级汇总) also each town and the towns that have not sent (county.service.ts).
  'stats:summary': { input: none, output: LedgerStatsSchema },
  // On a county ledger the county's totals with each town's figures under `towns`.
  'figures:set': { input: z.object({ period: periodText() }), output: LedgerFiguresSchema },
  // projectIds: only those projects' lines (the 督办 page shows the lights of its orders, not of 20 000 projects).
  'figures:period': {
    // level + page: one slice of the projects with that light (the 红黄绿灯 page), with projectsTotal.
    input: z.object({
      period: periodText(),
      asOf: optIsoDate('基准日期').transform((v) => v ?? undefined),
      projectIds: z.array(byId.shape.id).max(5000).optional(),
      level: z.enum(['red', 'yellow', 'green']).optional(),
      page: z.object({ offset: z.number().int().min(0), limit: z.number().int().min(1).max(500) }).optional(),
    }),
    output: PeriodFiguresSchema,
  },
  'orgs:list': { input: none, output: z.array(OrgRowSchema) },
  'orgs:save': { input: OrgSaveSchema, output: OrgRowSchema, mutates: true },
  'orgs:remove': { input: byId, output: removed, mutates: true },
  'staff:list': { input: StaffListQuerySchema, output: z.array(StaffRowSchema) },
  'staff:save': { input: StaffSaveSchema, output: StaffRowSchema, mutates: true },
  'staff:updateCells': {
    input: StaffCellsInputSchema,
    output: z.object({ staff: z.array(StaffRowSchema) }),
    mutates: true,
  },
  'staff:rotate': {
    input: StaffRotateSchema,
    output: z.object({ predecessor: StaffRowSchema, successor: StaffRowSchema }),
    mutates: true,
  },
  'leadingGroup:get': { input: none, output: LeadingGroupSchema },
  'leadingGroup:save': { input: LeadingGroupSaveSchema, output: LeadingGroupSchema, mutates: true },
  'tasks:list': { input: TaskListQuerySchema, output: z.array(TaskRowSchema) },
  'tasks:save': { input: TaskSaveSchema, output: TaskRowSchema, mutates: true },
  'tasks:updateCells': {
    input: TaskCellsInputSchema,
    output: z.object({ tasks: z.array(TaskRowSchema) }),
    mutates: true,
  },
  'tasks:remove': { input: byId, output: removed, mutates: true },
  'tasks:loadTemplate': { input: LoadTemplateSchema, output: LoadTemplateResultSchema, mutates: true },
  'campaigns:list': { input: none, output: z.array(CampaignSchema) },
  'campaigns:save': { input: CampaignSaveSchema, output: CampaignSchema, mutates: true },
  'indicators:list': { input: none, output: z.array(IndicatorRowSchema) },
  'indicators:saveValue': { input: IndicatorValueSaveSchema, output: IndicatorRowSchema, mutates: true },
  'indicators:removeValue': { input: byId, output: removed, mutates: true },
  'operators:list': { input: none, output: z.array(OperatorSchema) },
  'operators:save': { input: OperatorSaveSchema, output: OperatorSchema, mutates: true },
  'operators:remove': { input: byId, output: removed, mutates: true },
  'session:login': { input: LoginSchema, output: SessionSchema },
  'session:logout': { input: none, output: SessionSchema },
  'session:current': { input: none, output: SessionSchema },
  'session:active': { input: none, output: SessionSchema },
  'security:signIns': { input: SignInQuerySchema, output: SignInPageSchema },
  'security:getIdle': { input: none, output: IdleSettingSchema },
  'security:saveIdle': { input: IdleSettingSchema, output: IdleSettingSchema, mutates: true },
  'history:list': { input: HistoryQuerySchema, output: HistoryPageSchema },
  'settings:get': { input: none, output: TownSettingsSchema },
  'settings:save': { input: TownSettingsSaveSchema, output: TownSettingsSchema, mutates: true },
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
  'settings:getUi': { input: UiGetSchema, output: z.object({ value: z.json().nullable() }) },
  'settings:setUi': { input: UiSetSchema, output: z.object({ value: z.json().nullable() }) },
  'excel:export': { input: ExportInputSchema, output: FileOutSchema },
  'excel:importPreview': { input: ImportInputSchema, output: ImportPreviewSchema },
  'excel:importApply': { input: ImportInputSchema, output: ImportReportSchema, mutates: true },
  'excel:mappingsList': { input: none, output: z.array(MappingSchema) },
  'excel:mappingsSave': { input: MappingSaveSchema, output: z.array(MappingSchema), mutates: true },
  'excel:templateInspect': {
    input: z.object({ fileName: z.string().min(1).max(255), base64: z.string().max(72_000_000, '模板文件过大') }),
    output: TemplateInspectSchema,
  },
  'excel:templateFill': { input: TemplateFillSchema, output: TemplateFilledSchema },
  'reports:render': { input: RenderInputSchema, output: RenderOutputSchema },
  'reports:pdf': { input: RenderInputSchema, output: PdfOutputSchema },
  'reports:getSettings': { input: z.object({ doc: docKind }), output: PrintableSettingsSchema },
  'reports:saveSettings': {
    input: z.object({ doc: docKind, settings: PrintableSettingsSchema }),
    output: PrintableSettingsSchema,
    mutates: true,
  },
  'reports:options': {
    input: z.object({ period: periodText().optional() }).optional().default({}),
    output: PrintableOptionsSchema,
  },
  'briefings:list': {
    input: z
      .object({ year: year('年份').optional() })
      .optional()
      .default({}),
    output: z.array(BriefingIssueSchema),
  },
  'briefings:save': { input: BriefingSaveSchema, output: BriefingIssueSchema, mutates: true },
  'funds:listFlows': {
    input: z.object({ projectId: byId.shape.id.optional() }).optional().default({}),
    output: z.array(FundFlowSchema),
  },
  // One page of the flows, newest first, with the count of all: the 资金 page lists 100 000 flows a page at a time.
  'funds:pageFlows': {
    input: z.object({
      offset: z.number().int().min(0),
      limit: z.number().int().min(1).max(500),
      projectId: byId.shape.id.optional(),
    }),
    output: z.object({ total: z.number().int(), rows: z.array(FundFlowSchema) }),
  },
  'funds:saveFlow': { input: FundFlowInputSchema, output: FundFlowSavedSchema, mutates: true },
  'funds:removeFlow': { input: byId, output: z.object({ deleted: z.number().int() }), mutates: true },
  // page: only that slice of the projects with any money (the 资金 page, a county has 20 000 projects), and projectsTotal.
  'funds:summary': {
    input: z
      .object({
        asOf: optIsoDate('截止日期'),
        projectId: byId.shape.id.optional(),
        page: z.object({ offset: z.number().int().min(0), limit: z.number().int().min(1).max(500) }).optional(),
      })
      .optional()
      .default({ asOf: null }),
    output: FundsSummarySchema,
  },
  'funds:saveAward': { input: AwardInputSchema, output: z.object({ appliedFen: z.number().int() }), mutates: true },
  'dashboard:summary': {
    input: z.object({ period: periodText().optional() }).optional().default({}),
    output: DashboardSchema,
  },
  'assessments:list': {
    input: z
      .object({ year: yearNumber('考核年度').optional(), scheme: z.string().optional() })
      .optional()
      .default({}),
    output: z.array(AssessmentRowSchema),
  },
  'assessments:get': { input: byId, output: AssessmentSchema },
  'assessments:save': { input: AssessmentSaveSchema, output: AssessmentSchema, mutates: true },
  'assessments:saveItems': { input: AssessmentItemsSaveSchema, output: AssessmentSchema, mutates: true },
  'assessments:updateCells': { input: AssessmentCellsInputSchema, output: AssessmentSchema, mutates: true },
  'assessments:rank': { input: RankQuerySchema, output: RankingSchema },
  'assessments:loadExample': {
    input: z.object({ year: yearNumber('考核年度') }),
    output: RankingSchema,
    mutates: true,
  },
  // Without page or projectIds: every row. page: one slice in the batch's order (a county's 月报 sheet reads the rows in
  // view), projectIds: just those rows (a paste or an undo reaching rows not read yet), both with rowsTotal;
  // ids: also every row's id in order (the sheet's rows by index before they are read); pending: the ids awaiting 报送.
  'reports:batch': {
    input: z.object({
      period: periodText(),
      page: z.object({ offset: z.number().int().min(0), limit: z.number().int().min(1).max(500) }).optional(),
      projectIds: z.array(byId.shape.id).max(5000).optional(),
      ids: z.boolean().optional(),
      pending: z.boolean().optional(),
    }),
    output: ReportBatchSchema,
  },
  'reports:save': { input: ReportsSaveInputSchema, output: ReportsSavedSchema, mutates: true },
  'reports:submit': { input: ReportsStateInputSchema, output: ReportsChangedSchema, mutates: true },
  'reports:return': { input: ReportsStateInputSchema, output: ReportsChangedSchema, mutates: true },
  'periods:list': { input: none, output: z.array(PeriodStatusSchema) },
  'periods:current': { input: none, output: CurrentPeriodSchema },
  // The operator's own preference (like settings:setUi), not ledger data: a 领导 may pick the month they look at.
  'periods:pick': { input: PeriodPickInputSchema, output: CurrentPeriodSchema },
  'periods:closePreview': { input: byPeriod, output: PeriodClosePreviewSchema },
  'periods:close': { input: PeriodCloseInputSchema, output: PeriodStatusSchema, mutates: true },
  'periods:reopen': { input: PeriodReopenInputSchema, output: PeriodStatusSchema, mutates: true },
  'lights:rules:get': { input: LightRulesGetInputSchema, output: LightRulesViewSchema },
  'lights:rules:save': { input: LightRulesInputSchema, output: LightRulesViewSchema, mutates: true },
  'lights:history': { input: LightHistoryInputSchema, output: z.array(LightHistoryRowSchema) },
  'lights:record': { input: byPeriod, output: LightsRecordedSchema, mutates: true },
  'supervision:list': { input: SupervisionListInputSchema, output: z.array(SupervisionSchema) },
  'supervision:create': { input: SupervisionCreateInputSchema, output: SupervisionSchema, mutates: true },
  'supervision:reply': { input: SupervisionReplyInputSchema, output: SupervisionSchema, mutates: true },
  'supervision:close': { input: SupervisionCloseInputSchema, output: SupervisionSchema, mutates: true },
  'supervision:escalate': { input: SupervisionEscalateInputSchema, output: SupervisionSchema, mutates: true },
  'supervision:escalateOverdue': {
    input: SupervisionEscalateOverdueInputSchema,
    output: z.array(SupervisionSchema),
    mutates: true,
  },
  'instructions:list': { input: InstructionListInputSchema, output: z.array(InstructionSchema) },
  'instructions:add': { input: InstructionAddInputSchema, output: InstructionSchema, mutates: true },
  'backups:list': { input: none, output: BackupListSchema },
  'backups:create': { input: BackupCreateInputSchema, output: BackupCreatedSchema },
  'backups:preview': { input: z.object({ name: backupName }), output: BackupInfoSchema },
  'backups:restore': { input: z.object({ name: backupName }), output: RestoreResultSchema, mutates: true },
  'backups:undoRestore': { input: none, output: RestoreResultSchema, mutates: true },
  // 知道了 on the notice of a restore cut off at the last run: the notice goes for everyone (a file beside the backups,
  // not a ledger row) — a command like the others here, refused to the 领导 before it writes.
  'backups:dismissRestoreNotice': { input: none, output: z.null(), mutates: true },
  'audit:verify': { input: none, output: ChainCheckSchema },
  'audit:export': { input: AuditExportInputSchema, output: AuditExportResultSchema },
  'recovery:status': { input: none, output: RecoveryStatusSchema },
  'recovery:restore': { input: z.object({ name: backupName }), output: RecoveryRestoreResultSchema, mutates: true },
  'dialog:pickBackupFolder': { input: none, output: PickedSchema },
  'dialog:saveFile': { input: SaveDialogInputSchema, output: PickedSchema },
  'dialog:openFile': { input: OpenDialogInputSchema, output: PickedSchema },
  // 报送收集: making kits records them (the ledger keeps which kits went out); merging writes the returned 月报.
  'collect:make': { input: CollectMakeInputSchema, output: CollectMadeSchema, mutates: true },
  'collect:merge': { input: CollectMergeInputSchema, output: CollectMergeReportSchema, mutates: true },
  'collect:roster': { input: byPeriod, output: RosterSchema },
  'collect:paperForms': { input: CollectPaperInputSchema, output: CollectPaperFormsSchema },
  'collect:notice': { input: CollectNoticeInputSchema, output: CollectNoticeSchema },
  'collect:chase': { input: CollectChaseInputSchema, output: CollectChaseSchema },
  'package:export': { input: byPeriod, output: FileOutSchema },
  'package:verify': { input: PackageFileInputSchema, output: PackageVerifySchema },
  'package:import': { input: PackageFileInputSchema, output: PackageImportSchema, mutates: true },
  'county:settings': { input: none, output: CountySettingsSchema },
  'county:saveSettings': { input: CountySettingsSaveSchema, output: CountySettingsSchema, mutates: true },
  'county:summary': {
    input: z.object({ period: periodText().optional() }).optional().default({}),
    output: CountySummarySchema,
  },
} satisfies Record<Channel, ChannelSpec>;

/**
 * The contract every caller goes through: each channel's input is the strict twin of the schema written above
 * (shared/schemas/strict.ts), so a key the channel does not take is refused (不认识的字段) instead of dropped —
 * a misspelt or invented field answered ok having done nothing. Built once, when this module loads.
 */
export const contract = Object.fromEntries(
  Object.entries(specs).map(([channel, spec]) => [channel, { ...spec, input: strictTwin(spec.input) }]),
) as typeof specs;

type Contract = typeof contract;
export type In<C extends Channel> = z.input<Contract[C]['input']>;
export type Parsed<C extends Channel> = z.output<Contract[C]['input']>;
export type Out<C extends Channel> = z.output<Contract[C]['output']>;
export type Handlers = { [C in Channel]: (input: Parsed<C>) => Out<C> | Promise<Out<C>> };

export function mutates(channel: Channel): boolean {
  return (contract[channel] as ChannelSpec).mutates === true;
}
