import { useApolloClient } from '@apollo/client/react';
import { useCallback, useId, useState } from 'react';
import { SignInPage } from './auth/sign-in.page';
import { clearSession, loadSession, saveSession, type Session } from './auth/session.store';
import { RoleHome } from './roles/role-home.view';
import { orderRoles, roleLabel } from './roles/roles';

export function App() {
  const client = useApolloClient();
  const [session, setSession] = useState<Session | null>(() => loadSession());
  const [viewRole, setViewRole] = useState<string | null>(null);
  const roleSelectId = useId();

  const signedIn = useCallback((next: Session) => {
    saveSession(next);
    setViewRole(null);
    setSession(next);
  }, []);

  const signOut = useCallback(() => {
    clearSession();
    setSession(null);
    setViewRole(null);
    void client.clearStore();
  }, [client]);

  const roles = session ? orderRoles(session.user.roles) : [];
  const activeRole = viewRole && roles.includes(viewRole) ? viewRole : (roles[0] ?? 'employee');

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <div className="topbar__brand">
          <span className="topbar__logo" aria-hidden="true">
            ◆
          </span>
          <span>
            ISMS Portal <span className="topbar__sub">ISO/IEC 27001:2022</span>
          </span>
        </div>
        {session && (
          <div className="topbar__session">
            <span className="topbar__user" data-testid="signed-in-user">
              <strong>{session.user.name}</strong>
              <span className="muted small">{session.user.email}</span>
            </span>
            {roles.length > 1 ? (
              <label htmlFor={roleSelectId} className="topbar__role">
                View as
                <select id={roleSelectId} value={activeRole} onChange={(e) => setViewRole(e.target.value)}>
                  {roles.map((role) => (
                    <option key={role} value={role}>
                      {roleLabel(role)}
                    </option>
                  ))}
                </select>
              </label>
            ) : (
              <span className="role-chip">{roleLabel(activeRole)}</span>
            )}
            <button type="button" className="button button--quiet" onClick={signOut} data-testid="sign-out">
              Sign out
            </button>
          </div>
        )}
      </header>
      <main id="main" className="content">
        {session ? <RoleHome role={activeRole} onSignOut={signOut} /> : <SignInPage onSignedIn={signedIn} />}
      </main>
    </div>
  );
}
