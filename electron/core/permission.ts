/**
 * The permission check of handleCall: the session's role against the one matrix (shared/ipc/permissions.ts).
 * It looks only at the channel, the session and the ledger's state — never at the input — so a call the
 * caller may not make is refused the same way whatever it carries.
 */
import type { Channel } from '../../shared/ipc/channels.ts';
import { PERMISSION_TEXT, permissionOf, roleMay, ROLES_FOR } from '../../shared/ipc/permissions.ts';
import type { AppErrorBody } from '../../shared/ipc/result.ts';
import type { Core } from './index.ts';
import { countAdmins } from './repositories/operator.repository.ts';

export function refusal(core: Core, channel: Channel): AppErrorBody | null {
  const { session } = core.ctx;
  const permission = permissionOf(channel);
  if (permission === 'firstRun') {
    // The first run sets up the ledger and its first 管理员; once there is one, only a 管理员 may (the sample
    // still loads only into an empty ledger).
    if (core.mode === 'normal' && (session.role === '管理员' || countAdmins(core.ctx.db) === 0)) return null;
    return forbidden('台账已完成首次设置（已有管理员），只有管理员可以再次设置');
  }
  if (permission === 'recovery' && core.mode === 'recovery') return null; // nobody can sign in to a damaged ledger
  if (roleMay(session.role, channel)) return null;
  if (session.role === null) return forbidden('尚未登录，请先选择操作员并输入密码登录');
  const who = `当前操作员“${session.operator}”为${session.role}`;
  if (session.role === '领导') return forbidden(`${who}（只读）角色，不能修改数据`);
  return forbidden(`只有${ROLES_FOR(permission).join('或')}可以${PERMISSION_TEXT[permission]}（${who}）`);
}

const forbidden = (message: string): AppErrorBody => ({ code: 'FORBIDDEN', message });
