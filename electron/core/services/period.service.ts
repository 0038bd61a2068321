/**
 * Period close (关账): an 审核人 freezes a month. The figures of every project at that moment are stored
 * in `period_snapshot`, and `periodFigures` — the one door every table, printout and export should use —
 * answers a closed month from that snapshot, so later edits to projects, fund flows or milestones never
 * change what was reported. Reopening needs a reason and is logged.
 *
 * Also the one rule for "the current period" every page starts at (`currentPeriod`), and the light
 * history's commands: reading a period's figures never writes; the lights are recorded when reports are
 * saved, when a month is closed, and on the explicit 记录本期灯色 (`recordPeriodLights`).
 */
import { createHash } from 'node:crypto';
import { isValidPeriod, todayIso } from '../../../shared/domain/dates.ts';
import { formatDateCn } from '../../../shared/domain/display.ts';
import { addMonths, formatPeriodCn, periodOfDate } from '../../../shared/domain/period.ts';
import { owesReport, type LightRules } from '../../../shared/domain/schedule.ts';
import { laterClosedText, notBegunText } from '../../../shared/domain/period.ts';
import type { PeriodFigures, ProjectFigures } from '../../../shared/schemas/figures.ts';
import type { PeriodRules } from '../../../shared/schemas/lights.ts';
import type {
  CurrentPeriod,
  PeriodClosePreview,
  PeriodStatus,
  UnreportedProject,
} from '../../../shared/schemas/monthly-report.ts';
import { appendChanges } from '../audit/change-log.ts';
import { nowIso, type Ctx } from '../context.ts';
import { AppError } from '../errors.ts';
import { lastComputationStamp } from '../repositories/lights.repository.ts';
import * as repo from '../repositories/period.repository.ts';
import { latestReportedPeriod } from '../repositories/monthly-report.repository.ts';
import { cached, deepFreeze, ownWrites } from './derived-cache.ts';
import {
  computePeriodFigures,
  figuresKey,
  lightRules,
  pickProjects,
  type FiguresOptions,
  type FiguresPick,
} from './figures.service.ts';
import { currentPeriodFigures, figuresKeptInMemory } from './figures-state.ts';
import { standardFiguresKey, storedFigures, storedFiguresSlice } from './figure-store.service.ts';
import { recordLights } from './lights.service.ts';
import { getUi, setUi } from './ui-settings.service.ts';
import { checkpoint, progress } from '../progress.ts';

interface SnapshotMeta {
  asOf: string;
  townTimeSharePct: number;
  order: number[];
  /**
   * The 预警规则 the month's lights were judged by, kept so that its 预警清单 states them after the town changes its
   * rules. In the meta row, so the snapshot hash and the row seals (verify) cover them like every frozen figure.
   * Absent from a month closed before closes kept them.
   */
  rules?: LightRules;
}

/** The one answer to "which rules were this month's lights judged by" — every surface stating them asks here. */
export function periodLightRules(ctx: Ctx, period: string): PeriodRules {
  if (repo.findPeriodClose(ctx.db, period)?.closed !== 1) return { rules: lightRules(ctx), source: 'current' };
  const data = repo.snapshotMetaData(ctx.db, period);
  const kept = data === undefined ? undefined : (JSON.parse(data) as SnapshotMeta).rules;
  return kept ? { rules: kept, source: 'kept' } : { rules: lightRules(ctx), source: 'notKept' };
}

/**
 * A period's figures: the frozen snapshot when the period is closed, else computed. A read: it writes nothing
 * (the light history is recorded by commands, `recordPeriodLights`), so a 领导 looking at a page changes no row.
 * Cached per database until the next write (derived-cache.ts), then patched for the projects written
 * (figures-state.ts): the result is shared and deep-frozen — copy before changing anything.
 */
