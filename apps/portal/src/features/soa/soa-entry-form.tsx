import { useMutation } from '@apollo/client/react';
import { Alert, Button, Checkbox, Group, Modal, Radio, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { SoaEditorPageDocument, SoaSetApplicabilityDocument, SoaUpdateEntryDocument, type ImplementationStatus, type SoaEditorPageQuery, type SoaReason } from '../../gql/graphql';
import { serverFieldErrors } from '../../lib/errors';
import { notifySuccess } from '../../lib/notify';
import { PeoplePicker, type PersonOption } from './person-picker';
import { controlName, IMPLEMENTATION_LABELS, MANUAL_REASONS, REASON_LABELS } from './soa-labels';
import { errorCode, errorText, type Names } from './soa-text.rules';

export type SoaEntryRow = SoaEditorPageQuery['statementOfApplicability'][number];

interface Values {
  /** '' while an undecided control stays undecided. */
  applicability: 'applicable' | 'excluded' | '';
  reasons: SoaReason[];
  justification: string;
  implementationStatus: ImplementationStatus;
  owners: PersonOption[];
  changeReason: string;
}

/** Which form field a refusal of the SoA mutations concerns, by the API's error code. */
const FIELD_OF_CODE: Record<string, keyof Values> = {
  JUSTIFICATION_REQUIRED: 'justification',
  REASON_REQUIRED: 'reasons',
  REASONS_WITHOUT_APPLICABILITY: 'reasons',
  RISK_TREATMENT_NOT_LINKED: 'reasons',
  REQUIRED_BY_RISKS: 'applicability',
  NOT_APPLICABLE: 'implementationStatus',
  CHANGE_REASON_REQUIRED: 'changeReason',
  DUPLICATE_IDS: 'owners',
};

const FIELD_OF_INPUT: Record<string, keyof Values> = { ownerIds: 'owners', applicable: 'applicability' };

/** The field errors of a refused SoA change: validation fields and domain codes, with names in place of ids. */
export function soaFieldErrors(error: unknown, names: Names): Partial<Record<keyof Values, string>> {
  const result: Partial<Record<keyof Values, string>> = {};
  for (const [field, message] of Object.entries(serverFieldErrors(error))) result[FIELD_OF_INPUT[field] ?? (field as keyof Values)] = message;
  const code = errorCode(error);
  if (code && FIELD_OF_CODE[code]) result[FIELD_OF_CODE[code]] = errorText(error, names);
  return result;
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, index) => id === b[index]);
}

interface Props {
  entry: SoaEntryRow;
  riskTitles: string[];
  names: Names;
  onClose: () => void;
}

