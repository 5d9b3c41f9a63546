import { useCallback, useEffect, useState } from 'react';
import { gatewayUrl } from '../shared/gateway.config';
import { ErrorPanel } from '../shared/error-panel.component';
import { orderRoles, roleLabel } from '../roles/roles';
import { listDevUsers, signInAs, type DevUser } from './dev-auth.api';
import type { Session } from './session.store';

type UsersState =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'ready'; users: DevUser[] };

interface SignInPageProps {
  onSignedIn: (session: Session) => void;
}

/** Development sign-in: pick one of the gateway's seeded users. */
export function SignInPage({ onSignedIn }: SignInPageProps) {
  const [users, setUsers] = useState<UsersState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [pendingEmail, setPendingEmail] = useState<string | null>(null);
  const [loginError, setLoginError] = useState<unknown>(null);

  useEffect(() => {
    const controller = new AbortController();
    setUsers({ status: 'loading' });
    listDevUsers(controller.signal).then(
      (list) => setUsers({ status: 'ready', users: list }),
      (error: unknown) => {
        if (!controller.signal.aborted) setUsers({ status: 'error', error });
      },
    );
    return () => controller.abort();
  }, [attempt]);

  const signIn = useCallback(
    async (user: DevUser) => {
      setPendingEmail(user.email);
      setLoginError(null);
      try {
        const { accessToken, user: signedIn } = await signInAs(user.email);
        onSignedIn({ accessToken, user: signedIn });
      } catch (error) {
        setLoginError(error);
        setPendingEmail(null);
      }
    },
    [onSignedIn],
  );

  return (
    <section className="sign-in" aria-labelledby="sign-in-heading">
      <div className="sign-in__card">
        <h1 id="sign-in-heading">Sign in</h1>
        <p className="muted">
          Development sign-in: choose a person to act as. Their roles decide what the portal shows.
        </p>

        {loginError !== null && (
          <ErrorPanel title="Sign-in failed" error={loginError} testId="sign-in-error" />
        )}

        {users.status === 'loading' && (
          <p className="status" role="status" aria-live="polite">
            Loading people from the gateway…
          </p>
        )}

        {users.status === 'error' && (
          <ErrorPanel title="Could not load the people you can sign in as" error={users.error} testId="sign-in-error">
            <button type="button" className="button" onClick={() => setAttempt((n) => n + 1)}>
              Try again
            </button>
            <span className="muted small">Gateway: {gatewayUrl}</span>
          </ErrorPanel>
        )}

        {users.status === 'ready' && users.users.length === 0 && (
          <p className="status">The gateway offers no development users.</p>
        )}

        {users.status === 'ready' && users.users.length > 0 && (
          <ul className="user-list" aria-label="People you can sign in as">
            {users.users.map((user) => {
              const roles = orderRoles(user.roles);
              return (
                <li key={user.email}>
                  <button
                    type="button"
                    className="user-button"
                    data-testid="sign-in-user"
                    data-email={user.email}
                    data-roles={user.roles.join(' ')}
                    disabled={pendingEmail !== null}
                    aria-busy={pendingEmail === user.email}
                    onClick={() => void signIn(user)}
                  >
                    <span className="user-button__action">
                      Sign in as <strong>{user.name}</strong>
                      {pendingEmail === user.email && <span className="muted"> — signing in…</span>}
                    </span>
                    <span className="user-button__meta">
                      {roles.map((role) => (
                        <span key={role} className="role-chip">
                          {roleLabel(role)}
                        </span>
                      ))}
                      {user.title && <span className="muted small">{user.title}</span>}
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
        )}
      </div>
    </section>
  );
}
