import { Alert, Button, Group, List } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { describeError } from '../lib/errors';

interface ErrorAlertProps {
  /** What could not be done, e.g. "Could not load the risk register". */
  title: string;
  error: unknown;
  /** Offered when trying again may help. */
  onRetry?: () => void;
  testId?: string;
  children?: ReactNode;
}

/** An error in words the person can act on: what failed, why, and what to do (retry, sign in again). */
export function ErrorAlert({ title, error, onRetry, testId = 'error-alert', children }: ErrorAlertProps) {
  const described = describeError(error);
  return (
    <Alert color="red" variant="light" title={title} role="alert" data-testid={testId}>
      {described.summary}
      {described.details.length > 0 && (
        <List size="sm" mt="xs">
          {described.details.map((detail) => (
            <List.Item key={detail}>{detail}</List.Item>
          ))}
        </List>
      )}
      {(described.unauthenticated || (described.retryable && onRetry) || children) && (
        <Group mt="sm" gap="sm">
          {described.unauthenticated && (
            <Button component={Link} to="/sign-in" size="xs" variant="light" color="red">
              Sign in again
            </Button>
          )}
          {described.retryable && onRetry && (
            <Button size="xs" variant="light" color="red" onClick={onRetry}>
              Try again
            </Button>
          )}
          {children}
        </Group>
      )}
    </Alert>
  );
}
