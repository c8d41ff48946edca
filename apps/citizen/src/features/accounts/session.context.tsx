import type { SessionUser } from '@homeward/shared';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { ApiError } from '../../lib/api.client.ts';
import { fetchSessionUser } from './accounts.api.ts';

export type SessionState =
  | { status: 'loading'; user: null }
  | { status: 'signed-in'; user: SessionUser }
  | { status: 'signed-out'; user: null }
  /** The server could not be reached: we do not know, and nothing that needs an account is offered. */
  | { status: 'unknown'; user: null };

interface SessionValue {
  session: SessionState;
  /**
   * After a sign-in, a verification or a profile change: the answer the server gave. When the account area
   * ends the session (sign-out, deletion) the page it goes to calls `useSessionEnded`, because a null set
   * before that page shows would make the area's guard redirect to sign-in first.
   */
  setUser: (user: SessionUser | null) => void;
  /** Asks the server who is signed in again (after the server could not be reached). */
  refresh: () => Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

/**
 * Who is signed in, asked once on load. The landing page never waits for it: help and the hotline are there
 * before the answer, and only the header's account link depends on it.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<SessionState>({ status: 'loading', user: null });

  const load = useCallback(async (signal?: AbortSignal) => {
    try {
      const { user } = await fetchSessionUser(signal);
      setSession({ status: 'signed-in', user });
    } catch (error) {
      if (signal?.aborted) return;
      const known = error instanceof ApiError && error.status > 0 && error.status < 500;
      setSession(known ? { status: 'signed-out', user: null } : { status: 'unknown', user: null });
    }
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [load]);

  // Opened offline, the app could not ask who is signed in: ask again when the network returns, so pages that
  // need the account (a help request's case, above all) open without a manual retry.
  useEffect(() => {
    if (session.status !== 'unknown') return;
    const retry = () => void load();
    window.addEventListener('online', retry);
    return () => window.removeEventListener('online', retry);
  }, [session.status, load]);

  const setUser = useCallback(
    (user: SessionUser | null) =>
      setSession(user ? { status: 'signed-in', user } : { status: 'signed-out', user: null }),
    [],
  );
  const value = useMemo<SessionValue>(() => ({ session, setUser, refresh: () => load() }), [session, setUser, load]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/**
 * On the page shown after the session ended elsewhere in the app: the header and guard learn it now. Only on
 * arrival: signing in again on the same page must stick.
 */
export function useSessionEnded(ended: boolean): void {
  const { session, setUser } = useSession();
  const arrived = useRef(false);
  const signedIn = session.status === 'signed-in';
  useEffect(() => {
    if (arrived.current) return;
    arrived.current = true;
    if (ended && signedIn) setUser(null);
  }, [ended, signedIn, setUser]);
}
