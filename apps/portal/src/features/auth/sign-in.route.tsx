import { Badge, Button, Card, Center, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import { orderRoles, roleLabel } from '../../lib/roles';
import { useSession } from '../../lib/session';
import { listDevUsers, signInAs, type DevUser } from './dev-auth.api';

type UsersState = { status: 'loading' } | { status: 'error'; error: unknown } | { status: 'ready'; users: DevUser[] };

/** Where a sign-in may send the person back to: only a path of this portal, never another site. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/sign-in') ? next : '/';
}

/** Development sign-in: pick one of the gateway's demo people; their roles decide what the portal shows. */
export function SignInRoute() {
  const { signIn } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
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

  const choose = useCallback(
    async (user: DevUser) => {
      setPendingEmail(user.email);
      setLoginError(null);
      try {
        const { accessToken, user: signedIn } = await signInAs(user.email);
        signIn({ accessToken, user: signedIn });
        await navigate(safeNext(params.get('next')), { replace: true });
      } catch (error) {
        setLoginError(error);
        setPendingEmail(null);
      }
    },
    [signIn, navigate, params],
  );

  return (
    <Center py="xl">
      <Card withBorder shadow="sm" padding="xl" radius="md" w={560} component="section" aria-labelledby="sign-in-heading">
        <Stack gap="md">
          <div>
            <Title order={1} size="h2" id="sign-in-heading" data-testid="view-heading">
              Sign in
            </Title>
            <Text c="dimmed" size="sm">
              Development sign-in: choose a person to act as. Their roles decide what the portal shows.
            </Text>
          </div>
          {loginError !== null && <ErrorAlert title="Sign-in failed" error={loginError} testId="sign-in-error" />}
          {users.status === 'loading' && (
            <Group role="status" gap="sm">
              <Loader size="xs" aria-hidden />
              <Text size="sm">Loading the people you can sign in as…</Text>
            </Group>
          )}
          {users.status === 'error' && (
            <ErrorAlert title="Could not load the people you can sign in as" error={users.error} testId="sign-in-error">
              <Button size="xs" variant="light" color="red" onClick={() => setAttempt((n) => n + 1)}>
                Try again
              </Button>
            </ErrorAlert>
          )}
          {users.status === 'ready' && (
            <Stack gap="xs" component="ul" aria-label="People you can sign in as" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
              {users.users.map((user) => (
                <li key={user.email}>
                  <Button
                    variant="default"
                    fullWidth
                    h="auto"
                    py="xs"
                    justify="space-between"
                    data-testid="sign-in-user"
                    data-email={user.email}
                    data-roles={user.roles.join(' ')}
                    disabled={pendingEmail !== null}
                    loading={pendingEmail === user.email}
                    onClick={() => void choose(user)}
                    rightSection={
                      <Group gap={4}>
                        {orderRoles(user.roles).map((role) => (
                          <Badge key={role} variant="light" size="sm">
                            {roleLabel(role)}
                          </Badge>
                        ))}
                      </Group>
                    }
                  >
                    <Stack gap={0} align="flex-start">
                      <Text size="sm" fw={600}>
                        Sign in as {user.name}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {user.title}
                      </Text>
                    </Stack>
                  </Button>
                </li>
              ))}
            </Stack>
          )}
        </Stack>
      </Card>
    </Center>
  );
}
