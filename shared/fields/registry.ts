/**
 * The one field registry: every entity the ledger keeps (and writes to the change log) and every field of
 * it, each defined once with its Chinese label, unit, display format and where its validation lives.
 * Validation messages, the 修改记录, import/export headers, grid columns and forms take their labels from
 * here, so a field is named the same on every screen and a new field is described in one place.
 *
 * Keys are the names the contract and the database use. A money field is keyed by its 万元 input name
 * (`totalWan`) and lists its 分 twin (`totalFen`) under `aliases`, so both resolve to the one definition.
 */

/** How a value is shown and typed: 万元 two decimals, dates 2017年9月30日, periods 2017年9月 (shared/domain). */
export type FieldFormat =
  | 'text'
  | 'money'
  | 'date'
  | 'period'
  | 'year'
  | 'int'
  | 'number'
  | 'percent'
  | 'bool'
  | 'choice'
  | 'ref'
  | 'refs'
  | 'list'
  | 'password';

export interface FieldDef {
  readonly label: string;
  /** A shorter title for narrow grid columns and headers (计划开工 for 计划开工日期). */
  readonly short?: string;
  readonly format: FieldFormat;
  /** Shown after the label in column titles and headers: 总投资(万元). */
  readonly unit?: '万元' | '%' | '亩' | '分' | '天' | '个月' | '个百分点' | '日';
  /** Other keys that carry the same field (the 分 twin of a 万元 input). */
  readonly aliases?: readonly string[];
  /** A list field whose rows are records of another entity (建设子项 of a project); a test checks the name. */
  readonly of?: string;
  /** Where the validation rule lives (a zod schema in shared/schemas), for a reader who looks for it. */
  readonly schema?: string;
}

export interface EntityDef {
  readonly label: string;
  readonly fields: Readonly<Record<string, FieldDef>>;
}

const text = (label: string, schema?: string): FieldDef => ({ label, format: 'text', schema });
const money = (label: string, fenKey: string, schema?: string): FieldDef => ({
  label,
  format: 'money',
  unit: '万元',
  aliases: [fenKey],
  schema,
});
const date = (label: string, schema?: string): FieldDef => ({ label, format: 'date', schema });
const year = (label: string): FieldDef => ({ label, format: 'year' });
const bool = (label: string): FieldDef => ({ label, format: 'bool' });
const choice = (label: string, schema?: string): FieldDef => ({ label, format: 'choice', schema });
const ref = (label: string): FieldDef => ({ label, format: 'ref' });
const refs = (label: string): FieldDef => ({ label, format: 'refs' });
const int = (label: string, unit?: FieldDef['unit']): FieldDef => ({ label, format: 'int', unit });
const list = (label: string, of?: string): FieldDef => ({ label, format: 'list', of });

const P = 'shared/schemas/project.ts projectFields';
const PARTS = 'shared/schemas/project-parts.ts';

