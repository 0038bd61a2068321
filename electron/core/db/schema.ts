/**
 * Kysely table types, snake_case as in the migrations. Keep in step with migrations/ by hand: the compiler checks
 * only the repositories' use of these types, not the database. What the migrations build is pinned by
 * tests/integration/migrations/migrations.test.ts against schema-snapshot.json (every table, column and index;
 * STRICT tables; every *_fen column INTEGER). Money columns are `…_fen`: INTEGER 分, never 万元 or a float.
 */
import type { Generated } from 'kysely';

type Id = Generated<number>;
type Bool = number; // 0/1
type Opt<T> = T | null;

export interface SettingTable {
  key: string;
  value: string;
}
export interface OperatorTable {
  id: Id;
  name: string;
  role: string;
  password_hash: Opt<string>;
  active: Generated<Bool>;
  created_at: string;
  failed_logins: Generated<number>;
  locked_until: Opt<string>;
}
/** 0016: one sign-in event (登录记录); operator is the name as it was then. */
export interface SignInLogTable {
  id: Id;
  at: string;
  operator_id: Opt<number>;
  operator: string;
  event: string;
  failed_count: Opt<number>;
  locked_until: Opt<string>;
  last_active_at: Opt<string>;
  shell: string;
}
export interface OrgUnitTable {
  id: Id;
  name: string;
  short_name: Opt<string>;
  level: Opt<string>;
  kind: Opt<string>;
  sort: Generated<number>;
  note: Opt<string>;
  /** 法人代表: the person who answers for the unit (T3's 项目业主/法人代表): 0018_org_legal_rep */
  legal_rep: Opt<string>;
}
export interface StaffTable {
  id: Id;
  name: string;
  title: string;
  org_id: Opt<number>;
  phone: Opt<string>;
  active: Generated<Bool>;
  since: Opt<string>;
  until: Opt<string>;
  note: Opt<string>;
}
export interface LeadingGroupTable {
  id: Id;
  name: string;
  doc_no: Opt<string>;
  office_at: Opt<string>;
  office_director_staff_id: Opt<number>;
  established_on: Opt<string>;
}
export interface LgMemberTable {
  id: Id;
  group_id: number;
  staff_id: number;
  role: string;
  sort: Generated<number>;
  duty: Opt<string>;
}
export interface ProjectTable {
  id: Id;
  code: Opt<string>;
  name: string;
  plan_year: number;
  parent_id: Opt<number>;
  category: Opt<string>;
  subcategory: Opt<string>;
  stage_group: Opt<string>;
  nature: Opt<string>;
  location: Generated<string>;
  village_org_id: Opt<number>;
  scope: Generated<string>;
  total_fen: number;
  approx: Generated<Bool>;
  year_from: Opt<number>;
  year_to: Opt<number>;
  plan_start: Opt<string>;
  plan_end: Opt<string>;
  act_start: Opt<string>;
  act_end: Opt<string>;
  status: Generated<string>;
  approval_kind: Opt<string>;
  approval_no: Opt<string>;
  approval_ym: Opt<string>;
  owner_org_id: Opt<number>;
  lead_org_id: Opt<number>;
  leader_staff_id: Opt<number>;
  manager_staff_id: Opt<number>;
  contact: Opt<string>;
  phone: Opt<string>;
  delivery: Opt<string>;
  gov_funded: Generated<Bool>;
  in_stats: Generated<Bool>;
  stats_date: Opt<string>;
  land_mu_have: Opt<number>;
  land_mu_need: Opt<number>;
  needs_matching: Generated<Bool>;
  opening_cum_fen: Generated<number>;
  opening_cum_year: Opt<number>;
  note: Opt<string>;
  sort: Generated<number>;
  created_at: string;
  updated_at: string;
  deleted_at: Opt<string>;
  /** name/code/location text + pinyin, for the grid's search (shared/domain/search.ts storedSearchKey) */
  search_key: Opt<string>;
}
export interface ProjectOrgTable {
  project_id: number;
  org_id: number;
}
export interface ProjectTagTable {
  project_id: number;
  tag: string;
}
export interface ProjectItemTable {
  id: Id;
  project_id: number;
  name: string;
  qty: Opt<number>;
  unit: Opt<string>;
  amount_fen: Generated<number>;
  approx: Generated<Bool>;
  sort: Generated<number>;
}
export interface FundingPlanTable {
  id: Id;
  project_id: number;
  source: string;
  amount_fen: number;
  note: Opt<string>;
  /** the amount was written as approximate (460余): 0017_funding_approx */
  approx: Generated<Bool>;
}
export interface YearPlanTable {
  id: Id;
  project_id: number;
  year: number;
  plan_fen: number;
  content: Opt<string>;
  node_target: Opt<string>;
  m01_fen: Opt<number>;
  m02_fen: Opt<number>;
  m03_fen: Opt<number>;
  m04_fen: Opt<number>;
  m05_fen: Opt<number>;
  m06_fen: Opt<number>;
  m07_fen: Opt<number>;
  m08_fen: Opt<number>;
  m09_fen: Opt<number>;
  m10_fen: Opt<number>;
  m11_fen: Opt<number>;
  m12_fen: Opt<number>;
}
export interface MilestoneTable {
  id: Id;
  project_id: number;
  node: string;
  plan_date: Opt<string>;
  act_date: Opt<string>;
  note: Opt<string>;
  sort: Generated<number>;
}
export interface ProgressTable {
  id: Id;
  project_id: number;
  period: string;
  month_fen: number;
  image_text: Generated<string>;
  image_pct: Opt<number>;
  issues: Opt<string>;
  next_steps: Opt<string>;
  needs: Opt<string>;
  state: Generated<string>;
  filled_by: Opt<string>;
  reviewed_by: Opt<string>;
  filled_at: Opt<string>;
  return_reason: Opt<string>;
  updated_at: string;
}
export interface PeriodCloseTable {
  period: string;
  closed: Generated<Bool>;
  closed_at: string;
  closed_by: string;
  reopened_at: Opt<string>;
  reopened_by: Opt<string>;
  reopen_reason: Opt<string>;
}
export interface PeriodSnapshotTable {
  period: string;
  project_id: number;
  data: string;
}
export interface FundFlowTable {
  id: Id;
  project_id: number;
  date: string;
  type: string;
  source: string;
  amount_fen: number;
  batch: Opt<string>;
  voucher_no: Opt<string>;
  note: Opt<string>;
}
export interface AwardSubsidyTable {
  id: Id;
  project_id: number;
  applied_fen: Generated<number>;
  applied_on: Opt<string>;
  note: Opt<string>;
}
export interface AttachmentTable {
  id: Id;
  project_id: number;
  kind: string;
  file_name: string;
  stored_path: string;
  sha256: string;
  size: number;
  mime: string;
  taken_at: Opt<string>;
  caption: Opt<string>;
  created_at: string;
}
export interface CampaignTable {
  id: Id;
  name: string;
  source_doc: Opt<string>;
}
export interface CampaignPhaseTable {
  id: Id;
  campaign_id: number;
  name: string;
  date_from: Opt<string>;
  date_to: Opt<string>;
  goal: Opt<string>;
  sort: Generated<number>;
}
export interface TaskTable {
  id: Id;
  campaign_id: Opt<number>;
  no: Opt<string>;
  title: string;
  category: Opt<string>;
  lead_org_id: Opt<number>;
  deadline: Opt<string>;
  progress_text: Opt<string>;
  status: Generated<string>;
  issues: Opt<string>;
  note: Opt<string>;
  sort: Generated<number>;
}
export interface TaskOrgTable {
  task_id: number;
  org_id: number;
}
export interface TaskProjectTable {
  task_id: number;
  project_id: number;
}
export interface IndicatorTable {
  id: Id;
  code: Opt<string>;
  name: string;
  unit: Opt<string>;
  comparator: Opt<string>;
  target: Opt<number>;
  target_text: Opt<string>;
  source_doc: Opt<string>;
  sort: Generated<number>;
}
export interface IndicatorValueTable {
  id: Id;
  indicator_id: number;
  kind: string;
  value: number;
  as_of: string;
  note: Opt<string>;
}
export interface LightRuleTable {
  key: string;
  value: string;
}
export interface WarningTable {
  id: Id;
  project_id: number;
  period: string;
  dimension: string;
  level: string;
  rule: string;
  value: Opt<number>;
  threshold: Opt<number>;
  text: string;
  computed_at: string;
}
export interface SupervisionTable {
  id: Id;
  project_id: number;
  no: Opt<string>;
  color: string;
  interview: Generated<Bool>;
  issued: string;
  deadline: string;
  to_org_id: Opt<number>;
  content: string;
  reply: Opt<string>;
  replied_at: Opt<string>;
  closed: Generated<Bool>;
  closed_at: Opt<string>;
  escalated_from_id: Opt<number>;
  created_by: Opt<string>;
}
export interface InstructionTable {
  id: Id;
  project_id: number;
  supervision_id: Opt<number>;
  leader: string;
  given_on: string;
  content: string;
  entered_by: string;
  created_at: string;
}
export interface AssessmentTable {
  id: Id;
  year: number;
  scheme: string;
  town: string;
  total_max: Generated<number>;
  rank: Opt<number>;
  tier: Opt<string>;
  amount_fen: Opt<number>;
}
export interface AssessmentItemTable {
  id: Id;
  assessment_id: number;
  name: string;
  max_points: number;
  criteria: Opt<string>;
  score: Opt<number>;
  evidence: Opt<string>;
  deduction_reason: Opt<string>;
  sort: Generated<number>;
}
export interface SubmissionTable {
  id: Id;
  template: string;
  period: Opt<string>;
  deadline: Opt<string>;
  file: Opt<string>;
  sha256: Opt<string>;
  submitted_on: Opt<string>;
  channel: Opt<string>;
  receiver: Opt<string>;
}
export interface CollectKitTable {
  id: Id;
  kit_key: string;
  period: string;
  town: string;
  by_kind: '责任单位' | '包联领导';
  unit_name: string;
  project_codes: string;
  layout_hash: string;
  deadline: string;
  file_name: string;
  issued_by: string;
  issued_at: string;
  /** JSON KitPrefilled: the locked cells as issued (0013); null for kits issued before */
  prefilled: string | null;
}
export interface CollectReturnTable {
  id: Id;
  kit_id: number;
  file_name: string;
  file_sha256: string;
  status: '已报' | '有误';
  accepted: number;
  refused: number;
  merged_by: string;
  merged_at: string;
  /** JSON string[]: why the file was found wrong (0014); null when it was not, or merged before */
  reasons: Opt<string>;
}
export interface BriefingIssueTable {
  id: Id;
  year: number;
  no: number;
  supplement: Generated<Bool>;
  period: string;
  issued_on: Opt<string>;
  highlights: Opt<string>;
  problems: Opt<string>;
  next_steps: Opt<string>;
  send_to: Opt<string>;
  copy_to: Opt<string>;
  copies: Opt<number>;
}
export interface ExcelMappingTable {
  id: Id;
  name: string;
  kind: string;
  fingerprint: Opt<string>;
  mapping: string;
  updated_at: string;
}
export interface ChangeLogTable {
  id: Id;
  at: string;
  operator: string;
  action: string;
  entity: string;
  entity_id: Opt<number>;
  project_id: Opt<number>;
  field: Opt<string>;
  old_value: Opt<string>;
  new_value: Opt<string>;
  reason: Opt<string>;
  prev_hash: string;
  hash: string;
}
export interface SchemaMigrationTable {
  name: string;
  applied_at: string;
}
export interface CountyPackageTable {
  id: Id;
  town: string;
  period: string;
  format_version: number;
  app_version: string;
  file_name: string;
  package_sha256: string;
  manifest: string;
  closed: Bool;
  close_snapshot_sha256: Opt<string>;
  audit_rows: number;
  audit_head: string;
  exported_at: string;
  imported_at: string;
  imported_by: string;
}
export interface CountyTownFiguresTable {
  package_id: number;
  projects: number;
  total_investment_fen: number;
  figure_set: string;
}
export interface CountyTownProjectTable {
  id: Id;
  package_id: number;
  pos: number;
  town_project_id: number;
  parent_town_project_id: Opt<number>;
  code: Opt<string>;
  name: string;
  category: Opt<string>;
  status: Opt<string>;
  level: Opt<string>;
  total_fen: number;
  prior_fen: number;
  year_plan_fen: number;
  month_fen: number;
  ytd_fen: number;
  cum_fen: number;
}

