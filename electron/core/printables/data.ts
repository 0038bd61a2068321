/**
 * The only place the documents read the ledger: each builder assembles a plain data object for one
 * document from the period figures (periodFigures — never a second calculation of 累计 or lights)
 * and the repositories. The documents themselves are pure functions of these objects.
 */
import { readFileSync, statSync } from 'node:fs';
import { todayIso } from '../../../shared/domain/dates.ts';
import { addMonths, parsePeriod, periodEnd } from '../../../shared/domain/period.ts';
import { LEVEL_RANK, type Level } from '../../../shared/domain/schedule.ts';
import { ATTACHMENT_KINDS } from '../../../shared/domain/vocab.ts';
import {
  completedBy,
  countsForLights,
  isTopLevel,
  laggingGaps,
  laggingScore,
} from '../../../shared/domain/figure-rules.ts';
import { daysLate } from '../../../shared/domain/milestone.ts';
import { byCategory, mostLagging, totalsOf, townOverview, type Overview } from '../services/figure-set.service.ts';
import type { PeriodFigures, ProjectFigures } from '../../../shared/schemas/figures.ts';
import type { BriefingIssue } from '../../../shared/schemas/printables.ts';
import type { PeriodRules } from '../../../shared/schemas/lights.ts';
import type { LeadingGroup } from '../../../shared/schemas/org.ts';
import type { Campaign, TaskRow } from '../../../shared/schemas/task.ts';
import { resolveStoredPath } from '../attachments/store.ts';
import type { Ctx } from '../context.ts';
import { notFound } from '../errors.ts';
import * as repo from '../repositories/printables.repository.ts';
import { approxProjectIds } from '../repositories/project.repository.ts';
import { listInstructionRows, type InstructionRow } from '../repositories/instruction.repository.ts';
import { getSetting } from '../repositories/setting.repository.ts';
import { cached } from '../services/derived-cache.ts';
import { periodFigures, periodLightRules } from '../services/period.service.ts';
import { pushTo } from '../../../shared/domain/collections.ts';
import { fillerName } from '../services/town-settings.service.ts';
import { projectPeople, type ProjectPeople } from '../services/project-people.ts';
import { getLeadingGroup } from '../services/org.service.ts';
import { campaignTasks } from '../services/task.service.ts';

export interface Town {
  name: string;
  fullName: string;
  /** 填报单位 / 编印单位. */
  filler: string;
  /** The office the briefing and tables go to. */
  receiver: string;
  /** 简报编印单位: the town's leading-group office. */
  editor: string;
}

export function townInfo(ctx: Ctx): Town {
  const s = (k: string) => getSetting(ctx.db, k);
  const name = s('town.name') ?? '本镇';
  const fullName = s('town.fullName') ?? name;
  return {
    name,
    fullName,
    filler: fillerName(ctx),
    receiver: s('org.receiver') ?? '',
    editor: s('briefing.editor') ?? `${name}小城镇建设领导组办公室`,
  };
}

// ---- figures-derived summaries (figure-set.service.ts: one definition per figure) ------------------

export const topLevel = (f: PeriodFigures) => f.projects.filter(isTopLevel);
export { byCategory, totalsOf, type Overview };
export const overview = townOverview;

export interface CategorySection {
  category: string;
  rows: ProjectFigures[];
  totals: ReturnType<typeof totalsOf>;
}

export function childrenOf(f: PeriodFigures): Map<number, ProjectFigures[]> {
  const m = new Map<number, ProjectFigures[]>();
  for (const p of f.projects) if (p.parentId !== null) pushTo(m, p.parentId, p);
  return m;
}

// ---- 滞后/预警清单 entries ----------------------------------------------------------------------

export interface LaggingEntry {
  project: ProjectFigures;
  level: Level;
  dimensions: string[];
  gapText: string;
  /** Sort key within a colour: investment points behind first, then days/months. */
  gapScore: number;
  reason: string;
  leader: string;
  units: string;
  deadline: string | null;
  orders: number;
}

