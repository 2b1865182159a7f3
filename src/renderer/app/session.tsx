import { createContext, useContext } from 'react';
import type { Permission, SessionInfo } from '../../contract';

export interface SessionContextValue {
  session: SessionInfo;
  signOut(): Promise<void>;
}

export const SessionContext = createContext<SessionContextValue | null>(null);

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession 只能在登录后的界面中使用');
  return value;
}

/** Whether the core will allow this to the session; used to offer only buttons that will work. */
export function useCan(permission: Permission): boolean {
  return useSession().session.permissions.includes(permission);
}
