import { useMutation } from '@apollo/client/react';
import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect, useState } from 'react';
import { PolicyReturnVersionToDraftDocument } from '../../gql/graphql';
import { notifySuccess } from '../../lib/notify';
import { policyFieldErrors } from './policy.errors';
import { PolicyRefusalAlert } from './policy-refusal.alert';

const COMMENT_MAX = 2000;

interface Props {
  policyTitle: string;
  version: { id: string; version: string };
  /** A programme manager withdrawing their own submission, rather than the approver sending it back. */
  withdraw: boolean;
  opened: boolean;
  onClose: () => void;
}

/**
 * Sends a version waiting for approval back to draft with the reason, which its author then reads with the draft: the
 * approver returns it, or a programme manager withdraws it to change something.
 */
export function PolicyReturnModal({ policyTitle, version, withdraw, opened, onClose }: Props) {
  const [send, { loading }] = useMutation(PolicyReturnVersionToDraftDocument, { refetchQueries: ['PolicyDetail', 'PolicyApprovalsQueue'] });
  const [failure, setFailure] = useState<unknown>(null);
  const form = useForm({
    mode: 'controlled',
    initialValues: { comment: '' },
    validate: {
      comment: (value) =>
        value.trim() === ''
          ? withdraw
            ? 'Say why you withdraw it, so the approver and the author know'
            : 'Say what should change, so its author knows'
          : value.trim().length > COMMENT_MAX
            ? `At most ${COMMENT_MAX.toLocaleString('en-GB')} characters (now ${value.trim().length.toLocaleString('en-GB')})`
            : null,
    },
  });
  const { reset } = form;
  useEffect(() => {
    if (opened) {
      reset();
      setFailure(null);
    }
  }, [opened, reset]);

  const submit = form.onSubmit(async ({ comment }) => {
    setFailure(null);
    try {
      await send({ variables: { versionId: version.id, comment: comment.trim() } });
      notifySuccess(
        withdraw ? `Version ${version.version} withdrawn` : `Version ${version.version} returned to draft`,
        withdraw ? `“${policyTitle}” is a draft again: edit it and submit it once more.` : `The author of “${policyTitle}” sees your reason with the draft.`,
      );
      onClose();
    } catch (caught) {
      const fields = policyFieldErrors(caught);
      form.setErrors(fields);
      // A refusal about the comment shows on the field; anything else (role, state) above the form.
      if (!fields['comment']) setFailure(caught);
    }
  });

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={withdraw ? `Withdraw version ${version.version} to draft` : `Return version ${version.version} to draft`}
      closeButtonProps={{ 'aria-label': 'Close' }}
    >
      <form onSubmit={submit} noValidate data-testid="policy-return-form">
        <Stack>
          {failure !== null && <PolicyRefusalAlert title={`Version ${version.version} was not ${withdraw ? 'withdrawn' : 'returned'}`} error={failure} />}
          <Text size="sm">
            {withdraw
              ? `“${policyTitle}” ${version.version} leaves the approver's list and becomes a draft you can edit; submit it again when it is ready.`
              : `“${policyTitle}” ${version.version} goes back to its author as a draft, with your reason. The version in force, if any, does not change.`}
          </Text>
          <Textarea
            label={withdraw ? 'Why you withdraw it' : 'What should change'}
            required
            autosize
            minRows={3}
            maxRows={10}
            data-autofocus
            data-testid="policy-return-comment-input"
            {...form.getInputProps('comment')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={loading} data-testid="policy-return-confirm">
              {withdraw ? 'Withdraw to draft' : 'Return to draft'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
