/**
 * The rules behind the town's figures, each written once (docs/figures.md is the table a clerk reads): which
 * projects a count counts, how a parent's 总投资 and 资金构成 stand to its sub-projects', the gap to 序时进度 and
 * its sign, the light counts and the order of "most lagging". Pure: every surface (总览, 资金, 简报, 进展表, T1–T5,
 * CLI) gets its numbers through electron/core/services/figure-set.service.ts, which applies these.
 */
import { compareCodes } from './collate.ts';
import { pushTo } from './collections.ts';
import { formatWan, formatWanExact, percent } from './money.ts';
import { LEVEL_CN, LEVEL_RANK, owesReport, round1, type DimensionLight, type Level } from './schedule.ts';

// ---- 差距与序时进度 ------------------------------------------------------------------------------------

/**
 * 差距 = 投资完成率 − 序时进度, in percentage points, one decimal: negative = behind 序时进度, positive = ahead.
 * The only sign convention of the app; a text that says "落后X个百分点" prints −gap.
 */
export function gapPts(ytdPct: number | null, timeSharePct: number | null): number | null {
  return ytdPct === null || timeSharePct === null ? null : round1(ytdPct - timeSharePct);
}

/** Points behind 序时进度 (positive), for texts and charts that say 落后; 0 when on or ahead of it. */
export function behindPts(gap: number | null): number {
  return gap === null || gap >= 0 ? 0 : round1(-gap);
}

// ---- 项目计数与计灯 ------------------------------------------------------------------------------------

export interface TreeNode {
  id: number;
  parentId: number | null;
}

/**
 * 序号 as the county's tables number projects and their parts: 1, 2, … for `tops`, 2-1, 2-2 for the parts under
 * them (2-1-1 below those), each part right after its project. Parts come from `all`, in its order. T1–T4 and the
 * 资金 page number alike through this.
 */
export function numberedTree<T extends TreeNode>(
  tops: readonly T[],
  all: readonly T[],
): { item: T; depth: number; seq: string }[] {
  const children = new Map<number, T[]>();
  for (const c of all) if (c.parentId !== null) pushTo(children, c.parentId, c);
  const out: { item: T; depth: number; seq: string }[] = [];
  const visit = (item: T, depth: number, seq: string) => {
    out.push({ item, depth, seq });
    (children.get(item.id) ?? []).forEach((c, k) => visit(c, depth + 1, `${seq}-${k + 1}`));
  };
  tops.forEach((t, i) => visit(t, 0, String(i + 1)));
  return out;
}

/** 项目数: a top-level project (no parent in the ledger) counts once, whatever its sub-projects. */
export const isTopLevel = (p: { parentId: number | null }): boolean => p.parentId === null;

/**
 * 计灯项目: the projects the 红/黄/绿 counts count — every project without sub-projects (an independent project or a
 * lowest-level sub-project), once. A project with sub-projects shows the worst light of its parts and itself on
 * its row, but is not counted again: its parts are.
 */
export const countsForLights = (p: { isParent: boolean }): boolean => !p.isParent;

export type LightCounts = Record<Level | 'none', number>;

export function lightCounts(projects: readonly { isParent: boolean; level: Level | null }[]): LightCounts {
  const out: LightCounts = { red: 0, yellow: 0, green: 0, none: 0 };
  for (const p of projects) countLight(out, p);
  return out;
}

/**
 * The counts in words, as the CLI's `lights` and the 红黄绿灯 page say them: the page's list shows the projects with
 * sub-projects too (8 rows under 红灯 where the counts say 6), so the line says which projects the counts count.
 */
export const lightCountsText = (c: LightCounts): string =>
  `计灯项目（没有子项目的项目）红灯 ${c.red} 个、黄灯 ${c.yellow} 个、绿灯 ${c.green} 个、未亮灯 ${c.none} 个；有子项目的项目显示其最差的灯，不另计数`;

/** lightCounts one project at a time (see startEndCounter). */
export function countLight(out: LightCounts, p: { isParent: boolean; level: Level | null }): void {
  if (countsForLights(p)) out[p.level ?? 'none']++;
}

// ---- 总投资的汇总 ----------------------------------------------------------------------------------------

export interface RolledTotal {
  /** The project's 总投资: its own figure, or — when it has none (0) — the sum of its parts. */
  totalFen: number;
  /** Σ of its direct sub-projects' 总投资, null without sub-projects. */
  partsFen: number | null;
  /** 总投资 − Σ parts when both are there and differ (a parent's figure is never replaced by its parts). */
  diffFen: number | null;
}

