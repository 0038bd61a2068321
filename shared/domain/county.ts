/**
 * 县级汇总: the county's figures of a period are the sum of its towns' figure sets, as each town sent them — the one
 * function that adds them up (`figures --json` in county mode, the 县级汇总 page and `stats` all call it). Amounts and
 * counts are added; every rate is computed again from the added amounts with the same rule a town uses
 * (figure-rules.ts, funds.ts), never averaged.
 */
import type { FigureSet } from '../schemas/figures.ts';
import { completionPct, gapPts, MOST_LAGGING_COUNT, type ReportTally } from './figure-rules.ts';
import { rates } from './funds.ts';
import { percent } from './money.ts';

export interface TownFigures {
  town: string;
  figures: FigureSet;
}

type Fen = { fen: number };

const addCounts = (a: Record<string, number>, b: Record<string, number>) => {
  const out = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = (out[k] ?? 0) + v;
  return out;
};

const addFenTables = (a: Record<string, Record<string, Fen>>, b: Record<string, Record<string, Fen>>) => {
  const out: Record<string, Record<string, Fen>> = {};
  for (const t of [a, b])
    for (const [m, row] of Object.entries(t))
      for (const [k, v] of Object.entries(row)) (out[m] ??= {})[k] = { fen: (out[m][k]?.fen ?? 0) + v.fen };
  return out;
};

const sumTallies = (all: readonly ReportTally[]): ReportTally => {
  const t: ReportTally = { owe: 0, submitted: 0, 未报: 0, 草稿: 0, 退回: 0 };
  for (const x of all) for (const k of Object.keys(t) as (keyof ReportTally)[]) t[k] += x[k];
  return t;
};

const LEVEL_ORDER = { red: 0, yellow: 1, green: 2 } as const;

/** The county's figure set for `period`: Σ of the towns' (at least one town). */
export function countyFigureSet(towns: readonly TownFigures[]): FigureSet {
  if (towns.length === 0) throw new Error('countyFigureSet: no towns');
  const sets = towns.map((t) => t.figures);
  const first = sets[0]!;
  const sum = (pick: (f: FigureSet) => number) => sets.reduce((a, f) => a + pick(f), 0);

  const byCategory: FigureSet['projects']['byCategory'] = {};
  for (const f of sets)
    for (const [c, v] of Object.entries(f.projects.byCategory)) {
      const was = byCategory[c] ?? { projects: 0, totalFen: 0, yearPlanFen: 0, ytdFen: 0, ytdPct: null };
      const next = {
        projects: was.projects + v.projects,
        totalFen: was.totalFen + v.totalFen,
        yearPlanFen: was.yearPlanFen + v.yearPlanFen,
        ytdFen: was.ytdFen + v.ytdFen,
      };
      byCategory[c] = { ...next, ytdPct: completionPct(next.ytdFen, next.yearPlanFen) };
    }

  const funds = sets.reduce<FigureSet['funds']>((a, f) => addFenTables(a, f.funds), {});
  const fundGroups = sets.reduce<FigureSet['fundGroups']>((a, f) => addFenTables(a, f.fundGroups), {});
  const total = (m: string) => funds[m]?.['合计']?.fen ?? 0;
  const fundRates = rates({
    planFen: total('计划'),
    arrivedFen: total('到位'),
    allocatedFen: total('拨付'),
    paidFen: total('支付'),
  });

  const starts = {
    dueToStart: sum((f) => f.starts.dueToStart),
    started: sum((f) => f.starts.started),
    dueToFinish: sum((f) => f.starts.dueToFinish),
    finished: sum((f) => f.starts.finished),
    // Only when every town's package has it (packages of earlier versions do not).
    ...(sets.every((f) => f.starts.completed !== undefined) ? { completed: sum((f) => f.starts.completed!) } : {}),
  };
  const yearPlanFen = sum((f) => f.investment.yearPlanFen);
  const ytdFen = sum((f) => f.investment.ytdFen);
  const ytdPct = completionPct(ytdFen, yearPlanFen);
  // 序时进度 is the period's (N/12), the same for every town of the period.
  const timeShare = first.rates.序时进度;
  const named = <T extends { name: string }>(town: string, rows: readonly T[]) =>
    rows.map((r) => ({ ...r, name: `${town}：${r.name}` }));

  return {
    period: first.period,
    asOf: first.asOf,
    closed: sets.every((f) => f.closed),
    projects: {
      top: sum((f) => f.projects.top),
      all: sum((f) => f.projects.all),
      sub: sum((f) => f.projects.sub),
      lightUnits: sum((f) => f.projects.lightUnits),
      byStatus: sets.reduce<Record<string, number>>((a, f) => addCounts(a, f.projects.byStatus), {}),
      byCategory,
    },
    investment: {
      totalFen: sum((f) => f.investment.totalFen),
      priorFen: sum((f) => f.investment.priorFen),
      yearPlanFen,
      monthFen: sum((f) => f.investment.monthFen),
      ytdFen,
      cumFen: sum((f) => f.investment.cumFen),
      unfundedFen: sum((f) => f.investment.unfundedFen),
      partsDiffs: towns.flatMap((t) => named(t.town, t.figures.investment.partsDiffs)),
    },
    rates: {
      完成率: ytdPct,
      序时进度: timeShare,
      差距: gapPts(ytdPct, timeShare),
      开工率: percent(starts.started, starts.dueToStart),
      竣工率: percent(starts.finished, starts.dueToFinish),
      到位率: fundRates.arrivedPct,
      支付率: fundRates.paidPct,
    },
    starts,
    lights: {
      red: sum((f) => f.lights.red),
      yellow: sum((f) => f.lights.yellow),
      green: sum((f) => f.lights.green),
      none: sum((f) => f.lights.none),
    },
    // Only when every town's package says how its reports stand (packages of earlier versions do not).
    ...(sets.every((f) => f.reports) ? { reports: sumTallies(sets.map((f) => f.reports!)) } : {}),
    funds,
    fundGroups,
    award: {
      申报: { fen: sum((f) => f.award.申报.fen) },
      预拨: { fen: sum((f) => f.award.预拨.fen) },
      兑现: { fen: sum((f) => f.award.兑现.fen) },
    },
    matching: {
      上级补助计划: { fen: sum((f) => f.matching.上级补助计划.fen) },
      镇自筹计划: { fen: sum((f) => f.matching.镇自筹计划.fen) },
      不足项目: sum((f) => f.matching.不足项目),
    },
    // Each town sent its ten most lagging; the county's ten: red before yellow, then the furthest behind 序时进度.
    lagging: towns
      .flatMap((t) => named(t.town, t.figures.lagging))
      .sort(
        (a, b) =>
          LEVEL_ORDER[a.level ?? 'green'] - LEVEL_ORDER[b.level ?? 'green'] ||
          (a.gapPts ?? Infinity) - (b.gapPts ?? Infinity),
      )
      .slice(0, MOST_LAGGING_COUNT),
  };
}
