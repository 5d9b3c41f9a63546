import { useApolloClient } from '@apollo/client/react';
import type { User, UserManager } from 'oidc-client-ts';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { CALLBACK_PATH, userManager, whoAmI } from './auth';
import { forgetAuditorSession, keepAuditorSession, storedAuditorSession, type AuditorSession } from './auditor-session';
import { onUnauthenticated, setCurrentAccessToken, type Session } from './session.store';
import { orderRoles } from './roles';

const ACTIVE_ROLE_KEY = 'isms-portal.active-role';

/** loading: a sign-in kept in this tab is being checked; signed-out: nobody (yet); signed-in: `session` is set. */
export type SessionStatus = 'loading' | 'signed-out' | 'signed-in';

export interface SessionState {
  status: SessionStatus;
  session: Session | null;
  /** Why the last session ended or could not start, in words (a refused renewal, an unreachable provider). */
  problem: unknown;
  /** The person's roles, the one they usually work as first. */
  roles: string[];
  /** The role the portal shows its views for (a person holding several roles switches between them). */
  activeRole: string | null;
  setActiveRole: (role: string) => void;
  /** Goes to the identity provider's sign-in page; back at `next` (a portal path) afterwards. */
  signIn: (next: string) => Promise<void>;
  /** Finishes a sign-in on the callback page; answers the path the person asked for. */
  completeSignIn: () => Promise<string>;
  /** Ends the session here and at the identity provider (RP-initiated logout). */
  signOut: () => Promise<void>;
  /** Starts the session of an external auditor who redeemed an invitation (no identity provider involved). */
  adoptAuditorSession: (session: AuditorSession) => Promise<void>;
  signingOut: boolean;
}

const SessionContext = createContext<SessionState | null>(null);

