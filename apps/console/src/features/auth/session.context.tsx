import type { SessionUser } from '@homeward/shared';
import { createContext, useContext } from 'react';

export const SessionContext = createContext<SessionUser | null>(null);

/** The signed-in user; only valid inside the signed-in layout, which renders nothing until it knows them. */
export function useSessionUser(): SessionUser {
  const user = useContext(SessionContext);
  if (!user) throw new Error('useSessionUser outside the signed-in layout');
  return user;
}
