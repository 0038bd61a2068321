/**
 * A difference between a kept figure and the ledger (value-diff.ts) in the words of the pages: which figure
 * (“1-9月累计完成投资”, 分类“道路”的年度计划投资, “节点”灯的灯色) and both values as the pages show them
 * (15,140.00 万元, 54.2%, 红灯). The paths are those of the 总览, a project's figures and the 资金 figures, with their
 * lists keyed by what names each item (kept-figures-check.ts).
 */
import { yesNoText } from '../../../shared/domain/cell-reads.ts';
import { formatPercent, formatPeriodCn, formatWanExact, formatWanUnit } from '../../../shared/domain/display.ts';
import { monthsSpan } from '../../../shared/domain/period.ts';
import { projectFieldLabel } from '../../../shared/fields/labels.ts';
import type { Difference } from './value-diff.ts';

/** Figures whose names do not depend on where they stand. */
const LABELS: Readonly<Record<string, string>> = {
  period: '期别',
  periods: '有月报的月份',
  asOf: '基准日',
  townTimeSharePct: '序时进度',
  timeSharePct: '序时进度',
  projects: '项目数',
  subProjects: '子项目数',
  totalFen: '总投资',
  partsTotalFen: '子项目总投资合计',
  partsDiffFen: '与子项目总投资合计之差',
  priorFen: '至上年底累计完成投资',
  yearPlanFen: '年度计划投资',
  monthFen: '本月完成投资',
  cumFen: '开工以来累计完成投资',
  ytdPct: '投资完成率',
  gapPts: '差距',
  red: '红灯个数',
  yellow: '黄灯个数',
  green: '绿灯个数',
  none: '未亮灯个数',
  owe: '应报月报个数',
  submitted: '已报送月报个数',
  未报: '未报月报个数',
  草稿: '草稿月报个数',
  退回: '退回月报个数',
  id: '项目',
  code: '项目编号',
  name: '名称',
  parentId: '上级项目',
  parentName: '上级项目',
  sort: '排列顺序',
  isParent: '是否有子项目',
  level: '灯色',
  levelReason: '灯色原因',
  reason: '原因',
  dimension: '类别',
  value: '数值',
  threshold: '界限',
  rule: '规则',
  flags: '标记',
  leaderName: '包联领导',
  leadOrgName: '牵头单位',
  responsibleOrgNames: '责任单位',
  report: '本月月报',
  imageText: '形象进度',
  imagePct: '形象进度%',
  issues: '存在问题',
  nextSteps: '下步计划',
  needs: '需协调解决事项',
  state: '填报状态',
  planFen: '计划资金',
  arrivedFen: '到位资金',
  allocatedFen: '拨付资金',
  paidFen: '支付资金',
  arrivedPct: '到位率',
  paidPct: '支付率',
  unfundedFen: '未落实资金',
  needsMatching: '需1:1配套',
  matchingFailures: '配套不足的项目数',
  award: '以奖代补',
  appliedFen: '以奖代补申报',
  advancedFen: '以奖代补预拨',
  redeemedFen: '以奖代补兑现',
  outstandingFen: '以奖代补未兑现',
  advancedPct: '以奖代补预拨比例',
  lines: '资金',
  bySource: '资金',
  byGroup: '资金',
};

/** Lists kept as records by what names each item: how that item is named before its figure. */
const ITEMS: Readonly<Record<string, (key: string) => string>> = {
  byCategory: (c) => `分类“${c}”的`,
  funding: (g) => `“${g}”`,
  byGroup: (g) => `“${g}”`,
  bySource: (s) => `“${s}”`,
  lines: (s) => `“${s}”`,
  lagging: (i) => `最滞后项目第${Number(i) + 1}位的`,
  lights: (d) => `“${d}”灯的`,
};

/** Containers whose figures are named by themselves (totals.ytdFen is 1-N月累计完成投资). */
const PLAIN = new Set(['totals', 'reports']);

const LIGHT_COUNTS = new Set(['red', 'yellow', 'green', 'none']);

/** The name of the figure at `path`, in a period (for 1-N月) or none (the 资金 figures). */
export function figureName(path: readonly string[], period: string | null): string {
  // The 总览's monthly trend: each month's completed investment and the running total to it.
  if (path[0] === 'trend' && path[1]) {
    const running = path[2] === 'ytdFen';
    return running ? `${formatPeriodCn(path[1], true)}累计完成投资` : `${formatPeriodCn(path[1])}完成投资`;
  }
  let name = '';
  for (let i = 0; i < path.length; i++) {
    const seg = path[i]!;
    const item = ITEMS[seg];
    const next = path[i + 1];
    // the 总览's lights are counts (lights.red); a project's are keyed by dimension (lights.节点.level)
    if (item && next !== undefined && !LIGHT_COUNTS.has(next)) {
      name += item(next);
      i++;
      continue;
    }
    if (PLAIN.has(seg) || (seg === 'lights' && next !== undefined)) continue;
    name += leafLabel(seg, period);
  }
  return name.replace(/的$/, '') || '全部数字';
}

function leafLabel(key: string, period: string | null): string {
  if (key === 'ytdFen') return period ? `${monthsSpan(period)}累计完成投资` : '本年累计完成投资';
  return LABELS[key] ?? (projectFieldLabel(key) || '其他数字');
}

const LEVEL_WORDS: Readonly<Record<string, string>> = { red: '红灯', yellow: '黄灯', green: '绿灯' };

/** A value as the pages show a figure under `key`: money in 万元, rates in %, lights as 红灯, nothing as 无. */
export function valueText(key: string | undefined, v: unknown): string {
  if (key === 'level') return typeof v === 'string' ? (LEVEL_WORDS[v] ?? v) : '未亮灯';
  if (v === null || v === undefined) return '无';
  if (typeof v === 'boolean') return yesNoText(v);
  if (typeof v === 'number') {
    if (key?.endsWith('Fen')) return formatWanUnit(v);
    if (key?.endsWith('Pct')) return formatPercent(v);
    if (key?.endsWith('Pts')) return `${v.toFixed(1)} 个百分点`;
    return String(v);
  }
  if (typeof v === 'string') return `“${v}”`;
  if (Array.isArray(v)) return v.length === 0 ? '无' : v.map((x) => valueText(key, x)).join('、');
  return '有';
}

/**
 * One difference in a sentence: 1-9月累计完成投资保存为 15,140.00 万元，按台账计算为 10,140.00 万元. Two amounts that
 * read alike to two decimals (a few 分 apart) are written to the 分, so the sentence never shows two equal values.
 */
export function differenceText(d: Difference, period: string | null): string {
  const key = d.path[d.path.length - 1];
  let kept = valueText(key, d.kept);
  let computed = valueText(key, d.computed);
  if (kept === computed && typeof d.kept === 'number' && typeof d.computed === 'number') {
    const exact = (v: number) => (key?.endsWith('Fen') ? `${formatWanExact(v)} 万元` : String(v));
    kept = exact(d.kept);
    computed = exact(d.computed);
  }
  return `${figureName(d.path, period)}保存为 ${kept}，按台账计算为 ${computed}`;
}
