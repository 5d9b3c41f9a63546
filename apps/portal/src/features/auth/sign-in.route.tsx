import { Alert, Button, Card, Center, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Navigate, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { safeNext } from '../../lib/next-path';
import { useSession } from '../../lib/session';

/**
 * Sign-in: the identity provider's own page signs the person in (authorization code flow with PKCE); their roles,
 * as the platform reads them from the provider's token, decide what the portal shows. `signedOut` is the page the
 * provider sends people back to after signing out.
 */
export function SignInRoute({ signedOut = false }: { signedOut?: boolean }) {
  const { status, problem, signIn } = useSession();
  const [params] = useSearchParams();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const next = safeNext(params.get('next'));

  if (status === 'loading') return <Loading label="Checking your sign-in…" />;
  if (status === 'signed-in') return <Navigate to={next} replace />;

  const start = async () => {
    setPending(true);
    setError(null);
    try {
      await signIn(next);
    } catch (failure) {
      setError(failure);
      setPending(false);
    }
  };

  const shown = error ?? problem;
  return (
    <Center py="xl">
      <Card withBorder shadow="sm" padding="xl" radius="md" w={480} component="section" aria-labelledby="sign-in-heading">
        <Stack gap="md">
          <div>
            <Title order={1} size="h2" id="sign-in-heading" data-testid="view-heading">
              Sign in
            </Title>
            <Text c="dimmed" size="sm">
              You sign in at your organisation&apos;s identity provider. Your roles there decide what the portal shows.
            </Text>
          </div>
          {signedOut && shown === null && (
            <Alert color="green" variant="light" data-testid="signed-out">
              You have signed out. Sign in again whenever you like.
            </Alert>
          )}
          {shown !== null && <ErrorAlert title="Sign-in is not possible right now" error={shown} testId="sign-in-error" />}
          <Button size="md" onClick={() => void start()} loading={pending} data-testid="sign-in-button">
            Sign in
          </Button>
        </Stack>
      </Card>
    </Center>
  );
}
