/**
 * 督办单: issued for a yellow or red project, addressed to its lead unit by default; 蓝 提醒 → 黄 警告 →
 * 红 约谈 when not closed by the deadline. An escalation is a new order (new number) linked to the old
 * one by escalated_from_id; the old one is closed as 已升级, so the whole ladder stays visible.
 */
import {
  nextSupervisionColor,
  supervisionNo,
  supervisionStatus,
  type SupervisionColor,
} from '../../../shared/domain/dispatch.ts';
import { addDays, formatDateCn, todayIso } from '../../../shared/domain/dates.ts';
import { formatPeriodCn } from '../../../shared/domain/period.ts';
import { LEVEL_CN } from '../../../shared/domain/schedule.ts';
import type { Supervision } from '../../../shared/schemas/supervision.ts';
import { appendChanges } from '../audit/change-log.ts';
import { nowIso, type Ctx } from '../context.ts';
import { AppError, notFound, validationError } from '../errors.ts';
import { orgExists } from '../repositories/project.repository.ts';
import * as repo from '../repositories/supervision.repository.ts';
import { currentPeriod, periodFigures } from './period.service.ts';

/** Default time allowed after an escalation. */
const ESCALATION_DAYS = 7;

function toSupervision(r: repo.SupervisionListRow, today: string): Supervision {
  const closed = r.closed === 1;
  return {
    id: r.id,
    no: r.no,
    projectId: r.project_id,
    projectCode: r.project_code,
    projectName: r.project_name,
    color: r.color as SupervisionColor,
    interview: r.interview === 1,
    issued: r.issued,
    deadline: r.deadline,
    toOrgId: r.to_org_id,
    toOrgName: r.to_org_name,
    content: r.content,
    reply: r.reply,
    repliedAt: r.replied_at,
    closed,
    closedAt: r.closed_at,
    escalatedFromId: r.escalated_from_id,
    escalatedFromNo: r.prev_no,
    escalatedToNo: r.next_no,
    createdBy: r.created_by,
    status: supervisionStatus({ closed, reply: r.reply, escalatedToNo: r.next_no }),
    overdue: !closed && r.deadline < today,
  };
}

const today = (ctx: Ctx) => todayIso(ctx.now());

export function listSupervision(ctx: Ctx, f: repo.SupervisionFilter): Supervision[] {
  const t = today(ctx);
  return repo.listSupervisionRows(ctx.db, f).map((r) => toSupervision(r, t));
}

function requireOrder(ctx: Ctx, id: number): Supervision {
  const r = repo.findSupervisionRow(ctx.db, id);
  if (!r) throw notFound('督办单', id);
  return toSupervision(r, today(ctx));
}

function requireOpen(ctx: Ctx, id: number): Supervision {
  const s = requireOrder(ctx, id);
  if (s.closed)
    throw new AppError('CONFLICT', `督办单${s.no ?? ''}已${s.status === '已升级' ? '升级' : '办结'}，不能再操作`);
  return s;
}

function nextNo(ctx: Ctx, issued: string): string {
  const year = Number(issued.slice(0, 4));
  return supervisionNo(year, repo.countIssuedInYear(ctx.db, year) + 1);
}

function checkDeadline(deadline: string, issued: string, path = 'deadline'): void {
  if (deadline < issued)
    throw validationError([
      { path, message: `整改期限（${formatDateCn(deadline)}）不能早于下达日期（${formatDateCn(issued)}）` },
    ]);
}

export interface CreateSupervision {
  projectId: number;
  period?: string;
  deadline: string;
  content: string;
  toOrgId: number | null;
}

export function createSupervision(ctx: Ctx, input: CreateSupervision): Supervision {
  return ctx.db.tx(() => {
    const project = repo.projectLeadOrg(ctx.db, input.projectId);
    if (!project || project.deleted_at) throw notFound('项目', input.projectId);
    const issued = today(ctx);
    const period = input.period ?? currentPeriod(ctx).period;
    const fig = periodFigures(ctx, period).projects.find((p) => p.id === input.projectId);
    if (!fig || (fig.level !== 'yellow' && fig.level !== 'red'))
      throw new AppError(
        'CONFLICT',
        `项目“${project.name}”${formatPeriodCn(period)}${fig?.level ? `为${LEVEL_CN[fig.level]}灯` : '没有预警灯'}，只有黄灯或红灯项目才能下达督办单`,
      );
    checkDeadline(input.deadline, issued);
    const toOrgId = input.toOrgId ?? project.lead_org_id;
    if (toOrgId !== null && !orgExists(ctx.db, toOrgId))
      throw validationError([{ path: 'toOrgId', message: '责任单位不存在' }]);
    const no = nextNo(ctx, issued);
    const id = repo.insertSupervision(ctx.db, {
      project_id: input.projectId,
      no,
      color: '蓝',
      interview: 0,
      issued,
      deadline: input.deadline,
      to_org_id: toOrgId,
      content: input.content,
      created_by: ctx.session.operator,
    });
    appendChanges(ctx.db, ctx.session.operator, nowIso(ctx), [
      {
        action: '新增',
        entity: 'supervision',
        entityId: id,
        projectId: input.projectId,
        newValue: `${no}（蓝色提醒，期限${formatDateCn(input.deadline)}）`,
        reason: `${formatPeriodCn(period)}${LEVEL_CN[fig.level]}灯：${fig.levelReason ?? ''}`,
      },
    ]);
    return requireOrder(ctx, id);
  });
}

