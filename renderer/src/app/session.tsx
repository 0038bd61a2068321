/**
 * Who is working (操作员) and whether they may edit. Pages call `useCanEdit()` to disable every edit
 * control for the read-only 领导 role; the core refuses their writes anyway (handleCall).
 */
import { createContext, useContext } from 'react';
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
  return session !== null && session.role !== '领导';
}

/** Tooltip text for disabled edit controls. */
export const READ_ONLY_HINT = '领导（只读）角色不能修改数据';