export interface DB {
  setting: SettingTable;
  operator: OperatorTable;
  sign_in_log: SignInLogTable;
  org_unit: OrgUnitTable;
  staff: StaffTable;
  leading_group: LeadingGroupTable;
  lg_member: LgMemberTable;
  project: ProjectTable;
  project_org: ProjectOrgTable;
  project_tag: ProjectTagTable;
  project_item: ProjectItemTable;
  funding_plan: FundingPlanTable;
  year_plan: YearPlanTable;
  milestone: MilestoneTable;
  progress: ProgressTable;
  period_close: PeriodCloseTable;
  period_snapshot: PeriodSnapshotTable;
  fund_flow: FundFlowTable;
  award_subsidy: AwardSubsidyTable;
  attachment: AttachmentTable;
  campaign: CampaignTable;
  campaign_phase: CampaignPhaseTable;
  task: TaskTable;
  task_org: TaskOrgTable;
  task_project: TaskProjectTable;
  indicator: IndicatorTable;
  indicator_value: IndicatorValueTable;
  light_rule: LightRuleTable;
  warning: WarningTable;
  supervision: SupervisionTable;
  instruction: InstructionTable;
  assessment: AssessmentTable;
  assessment_item: AssessmentItemTable;
  submission: SubmissionTable;
  collect_kit: CollectKitTable;
  collect_return: CollectReturnTable;
  briefing_issue: BriefingIssueTable;
  excel_mapping: ExcelMappingTable;
  change_log: ChangeLogTable;
  schema_migration: SchemaMigrationTable;
  county_package: CountyPackageTable;
  county_town_figures: CountyTownFiguresTable;
  county_town_project: CountyTownProjectTable;
}
