import { Button, Card, Center, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { redeemInvitation } from '../../lib/auditor-session';
import { useSession } from '../../lib/session';

/** The code of an invitation link (`/auditor/invitation#code=…`): in the fragment, so it never reaches a server log. */
function invitationCode(hash: string): string | null {
  const code = new URLSearchParams(hash.replace(/^#/, '')).get('code');
  return code?.trim() || null;
}

/** An external auditor opens the one-time link the ISMS manager sent: the portal redeems it and opens their audit. */
export function AuditorInvitationRoute() {
  const { adoptAuditorSession } = useSession();
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return; // the code works once: never send it twice (React runs effects twice in development)
    started.current = true;
    const code = invitationCode(window.location.hash);
    // The code leaves the address bar at once, so it is not in the history or a screenshot.
    window.history.replaceState(null, '', window.location.pathname);
    if (!code) {
      setError(new Error('This link has no invitation code. Open the link exactly as you received it.'));
      return;
    }
    redeemInvitation(code)
      .then((session) => adoptAuditorSession(session))
      .then(
        () => void navigate('/', { replace: true }),
        (failure: unknown) => setError(failure),
      );
  }, [adoptAuditorSession, navigate]);

  if (error === null) return <Loading label="Opening your audit…" />;
  return (
    <Center py="xl">
      <Card withBorder shadow="sm" padding="xl" radius="md" w={520} component="section" aria-labelledby="invitation-heading">
        <Stack gap="md">
          <Title order={1} size="h2" id="invitation-heading" data-testid="view-heading">
            The invitation did not open
          </Title>
          <ErrorAlert title="You are not signed in" error={error} testId="invitation-error" />
          <Text size="sm">An invitation works once and for a few days. Ask the ISMS manager of the organisation you audit for a new one.</Text>
          <Button component={Link} to="/sign-in" replace variant="light">
            Sign in another way
          </Button>
        </Stack>
      </Card>
    </Center>
  );
}