export function periodFigures(ctx: Ctx, period: string, opts: FiguresOptions = {}): PeriodFigures {
  refuseAsOfBefore(period, opts.asOf);
  const key = figuresKey(ctx, period, opts);
  return cached(ctx, key, () => {
    if (repo.findPeriodClose(ctx.db, period)?.closed === 1) return readSnapshot(ctx, period);
    // The standard figures of the open month are kept in the ledger file (figure-store.service.ts).
    const stored = key === standardFiguresKey(ctx, period) ? () => storedFigures(ctx, period) : undefined;
    // Frozen here so that a later recording of the lights can remember the projects it found unchanged.
    return deepFreeze(currentPeriodFigures(ctx, key, period, opts, stored));
  });
}

/**
 * A month's figures as of a day before it began would judge its reports, starts and 序时进度 by a day the month has
 * not reached: `lights --period 2017-09 --as-of 2017-08-15` printed September's lights all the same.
 */
function refuseAsOfBefore(period: string, asOf: string | undefined): void {
  if (asOf !== undefined && asOf < `${period}-01`)
    throw new AppError(
      'VALIDATION',
      `基准日期${formatDateCn(asOf)}早于${formatPeriodCn(period)}，应为该月之内或之后的日期`,
      [{ path: 'asOf', message: `基准日期不能早于${formatPeriodCn(period)}1日` }],
    );
}

/**
 * A slice of a period's figures (channel figures:period with ids, a light or a page: the 红黄绿灯 page and the names
 * of its parents), the projects picked as pickProjects picks them. When this core holds no figures of the period yet
 * (it has just opened the ledger) and the file keeps them current, only the slice's rows are read from the file
 * (storedFiguresSlice) instead of all of them; otherwise the figures are read as periodFigures reads them, and sliced.
 */
export function figuresSlice(ctx: Ctx, period: string, opts: FiguresOptions & FiguresPick): PeriodFigures {
  const { projectIds, level, page, ...figureOpts } = opts;
  refuseAsOfBefore(period, figureOpts.asOf);
  const pick: FiguresPick = { projectIds, level, page };
  const key = figuresKey(ctx, period, figureOpts);
  if (
    key === standardFiguresKey(ctx, period) &&
    !figuresKeptInMemory(ctx.db, key) &&
    repo.findPeriodClose(ctx.db, period)?.closed !== 1
  ) {
    const stored = storedFiguresSlice(ctx, period, pick);
    if (stored) return deepFreeze(stored);
  }
  const figures = periodFigures(ctx, period, figureOpts);
  const { projects, total } = pickProjects(figures.projects, pick);
  return total === undefined ? { ...figures, projects } : { ...figures, projects, projectsTotal: total };
}

/**
 * Records the period's lights in the history (`warning`) unless they equal the last recorded ones: the command
 * behind 记录本期灯色, and the step saving or submitting reports takes before and after its write. History is
 * kept for the standard reference date (month end) only. The light history is not an input of any figures, so
 * writing it keeps the derived cache current (ownWrites).
 */
export function recordPeriodLights(
  ctx: Ctx,
  period: string,
): { period: string; recorded: boolean; computedAt: string | null } {
  const f = periodFigures(ctx, period);
  const recorded = f.closed ? false : ownWrites(ctx.db, () => recordLights(ctx, f));
  return { period, recorded, computedAt: lastComputationStamp(ctx.db, period)?.at ?? null };
}

/** 记录本期灯色: refused for a closed month, whose lights were recorded when it was closed and are frozen since. */
export function recordLightsCommand(
  ctx: Ctx,
  period: string,
): { period: string; recorded: boolean; computedAt: string | null } {
  if (repo.findPeriodClose(ctx.db, period)?.closed === 1)
    throw new AppError('CONFLICT', `${formatPeriodCn(period)}已关账，灯色已在关账时记录，不再变化`);
  return recordPeriodLights(ctx, period);
}

const PICK_KEY = 'currentPeriod';

/** The stored pick: the month and the automatic choice it was made against. */
interface StoredPick {
  period: string;
  basis: string;
}