/** Decide one control: applicability with its reasons or justification, implementation status and owners. */
export function SoaEntryForm({ entry, riskTitles, names, onClose }: Props) {
  const hasRisks = entry.riskIds.length > 0;
  const undecided = !entry.applicable && !entry.justification;
  const initial: Values = {
    applicability: undecided ? '' : entry.applicable ? 'applicable' : 'excluded',
    reasons: entry.reasons.filter((reason) => reason !== 'RISK_TREATMENT'),
    justification: entry.justification ?? '',
    implementationStatus: entry.implementationStatus,
    owners: entry.owners.map((owner) => ({ id: owner.id, name: owner.name })),
    changeReason: '',
  };
  const [formError, setFormError] = useState<string | null>(null);
  const refetchQueries = [{ query: SoaEditorPageDocument }];
  const [setApplicability, applicabilityState] = useMutation(SoaSetApplicabilityDocument, { refetchQueries, awaitRefetchQueries: true });
  const [updateEntry, updateState] = useMutation(SoaUpdateEntryDocument, { refetchQueries, awaitRefetchQueries: true });

  const detailsChanged = (values: Values) =>
    values.implementationStatus !== entry.implementationStatus ||
    !sameIds(
      values.owners.map((owner) => owner.id),
      entry.owners.map((owner) => owner.id),
    );
  const decisionChanged = (values: Values) => {
    const applicable = values.applicability === 'applicable';
    if (values.applicability === '') return false;
    if (undecided) return true;
    if (applicable !== entry.applicable) return true;
    if (applicable) return !sameIds([...values.reasons].sort(), entry.reasons.filter((r) => r !== 'RISK_TREATMENT').sort()) || (values.justification.trim() || null) !== (entry.justification ?? null);
    return values.justification.trim() !== (entry.justification ?? '');
  };

  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: initial,
    validate: {
      applicability: (value) =>
        value === 'excluded' && hasRisks ? `It cannot be excluded: the treatment of ${riskTitles.map((t) => `“${t}”`).join(', ')} relies on it. Change that treatment first.` : null,
      reasons: (value, values) => (values.applicability === 'applicable' && !hasRisks && value.length === 0 ? 'Choose at least one reason for including the control.' : null),
      justification: (value, values) =>
        values.applicability === 'excluded' && !value.trim() ? 'A justification is required to exclude a control: say why it does not apply.' : value.length > 10_000 ? 'At most 10,000 characters.' : null,
      implementationStatus: (value, values) => (values.applicability === 'excluded' && value !== 'NOT_STARTED' ? 'An excluded control is not implemented: set “Not started”.' : null),
      changeReason: (value, values) =>
        detailsChanged(values) && !value.trim() ? 'Say why the status or owners change: the reason is shown in version diffs.' : value.length > 2_000 ? 'At most 2,000 characters.' : null,
    },
  });

  const submit = async (values: Values) => {
    setFormError(null);
    const applicable = values.applicability === 'applicable';
    const changeReason = values.changeReason.trim() || null;
    const wantDecision = decisionChanged(values);
    const wantDetails = detailsChanged(values);
    if (!wantDecision && !wantDetails) {
      onClose();
      return;
    }
    try {
      if (wantDecision) {
        await setApplicability({
          variables: {
            input: {
              controlId: entry.control.id,
              applicable,
              reasons: applicable ? [...values.reasons, ...(hasRisks ? (['RISK_TREATMENT'] as const) : [])] : [],
              justification: values.justification.trim() || null,
              changeReason,
            },
          },
        });
      }
      if (wantDetails) {
        await updateEntry({
          variables: {
            input: {
              controlId: entry.control.id,
              implementationStatus: values.implementationStatus,
              ownerIds: values.owners.map((owner) => owner.id),
              changeReason: changeReason ?? '',
            },
          },
        });
      }
      const decision = wantDecision ? (applicable ? 'included' : 'excluded') : 'details updated';
      notifySuccess('Saved', `${controlName(entry.control)}: ${decision}.`);
      onClose();
    } catch (error) {
      const fields = soaFieldErrors(error, names);
      form.setErrors(fields);
      if (Object.keys(fields).length === 0) setFormError(errorText(error, names));
    }
  };

  const excluded = form.values.applicability === 'excluded';
  const busy = applicabilityState.loading || updateState.loading;
  return (
    <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened onClose={onClose} title={controlName(entry.control)} size="lg" data-testid="soa-entry-form">
      <form onSubmit={form.onSubmit((values) => void submit(values))} noValidate>
        <Stack gap="md">
          {entry.control.purpose && (
            <Text size="sm" c="dimmed">
              {entry.control.purpose}
            </Text>
          )}
          {undecided && (
            <Alert color="blue" variant="light">
              Not decided yet: include the control with its reasons, or exclude it with a justification. You can set owners
              before deciding.
            </Alert>
          )}
          <Radio.Group label="Applicability" {...form.getInputProps('applicability')} data-testid="soa-applicability">
            <Group mt="xs">
              <Radio value="applicable" label="Applicable (included)" />
              <Radio value="excluded" label="Not applicable (excluded)" disabled={hasRisks} />
            </Group>
          </Radio.Group>
          {form.values.applicability === 'applicable' && (
            <Checkbox.Group label="Reasons for inclusion" {...form.getInputProps('reasons')} data-testid="soa-reasons">
              <Stack gap={6} mt="xs">
                {hasRisks && (
                  <Checkbox
                    checked
                    readOnly
                    disabled
                    value="RISK_TREATMENT"
                    label={`${REASON_LABELS.RISK_TREATMENT}: ${riskTitles.map((t) => `“${t}”`).join(', ')}`}
                    description="Follows from the risks' treatment decisions; change it in the risk register."
                  />
                )}
                {MANUAL_REASONS.map((reason) => (
                  <Checkbox key={reason} value={reason} label={REASON_LABELS[reason]} />
                ))}
              </Stack>
            </Checkbox.Group>
          )}
          <Textarea
            label="Justification"
            description={excluded ? 'Required: why the control does not apply (auditors read it in the SoA).' : 'Optional: why the control is included.'}
            withAsterisk={excluded}
            autosize
            minRows={2}
            maxRows={8}
            {...form.getInputProps('justification')}
            data-testid="soa-justification"
          />
          <Select
            label="Implementation status"
            data={Object.entries(IMPLEMENTATION_LABELS).map(([value, label]) => ({ value, label }))}
            allowDeselect={false}
            {...form.getInputProps('implementationStatus')}
            data-testid="soa-implementation-status"
          />
          <PeoplePicker
            label="Owners"
            description="The first is the lead owner."
            value={form.values.owners}
            onChange={(owners) => form.setFieldValue('owners', owners)}
            error={form.errors['owners']}
            testId="soa-owners"
          />
          <TextInput
            label="Reason for the change"
            description="Shown in the diff between versions; required when status or owners change."
            {...form.getInputProps('changeReason')}
            data-testid="soa-change-reason"
          />
          {formError && (
            <Alert color="red" variant="light" role="alert" title="The change was not saved" data-testid="soa-entry-error">
              {formError}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={busy} data-testid="soa-entry-save">
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
