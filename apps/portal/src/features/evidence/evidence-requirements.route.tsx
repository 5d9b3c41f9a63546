import { useMutation, useQuery } from '@apollo/client/react';
import { PROGRAMME_MANAGERS } from '@iso27001/authz/roles';
import { Alert, Button, Checkbox, Group, Modal, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { DataTable, type DataTableColumn } from '../../components/data-table';
import { ErrorAlert } from '../../components/error-alert';
import { Page } from '../../components/page';
import {
  EvidenceFilterOptionsDocument,
  EvidenceRequirementAddDocument,
  EvidenceRequirementChangeDocument,
  EvidenceRequirementRetireDocument,
  EvidenceRequirementsListDocument,
  type EvidenceFrequency,
  type EvidenceRequirementsListQuery,
} from '../../gql/graphql';
import { formatDate } from '../../lib/format';
import { notifyFailure, notifySuccess } from '../../lib/notify';
import { roleMay } from '../../lib/roles';
import { useSession } from '../../lib/session';
import { useTableState } from '../../lib/table-state';
import { FREQUENCY_LABEL } from './evidence-request.format';
import { evidenceFieldErrors, evidenceRefusal } from './evidence.errors';

type Requirement = EvidenceRequirementsListQuery['evidenceRequirements'][number];

const FREQUENCIES = (Object.keys(FREQUENCY_LABEL) as EvidenceFrequency[]).map((value) => ({ value, label: FREQUENCY_LABEL[value] }));

/** Adds a requirement to a control (no `requirement`) or changes one's wording and frequency. */
function RequirementModal({ requirement, controlId, opened, onClose }: { requirement: Requirement | null; controlId: string | null; opened: boolean; onClose: () => void }) {
  const options = useQuery(EvidenceFilterOptionsDocument, { skip: !opened });
  const [add, adding] = useMutation(EvidenceRequirementAddDocument, { refetchQueries: ['EvidenceRequirementsList'] });
  const [change, changing] = useMutation(EvidenceRequirementChangeDocument, { refetchQueries: ['EvidenceRequirementsList'] });
  const [control, setControl] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [frequency, setFrequency] = useState<EvidenceFrequency>('YEARLY');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    if (!opened) return;
    setControl(requirement?.controlId ?? controlId);
    setTitle(requirement?.title ?? '');
    setDescription(requirement?.description ?? '');
    setFrequency(requirement?.frequency ?? 'YEARLY');
    setErrors({});
    setFailure(null);
  }, [opened, requirement, controlId]);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!control) found['controlId'] = 'Choose the control';
    if (!title.trim()) found['title'] = 'Say what evidence is needed';
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    try {
      if (requirement) {
        await change({ variables: { input: { id: requirement.id, title: title.trim(), description: description.trim() || null, frequency } } });
        notifySuccess('Requirement changed', frequency !== requirement.frequency ? 'The new frequency applies to requests opened from now on.' : `“${title.trim()}” is saved.`);
      } else {
        await add({ variables: { input: { controlId: control as string, title: title.trim(), description: description.trim() || null, frequency } } });
        notifySuccess('Requirement added', `Requests for “${title.trim()}” open where ${control} is applicable and implemented.`);
      }
      onClose();
    } catch (caught) {
      const fields = evidenceFieldErrors(caught);
      setErrors(fields);
      if (Object.keys(fields).length === 0) setFailure(evidenceRefusal(caught));
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title={requirement ? `Change “${requirement.title}”` : 'Add a requirement'} size="lg" closeButtonProps={{ 'aria-label': 'Close' }}>
      <form onSubmit={(event) => void submit(event)} noValidate data-testid="requirement-form">
        <Stack>
          {failure && (
            <Alert color="red" variant="light" role="alert" title="Not saved">
              {failure}
            </Alert>
          )}
          <Select
            label="Control"
            required
            searchable
            disabled={requirement !== null}
            data={(options.data?.controls ?? []).map((c) => ({ value: c.id, label: `${c.id} ${c.title}` }))}
            value={control}
            onChange={setControl}
            error={errors['controlId']}
          />
          <TextInput label="Evidence needed" required value={title} onChange={(event) => setTitle(event.currentTarget.value)} error={errors['title']} data-autofocus />
          <Textarea label="Description" autosize minRows={2} value={description} onChange={(event) => setDescription(event.currentTarget.value)} error={errors['description']} />
          <Select label="How often" required allowDeselect={false} data={FREQUENCIES} value={frequency} onChange={(value) => value && setFrequency(value as EvidenceFrequency)} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={adding.loading || changing.loading} data-testid="requirement-save">
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** What evidence each control needs and how often: the default set for the 93 controls, as the organisation edits it. */
export function EvidenceRequirementsRoute() {
  const { activeRole } = useSession();
  const table = useTableState<'controlId'>({ sort: 'controlId', direction: 'asc', pageSize: 50, filters: ['control', 'retired'] });
  const controlId = table.filters['control'] || null;
  const includeRetired = table.filters['retired'] === '1';
  const options = useQuery(EvidenceFilterOptionsDocument);
  const { data, loading, error, refetch } = useQuery(EvidenceRequirementsListDocument, { variables: { controlId, includeRetired } });
  const [retire] = useMutation(EvidenceRequirementRetireDocument, { refetchQueries: ['EvidenceRequirementsList'] });
  const [editing, setEditing] = useState<{ requirement: Requirement | null } | null>(null);
  const manager = roleMay(activeRole, PROGRAMME_MANAGERS);
  const all = data?.evidenceRequirements ?? [];
  const rows = all.slice((table.page - 1) * table.pageSize, table.page * table.pageSize);
  const columns: DataTableColumn<Requirement>[] = [
    { id: 'control', header: 'Control', width: 90, cell: (r) => r.controlId },
    {
      id: 'title',
      header: 'Evidence needed',
      cell: (r) => (
        <Stack gap={0}>
          <Text size="sm" fw={600}>
            {r.title}
          </Text>
          {r.description && (
            <Text size="xs" c="dimmed">
              {r.description}
            </Text>
          )}
        </Stack>
      ),
    },
    { id: 'frequency', header: 'How often', cell: (r) => FREQUENCY_LABEL[r.frequency] },
    { id: 'origin', header: 'Origin', cell: (r) => (r.retiredAt ? `Retired ${formatDate(r.retiredAt)}` : r.fromDefaults ? 'Default set' : 'Added by the organisation') },
    ...(manager
      ? [
          {
            id: 'actions',
            header: 'Actions',
            cell: (r: Requirement) =>
              r.retiredAt ? null : (
                <Group gap="xs" wrap="nowrap">
                  <Button size="compact-sm" variant="default" aria-label={`Change ${r.title}`} onClick={() => setEditing({ requirement: r })}>
                    Change
                  </Button>
                  <Button
                    size="compact-sm"
                    variant="default"
                    aria-label={`Retire ${r.title}`}
                    onClick={() =>
                      void retire({ variables: { id: r.id } }).then(
                        () => notifySuccess('Requirement retired', `“${r.title}” opens no more requests; its open requests are cancelled.`),
                        (caught: unknown) => notifyFailure('Not retired', evidenceRefusal(caught)),
                      )
                    }
                  >
                    Retire
                  </Button>
                </Group>
              ),
          } satisfies DataTableColumn<Requirement>,
        ]
      : []),
  ];
  return (
    <Page
      title="Evidence requirements"
      description="What evidence each Annex A control needs and how often it goes stale; requests to the departments follow from these."
      actions={
        manager ? (
          <Button onClick={() => setEditing({ requirement: null })} data-testid="requirement-new">
            Add a requirement
          </Button>
        ) : undefined
      }
    >
      <Group gap="sm" align="flex-end">
        <Select
          label="Control"
          placeholder="Every control"
          searchable
          clearable
          data={(options.data?.controls ?? []).map((c) => ({ value: c.id, label: `${c.id} ${c.title}` }))}
          value={controlId}
          onChange={(value) => table.setFilter('control', value ?? '')}
          w={320}
          clearButtonProps={{ 'aria-label': 'Clear the control filter' }}
        />
        <Checkbox label="Show retired" checked={includeRetired} onChange={(event) => table.setFilter('retired', event.currentTarget.checked ? '1' : '')} />
      </Group>
      {error && <ErrorAlert title="Could not load the requirements" error={error} onRetry={() => void refetch()} />}
      <DataTable
        label="Evidence requirements"
        testId="requirements-table"
        columns={columns}
        rows={rows}
        rowId={(r) => r.id}
        rowProps={(r) => ({ 'data-requirement-title': r.title, 'data-control-id': r.controlId })}
        totalCount={all.length}
        page={table.page}
        pageSize={table.pageSize}
        onPageChange={table.setPage}
        onPageSizeChange={table.setPageSize}
        loading={loading}
        empty="No requirement for this control."
      />
      <RequirementModal requirement={editing?.requirement ?? null} controlId={controlId} opened={editing !== null} onClose={() => setEditing(null)} />
    </Page>
  );
}
