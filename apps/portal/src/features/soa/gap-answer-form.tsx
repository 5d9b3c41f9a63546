import { useMutation } from '@apollo/client/react';
import { Alert, Button, Group, Modal, Radio, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { GapAnalysisAnswerDocument, GapAnalysisPageDocument, type GapAnalysisPageQuery, type GapStatus } from '../../gql/graphql';
import { serverFieldErrors } from '../../lib/errors';
import { notifySuccess } from '../../lib/notify';
import { PersonSelect, type PersonOption } from '../../components/person-select';
import { GAP_STATUS_LABELS } from './soa-labels';
import { errorCode, errorText } from './soa-text.rules';

export type GapItem = GapAnalysisPageQuery['gapAssessments'][number];

interface Values {
  status: GapStatus | '';
  currentState: string;
  gap: string;
  remediationAction: string;
  remediationOwner: PersonOption | null;
  remediationDueOn: string;
}

const FIELD_OF_CODE: Record<string, keyof Values> = {
  CURRENT_STATE_REQUIRED: 'currentState',
  GAP_REQUIRED: 'gap',
  REMEDIATION_INCOMPLETE: 'remediationAction',
};

const SCALE: { value: GapStatus; detail: string }[] = [
  { value: 'NOT_IN_PLACE', detail: 'nothing exists yet (0 of 3)' },
  { value: 'PARTIAL', detail: 'some of it exists (1 of 3)' },
  { value: 'LARGELY', detail: 'in place with minor gaps (2 of 3)' },
  { value: 'FULLY', detail: 'operating, with evidence (3 of 3)' },
];

export function itemName(item: { itemId: string; title: string; kind: string }): string {
  return item.kind === 'CLAUSE' ? `Clause ${item.itemId} ${item.title}` : `${item.itemId} ${item.title}`;
}

/** Answers one question of the gap questionnaire: where it stands, what is missing and who closes the gap by when. */
export function GapAnswerForm({ item, question, onClose }: { item: GapItem; question?: string; onClose: () => void }) {
  const [formError, setFormError] = useState<string | null>(null);
  const [answer, { loading }] = useMutation(GapAnalysisAnswerDocument, { refetchQueries: [GapAnalysisPageDocument], awaitRefetchQueries: true });
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: {
      status: item.status ?? '',
      currentState: item.currentState ?? '',
      gap: item.gap ?? '',
      remediationAction: item.remediationAction ?? '',
      remediationOwner: item.remediationOwner ? { id: item.remediationOwner.id, name: item.remediationOwner.name } : null,
      remediationDueOn: item.remediationDueOn ?? '',
    },
    validate: {
      status: (value) => (!value ? 'Choose how far this is in place.' : null),
      currentState: (value) => (!value.trim() ? 'Describe what exists today.' : null),
      gap: (value, values) => (values.status && values.status !== 'FULLY' && !value.trim() ? 'Describe what is missing (required unless fully in place).' : null),
      remediationAction: (value, values) => (!value.trim() && (values.remediationOwner || values.remediationDueOn) ? 'An owner or due date needs the remediation action.' : null),
    },
  });

  const submit = async (values: Values) => {
    setFormError(null);
    try {
      await answer({
        variables: {
          input: {
            answers: [
              {
                itemId: item.itemId,
                status: values.status as GapStatus,
                currentState: values.currentState.trim(),
                gap: values.gap.trim() || null,
                remediationAction: values.remediationAction.trim() || null,
                remediationOwnerId: values.remediationOwner?.id ?? null,
                remediationDueOn: values.remediationDueOn || null,
              },
            ],
          },
        },
      });
      notifySuccess('Answer saved', `${itemName(item)}: ${GAP_STATUS_LABELS[values.status as GapStatus].toLowerCase()}.`);
      onClose();
    } catch (error) {
      const errors: Partial<Record<keyof Values, string>> = {};
      for (const [field, message] of Object.entries(serverFieldErrors(error))) errors[(field === 'remediationOwnerId' ? 'remediationOwner' : field) as keyof Values] = message;
      const code = errorCode(error);
      if (code && FIELD_OF_CODE[code]) errors[FIELD_OF_CODE[code]] = errorText(error);
      form.setErrors(errors);
      if (Object.keys(errors).length === 0) setFormError(errorText(error));
    }
  };

  return (
    <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened onClose={onClose} title={itemName(item)} size="lg" data-testid="gap-answer-form">
      <form onSubmit={form.onSubmit((values) => void submit(values))} noValidate>
        <Stack gap="md">
          {question && <Text size="sm">{question}</Text>}
          <Radio.Group label="How far is it in place?" withAsterisk {...form.getInputProps('status')} data-testid="gap-answer-status">
            <Stack gap={6} mt="xs">
              {SCALE.map((option) => (
                <Radio key={option.value} value={option.value} label={`${GAP_STATUS_LABELS[option.value]}: ${option.detail}`} />
              ))}
            </Stack>
          </Radio.Group>
          <Textarea label="Current state" description="What exists today." withAsterisk autosize minRows={2} {...form.getInputProps('currentState')} data-testid="gap-answer-current" />
          <Textarea label="Gap" description="What is missing; required unless fully in place." autosize minRows={2} {...form.getInputProps('gap')} data-testid="gap-answer-gap" />
          <Textarea label="Remediation action" autosize minRows={2} {...form.getInputProps('remediationAction')} />
          <SimpleGrid cols={2}>
            <PersonSelect label="Remediation owner" value={form.values.remediationOwner?.id ?? null} selected={form.values.remediationOwner} onChange={(_, owner) => form.setFieldValue('remediationOwner', owner)} error={form.errors['remediationOwner']} />
            <TextInput label="Remediation due on" type="date" {...form.getInputProps('remediationDueOn')} />
          </SimpleGrid>
          {formError && (
            <Alert color="red" variant="light" role="alert" title="The answer was not saved">
              {formError}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={loading} data-testid="gap-answer-save">
              Save the answer
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