function storedPick(ctx: Ctx): StoredPick | null {
  const v = getUi(ctx, PICK_KEY).value as Partial<StoredPick> | null;
  return v &&
    typeof v === 'object' &&
    typeof v.period === 'string' &&
    isValidPeriod(v.period) &&
    typeof v.basis === 'string'
    ? (v as StoredPick)
    : null;
}

/**
 * The month the app works in when nobody has picked one: the latest period open for reporting. That is the
 * newest month with reports while it is not closed; once it is closed, the month after the newest closed one
 * (its reports are the next to come in). The PC clock decides only for an empty ledger (no reports, nothing closed).
 */
export function openPeriod(ctx: Ctx): { period: string; basis: CurrentPeriod['basis']; note: string } {
  const reported = latestReportedPeriod(ctx.db);
  const closed = repo.latestClosedPeriod(ctx.db);
  if (reported && (!closed || reported > closed) && repo.findPeriodClose(ctx.db, reported)?.closed !== 1)
    return { period: reported, basis: '最近填报月份', note: `最近有月报的月份，尚未关账` };
  if (closed) {
    const next = addMonths(reported && reported > closed ? reported : closed, 1);
    return {
      period: next,
      basis: '关账后下月',
      note: `${formatPeriodCn(closed)}已关账，当前填报${formatPeriodCn(next)}`,
    };
  }
  return { period: periodOfDate(todayIso(ctx.now())), basis: '本机日期', note: '台账尚无月报，按本机日期' };
}

/**
 * The current period of this operator: the month they picked (remembered per operator, across pages and
 * restarts) while the automatic choice is still the one they picked against — once a newer month opens for
 * reporting, the pick has served its purpose and the app moves on — else the latest period open for reporting.
 */
export function currentPeriod(ctx: Ctx): CurrentPeriod {
  const auto = openPeriod(ctx);
  const pick = storedPick(ctx);
  const chosen = pick && pick.basis === auto.period && pick.period !== auto.period ? pick.period : null;
  const period = chosen ?? auto.period;
  return {
    period,
    auto: auto.period,
    basis: chosen ? '选定' : auto.basis,
    closed: repo.findPeriodClose(ctx.db, period)?.closed === 1,
    note: chosen ? `本操作员选定的月份（自动为${formatPeriodCn(auto.period)}）` : auto.note,
  };
}

/**
 * Remembers the operator's pick (null: back to the automatic choice). A preference of the operator like the
 * chosen columns (ui-settings), not ledger data: not audited, and stored only when it changes.
 */
export function pickPeriod(ctx: Ctx, period: string | null): CurrentPeriod {
  const auto = openPeriod(ctx).period;
  const next: StoredPick | null = period && period !== auto ? { period, basis: auto } : null;
  const before = storedPick(ctx);
  const same =
    next === null
      ? before === null || before.basis !== auto
      : before?.period === next.period && before.basis === next.basis;
  // No cached figure depends on the pick (the 总览's cache key holds the resolved month): the cache stays current.
  if (!same) ownWrites(ctx.db, () => setUi(ctx, PICK_KEY, next ? { ...next } : null));
  return currentPeriod(ctx);
}

function readSnapshot(ctx: Ctx, period: string): PeriodFigures {
  const rows = repo.snapshotRows(ctx.db, period);
  const metaRow = rows.find((r) => r.project_id === repo.SNAPSHOT_META_ID);
  if (!metaRow)
    throw new AppError('INTERNAL', `${formatPeriodCn(period)}已关账，但关账快照缺失，请由审核人重新开账后再关账`);
  const meta = JSON.parse(metaRow.data) as SnapshotMeta;
  const byId = new Map(
    rows
      .filter((r) => r.project_id !== repo.SNAPSHOT_META_ID)
      .map((r) => [r.project_id, JSON.parse(r.data) as ProjectFigures]),
  );
  return {
    period,
    asOf: meta.asOf,
    closed: true,
    townTimeSharePct: meta.townTimeSharePct,
    projects: meta.order.map((id) => byId.get(id)!).filter(Boolean),
  };
}

