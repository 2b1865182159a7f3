import { createContext, useContext } from 'react';
import type { Role, SessionInfo } from '../../contract';

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

export function useHasRole(...roles: Role[]): boolean {
  const { session } = useSession();
  return roles.some((role) => session.user.roles.includes(role));
}
