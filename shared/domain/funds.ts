/**
 * Fund arithmetic (domain.md §1.3 FundFlow, §2.4 T4, §4 funding cycle): planned vs 到位 vs 拨付 vs 支付 per
 * source and per T4 group, 到位率 / 支付率, the ≥1:1 local 配套 check and 以奖代补 tracking. Pure: amounts
 * are integer 分, sums first, percentages derived once (1 decimal, null when the base is 0).
 */
import { formatWanUnit } from './display.ts';
import { percent } from './money.ts';
import { FUND_SOURCE_GROUPS, FUND_SOURCES, fundSourceGroup } from './vocab.ts';

/** T4's column groups (§2.4): 上级补助 (中央/省/市), 县级配套, 镇自筹 (镇/村/户), 其他 (债券, 市场, 其他). */
export const T4_GROUPS = ['上级补助', '县级配套', '镇自筹', '其他'] as const;
export type T4Group = (typeof T4_GROUPS)[number];

export function t4Group(source: string): T4Group {
  if (source === '县级资金') return '县级配套';
  if ((['中央资金', '省级资金', '市级资金'] as readonly string[]).includes(source)) return '上级补助';
  if ((FUND_SOURCE_GROUPS.自筹 as readonly string[]).includes(source)) return '镇自筹';
  return '其他';
}

/** T2 funding columns: the funding plan's sources folded into the county's six 资金来源. */
export const T2_FUND_COLUMNS = ['上级补助', '县级配套', '镇级自筹', '村(户)自筹', '债券', '社会资本'] as const;
export function t2FundColumn(source: string): (typeof T2_FUND_COLUMNS)[number] {
  if (source === '县级资金') return '县级配套';
  if (source === '镇政府自筹') return '镇级自筹';
  if (source === '村集体自筹' || source === '农户自筹') return '村(户)自筹';
  const g = fundSourceGroup(source);
  return g === '上级补助' ? '上级补助' : g === '债券' ? '债券' : '社会资本';
}

/** T3's 资金构成 columns by source; its 其他来源 column holds every other source (t3OtherFen). */
export const T3_FUND_SOURCES = ['中央资金', '省级资金', '市级资金', '县级资金', '银行贷款', '企业自筹'] as const;

/** T3's 其他来源: a plan's sources other than T3_FUND_SOURCES (T3 and a county template's 其他来源 column alike). */
export function t3OtherFen(plan: ReadonlyMap<string, number>): number {
  let fen = 0;
  for (const [source, v] of plan) if (!(T3_FUND_SOURCES as readonly string[]).includes(source)) fen += v;
  return fen;
}

/** For the 1:1 配套 rule (鄂州, S3) the subsidy is 上级 money down to the county; 配套 is the town's own 自筹. */
const UPPER_SOURCES = FUND_SOURCE_GROUPS.上级补助 as readonly string[];
const LOCAL_SOURCES = FUND_SOURCE_GROUPS.自筹 as readonly string[];

export interface Amounts {
  planFen: number;
  arrivedFen: number;
  allocatedFen: number;
  paidFen: number;
}

export interface Rates {
  /** 到位率 = 到位 ÷ 计划. */
  arrivedPct: number | null;
  /** 支付率 = 支付 ÷ 到位 (the same base as the 资金支付 light). */
  paidPct: number | null;
}

export const ZERO_AMOUNTS: Amounts = { planFen: 0, arrivedFen: 0, allocatedFen: 0, paidFen: 0 };

export function addAmounts(a: Amounts, b: Amounts): Amounts {
  return {
    planFen: a.planFen + b.planFen,
    arrivedFen: a.arrivedFen + b.arrivedFen,
    allocatedFen: a.allocatedFen + b.allocatedFen,
    paidFen: a.paidFen + b.paidFen,
  };
}

export function rates(a: Amounts): Rates {
  return { arrivedPct: percent(a.arrivedFen, a.planFen), paidPct: percent(a.paidFen, a.arrivedFen) };
}

/** One line per source: a plan row or a flow total. */
export interface SourceAmount extends Amounts {
  source: string;
}

export type SourceLine = SourceAmount & Rates & { group: T4Group };
export type GroupLine = Amounts & Rates & { group: T4Group };

/** Sums per source in vocabulary order (unknown sources after), then per T4 group (all four, always). */
export function summarise(lines: SourceAmount[]): {
  total: Amounts & Rates;
  bySource: SourceLine[];
  byGroup: GroupLine[];
} {
  const bySourceMap = new Map<string, Amounts>();
  for (const l of lines) bySourceMap.set(l.source, addAmounts(bySourceMap.get(l.source) ?? ZERO_AMOUNTS, l));
  const order = (s: string) => {
    const i = (FUND_SOURCES as readonly string[]).indexOf(s);
    return i < 0 ? FUND_SOURCES.length : i;
  };
  const bySource = [...bySourceMap.entries()]
    .sort(([a], [b]) => order(a) - order(b) || (a < b ? -1 : 1))
    .map(([source, a]) => ({ source, group: t4Group(source), ...a, ...rates(a) }));
  const byGroup = T4_GROUPS.map((group) => {
    const a = amountsOf(bySource.filter((l) => l.group === group));
    return { group, ...pickAmounts(a), ...rates(a) };
  });
  const total = amountsOf(lines);
  return { total: { ...pickAmounts(total), ...rates(total) }, bySource, byGroup };
}