export function laggingEntries(f: PeriodFigures, orders: repo.SupervisionRow[]): LaggingEntry[] {
  const byProject = new Map<number, repo.SupervisionRow[]>();
  for (const o of orders) pushTo(byProject, o.project_id, o);
  return mostLagging(f).map((p) => {
    const bad = p.lights.filter((l) => l.level !== 'green').sort((a, b) => LEVEL_RANK[b.level] - LEVEL_RANK[a.level]);
    const gaps = laggingGaps(p.lights);
    const own = byProject.get(p.id) ?? [];
    const open = own.filter((o) => o.closed === 0).sort((a, b) => b.deadline.localeCompare(a.deadline));
    const issue = p.report?.issues ? `；${p.report.issues}` : '';
    return {
      project: p,
      level: p.level!,
      dimensions: [...new Set(bad.map((l) => l.dimension))],
      gapText: gaps.join('；') || '—',
      gapScore: laggingScore(p.lights),
      reason: `${p.levelReason ?? ''}${issue}`,
      leader: p.leaderName ?? '',
      units: [p.leadOrgName, ...p.responsibleOrgNames.filter((n) => n !== p.leadOrgName)].filter(Boolean).join('、'),
      deadline: open[0]?.deadline ?? null,
      orders: own.length,
    };
  });
}

// ---- builders per document ------------------------------------------------------------------------

export interface BriefingData {
  town: Town;
  figures: PeriodFigures;
  overview: Overview;
  sections: CategorySection[];
  flagged: LaggingEntry[];
  issue: Omit<BriefingIssue, 'id'> & { id: number | null };
}

/**
 * The briefing's data, kept until the next write (derived-cache.ts): the 打印 page asks for it twice as it opens
 * (reports:options for the issue's texts, reports:render for the preview), and on a county ledger its lagging
 * list orders thousands of red and yellow projects — ~0.3 s a time on 20 000 projects.
 */
export function briefingData(ctx: Ctx, period: string, briefingId?: number): BriefingData {
  return cached(ctx, `briefing|${period}|${briefingId ?? ''}`, () => readBriefingData(ctx, period, briefingId));
}

function readBriefingData(ctx: Ctx, period: string, briefingId?: number): BriefingData {
  const town = townInfo(ctx);
  const figures = periodFigures(ctx, period);
  const ov = overview(figures);
  const flagged = laggingEntries(figures, ordersOfMonth(ctx, period));
  const saved =
    briefingId !== undefined ? repo.findBriefing(ctx.db, briefingId) : repo.latestBriefingOfPeriod(ctx.db, period);
  if (briefingId !== undefined && !saved) throw notFound('简报', briefingId);
  const year = parsePeriod(period).year;
  const issue = saved
    ? toBriefingIssue(saved)
    : {
        id: null,
        year,
        no: repo.maxBriefingNo(ctx.db, year, false) + 1,
        supplement: false,
        period,
        issuedOn: null,
        ...defaultBriefingTexts(figures, flagged),
        sendTo: town.receiver || null,
        copyTo: '镇党委、政府主要领导，各包联领导，各责任单位',
        copies: 30,
      };
  return { town, figures, overview: ov, sections: byCategory(figures), flagged, issue };
}

export function toBriefingIssue(r: repo.BriefingRow): BriefingIssue {
  return {
    id: r.id,
    year: r.year,
    no: r.no,
    supplement: r.supplement === 1,
    period: r.period,
    issuedOn: r.issued_on,
    highlights: r.highlights,
    problems: r.problems,
    nextSteps: r.next_steps,
    sendTo: r.send_to,
    copyTo: r.copy_to,
    copies: r.copies,
  };
}

