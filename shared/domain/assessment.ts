/**
 * 考核 (domain.md §1.4, seed S0): item scores, totals, ranking with shared ranks, and the S0 prize and fine
 * tiers. Pure; amounts in 分 (prizes positive, fines negative). Points are kept in half-point steps, so
 * totals are computed in half points (integers) and never drift.
 */
import { FEN_PER_WAN, formatWan } from './money.ts';

export const S0_SCHEME = '小城镇建设考核（200分）';
export const S0_TOTAL_POINTS = 200;

export interface Tier {
  name: string;
  /** Last rank (inclusive) that still earns this tier. */
  upToRank: number;
  amountFen: number;
}

export interface AwardRules {
  budgetFen: number;
  prizes: Tier[];
  /** Fines by position from the bottom: [倒数第一, 倒数第二]. */
  fines: { name: string; amountFen: number }[];
  praiseTopN: number;
}

/** S0: 200万 a year; 一等奖×1 50万, 二等奖×2 30万, 三等奖×3 20万; 倒数第一 罚10万, 倒数第二 罚5万. S4: 前5名 通报表扬. */
export const S0_RULES: AwardRules = {
  budgetFen: 200 * FEN_PER_WAN,
  prizes: [
    { name: '一等奖', upToRank: 1, amountFen: 50 * FEN_PER_WAN },
    { name: '二等奖', upToRank: 3, amountFen: 30 * FEN_PER_WAN },
    { name: '三等奖', upToRank: 6, amountFen: 20 * FEN_PER_WAN },
  ],
  fines: [
    { name: '倒数第一', amountFen: 10 * FEN_PER_WAN },
    { name: '倒数第二', amountFen: 5 * FEN_PER_WAN },
  ],
  praiseTopN: 5,
};

export interface ItemScore {
  name: string;
  maxPoints: number;
  score: number | null;
  deductionReason: string | null;
}

const isHalfStep = (x: number) => Number.isFinite(x) && Math.abs(x * 2 - Math.round(x * 2)) < 1e-9;

/** Chinese messages for one item (row numbers are 1-based as the clerk sees them). */
export function itemIssues(item: ItemScore, row: number): string[] {
  const at = `第${row}项“${item.name || '（未命名）'}”`;
  const out: string[] = [];
  if (!(item.maxPoints >= 0) || !isHalfStep(item.maxPoints)) out.push(`${at}的分值应为不小于0的数，最小单位0.5分`);
  if (item.score === null) return out;
  if (!isHalfStep(item.score)) out.push(`${at}的得分“${item.score}”应以0.5分为单位`);
  else if (item.score < 0) out.push(`${at}的得分不能为负数`);
  else if (item.score > item.maxPoints) out.push(`${at}的得分${item.score}分超过该项分值${item.maxPoints}分`);
  else if (item.score < item.maxPoints && !item.deductionReason?.trim())
    out.push(`${at}扣了${item.maxPoints - item.score}分，请填写扣分原因`);
  return out;
}

/** Σ of scored items, in half points to stay exact. */
export function totalScore(items: { score: number | null }[]): number {
  return items.reduce((acc, i) => acc + Math.round((i.score ?? 0) * 2), 0) / 2;
}

export function totalMax(items: { maxPoints: number }[]): number {
  return items.reduce((acc, i) => acc + Math.round(i.maxPoints * 2), 0) / 2;
}

export interface RankedTown<T> {
  entry: T;
  total: number;
  /** 1 + the number of towns with a higher total: ties share the rank (1, 2, 2, 4). */
  rank: number;
  /** 1 = the lowest total; ties share it. */
  rankFromBottom: number;
  tier: string | null;
  amountFen: number;
  remark: string | null;
}

export interface RankingResult<T> {
  rows: RankedTown<T>[];
  prizesFen: number;
  finesFen: number;
  /** What remains of the budget plus the fines: for towns with large investment and no prize (S0). */
  poolFen: number;
  notes: string[];
}

/** Ranks towns by total (desc), then applies the prize tiers and, to towns without a prize, the bottom fines. */
export function rankTowns<T>(entries: { entry: T; total: number }[], rules: AwardRules = S0_RULES): RankingResult<T> {
  const totals = entries.map((e) => Math.round(e.total * 2));
  const rows: RankedTown<T>[] = entries.map((e, i) => {
    const mine = totals[i]!;
    const rank = 1 + totals.filter((t) => t > mine).length;
    const rankFromBottom = 1 + totals.filter((t) => t < mine).length;
    const prize = rules.prizes.find((p) => rank <= p.upToRank) ?? null;
    const fine = prize || entries.length < 2 ? null : (rules.fines[rankFromBottom - 1] ?? null);
    const tier = prize?.name ?? (fine ? fineTier(fine) : null);
    const amountFen = prize ? prize.amountFen : fine ? -fine.amountFen : 0;
    const remark = rank <= rules.praiseTopN ? '通报表扬' : fine ? '通报批评、约谈' : null;
    return { entry: e.entry, total: mine / 2, rank, rankFromBottom, tier, amountFen, remark };
  });
  rows.sort((a, b) => a.rank - b.rank);
  const prizesFen = rows.reduce((acc, r) => acc + Math.max(0, r.amountFen), 0);
  const finesFen = rows.reduce((acc, r) => acc + Math.max(0, -r.amountFen), 0);
  const notes: string[] = [];
  if (prizesFen > rules.budgetFen) notes.push('并列名次使奖金超出年度以奖代补预算，请领导组研究确定');
  // Ties move towns between tiers (two 一等奖, one 二等奖): each tier over its number is named; the number of
  // winners in all may still be the scheme's, and is said to be more only when it is.
  for (const p of rules.prizes) {
    const n = rows.filter((r) => r.tier === p.name).length;
    if (n > countOf(p, rules)) notes.push(`并列名次使${p.name}有${n}个乡镇（方案设定${countOf(p, rules)}个）`);
  }
  const winners = rows.filter((r) => r.amountFen > 0).length;
  const planned = rules.prizes.at(-1)?.upToRank ?? 0;
  if (winners > planned) notes.push(`并列名次使获奖乡镇共${winners}个，多于方案设定的${planned}个`);
  // Ties at the bottom likewise: two towns sharing the lowest total are both 倒数第一 and both fined 10万 (and none
  // is 倒数第二), so the fines exceed the scheme's 15万 — the leading group decides, as for prizes over budget.
  for (const f of rules.fines) {
    const n = rows.filter((r) => r.tier === fineTier(f)).length;
    if (n > 1) notes.push(`并列名次使${f.name}有${n}个乡镇（方案设定1个）`);
  }
  const plannedFines = rules.fines.reduce((acc, f) => acc + f.amountFen, 0);
  if (finesFen > plannedFines)
    notes.push(
      `并列名次使罚款合计${formatWan(finesFen)}万元，多于方案设定的${formatWan(plannedFines)}万元，请领导组研究确定`,
    );
  return { rows, prizesFen, finesFen, poolFen: rules.budgetFen - prizesFen + finesFen, notes };
}

function fineTier(f: { name: string }): string {
  return `${f.name}（罚款）`;
}

function countOf(p: Tier, rules: AwardRules): number {
  const i = rules.prizes.indexOf(p);
  return p.upToRank - (i > 0 ? rules.prizes[i - 1]!.upToRank : 0);
}