/** A parent's 总投资 is its own figure; its sub-projects are parts of it, never added on top. */
export function rollUpTotal(ownFen: number, partsFen: readonly number[]): RolledTotal {
  if (partsFen.length === 0) return { totalFen: ownFen, partsFen: null, diffFen: null };
  const parts = partsFen.reduce((a, b) => a + b, 0);
  if (ownFen <= 0) return { totalFen: parts, partsFen: parts, diffFen: null };
  return { totalFen: ownFen, partsFen: parts, diffFen: ownFen === parts ? null : ownFen - parts };
}

/**
 * Rolls a per-project figure up the tree, children before parents: `combine(own, parts)` gives a project's
 * figure from its own and its direct sub-projects' rolled figures. A sub-project whose parent is not among
 * `nodes` (in the 回收站) stands at the top, as the figures treat it; a damaged cycle is visited once.
 */
export function rollUpTree<T>(
  nodes: readonly TreeNode[],
  own: (id: number) => T,
  combine: (own: T, parts: T[]) => T,
): Map<number, T> {
  const ids = new Set(nodes.map((n) => n.id));
  const kids = new Map<number, number[]>();
  for (const n of nodes) {
    if (n.parentId === null || !ids.has(n.parentId)) continue;
    const list = kids.get(n.parentId);
    if (list) list.push(n.id);
    else kids.set(n.parentId, [n.id]);
  }
  const out = new Map<number, T>();
  // Only the projects on the path being visited: a part already rolled up (listed before its project — a part
  // without a 编号 sorts first) is taken from `out`, not dropped as if it closed a cycle.
  const onPath = new Set<number>();
  const visit = (id: number): T => {
    const done = out.get(id);
    if (done !== undefined) return done;
    onPath.add(id);
    const parts = (kids.get(id) ?? []).filter((k) => !onPath.has(k)).map(visit);
    onPath.delete(id);
    const v = combine(own(id), parts);
    out.set(id, v);
    return v;
  };
  for (const n of nodes) visit(n.id);
  return out;
}

/** The difference of a parent and its parts in words, for a row's 备注 (null where there is none). */
export function partsDiffText(p: { partsTotalFen?: number | null; partsDiffFen?: number | null }): string | null {
  if (
    p.partsDiffFen === null ||
    p.partsDiffFen === undefined ||
    p.partsTotalFen === null ||
    p.partsTotalFen === undefined
  )
    return null;
  // the difference exactly (0.003333): a note that there is one must not print it as 0.00; whole 万元 read 582.00
  return `子项目合计${formatWan(p.partsTotalFen)}万元，与总投资相差${formatWanExact(p.partsDiffFen)}万元`;
}

// ---- 月报报送情况 ------------------------------------------------------------------------------------

/**
 * A report not simply submitted: 未报 (the project owes one and nothing is entered: its 本月 is 0 because
 * nobody said otherwise), 草稿 / 退回 (entered, counted in every figure, not submitted). A parent has none:
 * its sub-projects report.
 */
export type ReportStanding = '未报' | '草稿' | '退回';

interface ReportedProject {
  isParent: boolean;
  planStart: string | null;
  actEnd: string | null;
  status: string;
  report: { state: string } | null;
}

export function reportStanding(p: ReportedProject, period: string): ReportStanding | null {
  if (p.isParent) return null;
  if (!p.report) return owesReport(p, period) ? '未报' : null;
  return p.report.state === '草稿' || p.report.state === '退回' ? p.report.state : null;
}

const STANDING_TEXT: Record<ReportStanding, string> = {
  未报: '本月未报月报',
  草稿: '本月月报未报送（按草稿计）',
  退回: '本月月报已退回（按原填数计）',
};

/** How a period's reports stand: owed, submitted, and the owed ones not submitted by standing. */
export interface ReportTally {
  owe: number;
  submitted: number;
  未报: number;
  草稿: number;
  退回: number;
}

/** How the period's reports stand over the projects that owe one (the 总览, the 简报, the 进展情况表's note). */
export function reportTally(projects: readonly ReportedProject[], period: string): ReportTally {
  const t: ReportTally = { owe: 0, submitted: 0, 未报: 0, 草稿: 0, 退回: 0 };
  for (const p of projects) {
    if (!owesReport(p, period)) continue;
    t.owe++;
    const s = reportStanding(p, period);
    if (s) t[s]++;
    else t.submitted++;
  }
  return t;
}

/**
 * The words for a month not wholly submitted, one text on the 总览, in the 简报 and under the 进展情况表 (joined
 * as each needs): the reader must not take a 0 or a draft for a submitted figure. Empty when all owed are submitted.
 */