/** Starting texts for a new issue, drawn from the period's figures; the clerk edits them before saving. */
export function defaultBriefingTexts(
  f: PeriodFigures,
  flagged: LaggingEntry[],
): { highlights: string; problems: string; nextSteps: string } {
  // the count is the figure set's starts.completed: the same rule
  const done = f.projects.filter((p) => completedBy(p, f.asOf));
  const ahead = f.projects
    .filter(countsForLights)
    // not one the 月报 flags (累计超总投资): an anomaly to check, not a pace to praise
    .filter((p) => p.level === 'green' && p.ytdPct !== null && p.actEnd === null && p.flags.length === 0)
    .sort((a, b) => (b.ytdPct ?? 0) - (a.ytdPct ?? 0))
    .slice(0, 3);
  const highlights = [
    done.length
      ? `已完工项目${done.length}个：${done
          .slice(0, 6)
          .map((p) => p.name)
          .join('、')}${done.length > 6 ? '等' : ''}。`
      : '',
    ahead.length ? `进度较快的项目：${ahead.map((p) => `${p.name}（完成年度计划${p.ytdPct}%）`).join('、')}。` : '',
  ].filter(Boolean);
  // The reported obstacles of the red projects first (what leaders can act on), then the gaps themselves.
  const reds = flagged.filter((e) => e.level === 'red');
  const withIssue = reds.filter((e) => e.project.report?.issues);
  const problems = [
    ...withIssue.slice(0, 3).map((e) => `${e.project.name}：${e.project.report!.issues}。`),
    reds.length > withIssue.length
      ? `${reds
          .filter((e) => !e.project.report?.issues)
          .slice(0, 4)
          .map((e) => e.project.name)
          .join('、')}等项目投资进度明显滞后于序时进度。`
      : '',
  ].filter(Boolean);
  const nextSteps = [
    '对红灯项目逐一下发督办单，明确整改时限和责任人，包联领导每周到现场调度；对黄灯项目按月倒排工期，确保追上序时进度。',
    '抓紧已完工项目的验收、结算审计和档案整理。',
  ];
  return { highlights: highlights.join('\n'), problems: problems.join('\n'), nextSteps: nextSteps.join('\n') };
}

export interface ProgressData {
  town: Town;
  figures: PeriodFigures;
  sections: CategorySection[];
  children: Map<number, ProjectFigures[]>;
  totals: CategorySection['totals'];
  count: number;
  /** the projects whose 总投资 is approximate, printed 860.00余 as T1 writes it */
  approx: Set<number>;
}

export function progressData(ctx: Ctx, period: string): ProgressData {
  const figures = periodFigures(ctx, period);
  const top = topLevel(figures);
  return {
    town: townInfo(ctx),
    figures,
    sections: byCategory(figures),
    children: childrenOf(figures),
    totals: totalsOf(top),
    count: top.length,
    approx: approxProjectIds(ctx.db),
  };
}

export interface LaggingData {
  town: Town;
  figures: PeriodFigures;
  entries: LaggingEntry[];
  /** the 预警规则 the month's lights were judged by (kept at its close for a closed month), said under the list */
  rules: PeriodRules;
}

export function laggingData(ctx: Ctx, period: string): LaggingData {
  const figures = periodFigures(ctx, period);
  return {
    town: townInfo(ctx),
    figures,
    rules: periodLightRules(ctx, period),
    entries: laggingEntries(figures, ordersOfMonth(ctx, period)),
  };
}

export interface Photo {
  caption: string;
  kind: string;
  takenAt: string | null;
  /** data: URL, or null when the stored file is missing or unreadable. */
  src: string | null;
}

export interface CardData {
  project: ProjectFigures;
  sheet: NonNullable<ReturnType<typeof repo.projectSheet>>;
  /** 包联领导 and 责任人 as the county sheets name them (project-people.ts) */
  people: ProjectPeople;
  /** planApprox: the plan was written as approximate (460余), printed 460.00余 */
  funding: { source: string; planFen: number; planApprox: boolean; arrivedFen: number; paidFen: number }[];
  milestones: {
    node: string;
    planDate: string | null;
    actDate: string | null;
    note: string | null;
    daysLate: number | null;
  }[];
  history: {
    period: string;
    monthFen: number;
    ytdFen: number;
    cumFen: number;
    imageText: string | null;
    imagePct: number | null;
  }[];
  orders: repo.SupervisionRow[];
  /** 领导批示 on the project or its 督办单, given up to the period's reference date. */
  instructions: InstructionRow[];
  photos: Photo[];
  checklist: { kind: string; count: number }[];
  children: ProjectFigures[];
}

export interface CardsData {
  town: Town;
  figures: PeriodFigures;
  cards: CardData[];
}

const PHOTO_LIMIT = 4;
const CHECKLIST_KINDS = [
  '批复',
  '规划/施工许可',
  '招标',
  '合同',
  '监理',
  '验收',
  '审计',
] as const satisfies readonly (typeof ATTACHMENT_KINDS)[number][];

