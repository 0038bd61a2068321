/**
 * 登录记录: every sign-in event, written by the sign-in itself (operator.service.ts) and by the idle sign-out
 * (session-idle.ts), read back by the 管理员 (设置 → 登录记录). A refused sign-in is written in a transaction of its
 * own that commits before the refusal is thrown, so the record of a wrong password is never rolled back with it.
 */
import { formatBeijingTime } from '../../../shared/domain/display.ts';
import type { SignInEvent, SignInPage, SignInRow } from '../../../shared/schemas/sign-in.ts';
import { nowIso, type Ctx } from '../context.ts';
import { localDayStartIso } from '../../../shared/domain/dates.ts';
import {
  insertSignIn,
  querySignIns,
  signInOperators,
  type SignInLogRow,
} from '../repositories/sign-in-log.repository.ts';

export interface SignInFacts {
  operatorId: number | null;
  operator: string;
  /** 密码错误: the how-manieth wrong password in a row. */
  failedCount?: number;
  /** 账户锁定, 登录被拒: until when the operator is locked. */
  lockedUntil?: string;
  /** 因长时间未操作退出: the last call the clerk made. */
  lastActiveAt?: string;
}

/** Call inside the transaction that changes what the event is about (the failure count), or alone. */
export function recordSignIn(ctx: Ctx, event: SignInEvent, facts: SignInFacts, at = nowIso(ctx)): void {
  insertSignIn(ctx.db, {
    at,
    operator_id: facts.operatorId,
    operator: facts.operator,
    event,
    failed_count: facts.failedCount ?? null,
    locked_until: facts.lockedUntil ?? null,
    last_active_at: facts.lastActiveAt ?? null,
    shell: ctx.shell,
  });
}

export interface SignInQuery {
  operator?: string | null;
  from?: string | null;
  to?: string | null;
  limit: number;
  offset: number;
}

export function listSignIns(ctx: Ctx, q: SignInQuery): SignInPage {
  const { total, rows } = querySignIns(ctx.db, {
    operator: q.operator,
    fromAt: q.from ? localDayStartIso(q.from) : null,
    toAt: q.to ? localDayStartIso(q.to, 1) : null,
    limit: q.limit,
    offset: q.offset,
  });
  return { total, operators: signInOperators(ctx.db), rows: rows.map(toSignInRow) };
}

function toSignInRow(r: SignInLogRow): SignInRow {
  return {
    id: r.id,
    at: r.at,
    operatorId: r.operator_id,
    operator: r.operator,
    event: r.event as SignInRow['event'],
    detail: detailOf(r),
    shell: r.shell as SignInRow['shell'],
  };
}

/** The event's own facts in a sentence (times in Beijing time, as the lock message at sign-in gives them). */
function detailOf(r: SignInLogRow): string {
  const parts: string[] = [];
  if (r.failed_count !== null) parts.push(`连续第${r.failed_count}次输错密码`);
  if (r.locked_until !== null) parts.push(`锁定至${formatBeijingTime(r.locked_until)}`);
  if (r.last_active_at !== null) parts.push(`最后一次操作于${formatBeijingTime(r.last_active_at)}`);
  return parts.join('，');
}