export function reportTallyParts(t: ReportTally): string[] {
  if (t.submitted === t.owe) return [];
  const counted = [t.草稿 ? `草稿${t.草稿}个` : '', t.退回 ? `退回${t.退回}个` : ''].filter(Boolean).join('、');
  return [
    `本月应报月报${t.owe}个项目，已报送${t.submitted}个`,
    t.未报 ? `未报${t.未报}个（本月完成投资按0计）` : '',
    counted ? `${counted}按所填数计入` : '',
  ].filter(Boolean);
}

/**
 * The 备注（预警） of a row of the 进展情况表 and of the T1 sheet — one text for paper and file: the light and its
 * reason, how the month's report stands, and a parent's difference from its parts.
 */
export function remarkText(
  p: ReportedProject & {
    level: Level | null;
    levelReason: string | null;
    lights: readonly DimensionLight[];
    partsTotalFen?: number | null;
    partsDiffFen?: number | null;
  },
  period: string,
): string | null {
  const light = p.level ? `${LEVEL_CN[p.level]}灯${p.level === 'green' ? '' : `：${p.levelReason ?? ''}`}` : null;
  const standing = reportStanding(p, period);
  // the 填报 light's reason already says the report is missing when it is the reason shown
  const toldByLight = p.lights.some((l) => l.dimension === '填报' && l.reason === p.levelReason);
  const report = standing && !(standing === '未报' && toldByLight) ? STANDING_TEXT[standing] : null;
  return [light, report, partsDiffText(p)].filter(Boolean).join('；') || null;
}

/** Every project's 总投资 after the roll-up (rollUpTotal), from each one's own figure. */
export function rolledTotals(nodes: readonly (TreeNode & { ownTotalFen: number })[]): Map<number, number> {
  const own = new Map(nodes.map((n) => [n.id, n.ownTotalFen]));
  return rollUpTree(
    nodes,
    (id) => own.get(id)!,
    (ownFen, parts) => rollUpTotal(ownFen, parts).totalFen,
  );
}

// ---- 资金构成（计划）的汇总 ------------------------------------------------------------------------------

/**
 * 资金构成 of a project, by source: its own rows when it has any (a parent's 资金构成 already contains its parts'),
 * else the sum of its sub-projects'. The town's 计划 is the sum over top-level projects of this: a sub-project's
 * rows count only where no project above it has rows of its own.
 */
export function rollUpPlan(
  own: ReadonlyMap<string, number>,
  parts: readonly ReadonlyMap<string, number>[],
): Map<string, number> {
  if (own.size > 0 || parts.length === 0) return new Map(own);
  const sum = new Map<string, number>();
  for (const p of parts) for (const [source, fen] of p) sum.set(source, (sum.get(source) ?? 0) + fen);
  return sum;
}

/** 未落实: the part of 总投资 no 资金构成 row covers (negative when the rows exceed it). */
export const unfundedFen = (totalFen: number, planFen: number): number => totalFen - planFen;

// ---- 比率 ---------------------------------------------------------------------------------------------

/** 投资完成率 (占年度计划%) = 1-N月完成 ÷ 年度计划, one decimal; null without a plan. */
export const completionPct = (ytdFen: number, yearPlanFen: number): number | null => percent(ytdFen, yearPlanFen);

export interface StartEnd {
  planStart: string | null;
  planEnd: string | null;
  actStart: string | null;
  actEnd: string | null;
  isParent: boolean;
}

/**
 * 开工率 = 已开工 ÷ 应开工 and 竣工率 = 已竣工 ÷ 应竣工 among the 计灯项目 (projects without sub-projects) at the
 * reference date: 应开工 = planned to start by then, 已开工 = of those, started by then; likewise for 竣工.
 */
export function startEndRates(projects: readonly StartEnd[], asOf: string) {
  const count = startEndCounter(asOf);
  for (const p of projects) count.add(p);
  return count.rates();
}

/**
 * startEndRates one project at a time, for a caller that reads each project once for several figures (the 总览 of a
 * county: one pass over 20,000 projects instead of one per figure).
 */
/**
 * 已竣工项目 (the 简报's count and list): a project that counts for the lights and was finished by `asOf`, whether
 * or not it was due — the 竣工率's 已竣工 counts only those due (planned to finish by then).
 */
export const completedBy = (p: { isParent: boolean; actEnd: string | null }, asOf: string): boolean =>
  countsForLights(p) && p.actEnd !== null && p.actEnd <= asOf;

