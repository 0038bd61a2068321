/**
 * Period close (关账): an 审核人 freezes a month. The figures of every project at that moment are stored
 * in `period_snapshot`, and `periodFigures` — the one door every table, printout and export should use —
 * answers a closed month from that snapshot, so later edits to projects, fund flows or milestones never
 * change what was reported. Reopening needs a reason and is logged.
 */
import { formatPeriodCn, periodEnd } from '../../../shared/domain/period.ts';
import type { PeriodFigures, ProjectFigures } from '../../../shared/schemas/figures.ts';
import type { PeriodStatus } from '../../../shared/schemas/report.ts';
import { appendChanges } from '../audit/change-log.ts';
import { nowIso, type Ctx } from '../context.ts';
import { AppError } from '../errors.ts';
import * as repo from '../repositories/period.repository.ts';
import { cached, deepFreeze, ownWrites } from './derived-cache.ts';
import { computePeriodFigures, type FiguresOptions } from './figures.service.ts';
import { currentPeriodFigures } from './figures-state.ts';
import { recordLights } from './lights.service.ts';

interface SnapshotMeta {
  asOf: string;
  townTimeSharePct: number;
  order: number[];
}

/**
 * A period's figures: the frozen snapshot when the period is closed, else computed (and the lights recorded).
 * Cached per database until the next write (derived-cache.ts), then patched for the projects written
 * (figures-state.ts): the result is shared and deep-frozen — copy before changing anything.
 */
export function periodFigures(ctx: Ctx, period: string, opts: FiguresOptions = {}): PeriodFigures {
  const asOf = opts.asOf ?? periodEnd(period);
  const key = `figures|${period}|${asOf}|${opts.rules ? JSON.stringify(opts.rules) : ''}`;
  return cached(ctx.db, key, () => {
    if (repo.findPeriodClose(ctx.db, period)?.closed === 1) return readSnapshot(ctx, period);
    // Frozen before the lights are compared, so the comparison can remember the projects it found unchanged.
    const f = deepFreeze(currentPeriodFigures(ctx, key, period, opts));
    // History is kept for the standard reference date only; an ad-hoc --as-of view is not a computation of record.
    // The light history is not an input of any figures, so writing it keeps the cache current.
    if (asOf === periodEnd(period)) ownWrites(ctx.db, () => recordLights(ctx, f));
    return f;
  });
}

function readSnapshot(ctx: Ctx, period: string): PeriodFigures {
  const rows = repo.snapshotRows(ctx.db, period);
  const metaRow = rows.find((r) => r.project_id === repo.SNAPSHOT_META_ID);
  if (!metaRow) throw new AppError('INTERNAL', `${formatPeriodCn(period)}已关账，但关账快照缺失，请由审核人重新开账后再关账`);
  const meta = JSON.parse(metaRow.data) as SnapshotMeta;
  const byId = new Map(rows.filter((r) => r.project_id !== repo.SNAPSHOT_META_ID).map((r) => [r.project_id, JSON.parse(r.data) as ProjectFigures]));
  return { period, asOf: meta.asOf, closed: true, townTimeSharePct: meta.townTimeSharePct, projects: meta.order.map((id) => byId.get(id)!).filter(Boolean) };
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
  };
}

/** Every month that has reports or a close record, newest first. */
export function listPeriods(ctx: Ctx): PeriodStatus[] {
  const periods = new Set([...repo.reportedPeriods(ctx.db), ...repo.listPeriodCloses(ctx.db).map((r) => r.period)]);
  return [...periods].sort().reverse().map((p) => periodStatus(ctx, p));
}

/** Writes into a closed month are refused (reports, states). */
export function assertPeriodOpen(ctx: Ctx, period: string): void {
  if (repo.findPeriodClose(ctx.db, period)?.closed === 1)
    throw new AppError('CONFLICT', `${formatPeriodCn(period)}已关账，如需修改请先由审核人重新开账`);
}

export function closePeriod(ctx: Ctx, period: string): PeriodStatus {
  return ctx.db.tx(() => {
    if (repo.findPeriodClose(ctx.db, period)?.closed === 1) throw new AppError('CONFLICT', `${formatPeriodCn(period)}已经关账，无需重复关账`);
    const f = computePeriodFigures(ctx, period);
    recordLights(ctx, f);
    const at = nowIso(ctx);
    const meta: SnapshotMeta = { asOf: f.asOf, townTimeSharePct: f.townTimeSharePct, order: f.projects.map((p) => p.id) };
    repo.upsertClosed(ctx.db, period, ctx.session.operator, at);
    repo.replaceSnapshot(ctx.db, period, [
      { projectId: repo.SNAPSHOT_META_ID, data: JSON.stringify(meta) },
      ...f.projects.map((p) => ({ projectId: p.id, data: JSON.stringify({ ...p }) })),
    ]);
    appendChanges(ctx.db, ctx.session.operator, at, [
      { action: '关账', entity: 'period', field: 'period', newValue: period, reason: `${formatPeriodCn(period)}关账（${f.projects.length}个项目快照）` },
    ]);
    return periodStatus(ctx, period);
  });
}

export function reopenPeriod(ctx: Ctx, period: string, reason: string): PeriodStatus {
  return ctx.db.tx(() => {
    if (repo.findPeriodClose(ctx.db, period)?.closed !== 1) throw new AppError('CONFLICT', `${formatPeriodCn(period)}尚未关账`);
    const at = nowIso(ctx);
    repo.markReopened(ctx.db, period, ctx.session.operator, reason, at);
    repo.deleteSnapshot(ctx.db, period);
    appendChanges(ctx.db, ctx.session.operator, at, [{ action: '重开', entity: 'period', field: 'period', oldValue: period, reason }]);
    return periodStatus(ctx, period);
  });
}
