import { useApolloClient, useMutation } from '@apollo/client/react';
import { Alert, Button, Checkbox, Group, List, Modal, Progress, Radio, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { SoaEditorPageDocument, SoaSetApplicabilityDocument, SoaUpdateEntryDocument, type ImplementationStatus, type SoaReason } from '../../gql/graphql';
import { notifyFailure, notifySuccess } from '../../lib/notify';
import { PeoplePicker, type PersonOption } from './person-picker';
import type { SoaEntryRow } from './soa-entry-form';
import { controlName, IMPLEMENTATION_LABELS, MANUAL_REASONS, REASON_LABELS } from './soa-labels';
import { errorText, type Names } from './soa-text.rules';

type BulkAction = 'owners' | 'include' | 'exclude' | 'status';

interface Values {
  action: BulkAction;
  owners: PersonOption[];
  reasons: SoaReason[];
  justification: string;
  implementationStatus: ImplementationStatus;
  changeReason: string;
}

interface Failure {
  control: string;
  message: string;
}

interface Props {
  entries: SoaEntryRow[];
  names: Names;
  onClose: (saved: boolean) => void;
}

/** One change applied to several controls, one after another, with progress and a summary of what failed. */
export function SoaBulkEdit({ entries, names, onClose }: Props) {
  const client = useApolloClient();
  const [setApplicability] = useMutation(SoaSetApplicabilityDocument);
  const [updateEntry] = useMutation(SoaUpdateEntryDocument);
  const [progress, setProgress] = useState<{ done: number; saved: number; failures: Failure[]; finished: boolean } | null>(null);
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: { action: 'owners', owners: [], reasons: [], justification: '', implementationStatus: 'PLANNED', changeReason: '' },
    validate: {
      owners: (value, values) => (values.action === 'owners' && value.length === 0 ? 'Choose at least one owner.' : null),
      reasons: (value, values) => (values.action === 'include' && value.length === 0 ? 'Choose at least one reason for including the controls.' : null),
      justification: (value, values) => (values.action === 'exclude' && !value.trim() ? 'A justification is required to exclude controls: say why they do not apply.' : null),
      changeReason: (value, values) =>
        (values.action === 'owners' || values.action === 'status') && !value.trim() ? 'Say why: the reason is shown in version diffs.' : value.length > 2_000 ? 'At most 2,000 characters.' : null,
    },
  });

  const run = async (values: Values) => {
    const total = entries.length;
    let saved = 0;
    const failures: Failure[] = [];
    setProgress({ done: 0, saved, failures, finished: false });
    const changeReason = values.changeReason.trim() || null;
    for (const [index, entry] of entries.entries()) {
      const name = controlName(entry.control);
      try {
        if (values.action === 'exclude' && entry.riskIds.length > 0) {
          throw new Error('Not sent: the treatment of a risk relies on this control, so it cannot be excluded.');
        }
        if (values.action === 'owners') {
          await updateEntry({ variables: { input: { controlId: entry.control.id, ownerIds: values.owners.map((o) => o.id), changeReason: changeReason ?? '' } } });
        } else if (values.action === 'status') {
          await updateEntry({ variables: { input: { controlId: entry.control.id, implementationStatus: values.implementationStatus, changeReason: changeReason ?? '' } } });
        } else {
          const include = values.action === 'include';
          const reasons: SoaReason[] = include ? [...values.reasons, ...(entry.riskIds.length > 0 ? (['RISK_TREATMENT'] as const) : [])] : [];
          await setApplicability({
            variables: { input: { controlId: entry.control.id, applicable: include, reasons, justification: include ? entry.justification : values.justification.trim(), changeReason } },
          });
        }
        saved += 1;
      } catch (error) {
        failures.push({ control: name, message: errorText(error, names) });
      }
      setProgress({ done: index + 1, saved, failures: [...failures], finished: false });
    }
    setProgress({ done: total, saved, failures, finished: true });
    await client.refetchQueries({ include: [SoaEditorPageDocument] });
    const summary = `${saved} of ${total} controls saved${failures.length > 0 ? `; ${failures.length} failed` : ''}.`;
    if (failures.length === 0) notifySuccess('All saved', summary);
    else notifyFailure('Some changes failed', summary);

  };

  const action = form.values.action;
  const running = progress !== null && !progress.finished;
  return (
    <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened onClose={() => !running && onClose(progress !== null)} title={`Change ${entries.length} selected controls`} size="lg" data-testid="soa-bulk-edit">
      {progress ? (
        <Stack gap="md">
          <Text size="sm" fw={600} data-testid="soa-bulk-progress" aria-live="polite">
            {progress.finished ? `${progress.saved} of ${entries.length} saved` : `${progress.done} of ${entries.length} processed, ${progress.saved} saved`}
          </Text>
          <Progress value={(progress.done / entries.length) * 100} animated={running} aria-label="Bulk change progress" />
          {progress.failures.length > 0 && (
            <Alert color="red" variant="light" title={`${progress.failures.length} not saved`} data-testid="soa-bulk-failures">
              <List size="sm">
                {progress.failures.map((failure) => (
                  <List.Item key={failure.control}>
                    <strong>{failure.control}</strong>: {failure.message}
                  </List.Item>
                ))}
              </List>
            </Alert>
          )}
          <Group justify="flex-end">
            <Button onClick={() => onClose(true)} disabled={running} data-testid="soa-bulk-close">
              Close
            </Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={form.onSubmit((values) => void run(values))} noValidate>
          <Stack gap="md">
            <Text size="sm">{entries.map((entry) => entry.control.id).join(', ')}</Text>
            <Radio.Group label="Change" {...form.getInputProps('action')}>
              <Stack gap={6} mt="xs">
                <Radio value="owners" label="Set the owners" />
                <Radio value="include" label="Include (applicable)" />
                <Radio value="exclude" label="Exclude (not applicable)" />
                <Radio value="status" label="Set the implementation status" />
              </Stack>
            </Radio.Group>
            {action === 'owners' && (
              <PeoplePicker label="Owners" description="Replaces the owners of every selected control; the first is the lead owner." value={form.values.owners} onChange={(owners) => form.setFieldValue('owners', owners)} error={form.errors['owners']} testId="soa-bulk-owners" />
            )}
            {action === 'include' && (
              <Checkbox.Group label="Reasons for inclusion" {...form.getInputProps('reasons')}>
                <Stack gap={6} mt="xs">
                  {MANUAL_REASONS.map((reason) => (
                    <Checkbox key={reason} value={reason} label={REASON_LABELS[reason]} />
                  ))}
                </Stack>
              </Checkbox.Group>
            )}
            {action === 'exclude' && <Textarea label="Justification" withAsterisk autosize minRows={2} {...form.getInputProps('justification')} />}
            {action === 'status' && (
              <Select label="Implementation status" data={Object.entries(IMPLEMENTATION_LABELS).map(([value, label]) => ({ value, label }))} allowDeselect={false} {...form.getInputProps('implementationStatus')} />
            )}
            <TextInput label="Reason for the change" description="Shown in the diff between versions." withAsterisk={action === 'owners' || action === 'status'} {...form.getInputProps('changeReason')} />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => onClose(false)}>
                Cancel
              </Button>
              <Button type="submit" data-testid="soa-bulk-apply">
                Apply to {entries.length} controls
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
