import { useApolloClient } from '@apollo/client/react';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { clearSession, loadSession, saveSession, type Session } from './session.store';
import { orderRoles } from './roles';

const ACTIVE_ROLE_KEY = 'isms-portal.active-role';

export interface SessionState {
  session: Session | null;
  /** The person's roles, the one they usually work as first. */
  roles: string[];
  /** The role the portal shows its views for (a person holding several roles switches between them). */
  activeRole: string | null;
  setActiveRole: (role: string) => void;
  signIn: (session: Session) => void;
  signOut: () => void;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const client = useApolloClient();
  const [session, setSession] = useState<Session | null>(() => loadSession());
  const [chosenRole, setChosenRole] = useState<string | null>(() => sessionStorage.getItem(ACTIVE_ROLE_KEY));

  const signIn = useCallback((next: Session) => {
    saveSession(next);
    sessionStorage.removeItem(ACTIVE_ROLE_KEY);
    setChosenRole(null);
    setSession(next);
  }, []);

  const signOut = useCallback(() => {
    clearSession();
    sessionStorage.removeItem(ACTIVE_ROLE_KEY);
    setSession(null);
    setChosenRole(null);
    void client.clearStore();
  }, [client]);

  const setActiveRole = useCallback((role: string) => {
    sessionStorage.setItem(ACTIVE_ROLE_KEY, role);
    setChosenRole(role);
  }, []);

  const value = useMemo<SessionState>(() => {
    const roles = session ? orderRoles(session.user.roles) : [];
    const activeRole = chosenRole && roles.includes(chosenRole) ? chosenRole : (roles[0] ?? null);
    return { session, roles, activeRole, setActiveRole, signIn, signOut };
  }, [session, chosenRole, setActiveRole, signIn, signOut]);

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession must be used inside <SessionProvider>');
  return state;
}