export function replySupervision(ctx: Ctx, id: number, reply: string): Supervision {
  return ctx.db.tx(() => {
    const s = requireOpen(ctx, id);
    const at = nowIso(ctx);
    repo.setReply(ctx.db, id, reply, today(ctx));
    appendChanges(ctx.db, ctx.session.operator, at, [
      {
        action: '修改',
        entity: 'supervision',
        entityId: id,
        projectId: s.projectId,
        field: 'reply',
        oldValue: s.reply,
        newValue: reply,
      },
    ]);
    return requireOrder(ctx, id);
  });
}

export function closeSupervision(ctx: Ctx, id: number, note: string | null): Supervision {
  return ctx.db.tx(() => {
    const s = requireOpen(ctx, id);
    // An order is closed on what was done: a 红色督办 (约谈) was closed with no reply and no word of how.
    if (!s.reply?.trim() && !note?.trim())
      throw validationError([
        { path: 'note', message: `督办单${s.no ?? ''}还没有回复：请先登记办理情况，或在办结说明中写明办结的依据` },
      ]);
    repo.setClosed(ctx.db, id, today(ctx));
    appendChanges(ctx.db, ctx.session.operator, nowIso(ctx), [
      {
        action: '修改',
        entity: 'supervision',
        entityId: id,
        projectId: s.projectId,
        field: 'closed',
        oldValue: '办理中',
        newValue: '已办结',
        reason: note,
      },
    ]);
    return requireOrder(ctx, id);
  });
}

/** 蓝 → 黄, 黄 → 红 with 约谈: a new order linked to the old one, which closes as 已升级. */
export function escalateSupervision(
  ctx: Ctx,
  id: number,
  opts: { deadline?: string | null; reason?: string | null; issued?: string } = {},
): Supervision {
  return ctx.db.tx(() => {
    const s = requireOpen(ctx, id);
    const color = nextSupervisionColor(s.color);
    if (!color) throw new AppError('CONFLICT', `督办单${s.no ?? ''}已是红色（约谈），不能再升级，请督促整改后办结`);
    const issued = opts.issued ?? today(ctx);
    const deadline = opts.deadline ?? addDays(issued, ESCALATION_DAYS);
    checkDeadline(deadline, issued);
    const no = nextNo(ctx, issued);
    const newId = repo.insertSupervision(ctx.db, {
      project_id: s.projectId,
      no,
      color,
      interview: color === '红' ? 1 : 0,
      issued,
      deadline,
      to_org_id: s.toOrgId,
      content: s.content,
      escalated_from_id: s.id,
      created_by: ctx.session.operator,
    });
    repo.setClosed(ctx.db, s.id, issued);
    // the reason the log keeps is the true one: an order escalated by hand before its deadline was not overdue
    const reason =
      opts.reason ??
      (s.deadline < issued
        ? `逾期未办结（期限${formatDateCn(s.deadline)}），${ctx.session.operator}升级`
        : `${ctx.session.operator}在期限（${formatDateCn(s.deadline)}）前提前升级`);
    appendChanges(ctx.db, ctx.session.operator, nowIso(ctx), [
      {
        action: '新增',
        entity: 'supervision',
        entityId: newId,
        projectId: s.projectId,
        field: 'color',
        oldValue: `${s.no}（${s.color}）`,
        newValue: `${no}（${color}${color === '红' ? '，约谈' : ''}）`,
        reason,
      },
    ]);
    return requireOrder(ctx, newId);
  });
}

/** Escalates every open order past its deadline on `asOf` (red ones stay: 约谈 is the last step). */
export function escalateOverdue(ctx: Ctx, asOf: string): Supervision[] {
  return ctx.db.tx(() =>
    repo
      .overdueOpenIds(ctx.db, asOf)
      .map((id) =>
        escalateSupervision(ctx, id, { issued: asOf, reason: `截至${formatDateCn(asOf)}逾期未办结，自动升级` }),
      ),
  );
}
