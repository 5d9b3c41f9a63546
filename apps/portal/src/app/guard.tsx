import { Alert, Button } from '@mantine/core';
import type { Role } from '@iso27001/authz/roles';
import type { ReactNode } from 'react';
import { Link, Navigate, useLocation } from 'react-router';
import { Loading } from '../components/loading';
import { Page } from '../components/page';
import { roleInSentence, roleMay } from '../lib/roles';
import { useSession } from '../lib/session';

/** Sends someone who is not signed in to the sign-in page, and back here afterwards. */
export function RequireSession({ children }: { children: ReactNode }) {
  const { status, session } = useSession();
  const location = useLocation();
  if (status === 'loading') return <Loading label="Checking your sign-in…" />;
  if (!session) return <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return children;
}

/** A page the active role may not load is not opened (a deep link, a bookmark): the person is told why, in words. */
export function RequireRole({ group, children }: { group: readonly Role[]; children: ReactNode }) {
  const { activeRole } = useSession();
  if (roleMay(activeRole, group)) return children;
  return (
    <Page title="Not available for your role">
      <Alert color="yellow" variant="light" data-testid="not-allowed">
        As {activeRole ? roleInSentence(activeRole) : 'someone without a role'} you cannot open this page. If your work needs it,
        ask your ISMS manager for the role that may.
        <div>
          <Button component={Link} to="/" size="xs" variant="light" mt="sm">
            Go to your home page
          </Button>
        </div>
      </Alert>
    </Page>
  );
}

export function NotFoundRoute() {
  return (
    <Page title="Page not found">
      <Alert color="gray" variant="light" data-testid="not-found">
        There is no page at this address. It may have moved, or the link may be mistyped.
        <div>
          <Button component={Link} to="/" size="xs" variant="light" mt="sm">
            Go to your home page
          </Button>
        </div>
      </Alert>
    </Page>
  );
}
