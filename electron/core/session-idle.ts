/**
 * The idle sign-out, enforced here in the core where the session lives (not only on screen): a session an operator
 * signed into is signed out once `limitMs` (设置 → 自动退出登录时间, 5–240 minutes, default 30) has passed since the
 * last call the clerk caused. The next call then finds it lapsed: the 登录记录 gets 因长时间未操作退出, the session is
 * signed out, and any call that needs a signed-in operator is refused with SIGNED_OUT_IDLE, on which the renderer
 * shows the sign-in screen over the page it was on.
 *
 * What counts as the clerk's activity: every call except
 * - those the renderer makes on its own and marks as background (CallScope.background: the 2-second app:elsewhere
 *   poll, the hourly backup reminder, the re-reads after another program wrote) — otherwise a window left open would
 *   keep its session alive for ever, which is exactly the walked-away PC this guards against;
 * - app:elsewhere and session:current whatever they are marked: nobody's click is ever the reason for them.
 * A lapsed session is noticed on the next call of any kind, so the window's own poll brings the sign-in screen up
 * within seconds of the limit, before anyone touches the keyboard.
 * Sessions started by the CLI or a test as a local role (no operator row, so no `idle`) never lapse: the CLI has no
 * sign-in (docs/cli-contract.md).
 */
import type { Channel } from '../../shared/ipc/channels.ts';
import { permissionOf } from '../../shared/ipc/permissions.ts';
import type { AppErrorBody } from '../../shared/ipc/result.ts';
import { IDLE_SIGNED_OUT_MESSAGE } from '../../shared/schemas/sign-in.ts';
import { SIGNED_OUT, type Ctx } from './context.ts';
import { recordSignIn } from './services/sign-in-log.service.ts';

/** Never caused by the clerk: the window's change watcher and the session look-up. */
const PASSIVE_CHANNELS = new Set<Channel>(['app:elsewhere', 'session:current']);

/**
 * Before the permission check: signs a lapsed session out (recorded) and returns the refusal for a channel that needs
 * a signed-in operator; a public channel (the sign-in screen's own) then answers as for anyone signed out.
 */
export function idleSignOut(ctx: Ctx, channel: Channel): AppErrorBody | null {
  const { idle, operatorId, operator } = ctx.session;
  if (!idle || operatorId == null) return null;
  const expiredAt = idle.lastActiveAt + idle.limitMs;
  if (ctx.now().getTime() < expiredAt) return null;
  // Signed out first: a record that cannot be written (a full disk) must not leave the session open.
  ctx.session = SIGNED_OUT;
  const lastActiveAt = new Date(idle.lastActiveAt).toISOString();
  // Dated when the limit ran out, not when a call happened to notice: from that instant nothing was honoured.
  ctx.db.tx(() =>
    recordSignIn(ctx, '因长时间未操作退出', { operatorId, operator, lastActiveAt }, new Date(expiredAt).toISOString()),
  );
  if (permissionOf(channel) === 'public') return null;
  return { code: 'SIGNED_OUT_IDLE', message: IDLE_SIGNED_OUT_MESSAGE };
}

/** Before and after a call the clerk caused (after too: a ten-minute import is not ten minutes of idleness). */
export function noteActivity(ctx: Ctx, channel: Channel, background: boolean): void {
  const { idle } = ctx.session;
  if (!idle || background || PASSIVE_CHANNELS.has(channel)) return;
  idle.lastActiveAt = Math.max(idle.lastActiveAt, ctx.now().getTime());
}
