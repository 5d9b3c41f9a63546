import { useMutation } from '@apollo/client/react';
import { Button, Group, Modal, Stack, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { PersonSelect } from '../../components/person-select';
import { ProgrammeRecordManagementCommitmentDocument } from '../../gql/graphql';
import { serverFieldErrors } from '../../lib/errors';
import { todayIso } from '../../lib/format';
import { notifySuccess } from '../../lib/notify';

/** Top management minutes its commitment to the ISMS (clause 5.1): the decision, its sponsor and the date. */
export function CommitmentForm({ opened, onClose, onSaved }: { opened: boolean; onClose: () => void; onSaved: () => void }) {
  const [record, { loading, error, reset }] = useMutation(ProgrammeRecordManagementCommitmentDocument);
  const [failure, setFailure] = useState<unknown>(null);
  const form = useForm({
    mode: 'controlled',
    initialValues: { sponsorPersonId: null as string | null, decision: '', decidedOn: todayIso() },
    validate: {
      sponsorPersonId: (v) => (v ? null : 'Choose the executive sponsor'),
      decision: (v) => (v.trim().length < 10 ? 'State the decision as minuted (at least 10 characters)' : v.length > 10_000 ? 'At most 10,000 characters' : null),
      decidedOn: (v) => (!/^\d{4}-\d{2}-\d{2}$/.test(v) ? 'Enter the date of the decision' : v > todayIso() ? 'Record a decision once it is taken: the date cannot be in the future' : null),
    },
  });
  const close = () => {
    form.reset();
    reset();
    setFailure(null);
    onClose();
  };
  const submit = form.onSubmit(async (values) => {
    setFailure(null);
    try {
      await record({ variables: { input: { sponsorPersonId: values.sponsorPersonId ?? '', decision: values.decision.trim(), decidedOn: values.decidedOn } } });
      notifySuccess('Commitment recorded', 'The decision of top management is on record.');
      onSaved();
      close();
    } catch (e) {
      form.setErrors(serverFieldErrors(e));
      setFailure(e);
    }
  });
  return (
    <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened={opened} onClose={close} title="Record management commitment" size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          {(failure ?? error) ? <ErrorAlert title="The commitment was not recorded" error={failure ?? error} /> : null}
          <PersonSelect label="Executive sponsor" required value={form.values.sponsorPersonId} error={form.errors['sponsorPersonId']} onChange={(id) => form.setFieldValue('sponsorPersonId', id)} />
          <Textarea label="Decision, as minuted" required autosize minRows={3} {...form.getInputProps('decision')} />
          <TextInput label="Decided on" type="date" required max={todayIso()} {...form.getInputProps('decidedOn')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={loading}>
              Record
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
