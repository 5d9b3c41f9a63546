import { useMutation } from '@apollo/client/react';
import { Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect } from 'react';
import { ErrorAlert } from '../../../components/error-alert';
import { PersonSelect, type PersonOption } from '../../../components/person-select';
import { CompetenceRecordDocument } from '../../../gql/graphql';
import { todayIso } from '../../../lib/format';
import { notifySuccess } from '../../../lib/notify';
import { RECORD_KINDS } from './competence.format';
import { recordErrors, type RecordValues as Values } from './record-competence.rules';

interface Props {
  opened: boolean;
  onClose: () => void;
  competences: { id: string; name: string }[];
  person: PersonOption | null;
  competenceId: string | null;
}

/** Records a person's competence (never one's own: the API refuses it, and says so). */
export function RecordCompetenceModal({ opened, onClose, competences, person, competenceId }: Props) {
  const [record, { error, loading, reset }] = useMutation(CompetenceRecordDocument, { refetchQueries: ['CompetenceUnitGaps', 'CompetencePeopleGaps'] });
  const form = useForm<Values>({
    initialValues: { personId: null, competenceId: null, kind: 'TRAINING', title: '', obtainedOn: todayIso(), validUntil: '', issuer: '', evidenceItemId: '' },
    validate: (values) => recordErrors(values, todayIso()),
  });
  const { setValues } = form;
  useEffect(() => {
    if (!opened) return;
    reset();
    setValues({ personId: person?.id ?? null, competenceId, kind: 'TRAINING', title: '', obtainedOn: todayIso(), validUntil: '', issuer: '', evidenceItemId: '' });
    // Only when the dialog opens for a person: not on every keystroke.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [opened, person?.id, competenceId]);

  const submit = form.onSubmit(async (values) => {
    reset();
    const result = await record({
      variables: {
        input: {
          personId: values.personId as string,
          competenceId: values.competenceId as string,
          kind: values.kind,
          title: values.title,
          obtainedOn: values.obtainedOn,
          validUntil: values.validUntil || null,
          issuer: values.issuer.trim() || null,
          evidenceItemId: values.evidenceItemId.trim() || null,
        },
      },
    }).catch(() => null);
    const saved = result?.data?.recordCompetence;
    if (!saved) return;
    notifySuccess('Competence recorded', `“${saved.competence.name}” is recorded.`);
    onClose();
  });

  return (
    <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened={opened} onClose={onClose} title="Record a competence" size="lg">
      <form onSubmit={submit} noValidate data-testid="record-competence-form">
        <Stack gap="sm">
          {error && <ErrorAlert title="The competence was not recorded" error={error} testId="record-competence-error" />}
          <PersonSelect
            label="Person"
            withAsterisk
            value={form.values.personId}
            selected={person}
            onChange={(id) => form.setFieldValue('personId', id)}
            error={form.errors['personId']}
            data-testid="record-person"
          />
          <Select
            label="Competence"
            withAsterisk
            searchable
            allowDeselect={false}
            data={competences.map((competence) => ({ value: competence.id, label: competence.name }))}
            {...form.getInputProps('competenceId')}
            data-testid="record-competence"
          />
          <Select label="Shown by" withAsterisk data={RECORD_KINDS} allowDeselect={false} {...form.getInputProps('kind')} data-testid="record-kind" />
          <TextInput label="Title" description="The course, certificate or experience" withAsterisk {...form.getInputProps('title')} data-testid="record-title" />
          <Group grow>
            <TextInput type="date" label="Obtained on" withAsterisk {...form.getInputProps('obtainedOn')} data-testid="record-obtained" />
            <TextInput type="date" label="Valid until" description="Leave empty if it does not expire" {...form.getInputProps('validUntil')} data-testid="record-valid-until" />
          </Group>
          <TextInput label="Issuer" {...form.getInputProps('issuer')} data-testid="record-issuer" />
          <TextInput label="Evidence item id" description="Optional: the evidence register's item that backs the record" {...form.getInputProps('evidenceItemId')} data-testid="record-evidence" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={loading} data-testid="record-submit">
              Record competence
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
