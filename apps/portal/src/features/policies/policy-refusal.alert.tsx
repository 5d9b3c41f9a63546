import { Alert } from '@mantine/core';
import { ErrorAlert } from '../../components/error-alert';
import { policyRefusal } from './policy.errors';

/** A refused policy step: the API's own reason when it is about this policy (role, authorship, state), else the general one. */
export function PolicyRefusalAlert({ title, error }: { title: string; error: unknown }) {
  const words = policyRefusal(error);
  if (!words) return <ErrorAlert title={title} error={error} />;
  return (
    <Alert color="red" variant="light" title={title} role="alert" data-testid="error-alert">
      {words}
    </Alert>
  );
}
