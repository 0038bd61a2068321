/**
 * 自动退出登录时间: how many minutes a signed-in session may go without a call the clerk caused before the core signs
 * it out (session-idle.ts). Kept in `setting` like the town's settings, changed by the 管理员 only, each change in the
 * 修改记录. A session takes the limit in force when it signs in; the 管理员's own session follows a change at once.
 */
import { IDLE_MINUTES_DEFAULT, type IdleSetting } from '../../../shared/schemas/sign-in.ts';
import { appendChanges } from '../audit/change-log.ts';
import { nowIso, type Ctx } from '../context.ts';
import { getSetting, setSetting } from '../repositories/setting.repository.ts';

const IDLE_KEY = 'session.idleMinutes';

export function getIdleSetting(ctx: Ctx): IdleSetting {
  const stored = Number(getSetting(ctx.db, IDLE_KEY));
  return { idleMinutes: Number.isInteger(stored) && stored > 0 ? stored : IDLE_MINUTES_DEFAULT };
}

export const idleLimitMs = (ctx: Ctx): number => getIdleSetting(ctx).idleMinutes * 60_000;

export function saveIdleSetting(ctx: Ctx, s: IdleSetting): IdleSetting {
  return ctx.db.tx(() => {
    const before = getIdleSetting(ctx).idleMinutes;
    if (before !== s.idleMinutes) {
      setSetting(ctx.db, IDLE_KEY, String(s.idleMinutes));
      appendChanges(ctx.db, ctx.session.operator, nowIso(ctx), [
        {
          action: '修改',
          entity: 'setting',
          field: IDLE_KEY,
          oldValue: String(before),
          newValue: String(s.idleMinutes),
        },
      ]);
    }
    const idle = ctx.session.idle;
    if (idle) ctx.session = { ...ctx.session, idle: { ...idle, limitMs: s.idleMinutes * 60_000 } };
    return getIdleSetting(ctx);
  });
}
