/** Chinese names of project fields: used in messages, the change history and column choosers. */
export const PROJECT_FIELD_LABELS: Record<string, string> = {
  code: '项目编号',
  name: '项目名称',
  planYear: '年度',
  parentId: '上级项目',
  category: '七补齐类别',
  subcategory: '子类',
  stageGroup: '推进分类',
  nature: '建设性质',
  location: '建设地点',
  villageOrgId: '所在村(社区)',
  scope: '建设内容及规模',
  totalWan: '总投资',
  totalFen: '总投资',
  approx: '投资为约数',
  yearFrom: '建设起始年',
  yearTo: '建设终止年',
  planStart: '计划开工',
  planEnd: '计划竣工',
  actStart: '实际开工',
  actEnd: '实际竣工',
  status: '项目状态',
  approvalKind: '审批类型',
  approvalNo: '立项批复文号',
  approvalYm: '批复时间',
  ownerOrgId: '实施主体',
  leadOrgId: '牵头单位',
  responsibleOrgIds: '责任单位',
  leaderStaffId: '包联领导',
  managerStaffId: '责任人',
  contact: '联系人',
  phone: '联系电话',
  delivery: '建设模式',
  govFunded: '政府投资项目',
  inStats: '已入统',
  statsDate: '入统日期',
  landMuHave: '已取得用地(亩)',
  landMuNeed: '拟申请用地(亩)',
  needsMatching: '需1:1配套',
  openingCumWan: '至上年底累计完成投资',
  openingCumFen: '至上年底累计完成投资',
  openingCumYear: '累计截至年份',
  tags: '标记',
  note: '备注',
  // lists of the 一项目一档 (their rows are named 第N行 in messages)
  items: '建设子项',
  funding: '资金构成',
  plans: '年度计划',
  milestones: '节点',
  attachment: '附件',
};

export const fieldLabel = (key: string): string => PROJECT_FIELD_LABELS[key] ?? key;

/** Chinese names of the entities that appear in the change log (修改记录). */
export const ENTITY_LABELS: Record<string, string> = {
  project: '项目',
  ledger: '台账',
  project_item: '建设子项',
  funding_plan: '资金构成',
  year_plan: '年度计划',
  milestone: '节点',
  attachment: '附件',
  org_unit: '组织单位',
  staff: '人员',
  leading_group: '领导小组',
  task: '责任清单任务',
  campaign: '行动方案',
  indicator_value: '指标值',
  operator: '操作员',
  setting: '设置',
  instruction: '领导批示',
};

/** Chinese names of the database's tables, for messages that name where something was found (verify). */
export const TABLE_LABELS: Record<string, string> = {
  setting: '设置', operator: '操作员', org_unit: '组织单位', staff: '人员', leading_group: '领导小组', lg_member: '领导小组成员',
  project: '项目', project_org: '项目责任单位', project_tag: '项目标记', project_item: '建设子项', funding_plan: '资金构成',
  year_plan: '年度计划', milestone: '节点', progress: '月报', period_close: '关账', period_snapshot: '关账快照',
  fund_flow: '资金到位与拨付', award_subsidy: '以奖代补', attachment: '附件', campaign: '行动方案', campaign_phase: '实施步骤',
  task: '责任清单', task_org: '责任清单责任单位', task_project: '责任清单关联项目', indicator: '指标', indicator_value: '指标值',
  light_rule: '灯色规则', warning: '预警记录', supervision: '督办单', instruction: '领导批示', assessment: '考核', assessment_item: '考核评分项',
  submission: '报送记录', briefing_issue: '工作简报', excel_mapping: '导入映射', change_log: '修改留痕',
};

/** A table's Chinese name; a table this build does not know (added by a newer version) keeps a neutral name. */
export const tableLabel = (table: string): string => TABLE_LABELS[table] ?? '其他数据';

/** Field names of the organisation, task, indicator, operator and settings forms. */
export const OTHER_FIELD_LABELS: Record<string, Record<string, string>> = {
  org_unit: { name: '单位名称', shortName: '简称', level: '层级', kind: '类型', sort: '排序', note: '备注' },
  staff: {
    name: '姓名', title: '职务', orgId: '单位', phone: '电话', active: '在任', since: '任职日期', until: '离任日期', note: '备注',
    staffId: '人员', date: '交接日期', successor: '接任人', successorId: '接任人',
  },
  leading_group: {
    name: '领导小组名称', docNo: '成立文号', officeAt: '办公室设在', establishedOn: '成立日期', members: '成员', staffId: '成员', role: '组内角色', sort: '排序', duty: '分工',
  },
  task: {
    no: '序号', title: '重点工作', category: '类别', campaignId: '所属行动方案', leadOrgId: '牵头单位', respOrgIds: '责任单位', deadline: '完成时限',
    progressText: '工作进展', status: '完成情况', issues: '存在问题', note: '备注', projectIds: '关联项目', template: '模板',
  },
  campaign: { name: '行动方案名称', sourceDoc: '来源文件', phases: '实施步骤', dateFrom: '开始日期', dateTo: '结束日期', goal: '目标要求' },
  indicator_value: { indicatorId: '指标', kind: '数值类型', value: '数值', asOf: '日期', note: '备注' },
  operator: { name: '操作员姓名', role: '角色', password: '密码', operatorId: '操作员' },
  setting: {
    townName: '乡镇名称', filler: '填报单位', receiver: '默认报送单位', fiscalYear: '年度',
    'town.name': '乡镇名称', 'org.filler': '填报单位', 'org.receiver': '默认报送单位', 'fiscal.year': '年度',
  },
  history: { projectId: '项目', operator: '操作员', from: '起始日期', to: '截止日期', entity: '对象', limit: '每页条数', offset: '起始位置' },
};

const CHANNEL_ENTITY: Record<string, string> = {
  orgs: 'org_unit', staff: 'staff', leadingGroup: 'leading_group', tasks: 'task', campaigns: 'campaign',
  indicators: 'indicator_value', operators: 'operator', session: 'operator', settings: 'setting', history: 'history',
};

/** The label of an input field for a channel's messages; project fields for every other domain. */
export function fieldLabelFor(channel: string, key: string): string {
  const entity = CHANNEL_ENTITY[channel.split(':')[0]!];
  if (entity) return OTHER_FIELD_LABELS[entity]?.[key] ?? '';
  return fieldLabel(key);
}

/** The label of a field in a change-log row (entity + field key). */
export function changeFieldLabel(entity: string, field: string | null): string {
  if (!field) return '';
  if (entity === 'project') return fieldLabel(field);
  return OTHER_FIELD_LABELS[entity]?.[field] ?? PROJECT_FIELD_LABELS[field] ?? field;
}
