import { useMutation } from '@apollo/client/react';
import { Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { ProgrammeReturnScopeToDraftDocument, type ProgrammeScopeVersionFragment } from '../../gql/graphql';
import { serverFieldErrors } from '../../lib/errors';
import { notifySuccess } from '../../lib/notify';

/**
 * Sends a version waiting for approval back to draft, with the reason: top management returns it, or the programme
 * manager withdraws it to change something.
 */
export function ScopeReturnForm({ scope, withdraw, onClose, onDone }: { scope: ProgrammeScopeVersionFragment; withdraw: boolean; onClose: () => void; onDone: () => void }) {
  const [send, { loading }] = useMutation(ProgrammeReturnScopeToDraftDocument);
  const [failure, setFailure] = useState<unknown>(null);
  const form = useForm({
    mode: 'controlled',
    initialValues: { comment: '' },
    validate: { comment: (v) => (v.trim() === '' ? (withdraw ? 'Say why you withdraw it' : 'Say what should change, so the author knows') : v.length > 2000 ? 'At most 2,000 characters' : null) },
  });
  const submit = form.onSubmit(async ({ comment }) => {
    setFailure(null);
    try {
      await send({ variables: { id: scope.id, comment: comment.trim() } });
      notifySuccess(withdraw ? `Version ${scope.version} withdrawn` : `Version ${scope.version} returned to draft`, withdraw ? 'It is a draft again: edit it and submit it once more.' : 'The ISMS manager sees your reason with the draft.');
      onDone();
      onClose();
    } catch (e) {
      form.setErrors(serverFieldErrors(e));
      setFailure(e);
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {failure ? <ErrorAlert title={`Version ${scope.version} was not ${withdraw ? 'withdrawn' : 'returned'}`} error={failure} /> : null}
        <Text size="sm">
          {withdraw
            ? `Version ${scope.version} goes back to draft and leaves top management's approvals until you submit it again.`
            : `Version ${scope.version} goes back to the ISMS manager as a draft. The scope in force does not change.`}
        </Text>
        <Textarea label={withdraw ? 'Why you withdraw it' : 'What should change'} required autosize minRows={3} data-autofocus {...form.getInputProps('comment')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={loading} color={withdraw ? undefined : 'red.9'} data-testid="confirm-return-scope">
            {withdraw ? 'Withdraw' : 'Return to draft'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