/**
 * One project's card, or every top-level project's — each followed by its sub-projects' when `withParts` (a red
 * sub-project has its own 督办 and reports: printing "all" must not leave it out).
 */
export function cardsData(ctx: Ctx, period: string, projectId?: number, withParts = true): CardsData {
  const figures = periodFigures(ctx, period);
  // The last six months, each from its own period figures so 累计 is the same number the monthly table printed.
  const months = Array.from({ length: 6 }, (_, i) => addMonths(period, i - 5));
  const past = new Map(months.map((m) => [m, m === period ? figures : periodFigures(ctx, m)]));
  const kids = childrenOf(figures);
  const andParts = (ps: readonly ProjectFigures[]): ProjectFigures[] =>
    ps.flatMap((p) => [p, ...(withParts ? andParts(kids.get(p.id) ?? []) : [])]);
  const targets =
    projectId !== undefined ? figures.projects.filter((p) => p.id === projectId) : andParts(topLevel(figures));
  if (projectId !== undefined && targets.length === 0) throw notFound('项目', projectId);
  const peopleOf = projectPeople(
    ctx,
    targets.map((p) => p.id),
  );
  const cards = targets.map((p): CardData => {
    const sheet = repo.projectSheet(ctx.db, p.id)!;
    const flows = new Map(repo.fundFlowsBySource(ctx.db, p.id, figures.asOf).map((r) => [r.source, r]));
    const funding = repo.fundingPlans(ctx.db, p.id).map((r) => ({
      source: r.source,
      planFen: r.amount_fen,
      planApprox: r.approx === 1,
      arrivedFen: flows.get(r.source)?.arrived_fen ?? 0,
      paidFen: flows.get(r.source)?.paid_fen ?? 0,
    }));
    for (const [source, r] of flows) {
      if (!funding.some((x) => x.source === source))
        funding.push({ source, planFen: 0, planApprox: false, arrivedFen: r.arrived_fen, paidFen: r.paid_fen });
    }
    const files = repo.attachments(ctx.db, p.id);
    const pics = files
      .filter((a) => a.kind.startsWith('现场照片') || a.mime.startsWith('image/'))
      .slice(0, PHOTO_LIMIT);
    return {
      project: p,
      sheet,
      people: peopleOf(p),
      funding,
      milestones: repo.milestones(ctx.db, [p.id]).map((m) => ({
        node: m.node,
        planDate: m.plan_date,
        actDate: m.act_date,
        note: m.note,
        daysLate: daysLate({ planDate: m.plan_date, actDate: m.act_date }, figures.asOf),
      })),
      history: months
        .map((m) => ({ m, f: past.get(m)!.projects.find((x) => x.id === p.id) }))
        .filter((x): x is { m: string; f: ProjectFigures } => !!x.f && (x.f.report !== null || x.f.monthFen > 0))
        .map(({ m, f }) => ({
          period: m,
          monthFen: f.monthFen,
          ytdFen: f.ytdFen,
          cumFen: f.cumFen,
          imageText: f.report?.imageText ?? null,
          imagePct: f.report?.imagePct ?? null,
        })),
      orders: ordersOfMonth(ctx, period, p.id),
      instructions: listInstructionRows(ctx.db, { projectId: p.id, givenUpTo: dispatchUpTo(ctx, period) }),
      photos: pics.map((a) => ({
        caption: a.caption ?? a.file_name,
        kind: a.kind,
        takenAt: a.taken_at,
        src: photoDataUrl(ctx.paths.attachmentsDir, a.stored_path, a.mime),
      })),
      checklist: CHECKLIST_KINDS.map((kind) => ({ kind, count: files.filter((a) => a.kind === kind).length })),
      children: kids.get(p.id) ?? [],
    };
  });
  return { town: townInfo(ctx), figures, cards };
}

const MAX_PHOTO_BYTES = 12 * 1024 * 1024;

/** Reads a stored photo into a data: URL; a missing, oversized or escaping path yields null (printed as 照片缺失). */
export function photoDataUrl(dir: string, storedPath: string, mime: string): string | null {
  try {
    const file = resolveStoredPath(dir, storedPath);
    if (statSync(file).size > MAX_PHOTO_BYTES) return null;
    const type = /^image\/(png|jpeg|gif|webp)$/.test(mime) ? mime : 'image/jpeg';
    return `data:${type};base64,${readFileSync(file).toString('base64')}`;
  } catch {
    return null;
  }
}

