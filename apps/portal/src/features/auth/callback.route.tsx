import { Button, Card, Center, Stack, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { safeNext } from '../../lib/next-path';
import { useSession } from '../../lib/session';

/** What the provider said when it did not sign the person in, in words. */
function providerRefusal(search: string): Error | null {
  const params = new URLSearchParams(search);
  const error = params.get('error');
  if (!error) return null;
  const description = params.get('error_description');
  if (error === 'access_denied') return new Error(`The identity provider did not sign you in${description ? `: ${description}` : '.'}`);
  return new Error(`The identity provider refused the sign-in (${error}${description ? `: ${description}` : ''}).`);
}

/** The provider sends people back here with a code; the portal exchanges it (PKCE) and opens the page they asked for. */
export function SignInCallbackRoute() {
  const { completeSignIn } = useSession();
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const refusal = providerRefusal(window.location.search);
    if (refusal) {
      setError(refusal);
      return;
    }
    completeSignIn().then(
      (next) => void navigate(safeNext(next), { replace: true }),
      (failure: unknown) => setError(failure),
    );
  }, [completeSignIn, navigate]);

  if (error === null) return <Loading label="Signing you in…" />;
  return (
    <Center py="xl">
      <Card withBorder shadow="sm" padding="xl" radius="md" w={480} component="section" aria-labelledby="callback-heading">
        <Stack gap="md">
          <Title order={1} size="h2" id="callback-heading" data-testid="view-heading">
            Sign-in did not finish
          </Title>
          <ErrorAlert title="You are not signed in" error={error} testId="sign-in-error" />
          <Button component={Link} to="/sign-in" replace variant="light">
            Sign in again
          </Button>
        </Stack>
      </Card>
    </Center>
  );
}
