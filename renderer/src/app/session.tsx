/**
 * Who is working (操作员) and what they may do. Pages call `useCanEdit()` to disable every edit control for
 * the read-only 领导, and `useMay(channel)` for controls only some roles have (关账, 恢复, 操作员…): both read the
 * permission matrix the core enforces (shared/ipc/permissions.ts), so screen and core never disagree.
 */
import { createContext, useContext } from 'react';
import type { Channel } from '../../../shared/ipc/channels.ts';
import { roleMay, ROLE_PERMISSIONS } from '../../../shared/ipc/permissions.ts';
import type { Session } from '../../../shared/schemas/operator.ts';

export interface SessionState {
  session: Session | null;
  /** Opens the operator picker (切换操作员). */
  switchOperator: () => void;
}

export const SessionContext = createContext<SessionState>({ session: null, switchOperator: () => {} });

export const useSession = (): SessionState => useContext(SessionContext);

export function useCanEdit(): boolean {
  const { session } = useSession();
  return !!session?.role && ROLE_PERMISSIONS[session.role].includes('edit');
}

/** May the signed-in operator call this channel? */
export function useMay(channel: Channel): boolean {
  const { session } = useSession();
  return roleMay(session?.role ?? null, channel);
}

/** Tooltip text for disabled edit controls. */
export const READ_ONLY_HINT = '领导（只读）角色不能修改数据';