export function startEndCounter(asOf: string) {
  let dueToStart = 0,
    started = 0,
    dueToFinish = 0,
    finished = 0,
    completed = 0;
  return {
    add(p: StartEnd) {
      if (!countsForLights(p)) return;
      if (p.planStart !== null && p.planStart <= asOf) {
        dueToStart++;
        if (p.actStart !== null && p.actStart <= asOf) started++;
      }
      if (p.planEnd !== null && p.planEnd <= asOf) {
        dueToFinish++;
        if (p.actEnd !== null && p.actEnd <= asOf) finished++;
      }
      if (completedBy(p, asOf)) completed++;
    },
    rates: () => ({
      dueToStart,
      started,
      startRatePct: percent(started, dueToStart),
      dueToFinish,
      finished,
      finishRatePct: percent(finished, dueToFinish),
      completed,
    }),
  };
}

// ---- 最滞后的排序 ---------------------------------------------------------------------------------------

/**
 * How far behind a light is, one number for ordering: points behind 序时进度 from the 投资进度 light; without one,
 * days of an overdue 节点 ÷ 3 or months of 应开工未开工 × 10 (so a month late to start weighs like 10 points).
 */
export function laggingScore(lights: readonly DimensionLight[]): number {
  // Loops rather than filter/find/map: a county's 总览 scores thousands of red and yellow projects.
  let other = 0;
  let investmentSeen = false;
  for (const l of lights) {
    if (l.level === 'green') continue;
    if (l.dimension === '投资进度' && !investmentSeen) {
      investmentSeen = true; // the first non-green 投资进度 light decides, as find() did
      if (l.value !== null && l.threshold !== null) {
        const pts = behindPts(gapPts(l.value, l.threshold));
        if (pts > 0) return pts;
      }
    }
    const s = l.dimension === '节点' ? (l.value ?? 0) / 3 : l.dimension === '开工' ? (l.value ?? 0) * 10 : 0;
    if (s > other) other = s;
  }
  return other;
}

/**
 * How far behind, in words, one per lit dimension (worst first): 落后序时50.0个百分点, 节点逾期12天, 应开工未开工3个月,
 * 开工5个月未入统, 资金支付率0.0%，低于50%, 月报未按期报送. The 滞后/预警清单 prints them as its 差距 and the 总览's chart labels its bars with them — a project
 * red for not starting has no points behind, and its bar read 0.0.
 */
export function laggingGaps(lights: readonly DimensionLight[]): string[] {
  const bad = lights.filter((l) => l.level !== 'green').sort((a, b) => LEVEL_RANK[b.level] - LEVEL_RANK[a.level]);
  const inv = bad.find((l) => l.dimension === '投资进度');
  const gaps: string[] = [];
  const behind = inv ? behindPts(gapPts(inv.value, inv.threshold)) : 0;
  if (behind > 0) gaps.push(`落后序时${behind.toFixed(1)}个百分点`);
  for (const l of bad) {
    if (l.dimension === '节点' && l.value !== null) gaps.push(`节点逾期${l.value}天`);
    if (l.dimension === '开工' && l.value !== null) gaps.push(`应开工未开工${l.value}个月`);
    if (l.dimension === '入统' && l.value !== null) gaps.push(`开工${l.value}个月未入统`);
    if (l.dimension === '资金支付' && l.value !== null)
      gaps.push(`资金支付率${l.value.toFixed(1)}%，低于${l.threshold ?? ''}%`);
    if (l.dimension === '填报') gaps.push('月报未按期报送');
  }
  return gaps;
}

export interface LaggingLike {
  id: number;
  code: string | null;
  level: Level | null;
  lights: readonly DimensionLight[];
}

/** The order of "most lagging", everywhere: red before yellow, then the larger laggingScore, then ledger code, then id. */
export function laggingOrderBy<T extends LaggingLike>(score: (p: T) => number): (a: T, b: T) => number {
  const rank = (l: Level | null) => (l ? LEVEL_RANK[l] : -1);
  return (a, b) => rank(b.level) - rank(a.level) || score(b) - score(a) || compareCodes(a.code, b.code) || a.id - b.id;
}

export const laggingOrder: (a: LaggingLike, b: LaggingLike) => number = laggingOrderBy((p) => laggingScore(p.lights));

/**
 * How many of the most lagging the 总览's chart, `figures --json`'s lagging[] and the county's list show: one limit.
 * The 滞后/预警清单 (printout) lists every red and yellow project (domain.md §3: only red/yellow, all of them), so
 * with 15 lit it has 15 where the chart has the first 10 — the chart's title says so (dashboard-charts.ts).
 */
export const MOST_LAGGING_COUNT = 10;

/** Whether a project is on the lagging lists: a 计灯项目 with a red or yellow light. */
export const isLagging = (p: { isParent: boolean; level: Level | null }): boolean =>
  countsForLights(p) && (p.level === 'red' || p.level === 'yellow');
