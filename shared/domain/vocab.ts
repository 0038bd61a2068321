/** Controlled vocabularies of the domain (../shared/docs/domain.md §1). Order = display order. */

export const CATEGORIES = ['规划设计', '公共环境', '基础设施', '公共服务', '城镇风貌', '产业发展', '治理水平'] as const;
export const SUBCATEGORIES = [
  '绿化',
  '硬化',
  '亮化',
  '美化',
  '雨污管网',
  '供水',
  '排水',
  '燃气',
  '集中供热',
  '管线入地',
  '公厕',
  '垃圾',
  '污水处理',
  '道路',
  '停车场',
  '人行道',
  '路灯',
  '市场',
  '文化广场',
  '健身场所',
  '小公园',
  '绿道',
  '立面',
  '广告牌匾',
  '空中蜘蛛网治理',
  '防灾',
  '消防',
  '教育',
  '医疗',
  '养老',
  '托育',
  '住房',
  '老旧小区',
  '旅游',
  '观光农业',
  '规划编制',
  '智慧小镇',
  '网格化',
] as const;
export const STAGE_GROUPS = ['前期储备', '促进开工', '加快建设', '投产达产'] as const;
export const NATURES = ['新建', '续建', '改扩建'] as const;
export const PROJECT_STATUSES = ['谋划', '前期', '在建', '停工', '完工', '已验收', '已审计决算'] as const;
export const APPROVAL_KINDS = ['审批', '核准', '备案'] as const;
export const DELIVERY_MODES = ['政府直接实施', 'EPC', 'PPP', '招商综合开发', '垫资建设', '以工代赈'] as const;
export const PROJECT_TAGS = ['省级重点', '市级重点', '县级重点', '示范镇项目', '以奖代补'] as const;

/**
 * The vocabularies the ledger's pickers offer (its filters and cells), found by pinyin like units and people: the
 * core sends each word's pinyin with the lookups (pinyin-pro lives in the core only).
 */
export const PINYIN_SEARCHED_VOCABULARIES: readonly (readonly string[])[] = [
  CATEGORIES,
  SUBCATEGORIES,
  PROJECT_STATUSES,
  NATURES,
  STAGE_GROUPS,
  PROJECT_TAGS,
];

export const FUND_SOURCE_GROUPS = {
  上级补助: ['中央资金', '省级资金', '市级资金', '县级资金'],
  债券: ['一般债券', '专项债券'],
  自筹: ['镇政府自筹', '村集体自筹', '农户自筹'],
  市场: ['社会资本', '企业自筹', '银行贷款', 'PPP', '众筹'],
  其他: ['其他'],
} as const;
export type FundSourceGroup = keyof typeof FUND_SOURCE_GROUPS;
export const FUND_SOURCES = Object.values(FUND_SOURCE_GROUPS).flat() as unknown as readonly FundSource[];
export type FundSource = (typeof FUND_SOURCE_GROUPS)[FundSourceGroup][number];
export function fundSourceGroup(source: string): FundSourceGroup {
  for (const [g, list] of Object.entries(FUND_SOURCE_GROUPS))
    if ((list as readonly string[]).includes(source)) return g as FundSourceGroup;
  return '其他';
}

export const ORG_LEVELS = ['省', '市', '县', '镇', '村', '企业'] as const;
export const ORG_KINDS = ['党委政府', '县直部门', '镇站所', '村(社区)', '实施单位', '施工', '设计', '监理'] as const;
export const LG_ROLES = ['组长', '常务副组长', '副组长', '成员', '办公室主任'] as const;
export const MILESTONE_NODES = [
  '立项/可研批复',
  '初步设计',
  '施工图',
  '招标',
  '开工',
  '主体完工',
  '竣工验收',
  '结算审计',
  '移交',
] as const;
/** 形象进度 as a unit may pick it in a 报送表 (a list to choose from; its own words are accepted too). */
export const IMAGE_PROGRESS_STATES = [
  '未开工',
  '前期工作',
  '施工准备',
  '在建',
  '主体完工',
  '已竣工',
  '已验收',
] as const;
export const REPORT_STATES = ['草稿', '已报送', '退回'] as const;
export const FUND_FLOW_TYPES = ['到位', '拨付', '支付'] as const;
export const FUND_FLOW_BATCHES = ['预拨', '进度款', '验收兑现', '以奖代补'] as const;
export const ATTACHMENT_KINDS = [
  '现场照片-前',
  '现场照片-中',
  '现场照片-后',
  '批复',
  '规划/施工许可',
  '招标',
  '合同',
  '监理',
  '图纸',
  '验收',
  '审计',
  '其他',
] as const;
export const TASK_STATUSES = ['未启动', '推进中', '已完成', '滞后'] as const;
/** 管理员 manages operators and may do everything; 领导 reads only (shared/ipc/permissions.ts). */
export const OPERATOR_ROLES = ['录入员', '审核人', '领导', '管理员'] as const;
export type OperatorRole = (typeof OPERATOR_ROLES)[number];
export const LIGHT_LEVELS = ['green', 'yellow', 'red'] as const;
export const LIGHT_DIMENSIONS = ['投资进度', '开工', '节点', '资金支付', '入统', '填报'] as const;
export const SUPERVISION_COLORS = ['蓝', '黄', '红'] as const;
export const COMPARATORS = ['≥', '≤', '='] as const;
export const QTY_UNITS = ['公里', '米', '㎡', '亩', '株', '盏', '座', '户', '家', '个'] as const;
