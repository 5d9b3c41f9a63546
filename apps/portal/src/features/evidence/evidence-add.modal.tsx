import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, Group, Modal, MultiSelect, Stack, Textarea, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { UnitSelect } from '../../components/unit-select';
import { EvidenceAddDocument, EvidenceFilterOptionsDocument } from '../../gql/graphql';
import { notifySuccess } from '../../lib/notify';
import { contentErrors, contentInput, EMPTY_CONTENT, EvidenceContentFields, type ContentValues } from './evidence-content.fields';
import { evidenceFieldErrors, evidenceRefusal } from './evidence.errors';

interface Props {
  opened: boolean;
  onClose: () => void;
  /** Preselected control and unit (e.g. from a control's page). */
  initialControlIds?: string[];
  initialUnitId?: string | null;
}

type Errors = Record<string, string | undefined>;

/**
 * Collects a new evidence item in a department: what it is, the controls it shows operate, until when it holds, and
 * its first version (a file dropped here, a link or a note). It then waits for an ISMS manager's review.
 */
export function EvidenceAddModal({ opened, onClose, initialControlIds = [], initialUnitId = null }: Props) {
  const navigate = useNavigate();
  const options = useQuery(EvidenceFilterOptionsDocument, { skip: !opened });
  const [add, { loading }] = useMutation(EvidenceAddDocument, { refetchQueries: ['EvidenceRegister', 'EvidenceReviewQueue'] });
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [unitId, setUnitId] = useState<string | null>(initialUnitId);
  const [controlIds, setControlIds] = useState<string[]>(initialControlIds);
  const [validUntil, setValidUntil] = useState('');
  const [content, setContent] = useState<ContentValues>(EMPTY_CONTENT);
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    if (!opened) return;
    setTitle('');
    setDescription('');
    setUnitId(initialUnitId);
    setControlIds(initialControlIds);
    setValidUntil('');
    setContent(EMPTY_CONTENT);
    setErrors({});
    setFailure(null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [opened]);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setFailure(null);
    const found: Errors = {
      ...(title.trim() ? {} : { title: 'Give the evidence a title people will recognise' }),
      ...(unitId ? {} : { unitId: 'Choose the department the evidence belongs to' }),
      ...(controlIds.length > 0 ? {} : { controlIds: 'Choose at least one control the evidence supports' }),
      ...contentErrors(content),
    };
    setErrors(found);
    if (Object.values(found).some(Boolean)) return;
    try {
      const { data } = await add({
        variables: {
          input: {
            title: title.trim(),
            description: description.trim() || null,
            unitId: unitId as string,
            controlIds,
            validUntil: validUntil || null,
            content: contentInput(content),
          },
        },
      });
      notifySuccess('Evidence collected', `“${title.trim()}” waits for review by the ISMS manager.`);
      onClose();
      if (data?.addEvidence.id) void navigate(`/evidence/${data.addEvidence.id}`);
    } catch (caught) {
      const fields = evidenceFieldErrors(caught);
      setErrors(fields);
      if (Object.keys(fields).length === 0) setFailure(evidenceRefusal(caught));
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title="Add evidence" size="lg" closeButtonProps={{ 'aria-label': 'Close' }}>
      <form onSubmit={(event) => void submit(event)} noValidate data-testid="evidence-add-form">
        <Stack>
          {failure && (
            <Alert color="red" variant="light" title="The evidence was not added" role="alert" data-testid="evidence-add-refusal">
              {failure}
            </Alert>
          )}
          <TextInput label="Title" required value={title} onChange={(event) => setTitle(event.currentTarget.value)} error={errors['title']} data-autofocus />
          <Textarea label="Description" autosize minRows={2} maxRows={6} value={description} onChange={(event) => setDescription(event.currentTarget.value)} />
          <UnitSelect label="Department" required value={unitId} onChange={setUnitId} error={errors['unitId']} />
          <MultiSelect
            label="Controls it supports"
            required
            searchable
            data={(options.data?.controls ?? []).map((control) => ({ value: control.id, label: `${control.id} ${control.title}` }))}
            value={controlIds}
            onChange={setControlIds}
            error={errors['controlIds']}
            nothingFoundMessage={options.error ? 'The controls could not be loaded; try again.' : 'No control of that name'}
            clearButtonProps={{ 'aria-label': 'Clear the chosen controls' }}
          />
          <TextInput label="Valid until" type="date" value={validUntil} onChange={(event) => setValidUntil(event.currentTarget.value)} error={errors['validUntil']} description="After this day the evidence no longer counts; leave empty if it does not go stale." />
          <EvidenceContentFields values={content} onChange={setContent} unitId={unitId} errors={{ file: errors['file'], url: errors['url'], note: errors['note'] }} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={loading} data-testid="evidence-add-submit">
              Add evidence
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