/**
 * SHA-256 of a closed period's 关账 snapshot (null while the period is open): every snapshot row in project order,
 * `id<TAB>data` a line, as stored — what the town's data package carries so the county can tell which close it saw.
 * Row 0 (the meta row) carries the 预警规则 kept at the close: a change to them changes the hash too.
 */
export function closeSnapshotSha256(ctx: Ctx, period: string): string | null {
  if (repo.findPeriodClose(ctx.db, period)?.closed !== 1) return null;
  const h = createHash('sha256');
  for (const r of repo.snapshotRows(ctx.db, period).sort((a, b) => a.project_id - b.project_id))
    h.update(`${r.project_id}\t${r.data}\n`);
  return h.digest('hex');
}

export function periodStatus(ctx: Ctx, period: string): PeriodStatus {
  const r = repo.findPeriodClose(ctx.db, period);
  return {
    period,
    closed: r?.closed === 1,
    closedAt: r?.closed_at ?? null,
    closedBy: r?.closed_by ?? null,
    reopenedAt: r?.reopened_at ?? null,
    reopenedBy: r?.reopened_by ?? null,
    reopenReason: r?.reopen_reason ?? null,
    laterClosed: repo.firstClosedAfter(ctx.db, period) ?? null,
  };
}

/** Every month that has reports or a close record, newest first. */
export function listPeriods(ctx: Ctx): PeriodStatus[] {
  const periods = new Set([...repo.reportedPeriods(ctx.db), ...repo.listPeriodCloses(ctx.db).map((r) => r.period)]);
  return [...periods]
    .sort()
    .reverse()
    .map((p) => periodStatus(ctx, p));
}

/**
 * Writes into a closed month are refused (reports, states) — and into a month before a closed one: its 累计 carry
 * this month's reports, frozen at the close, so a change here would make the next open month's 1-N月 jump by an
 * amount no month reports.
 */
export function assertPeriodOpen(ctx: Ctx, period: string): void {
  const closed = periodClosedText(ctx, period);
  if (closed) throw new AppError('CONFLICT', closed);
}

/**
 * A month after the PC's current month takes no report and no close: a year or month mistyped (2071-09 for
 * 2017-09) became the newest reported month, so every page opened at it, and closed it froze every month before
 * it (其累计含…). The current month itself is open: reports are filed before its end (每月25日前).
 */
export function periodNotBegunText(ctx: Ctx, period: string): string | null {
  const today = todayIso(ctx.now());
  return period > periodOfDate(today) ? notBegunText(period, today) : null;
}

export function assertPeriodBegun(ctx: Ctx, period: string): void {
  const notBegun = periodNotBegunText(ctx, period);
  if (notBegun) throw new AppError('VALIDATION', notBegun);
}

/** Why `period` takes no writes (closed, or a later month closed), in Chinese; null when it is open. */
export function periodClosedText(ctx: Ctx, period: string): string | null {
  if (repo.findPeriodClose(ctx.db, period)?.closed === 1)
    return `${formatPeriodCn(period)}已关账，如需修改请先由审核人重新开账`;
  const later = repo.firstClosedAfter(ctx.db, period);
  return later ? laterClosedText(period, later) : null;
}

function unreported(ctx: Ctx, f: PeriodFigures): { mustReport: number; unreported: UnreportedProject[] } {
  const states = repo.reportStates(ctx.db, f.period);
  const names = new Map(f.projects.map((p) => [p.id, p.name]));
  const owing = f.projects.filter((p) => owesReport(p, f.period));
  return {
    mustReport: owing.length,
    unreported: owing
      .filter((p) => states.get(p.id) !== '已报送')
      .map((p) => ({
        id: p.id,
        code: p.code,
        name: p.name,
        parentName: p.parentId !== null ? (names.get(p.parentId) ?? null) : null,
        leadOrgName: p.leadOrgName,
        state: (states.get(p.id) ?? null) as UnreportedProject['state'],
      })),
  };
}