export interface SupervisionData {
  town: Town;
  figures: PeriodFigures;
  orders: (repo.SupervisionRow & {
    chain: repo.SupervisionRow[];
    project: ProjectFigures | undefined;
    instructions: InstructionRow[];
  })[];
}

/**
 * The last day a month's orders and 批示 are its own: the end of the next month, or today if sooner. A month's
 * lagging list, briefing and cards are printed after its reports are in (the 5th of the next month), and the orders
 * about that month are issued then — filtering by the month end left every one of them out (督办次数 0,
 * 未下发督办单) while the 督办单 printout showed them. Bounded, so a closed month prints the same again later.
 */
function dispatchUpTo(ctx: Ctx, period: string): string {
  const today = todayIso(ctx.now());
  const nextEnd = periodEnd(addMonths(period, 1));
  return nextEnd < today ? nextEnd : today;
}

function ordersOfMonth(ctx: Ctx, period: string, projectId?: number) {
  return repo.supervisions(ctx.db, {
    issuedUpTo: dispatchUpTo(ctx, period),
    ...(projectId !== undefined ? { projectId } : {}),
  });
}

/**
 * The 督办单 printout: every order issued up to the moment of printing (today on the PC clock), whatever the
 * period whose figures are printed beside them. An order is a document of the day it is issued, not a figure of a
 * month: filtering by the period's reference date (its month end) dropped every order issued after that month.
 */
export function supervisionData(ctx: Ctx, period: string, supervisionId?: number): SupervisionData {
  const figures = periodFigures(ctx, period);
  const all = repo.supervisions(ctx.db);
  const byId = new Map(all.map((o) => [o.id, o]));
  const today = todayIso(ctx.now());
  const chosen =
    supervisionId !== undefined ? all.filter((o) => o.id === supervisionId) : all.filter((o) => o.issued <= today);
  if (supervisionId !== undefined && chosen.length === 0) throw notFound('督办单', supervisionId);
  const orders = chosen.map((o) => {
    const chain: repo.SupervisionRow[] = [];
    for (
      let prev = o.escalated_from_id;
      prev !== null && chain.length < 10;
      prev = byId.get(prev)?.escalated_from_id ?? null
    ) {
      const p = byId.get(prev);
      if (!p) break;
      chain.unshift(p);
    }
    return {
      ...o,
      chain,
      project: figures.projects.find((p) => p.id === o.project_id),
      instructions: listInstructionRows(ctx.db, { supervisionId: o.id }),
    };
  });
  return { town: townInfo(ctx), figures, orders };
}

export interface WallchartData {
  town: Town;
  figures: PeriodFigures;
  milestones: Map<number, CardData['milestones']>;
}

export function wallchartData(ctx: Ctx, period: string): WallchartData {
  const figures = periodFigures(ctx, period);
  const ms = new Map<number, CardData['milestones']>();
  for (const m of repo.milestones(ctx.db)) {
    pushTo(ms, m.project_id, {
      node: m.node,
      planDate: m.plan_date,
      actDate: m.act_date,
      note: m.note,
      daysLate: daysLate({ planDate: m.plan_date, actDate: m.act_date }, figures.asOf),
    });
  }
  return { town: townInfo(ctx), figures, milestones: ms };
}

// ---- the documents of no month: printed as they stand on the day of printing ------------------------

export interface LeadingGroupData {
  town: Town;
  /** The group and its members by rank (org.service: the page's own order). */
  group: LeadingGroup;
  /** The day of printing, the date under the title. */
  today: string;
}

export function leadingGroupData(ctx: Ctx): LeadingGroupData {
  return { town: townInfo(ctx), group: getLeadingGroup(ctx), today: todayIso(ctx.now()) };
}

export interface TasksData {
  town: Town;
  campaign: Campaign | null;
  tasks: TaskRow[];
  /** The day of printing: the date under the title and the day a task's lateness is counted to, as on the page. */
  today: string;
}

export function tasksData(ctx: Ctx, campaignId?: number): TasksData {
  return { town: townInfo(ctx), ...campaignTasks(ctx, campaignId), today: todayIso(ctx.now()) };
}
