import { useMutation } from '@apollo/client/react';
import { Alert, Button, Group, Modal, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import {
  ControlImplementationCreateDocument,
  ControlImplementationPageDocument,
  ControlImplementationUpdateDocument,
  type ControlImplementationPageQuery,
  type ControlTestFrequency,
  type ImplementationStatus,
} from '../../gql/graphql';
import { serverFieldErrors } from '../../lib/errors';
import { notifySuccess } from '../../lib/notify';
import { enumLabel, todayIso } from '../../lib/format';
import { PersonSelect, type PersonOption } from '../../components/person-select';
import { controlName, IMPLEMENTATION_LABELS } from './soa-labels';
import { errorCode, errorText, type Names } from './soa-text.rules';

export type ImplementationRow = ControlImplementationPageQuery['controlImplementationPage']['nodes'][number];

interface Values {
  controlId: string;
  unitId: string;
  status: ImplementationStatus;
  maturity: string;
  description: string;
  testProcedure: string;
  testFrequency: ControlTestFrequency | '';
  lastTestedOn: string;
  owner: PersonOption | null;
}

const FIELD_OF_CODE: Record<string, keyof Values> = {
  UNKNOWN_CONTROL: 'controlId',
  UNIT_NOT_IN_SCOPE: 'unitId',
  OUT_OF_SCOPE: 'unitId',
  ALREADY_IMPLEMENTED_IN_UNIT: 'unitId',
  TESTED_IN_FUTURE: 'lastTestedOn',
  TEST_PROCEDURE_REQUIRED: 'testProcedure',
  IMPLEMENTED_WITHOUT_DESCRIPTION: 'description',
};

const MATURITY = ['0 None', '1 Initial', '2 Repeatable', '3 Defined', '4 Managed', '5 Optimised'].map((label, value) => ({ value: String(value), label }));
const FREQUENCIES: ControlTestFrequency[] = ['MONTHLY', 'QUARTERLY', 'SEMI_ANNUALLY', 'ANNUALLY'];

function refusal(error: unknown, names: Names): string {
  if (errorCode(error) === 'OUT_OF_SCOPE') return 'As control owner you record implementations of your own units only. Ask your ISMS manager to record this one.';
  return errorText(error, names);
}

interface Props {
  /** The implementation to change; a new one when absent. */
  implementation?: ImplementationRow;
  controls: { id: string; title: string }[];
  units: { id: string; name: string }[];
  defaults?: { controlId?: string; unitId?: string };
  names: Names;
  onClose: () => void;
}

/** Record how a control is implemented in one unit, or change that record. */
export function ControlImplementationForm({ implementation, controls, units, defaults, names, onClose }: Props) {
  const [formError, setFormError] = useState<string | null>(null);
  const refetchQueries = [ControlImplementationPageDocument];
  const [create, createState] = useMutation(ControlImplementationCreateDocument, { refetchQueries, awaitRefetchQueries: true });
  const [update, updateState] = useMutation(ControlImplementationUpdateDocument, { refetchQueries, awaitRefetchQueries: true });
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: {
      controlId: implementation?.control.id ?? defaults?.controlId ?? '',
      unitId: implementation?.unit.id ?? defaults?.unitId ?? '',
      status: implementation?.status ?? 'PLANNED',
      maturity: String(implementation?.maturity ?? 0),
      description: implementation?.description ?? '',
      testProcedure: implementation?.testProcedure ?? '',
      testFrequency: implementation?.testFrequency ?? '',
      lastTestedOn: implementation?.lastTestedOn ?? '',
      owner: implementation?.owner ? { id: implementation.owner.id, name: implementation.owner.name } : null,
    },
    validate: {
      controlId: (value) => (!value ? 'Choose the control.' : null),
      unitId: (value) => (!value ? 'Choose the unit.' : null),
      description: (value, values) =>
        (values.status === 'IMPLEMENTED' || values.status === 'PARTIALLY_IMPLEMENTED') && !value.trim() ? 'Describe how the control is done in this unit.' : null,
      testProcedure: (value, values) => (values.testFrequency && !value.trim() ? 'A test frequency needs the test procedure it schedules.' : null),
      lastTestedOn: (value) => (value && value > todayIso() ? 'The last test cannot be in the future.' : null),
    },
  });

  const submit = async (values: Values) => {
    setFormError(null);
    const fields = {
      status: values.status,
      maturity: Number(values.maturity),
      description: values.description.trim(),
      testProcedure: values.testProcedure.trim() || null,
      testFrequency: values.testFrequency || null,
      lastTestedOn: values.lastTestedOn || null,
      ownerId: values.owner?.id ?? null,
    };
    const control = controls.find((c) => c.id === values.controlId);
    const unit = units.find((u) => u.id === values.unitId);
    try {
      if (implementation) await update({ variables: { id: implementation.id, input: fields } });
      else await create({ variables: { input: { ...fields, controlId: values.controlId, unitId: values.unitId } } });
      notifySuccess(implementation ? 'Implementation updated' : 'Implementation recorded', `${control ? controlName(control) : values.controlId} in ${unit?.name ?? implementation?.unit.name ?? 'the unit'}.`);
      onClose();
    } catch (error) {
      const errors: Partial<Record<keyof Values, string>> = {};
      for (const [field, message] of Object.entries(serverFieldErrors(error))) errors[(field === 'ownerId' ? 'owner' : field) as keyof Values] = message;
      const code = errorCode(error);
      if (code && FIELD_OF_CODE[code]) errors[FIELD_OF_CODE[code]] = refusal(error, names);
      form.setErrors(errors);
      if (Object.keys(errors).length === 0) setFormError(refusal(error, names));
    }
  };

  const title = implementation ? `${controlName(implementation.control)} in ${implementation.unit.name}` : 'Record an implementation';
  return (
    <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened onClose={onClose} title={title} size="lg" data-testid="implementation-form">
      <form onSubmit={form.onSubmit((values) => void submit(values))} noValidate>
        <Stack gap="md">
          {!implementation && (
            <SimpleGrid cols={2}>
              <Select label="Control" searchable withAsterisk data={controls.map((c) => ({ value: c.id, label: controlName(c) }))} {...form.getInputProps('controlId')} data-testid="implementation-control" />
              <Select label="Unit" searchable withAsterisk description="A unit of the approved ISMS scope." data={units.map((u) => ({ value: u.id, label: u.name }))} {...form.getInputProps('unitId')} data-testid="implementation-unit" />
            </SimpleGrid>
          )}
          <SimpleGrid cols={2}>
            <Select label="Status" allowDeselect={false} data={Object.entries(IMPLEMENTATION_LABELS).map(([value, label]) => ({ value, label }))} {...form.getInputProps('status')} data-testid="implementation-status" />
            <Select label="Maturity" allowDeselect={false} data={MATURITY} {...form.getInputProps('maturity')} data-testid="implementation-maturity" />
          </SimpleGrid>
          <Textarea label="How the control is done in this unit" autosize minRows={3} {...form.getInputProps('description')} data-testid="implementation-description" />
          <Textarea label="Test procedure" autosize minRows={2} {...form.getInputProps('testProcedure')} />
          <SimpleGrid cols={2}>
            <Select label="Test frequency" clearable placeholder="Not scheduled" data={FREQUENCIES.map((f) => ({ value: f, label: enumLabel(f) }))} {...form.getInputProps('testFrequency')} />
            <TextInput label="Last tested on" type="date" max={todayIso()} {...form.getInputProps('lastTestedOn')} />
          </SimpleGrid>
          <PersonSelect label="Accountable in the unit" value={form.values.owner?.id ?? null} selected={form.values.owner} onChange={(_, owner) => form.setFieldValue('owner', owner)} error={form.errors['owner']} data-testid="implementation-owner" />
          {formError && (
            <Alert color="red" variant="light" role="alert" title="Not saved" data-testid="implementation-error">
              {formError}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={createState.loading || updateState.loading} data-testid="implementation-save">
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