/** Σ of the lines' amounts (a project's or the town's plan, 到位, 拨付, 支付): the total line of summarise. */
export function amountsOf(lines: readonly Amounts[]): Amounts {
  return lines.reduce<Amounts>((acc, l) => addAmounts(acc, l), ZERO_AMOUNTS);
}

function pickAmounts(a: Amounts): Amounts {
  return { planFen: a.planFen, arrivedFen: a.arrivedFen, allocatedFen: a.allocatedFen, paidFen: a.paidFen };
}

export interface MatchingSide {
  upperFen: number;
  localFen: number;
  /** local ÷ 上级, 2 decimals; null when there is no 上级 money to match. */
  ratio: number | null;
  ok: boolean;
}

export interface MatchingCheck {
  plan: MatchingSide;
  arrived: MatchingSide;
  ok: boolean;
}

function matchingSide(lines: SourceAmount[], key: 'planFen' | 'arrivedFen'): MatchingSide {
  let upperFen = 0;
  let localFen = 0;
  for (const l of lines) {
    if (UPPER_SOURCES.includes(l.source)) upperFen += l[key];
    else if (LOCAL_SOURCES.includes(l.source)) localFen += l[key];
  }
  return {
    upperFen,
    localFen,
    ratio: upperFen > 0 ? Math.round((localFen / upperFen) * 100) / 100 : null,
    // Integer comparison: 1:1 means local ≥ 上级, to the 分.
    ok: localFen >= upperFen,
  };
}

/** The ≥1:1 配套 rule: the town's 自筹 must at least equal the 上级 subsidy, in the plan and in money arrived. */
export function matchingCheck(lines: SourceAmount[]): MatchingCheck {
  const plan = matchingSide(lines, 'planFen');
  const arrived = matchingSide(lines, 'arrivedFen');
  return { plan, arrived, ok: plan.ok && arrived.ok };
}

export interface AwardFlow {
  type: string;
  batch: string | null;
  amountFen: number;
}

export interface AwardTracking {
  appliedFen: number;
  /** 预拨 (the 40% variant of §4) and 以奖代补 batches that arrived. */
  advancedFen: number;
  /** 验收兑现: paid after 验收. */
  redeemedFen: number;
  /** applied − advanced − redeemed; negative means more arrived than applied for. */
  outstandingFen: number;
  advancedPct: number | null;
}

/** 以奖代补 for a project that applied for it: what arrived in advance and after 验收, against the application. */
export function awardTracking(appliedFen: number, flows: AwardFlow[]): AwardTracking {
  let advancedFen = 0;
  let redeemedFen = 0;
  for (const f of flows) {
    if (f.type !== '到位') continue;
    if (f.batch === '预拨' || f.batch === '以奖代补') advancedFen += f.amountFen;
    else if (f.batch === '验收兑现') redeemedFen += f.amountFen;
  }
  return {
    appliedFen,
    advancedFen,
    redeemedFen,
    outstandingFen: appliedFen - advancedFen - redeemedFen,
    advancedPct: percent(advancedFen, appliedFen),
  };
}

/**
 * A project's fund warnings — per source Σ到位 above plan or Σ支付 above Σ到位, and a short 配套 where it must match
 * 1:1 — as the 资金 page shows them beside its row and T4 writes them in its 备注: one text for both.
 */
export function projectFundWarnings(lines: SourceAmount[], needsMatching: boolean, parentId: number | null): string[] {
  const own = judgesOwnPlan(parentId, lines);
  const warnings = summarise(lines).bySource.flatMap((l) => flowWarnings(l.source, l, own));
  const matching = needsMatching ? matchingCheck(lines) : null;
  if (matching && !matching.plan.ok)
    warnings.push(
      `配套不足：计划自筹 ${formatWanUnit(matching.plan.localFen)}，低于上级补助 ${formatWanUnit(matching.plan.upperFen)}（应≥1:1）`,
    );
  if (matching && matching.plan.ok && !matching.arrived.ok)
    warnings.push(
      `配套到位不足：自筹到位 ${formatWanUnit(matching.arrived.localFen)}，低于上级到位 ${formatWanUnit(matching.arrived.upperFen)}（应≥1:1）`,
    );
  return warnings;
}

/**
 * Whether a project's 到位 is judged against its own 资金构成: not a sub-project's that has none (nor its parts) —
 * the project above holds its plan (a parent's 资金构成 contains its parts'), and that project's line, which rolls
 * the part's flows in, is judged instead; a project with no plan anywhere is still warned of at its top.
 */
export function judgesOwnPlan(parentId: number | null, plan: readonly { planFen: number }[]): boolean {
  return parentId === null || plan.some((l) => l.planFen !== 0);
}

/**
 * Warnings (never errors) after a flow is saved: Σ到位 above the plan of its source (where the project holds its
 * plan: judgesOwnPlan); Σ支付 above Σ到位.
 */
export function flowWarnings(source: string, a: Amounts, judgeArrival = true): string[] {
  const out: string[] = [];
  if (judgeArrival && a.arrivedFen > a.planFen)
    out.push(`“${source}”累计到位 ${formatWanUnit(a.arrivedFen)}，超过该来源的资金计划 ${formatWanUnit(a.planFen)}`);
  if (a.paidFen > a.arrivedFen)
    out.push(`“${source}”累计支付 ${formatWanUnit(a.paidFen)}，超过已到位 ${formatWanUnit(a.arrivedFen)}`);
  return out;
}