export const ENTITIES = {
  project: {
    label: '项目',
    fields: {
      code: text('项目编号', P),
      name: text('项目名称', P),
      planYear: year('年度'),
      parentId: ref('上级项目'),
      category: choice('七补齐类别', 'shared/domain/vocab.ts CATEGORIES'),
      subcategory: choice('子类', 'shared/domain/vocab.ts SUBCATEGORIES'),
      stageGroup: choice('推进分类', 'shared/domain/vocab.ts STAGE_GROUPS'),
      nature: choice('建设性质', 'shared/domain/vocab.ts NATURES'),
      location: text('建设地点', P),
      villageOrgId: ref('所在村(社区)'),
      scope: text('建设内容及规模', P),
      totalWan: money('总投资', 'totalFen', P),
      approx: bool('投资为约数'),
      yearFrom: year('建设起始年'),
      yearTo: year('建设终止年'),
      planStart: { label: '计划开工日期', short: '计划开工', format: 'date', schema: P },
      planEnd: { label: '计划竣工日期', short: '计划竣工', format: 'date', schema: P },
      actStart: { label: '实际开工日期', short: '实际开工', format: 'date', schema: P },
      actEnd: { label: '实际竣工日期', short: '实际竣工', format: 'date', schema: P },
      status: choice('项目状态', 'shared/domain/vocab.ts PROJECT_STATUSES'),
      approvalKind: choice('审批类型', 'shared/domain/vocab.ts APPROVAL_KINDS'),
      approvalNo: text('立项批复文号', P),
      approvalYm: { label: '批复时间', format: 'period', schema: P },
      ownerOrgId: ref('实施主体'),
      leadOrgId: ref('牵头单位'),
      responsibleOrgIds: refs('责任单位'),
      leaderStaffId: ref('包联领导'),
      managerStaffId: ref('责任人'),
      contact: text('联系人', P),
      phone: text('联系电话', P),
      delivery: choice('建设模式', 'shared/domain/vocab.ts DELIVERY_MODES'),
      govFunded: { label: '政府投资项目', short: '政府投资', format: 'bool' },
      inStats: bool('已入统'),
      statsDate: date('入统日期', P),
      landMuHave: { label: '已取得用地', format: 'number', unit: '亩', schema: P },
      landMuNeed: { label: '拟申请用地', format: 'number', unit: '亩', schema: P },
      needsMatching: bool('需1:1配套'),
      openingCumWan: { ...money('至上年底累计完成投资', 'openingCumFen', P), short: '至上年底累计' },
      openingCumYear: year('累计截至年份'),
      tags: list('标记'),
      note: text('备注', P),
      // the lists of the 一项目一档, saved whole (their rows are named 第N行 in messages)
      items: list('建设子项', 'project_item'),
      funding: list('资金构成', 'funding_plan'),
      plans: list('年度计划', 'year_plan'),
      milestones: list('节点', 'milestone'),
      attachment: { label: '附件', format: 'text' },
      // read-only figures of a ledger row
      fundingSumFen: { label: '资金构成合计', format: 'money', unit: '万元' },
      itemsSumFen: { label: '建设子项合计', format: 'money', unit: '万元' },
      yearPlanWan: money('年度计划投资', 'yearPlanFen'),
      years: { label: '建设起止年限', format: 'text' },
    },
  },
  project_item: {
    label: '建设子项',
    fields: {
      name: text('子项名称', PARTS),
      qty: { label: '子项数量', short: '数量', format: 'number' },
      unit: { ...text('子项单位'), short: '单位' },
      amountWan: { ...money('子项金额', 'amountFen', PARTS), short: '金额' },
      approx: { ...bool('金额为约数'), short: '约数' },
    },
  },
  funding_plan: {
    label: '资金构成',
    fields: {
      source: choice('资金来源', 'shared/domain/vocab.ts FUND_SOURCES'),
      amountWan: { ...money('资金金额', 'amountFen', PARTS), short: '金额' },
      approx: { ...bool('资金金额为约数'), short: '约数' },
      note: { ...text('资金备注'), short: '备注' },
      group: text('来源分组'),
    },
  },
  year_plan: {
    label: '年度计划',
    fields: {
      year: { ...year('计划年份'), short: '年份' },
      planWan: { ...money('年度计划投资', 'planFen', PARTS), short: '年度计划' },
      content: text('年度建设内容'),
      nodeTarget: text('节点目标'),
      months: { label: '月度分解', format: 'money', unit: '万元', schema: `${PARTS} monthSplitIssue` },
    },
  },
  milestone: {
    label: '节点',
    fields: {
      node: text('节点名称'),
      planDate: { ...date('节点计划日期'), short: '计划日期' },
      actDate: { ...date('节点实际日期'), short: '实际日期' },
      note: { ...text('节点备注'), short: '备注' },
    },
  },
  attachment: {
    label: '附件',
    fields: {
      kind: choice('附件类别', 'shared/domain/vocab.ts ATTACHMENT_KINDS'),
      fileName: text('文件名'),
      dataBase64: text('文件内容'),
      caption: text('附件说明'),
      takenAt: date('拍摄日期'),
      attachment: text('附件'),
      path: text('文件位置'),
    },
  },
  progress: {
    label: '月报',
    fields: {
      monthWan: money('本月完成投资', 'monthFen', 'shared/schemas/monthly-report.ts ReportRowSchema'),
      imageText: text('形象进度'),
      imagePct: { label: '形象进度%', format: 'int' },
      issues: text('存在问题'),
      nextSteps: text('下步计划'),
      needs: text('需协调解决事项'),
      state: choice('填报状态'),
      rows: list('月报'),
      projectIds: refs('所选项目'),
      reason: text('退回原因'),
      basedOn: text('填写所依据的月报（更新时间）'),
      pending: bool('附待报送名单'),
      ytdFen: { label: '本年累计完成投资', format: 'money', unit: '万元' },
      cumFen: { label: '开工以来累计完成投资', format: 'money', unit: '万元' },
      priorFen: { label: '至上年底累计完成投资', format: 'money', unit: '万元' },
      ytdPct: { label: '占年度计划', format: 'percent', unit: '%' },
    },
  },
  period: {
    label: '期别',
    fields: {
      period: { label: '期别', format: 'period' },
      reason: text('重新开账原因'),
      confirmUnreported: refs('确认未报送的项目'),
    },
  },
  fund_flow: {
    label: '资金到位与拨付',
    fields: {
      date: date('日期', 'shared/schemas/funds.ts FundFlowInputSchema'),
      type: choice('类型'),
      source: choice('资金来源'),
      amountWan: money('金额', 'amountFen', 'shared/schemas/funds.ts FundFlowInputSchema'),
      batch: choice('批次'),
      voucherNo: text('凭证号'),
      note: text('备注'),
    },
  },
  award_subsidy: {
    label: '以奖代补',
    fields: {
      appliedWan: money('申请以奖代补金额', 'appliedFen', 'shared/schemas/funds.ts AwardInputSchema'),
      appliedOn: date('申请日期'),
      note: text('备注'),
    },
  },
  supervision: {
    label: '督办单',
    fields: {
      deadline: date('整改期限', 'shared/schemas/supervision.ts'),
      content: text('督办内容'),
      toOrgId: ref('承办单位'),
      reply: text('回复内容'),
      note: text('办结说明'),
      reason: text('升级原因'),
      asOf: date('检查日期'),
      closed: bool('办结'),
      color: choice('督办等级'),
      open: bool('只看未办结'),
    },
  },
  instruction: {
    label: '领导批示',
    fields: {
      projectId: ref('项目'),
      supervisionId: ref('督办单'),
      content: text('批示内容', 'shared/schemas/instruction.ts'),
      givenOn: date('批示日期'),
      leaderName: text('批示领导'),
    },
  },
  task: {
    label: '责任清单任务',
    fields: {
      no: text('序号'),
      title: text('重点工作', 'shared/schemas/task.ts TaskSaveSchema'),
      category: text('类别'),
      campaignId: ref('所属行动方案'),
      leadOrgId: ref('牵头单位'),
      respOrgIds: refs('责任单位'),
      deadline: date('完成时限'),
      progressText: text('工作进展'),
      status: choice('完成情况'),
      issues: text('存在问题'),
      note: text('备注'),
      projectIds: refs('关联项目'),
      template: choice('模板'),
      sort: int('排序'),
    },
  },
  campaign: {
    label: '行动方案',
    fields: {
      name: text('行动方案名称'),
      sourceDoc: text('来源文件'),
      phases: list('实施步骤', 'campaign_phase'),
      goal: text('目标要求'),
    },
  },
  campaign_phase: {
    label: '实施步骤',
    fields: { name: text('步骤名称'), dateFrom: date('开始日期'), dateTo: date('结束日期'), goal: text('目标要求') },
  },
  indicator: {
    label: '指标',
    fields: {
      code: text('指标编号'),
      name: text('指标名称'),
      unit: text('计量单位'),
      target: { label: '目标值', format: 'number' },
      sourceDoc: text('来源文件'),
    },
  },
  indicator_value: {
    label: '指标值',
    fields: {
      indicatorId: ref('指标'),
      kind: choice('数值类型'),
      value: { label: '数值', format: 'number', schema: 'shared/schemas/indicator.ts' },
      asOf: date('日期'),
      note: text('备注'),
    },
  },
  assessment: {
    label: '考核',
    fields: {
      year: year('考核年度'),
      scheme: text('考核方案'),
      town: text('乡镇名称'),
      items: list('评分项', 'assessment_item'),
      maxPoints: { label: '分值', format: 'number', unit: '分' },
      score: { label: '得分', format: 'number', unit: '分' },
    },
  },
  assessment_item: {
    label: '考核评分项',
    fields: {
      name: text('评分项名称'),
      maxPoints: { label: '分值', format: 'number', unit: '分' },
      criteria: text('评分标准'),
      score: { label: '得分', format: 'number', unit: '分', schema: 'shared/schemas/assessment.ts' },
      evidence: text('佐证材料'),
      deductionReason: text('扣分原因'),
    },
  },
  org_unit: {
    label: '组织单位',
    fields: {
      name: text('单位名称'),
      shortName: text('简称'),
      level: choice('层级'),
      kind: choice('类型'),
      sort: int('排序'),
      note: text('备注'),
      legalRep: text('法人代表'),
    },
  },
  staff: {
    label: '人员',
    fields: {
      name: text('姓名'),
      title: text('职务'),
      orgId: ref('单位'),
      phone: text('电话'),
      active: bool('在任'),
      since: date('任职日期'),
      until: date('离任日期'),
      note: text('备注'),
      staffId: ref('人员'),
      date: date('交接日期'),
      successor: ref('接任人'),
      successorId: ref('接任人'),
      handOver: bool('移交包联项目'),
    },
  },
  leading_group: {
    label: '领导小组',
    fields: {
      name: text('领导小组名称'),
      docNo: text('成立文号'),
      officeAt: text('办公室设在'),
      establishedOn: date('成立日期'),
      members: list('成员', 'lg_member'),
      officeDirectorStaffId: ref('办公室主任'),
    },
  },
  lg_member: {
    label: '领导小组成员',
    fields: { staffId: ref('成员'), role: choice('组内角色'), sort: int('排序'), duty: text('分工') },
  },
  operator: {
    label: '操作员',
    fields: {
      name: text('操作员姓名'),
      role: choice('角色'),
      password: { label: '密码', format: 'password' },
      operatorId: ref('操作员'),
      active: bool('启用'),
    },
  },
  setting: {
    label: '设置',
    fields: {
      townName: text('乡镇名称'),
      filler: text('填报单位'),
      receiver: text('默认报送单位'),
      fiscalYear: year('年度'),
      'town.name': text('乡镇名称'),
      'org.filler': text('填报单位'),
      'org.receiver': text('默认报送单位'),
      'fiscal.year': year('年度'),
      'report.settings.briefing': text('工作简报打印设置'),
      'report.settings.progress': text('进展情况表打印设置'),
      'report.settings.card': text('一项目一档打印设置'),
      'report.settings.lagging': text('滞后预警清单打印设置'),
      'report.settings.supervision': text('督办单打印设置'),
      'report.settings.wallchart': text('挂图作战图打印设置'),
      'report.settings.leadingGroup': text('领导小组成员名单打印设置'),
      'report.settings.tasks': text('责任清单打印设置'),
      countyName: text('县（市、区）名称'),
      towns: text('应报送的乡镇'),
      'county.name': text('县（市、区）名称'),
      'county.towns': text('应报送的乡镇'),
      idleMinutes: int('自动退出登录时间（分钟）'),
      'session.idleMinutes': int('自动退出登录时间（分钟）'),
    },
  },
  light_rule: {
    label: '灯色规则',
    fields: {
      investYellowFromPts: int('投资低于序时（黄灯起点）', '个百分点'),
      investRedAbovePts: int('投资低于序时（红灯界限）', '个百分点'),
      startRedMonths: int('连续未开工月数（红灯）', '个月'),
      nodeYellowDays: int('节点逾期天数（黄灯）', '天'),
      nodeRedDays: int('节点逾期天数（红灯）', '天'),
      paymentMinPct: int('资金支付率下限', '%'),
      statsThresholdWan: money('入统门槛（总投资）', 'statsThresholdFen', 'shared/schemas/lights.ts'),
      reportDueDay: int('月报截止日（次月）', '日'),
    },
  },
  briefing_issue: {
    label: '工作简报',
    fields: {
      no: int('期号'),
      year: year('年份'),
      supplement: bool('增刊'),
      issuedOn: date('印发日期'),
      highlights: text('工作亮点'),
      problems: text('存在问题'),
      nextSteps: text('下步打算'),
      sendTo: text('报送'),
      copyTo: text('抄送'),
      copies: int('印数'),
    },
  },
  collect_kit: {
    label: '报送表',
    fields: {
      by: choice('分发方式', 'shared/schemas/collect.ts CollectMakeInputSchema'),
      deadline: date('填报截止日期', 'shared/schemas/collect.ts'),
      contact: text('联系人及电话', 'shared/schemas/collect.ts'),
      returns: list('交回的报送表', 'collect_file'),
      dryRun: bool('只预览不写入'),
      unit: text('报送单位'),
      replyBy: date('回复期限', 'shared/schemas/collect.ts CollectNoticeInputSchema'),
    },
  },
  collect_file: {
    label: '交回的报送表',
    fields: { fileName: text('文件名'), base64: text('文件内容') },
  },
  collect_return: { label: '报送表交回', fields: {} },
  ledger: { label: '台账', fields: {} },
  database: { label: '数据库', fields: {} },
  import: { label: '导入台账', fields: {} },
  warning: { label: '预警记录', fields: {} },
  // Tables only named in messages (verify, seals); they are never written to the change log themselves.
  project_org: { label: '项目责任单位', fields: {} },
  project_tag: { label: '项目标记', fields: {} },
  period_close: { label: '关账', fields: {} },
  period_snapshot: { label: '关账快照', fields: {} },
  task_org: { label: '责任清单责任单位', fields: {} },
  task_project: { label: '责任清单关联项目', fields: {} },
  submission: { label: '报送记录', fields: {} },
  excel_mapping: { label: '导入映射', fields: {} },
  change_log: { label: '修改留痕', fields: {} },
  // 登录记录 (migration 0016): named in verify's messages when one of its rows was changed behind the app's back.
  sign_in_log: { label: '登录记录', fields: {} },
  // 县级汇总 (migration 0008): what the county received from each town, kept apart per town.
  county_package: {
    label: '乡镇数据包',
    fields: { town: text('乡镇'), period: text('期别'), fileName: text('数据包文件') },
  },
  county_town_figures: { label: '乡镇汇总指标', fields: {} },
  county_town_project: { label: '乡镇项目指标', fields: {} },
  /**
   * Keys that several channels share (ids, periods, query options): labels for messages about them when the
   * channel's own entity does not name the key.
   */
  common: {
    label: '通用',
    fields: {
      id: ref('记录编号'),
      ids: refs('所选记录'),
      projectId: ref('项目'),
      period: { label: '期别', format: 'period' },
      patch: list('修改内容', 'project'),
      mode: choice('开始方式'),
      adminName: text('管理员姓名'),
      adminPassword: { label: '管理员密码', format: 'password' },
      asOf: date('基准日期'),
      year: year('年度'),
      reason: text('原因'),
      note: text('备注'),
      name: text('名称'),
      password: { label: '密码', format: 'password' },
      operator: text('操作员'),
      projectIds: refs('所选项目'),
      page: list('分页'),
      from: date('起始日期'),
      to: date('截止日期'),
      entity: choice('对象'),
      limit: int('每页条数'),
      offset: int('起始位置'),
      includeDeleted: bool('含回收站'),
      onlyDeleted: bool('只看回收站'),
      active: bool('在任'),
      open: bool('只看未办结'),
      doc: choice('文档类型'),
      options: list('选项'),
      settings: list('设置'),
      sections: list('栏目'),
      query: text('查询条件'),
      filter: list('筛选条件'),
      sort: list('排序'),
      search: text('搜索'),
      columns: list('列'),
      values: list('数值'),
      value: text('数值'),
      key: text('项目'),
      fields: list('字段'),
      file: text('文件'),
      fileName: text('文件名'),
      path: text('文件位置'),
      token: text('文件'),
      fileToken: text('文件'),
      dataBase64: text('文件内容'),
      sheet: text('工作表'),
      cells: list('单元格'),
      field: choice('列'),
      mapping: list('表头对应'),
      rows: list('行'),
      headerRows: int('表头行数'),
      unit: choice('金额单位'),
      template: choice('模板'),
      kind: choice('类型'),
      format: choice('格式'),
      title: text('标题'),
      paper: choice('纸张'),
      orientation: choice('方向'),
      dimension: choice('灯色维度'),
      level: choice('灯色'),
      category: choice('类别'),
      status: choice('状态'),
      scope: choice('范围'),
      at: date('时间'),
      dir: text('文件夹'),
      filters: list('筛选条件'),
      responsibleOrgId: ref('责任单位'),
      tag: text('标记'),
      light: choice('灯色'),
      deleted: bool('回收站'),
      first: int('起始行'),
      removePassword: bool('清除密码'),
      base64: text('文件内容'),
      duplicates: choice('重复项目的处理'),
      rowDecisions: list('逐行处理方式'),
      hiddenRows: choice('隐藏行的处理'),
      campaignId: ref('责任清单'),
      saveMappingAs: text('表头对应另存为'),
      templateBase64: text('模板文件'),
      mappingName: text('表头对应名称'),
      supervisionId: ref('督办单'),
      briefingId: ref('工作简报'),
      target: choice('备份位置'),
      destToken: text('保存位置'),
      defaultName: text('默认文件名'),
    },
  },
} as const satisfies Record<string, EntityDef>;