async function sessionOf(user: User): Promise<Session> {
  return { accessToken: user.access_token, user: await whoAmI(user.access_token) };
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const client = useApolloClient();
  const [status, setStatus] = useState<SessionStatus>('loading');
  const [session, setSession] = useState<Session | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const [signingOut, setSigningOut] = useState(false);
  const signingOutRef = useRef(false);
  const [chosenRole, setChosenRole] = useState<string | null>(() => sessionStorage.getItem(ACTIVE_ROLE_KEY));

  const adopt = useCallback((next: Session | null) => {
    setCurrentAccessToken(next?.accessToken ?? null);
    setSession(next);
    setStatus(next ? 'signed-in' : 'signed-out');
  }, []);

  // A sign-in kept in this tab (a reload, a deep link) is picked up; renewals and their failures are followed.
  useEffect(() => {
    let cancelled = false;
    let detach = () => undefined as void;
    void (async () => {
      // An external auditor's invitation session, kept in this tab, comes first: it has no provider behind it.
      const auditor = storedAuditorSession();
      if (auditor) {
        try {
          const restored = { accessToken: auditor.accessToken, user: await whoAmI(auditor.accessToken) };
          if (!cancelled) adopt(restored);
        } catch (error) {
          forgetAuditorSession();
          if (!cancelled) {
            setProblem(error);
            adopt(null);
          }
        }
        return;
      }
      let manager: UserManager;
      try {
        manager = await userManager();
      } catch (error) {
        if (!cancelled) {
          setProblem(error);
          adopt(null);
        }
        return;
      }
      const onLoaded = (user: User) => {
        // A renewal: same person, new token. Keep the profile, swap the token.
        setCurrentAccessToken(user.access_token);
        setSession((current) => (current ? { ...current, accessToken: user.access_token } : current));
      };
      const onUnloaded = () => {
        if (!signingOutRef.current) adopt(null);
      };
      const onRenewError = (error: Error) => {
        setProblem(new Error(`Your session has ended (${error.message}). Sign in again to go on.`));
        void manager.removeUser();
        adopt(null);
      };
      manager.events.addUserLoaded(onLoaded);
      manager.events.addUserUnloaded(onUnloaded);
      manager.events.addSilentRenewError(onRenewError);
      detach = () => {
        manager.events.removeUserLoaded(onLoaded);
        manager.events.removeUserUnloaded(onUnloaded);
        manager.events.removeSilentRenewError(onRenewError);
      };
      // On the callback page the sign-in being finished decides (completeSignIn), not an older one.
      if (window.location.pathname === CALLBACK_PATH) return;
      try {
        let user = await manager.getUser();
        if (user?.expired && user.refresh_token) user = await manager.signinSilent();
        if (cancelled) return;
        if (!user || user.expired) {
          adopt(null);
          return;
        }
        const restored = await sessionOf(user);
        if (!cancelled) adopt(restored);
      } catch (error) {
        if (cancelled) return;
        await manager.removeUser();
        setProblem(error);
        adopt(null);
      }
    })();
    return () => {
      cancelled = true;
      detach();
    };
  }, [adopt]);

  const signIn = useCallback(async (next: string) => {
    setProblem(null);
    const manager = await userManager();
    await manager.signinRedirect({ state: { next } });
  }, []);

  // One completion per page load: the code can be exchanged only once (React's strict mode runs effects twice).
  const completion = useRef<Promise<string> | null>(null);
  const completeSignIn = useCallback(() => {
    completion.current ??= (async () => {
      try {
        const manager = await userManager();
        const user = await manager.signinRedirectCallback();
        const next = await sessionOf(user);
        sessionStorage.removeItem(ACTIVE_ROLE_KEY);
        setChosenRole(null);
        await client.clearStore();
        setProblem(null);
        adopt(next);
        const state = user.state as { next?: unknown } | undefined;
        return typeof state?.next === 'string' ? state.next : '/';
      } catch (error) {
        adopt(null);
        throw error;
      }
    })();
    return completion.current;
  }, [adopt, client]);

  const signOut = useCallback(async () => {
    signingOutRef.current = true;
    // Marked at once, in the click itself: the page is about to go to the provider (tests wait for the way back).
    document.documentElement.dataset['signingOut'] = 'true';
    setSigningOut(true);
    sessionStorage.removeItem(ACTIVE_ROLE_KEY);
    setCurrentAccessToken(null);
    await client.clearStore();
    if (storedAuditorSession()) {
      // An invitation session ends here: there is no provider to sign out at.
      forgetAuditorSession();
      window.location.assign('/signed-out');
      return;
    }
    try {
      const manager = await userManager();
      // Sends the browser to the provider's end-session endpoint, which comes back to /signed-out.
      await manager.signoutRedirect();
    } catch (error) {
      signingOutRef.current = false;
      delete document.documentElement.dataset['signingOut'];
      setSigningOut(false);
      setProblem(error);
      adopt(null);
    }
  }, [adopt, client]);

  const adoptAuditorSession = useCallback(
    async (auditor: AuditorSession) => {
      const next = { accessToken: auditor.accessToken, user: await whoAmI(auditor.accessToken) };
      keepAuditorSession(auditor);
      sessionStorage.removeItem(ACTIVE_ROLE_KEY);
      setChosenRole(null);
      await client.clearStore();
      setProblem(null);
      adopt(next);
    },
    [adopt, client],
  );

  // An invitation session ends with its grant: the portal says so instead of failing request after request.
  useEffect(() => {
    const auditor = session ? storedAuditorSession() : null;
    if (!auditor || auditor.accessToken !== session?.accessToken) return;
    const timer = setTimeout(() => {
      forgetAuditorSession();
      setProblem(new Error('Your audit access has ended. Ask the ISMS manager for a new invitation if the audit goes on.'));
      adopt(null);
    }, Math.max(0, Date.parse(auditor.expiresAt) - Date.now()));
    return () => clearTimeout(timer);
  }, [session, adopt]);

  // The platform refused the token: say so and sign in again, instead of failing request after request.
  useEffect(() => {
    onUnauthenticated(() => {
      if (signingOutRef.current) return;
      setProblem(new Error('Your session has ended: the platform no longer accepts your sign-in. Sign in again to go on.'));
      void userManager().then((manager) => manager.removeUser(), () => undefined);
      adopt(null);
    });
    return () => onUnauthenticated(null);
  }, [adopt]);

  const setActiveRole = useCallback((role: string) => {
    sessionStorage.setItem(ACTIVE_ROLE_KEY, role);
    setChosenRole(role);
  }, []);

  const value = useMemo<SessionState>(() => {
    const roles = session ? orderRoles(session.user.roles) : [];
    const activeRole = chosenRole && roles.includes(chosenRole) ? chosenRole : (roles[0] ?? null);
    return { status, session, problem, roles, activeRole, setActiveRole, signIn, completeSignIn, signOut, signingOut, adoptAuditorSession };
  }, [status, session, problem, chosenRole, setActiveRole, signIn, completeSignIn, signOut, signingOut, adoptAuditorSession]);

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession must be used inside <SessionProvider>');
  return state;
}
