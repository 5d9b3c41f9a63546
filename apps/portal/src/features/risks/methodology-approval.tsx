import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { RiskApproveMethodologyDocument, RiskMethodologyPageDocument, RiskMethodologyPendingDraftDocument, RiskRejectMethodologyDocument } from '../../gql/graphql';
import { formatDateTime } from '../../lib/format';
import { notifySuccess } from '../../lib/notify';

/**
 * The methodology version awaiting approval, for those who approve it: approve (and so publish) or reject it. The API
 * refuses its submitter and anyone who revised it (segregation of duties); the refusal is shown in words.
 */
export function PendingMethodologyDraft({ onPublished }: { onPublished: () => void }) {
  const { data } = useQuery(RiskMethodologyPendingDraftDocument);
  const refetch = { refetchQueries: [{ query: RiskMethodologyPendingDraftDocument }, { query: RiskMethodologyPageDocument, variables: { version: null } }], awaitRefetchQueries: true };
  const [approve, { loading: approving }] = useMutation(RiskApproveMethodologyDocument, refetch);
  const [reject, { loading: rejecting }] = useMutation(RiskRejectMethodologyDocument, refetch);
  const [failure, setFailure] = useState<unknown>(null);
  const [reason, setReason] = useState('');
  const draft = data?.riskMethodologyDrafts[0];
  if (!draft) return null;
  const run = async (action: () => Promise<unknown>) => {
    setFailure(null);
    try {
      await action();
    } catch (error) {
      setFailure(error);
    }
  };
  return (
    <Alert color="blue" variant="light" title={`Version ${draft.proposed.version} awaits approval`} data-testid="methodology-pending">
      <Stack gap="xs">
        <Text size="sm">
          Submitted {formatDateTime(draft.submittedAt)}; risk appetite {draft.proposed.appetite}
          {draft.proposed.notes ? `: “${draft.proposed.notes}”` : ''}.
        </Text>
        {failure !== null && <ErrorAlert title="Not done" error={failure} />}
        <Group gap="xs" align="flex-end">
          <Button
            size="xs"
            loading={approving}
            data-testid="methodology-approve"
            onClick={() =>
              void run(async () => {
                const result = await approve({ variables: { id: draft.id } });
                notifySuccess('Methodology published', `Version ${result.data?.approveRiskMethodology.version} is now in force; existing assessments keep their version.`);
                onPublished();
              })
            }
          >
            Approve and publish
          </Button>
          <TextInput size="xs" label="Reason to reject" value={reason} onChange={(event) => setReason(event.currentTarget.value)} data-testid="methodology-reject-reason" />
          <Button size="xs" variant="default" loading={rejecting} disabled={!reason.trim()} data-testid="methodology-reject" onClick={() => void run(() => reject({ variables: { id: draft.id, reason: reason.trim() } }))}>
            Reject
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