/** What 关账 would leave behind: the projects that owe this month's report and have not submitted it. A read. */
export function closePreview(ctx: Ctx, period: string): PeriodClosePreview {
  const f = periodFigures(ctx, period);
  return { period, closed: f.closed, ...unreported(ctx, f) };
}

const listNames = (ps: UnreportedProject[], n = 5) =>
  ps
    .slice(0, n)
    .map((p) => `“${p.name}”`)
    .join('、') + (ps.length > n ? `等${ps.length}个项目` : '');

/**
 * Closes the month. When projects owe a report, the 审核人 must have been shown them and confirmed: their ids
 * are passed in `confirmUnreported`; a project missing from that list (its report withdrawn since) refuses the close.
 */
export function closePeriod(ctx: Ctx, period: string, confirmUnreported?: readonly number[]): PeriodStatus {
  return ctx.db.tx(() => {
    if (repo.findPeriodClose(ctx.db, period)?.closed === 1)
      throw new AppError('CONFLICT', `${formatPeriodCn(period)}已经关账，无需重复关账`);
    assertPeriodBegun(ctx, period);
    progress('计算本月数字', 0);
    // the rules are read once and passed in, so the rules kept below are the very ones the lights were judged by
    const rules = lightRules(ctx);
    const f = computePeriodFigures(ctx, period, { rules });
    const missing = unreported(ctx, f).unreported;
    const confirmed = new Set(confirmUnreported ?? []);
    const unconfirmed = missing.filter((p) => !confirmed.has(p.id));
    if (unconfirmed.length)
      throw new AppError(
        'CONFLICT',
        `${formatPeriodCn(period)}还有${missing.length}个项目未报送月报（${listNames(missing)}），请确认后再关账` +
          (confirmUnreported ? `；其中${listNames(unconfirmed)}不在已确认的名单中` : ''),
      );
    checkpoint();
    progress('记录红黄绿灯', 30);
    recordLights(ctx, f);
    checkpoint();
    progress('保存关账快照', 50);
    const at = nowIso(ctx);
    const meta: SnapshotMeta = {
      asOf: f.asOf,
      townTimeSharePct: f.townTimeSharePct,
      order: f.projects.map((p) => p.id),
      rules,
    };
    repo.upsertClosed(ctx.db, period, ctx.session.operator, at);
    repo.replaceSnapshot(ctx.db, period, [
      { projectId: repo.SNAPSHOT_META_ID, data: JSON.stringify(meta) },
      ...f.projects.map((p) => ({ projectId: p.id, data: JSON.stringify({ ...p }) })),
    ]);
    appendChanges(ctx.db, ctx.session.operator, at, [
      {
        action: '关账',
        entity: 'period',
        field: 'period',
        newValue: period,
        reason: `${formatPeriodCn(period)}关账（${f.projects.length}个项目快照）${missing.length ? `，经确认${missing.length}个项目未报送：${listNames(missing)}` : ''}`,
      },
    ]);
    checkpoint(); // the last moment a 取消 leaves the month open
    progress('写入台账', 80);
    return periodStatus(ctx, period);
  });
}

export function reopenPeriod(ctx: Ctx, period: string, reason: string): PeriodStatus {
  return ctx.db.tx(() => {
    if (repo.findPeriodClose(ctx.db, period)?.closed !== 1)
      throw new AppError('CONFLICT', `${formatPeriodCn(period)}尚未关账`);
    const at = nowIso(ctx);
    repo.markReopened(ctx.db, period, ctx.session.operator, reason, at);
    repo.deleteSnapshot(ctx.db, period);
    appendChanges(ctx.db, ctx.session.operator, at, [
      { action: '重开', entity: 'period', field: 'period', oldValue: period, reason },
    ]);
    return periodStatus(ctx, period);
  });
}