export type EntityKey = keyof typeof ENTITIES;
/** The entities a change-log row may name (ChangeEntry.entity is typed with this). */
export type ChangeEntity = Exclude<EntityKey, 'common'>;
export type FieldKeyOf<E extends EntityKey> = keyof (typeof ENTITIES)[E]['fields'] & string;

const entityOf = (e: string): EntityDef | undefined => (ENTITIES as Record<string, EntityDef>)[e];

/** The definition of a field by its key or alias; undefined when the entity has no such field. */
export function fieldDef(entity: string, key: string): FieldDef | undefined {
  const fields = entityOf(entity)?.fields;
  if (!fields) return undefined;
  if (Object.hasOwn(fields, key)) return fields[key];
  return Object.values(fields).find((f) => f.aliases?.includes(key));
}

/** The Chinese label of a field; '' when unknown (never the key itself: no identifier reaches a screen). */
export const labelOf = (entity: string, key: string): string => fieldDef(entity, key)?.label ?? '';

/** The Chinese name of an entity; a neutral name for one this build does not know (written by a newer version). */
export const entityLabel = (entity: string): string => entityOf(entity)?.label ?? '其他数据';

/** The short name of a field (a header without its unit): 计划开工. */
export const shortOf = (entity: string, key: string): string => {
  const f = fieldDef(entity, key);
  return f ? (f.short ?? f.label) : '';
};

/** A column title or export header: the label with its unit, 总投资(万元). */
export function titleOf(entity: string, key: string): string {
  const f = fieldDef(entity, key);
  if (!f) return '';
  const name = f.short ?? f.label;
  return f.unit && f.unit !== '日' ? `${name}(${f.unit})` : name;
}

/** Labels of one entity keyed by field, typed: `labels('project').name` → 项目名称. */
export function labels<E extends EntityKey>(entity: E): { readonly [K in FieldKeyOf<E>]: string } {
  return Object.fromEntries(
    Object.entries(ENTITIES[entity].fields).map(([k, f]) => [k, (f as FieldDef).label]),
  ) as never;
}
