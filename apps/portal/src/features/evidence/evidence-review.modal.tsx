import { useMutation } from '@apollo/client/react';
import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useEffect, useState } from 'react';
import { EvidenceReviewDocument, type EvidenceDecision } from '../../gql/graphql';
import { notifySuccess } from '../../lib/notify';
import { evidenceFieldErrors, evidenceRefusal } from './evidence.errors';

const REASON_MAX = 2000;

interface Props {
  item: { id: string; title: string; versionNumber: number };
  /** APPROVED (accept) or REJECTED; null keeps the dialog closed. */
  decision: EvidenceDecision | null;
  onClose: () => void;
}

/**
 * Accepts or rejects the current version of an item, for the version the reviewer looked at. A rejection needs a
 * reason (the collector reads it); an acceptance may carry one. The API refuses a reviewer who collected it.
 */
export function EvidenceReviewModal({ item, decision, onClose }: Props) {
  const [review, { loading }] = useMutation(EvidenceReviewDocument, { refetchQueries: ['EvidenceReviewQueue', 'EvidenceRegister', 'EvidenceDetail'] });
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const rejecting = decision === 'REJECTED';
  useEffect(() => {
    if (decision) {
      setReason('');
      setReasonError(null);
      setFailure(null);
    }
  }, [decision]);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const text = reason.trim();
    if (rejecting && !text) return setReasonError('Say why it is rejected, so the collector knows what to bring');
    if (text.length > REASON_MAX) return setReasonError(`At most ${REASON_MAX.toLocaleString('en-GB')} characters (now ${text.length.toLocaleString('en-GB')})`);
    setReasonError(null);
    try {
      await review({ variables: { input: { id: item.id, decision: decision as EvidenceDecision, reason: text || null, versionNumber: item.versionNumber } } });
      notifySuccess(rejecting ? 'Evidence rejected' : 'Evidence accepted', rejecting ? `The collector of “${item.title}” sees your reason.` : `“${item.title}” now counts for its controls.`);
      onClose();
    } catch (caught) {
      const fields = evidenceFieldErrors(caught);
      if (fields['reason']) setReasonError(fields['reason']);
      else setFailure(evidenceRefusal(caught));
    }
  };

  return (
    <Modal opened={decision !== null} onClose={onClose} title={rejecting ? `Reject version ${item.versionNumber}` : `Accept version ${item.versionNumber}`} closeButtonProps={{ 'aria-label': 'Close' }}>
      <form onSubmit={(event) => void submit(event)} noValidate data-testid="evidence-review-form">
        <Stack>
          {failure && (
            <Alert color="red" variant="light" title={rejecting ? 'The evidence was not rejected' : 'The evidence was not accepted'} role="alert" data-testid="evidence-review-refusal">
              {failure}
            </Alert>
          )}
          <Text size="sm">
            {rejecting
              ? `“${item.title}” goes back to its collector with your reason; it does not count for its controls until a new version is accepted.`
              : `“${item.title}” counts for the controls it is mapped to until its validity ends.`}
          </Text>
          <Textarea
            label={rejecting ? 'Reason for rejecting' : 'Note (optional)'}
            required={rejecting}
            autosize
            minRows={3}
            maxRows={8}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            error={reasonError}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" color={rejecting ? 'red.9' : undefined} loading={loading} data-testid="evidence-review-confirm">
              {rejecting ? 'Reject' : 'Accept'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
