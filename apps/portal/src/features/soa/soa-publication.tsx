import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { SoaApproveVersionDocument, SoaEditorPageDocument, SoaPendingSubmissionDocument, SoaRejectVersionDocument, SoaSubmitVersionDocument } from '../../gql/graphql';
import { formatDate } from '../../lib/format';
import { errorText } from './soa-text.rules';

/** Submits the SoA as it is now for approval as the next version; someone else approves it (segregation of duties). */
export function SubmitVersionModal({ nextNumber, onClose, onSubmitted }: { nextNumber: number; onClose: () => void; onSubmitted: (note: string) => void }) {
  const [submitVersion, { loading }] = useMutation(SoaSubmitVersionDocument, { refetchQueries: [{ query: SoaPendingSubmissionDocument }], awaitRefetchQueries: true });
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    mode: 'controlled',
    initialValues: { note: '' },
    validate: { note: (value: string) => (!value.trim() ? 'Say what this version is for (e.g. “Stage 2 audit baseline”).' : value.trim().length > 2_000 ? 'At most 2,000 characters.' : null) },
  });
  const submit = async ({ note }: { note: string }) => {
    setFormError(null);
    try {
      const result = await submitVersion({ variables: { note: note.trim() } });
      const submitted = result.data?.submitSoaVersion;
      if (submitted) onSubmitted(submitted.note);
    } catch (error) {
      const text = errorText(error);
      if (/note/i.test(text)) form.setFieldError('note', text);
      else setFormError(text);
    }
  };
  return (
    <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened onClose={onClose} title={`Submit version ${nextNumber} for approval`} data-testid="soa-publish-form">
      <form onSubmit={form.onSubmit((values) => void submit(values))} noValidate>
        <Stack gap="md">
          <Text size="sm">
            Submits the Statement of Applicability as it is now (all 93 controls) as version {nextNumber}. It is published when someone else approves it: not you, and
            nobody who changed the SoA since the last version. Auditors see the latest published version; it cannot be changed afterwards.
          </Text>
          <Textarea label="Note" description="What this version is for, e.g. the audit it is issued for." withAsterisk autosize minRows={2} {...form.getInputProps('note')} data-testid="soa-publish-note" />
          {formError && (
            <Alert color="red" variant="light" role="alert" title="The version was not submitted">
              {formError}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={loading} data-testid="soa-publish-confirm">
              Submit for approval
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/**
 * The version awaiting approval, for those who approve SoA versions: approve and publish it, or reject it with a
 * reason. The API refuses the submitter and anyone who changed the SoA since the last version; the refusal is said here.
 */
export function PendingSubmission({ nextNumber, onPublished }: { nextNumber: number; onPublished: (number: number, note: string) => void }) {
  const { data } = useQuery(SoaPendingSubmissionDocument);
  const refetch = { refetchQueries: [{ query: SoaPendingSubmissionDocument }, { query: SoaEditorPageDocument }], awaitRefetchQueries: true };
  const [approve, { loading: approving }] = useMutation(SoaApproveVersionDocument, refetch);
  const [reject, { loading: rejecting }] = useMutation(SoaRejectVersionDocument, refetch);
  const [problem, setProblem] = useState<string | null>(null);
  const [rejectOpen, setRejectOpen] = useState(false);
  const [reason, setReason] = useState('');
  const pending = data?.soaVersionSubmissions[0];
  if (!pending) return null;

  const onApprove = async () => {
    setProblem(null);
    try {
      const result = await approve({ variables: { id: pending.id } });
      const version = result.data?.approveSoaVersion;
      if (version) onPublished(version.number, version.note);
    } catch (error) {
      setProblem(errorText(error));
    }
  };
  const onReject = async () => {
    if (!reason.trim()) {
      setProblem('Say why the version is rejected.');
      return;
    }
    setProblem(null);
    try {
      await reject({ variables: { id: pending.id, reason: reason.trim() } });
      setRejectOpen(false);
      setReason('');
    } catch (error) {
      setProblem(errorText(error));
    }
  };
  return (
    <Alert color="blue" variant="light" title={`Version ${nextNumber} awaits approval`} data-testid="soa-pending-submission">
      <Stack gap="xs">
        <Text size="sm">
          “{pending.note}”, submitted by {pending.submittedByName ?? 'someone'} on {formatDate(pending.submittedAt)}.
        </Text>
        {problem && (
          <Text size="sm" c="red.9" role="alert" data-testid="soa-approval-problem">
            {problem}
          </Text>
        )}
        <Group gap="xs">
          <Button size="xs" onClick={() => void onApprove()} loading={approving} data-testid="soa-approve">
            Approve and publish
          </Button>
          <Button size="xs" variant="default" onClick={() => setRejectOpen(true)} data-testid="soa-reject">
            Reject
          </Button>
        </Group>
      </Stack>
      {rejectOpen && (
        <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened onClose={() => setRejectOpen(false)} title={`Reject version ${nextNumber}`}>
          <Stack gap="md">
            <Textarea label="Reason" withAsterisk autosize minRows={2} value={reason} onChange={(event) => setReason(event.currentTarget.value)} data-testid="soa-reject-reason" />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setRejectOpen(false)}>
                Cancel
              </Button>
              <Button color="red" onClick={() => void onReject()} loading={rejecting} data-testid="soa-reject-confirm">
                Reject
              </Button>
            </Group>
          </Stack>
        </Modal>
      )}
    </Alert>
  );
}
