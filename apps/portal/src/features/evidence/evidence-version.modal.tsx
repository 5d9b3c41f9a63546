import { useMutation } from '@apollo/client/react';
import { Alert, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { EvidenceAddVersionDocument } from '../../gql/graphql';
import { notifySuccess } from '../../lib/notify';
import { contentErrors, contentInput, EMPTY_CONTENT, EvidenceContentFields, type ContentValues } from './evidence-content.fields';
import { evidenceFieldErrors, evidenceRefusal } from './evidence.errors';

interface Props {
  item: { id: string; title: string; unitId: string | null; validUntil: string | null; versionNumber: number };
  opened: boolean;
  onClose: () => void;
}

/** A new version supersedes the current one (kept in the history) and waits for review again. */
export function EvidenceVersionModal({ item, opened, onClose }: Props) {
  const [addVersion, { loading }] = useMutation(EvidenceAddVersionDocument, { refetchQueries: ['EvidenceRegister', 'EvidenceReviewQueue', 'EvidenceDetail'] });
  const [content, setContent] = useState<ContentValues>(EMPTY_CONTENT);
  const [validUntil, setValidUntil] = useState('');
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    if (!opened) return;
    setContent(EMPTY_CONTENT);
    setValidUntil(item.validUntil ?? '');
    setErrors({});
    setFailure(null);
  }, [opened, item.validUntil]);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const found = contentErrors(content);
    setErrors(found);
    if (Object.values(found).some(Boolean)) return;
    try {
      await addVersion({ variables: { input: { evidenceId: item.id, content: contentInput(content), validUntil: validUntil || null } } });
      notifySuccess(`Version ${item.versionNumber + 1} added`, `“${item.title}” waits for review again.`);
      onClose();
    } catch (caught) {
      const fields = evidenceFieldErrors(caught);
      setErrors(fields);
      if (Object.keys(fields).length === 0) setFailure(evidenceRefusal(caught));
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title={`New version of “${item.title}”`} size="lg" closeButtonProps={{ 'aria-label': 'Close' }}>
      <form onSubmit={(event) => void submit(event)} noValidate data-testid="evidence-version-form">
        <Stack>
          {failure && (
            <Alert color="red" variant="light" title="The version was not added" role="alert" data-testid="evidence-version-refusal">
              {failure}
            </Alert>
          )}
          <Text size="sm">Version {item.versionNumber + 1} supersedes version {item.versionNumber}, which stays in the history.</Text>
          <EvidenceContentFields values={content} onChange={setContent} unitId={item.unitId} errors={{ file: errors['file'], url: errors['url'], note: errors['note'] }} />
          <TextInput label="Valid until" type="date" value={validUntil} onChange={(event) => setValidUntil(event.currentTarget.value)} error={errors['validUntil']} description="After this day the evidence no longer counts." />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={loading} data-testid="evidence-version-submit">
              Add version
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
