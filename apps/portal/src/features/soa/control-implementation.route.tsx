import { useMutation, useQuery } from '@apollo/client/react';
import { CONTROL_IMPLEMENTERS } from '@iso27001/authz/roles';
import { Button, Group, Select, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { useMemo, useState } from 'react';
import { DataTable, type DataTableColumn } from '../../components/data-table';
import { ErrorAlert } from '../../components/error-alert';
import { StatusBadge } from '../../components/status-badge';
import { Page } from '../../components/page';
import { ControlImplementationDeleteDocument, ControlImplementationOptionsDocument, ControlImplementationPageDocument, type ImplementationStatus } from '../../gql/graphql';
import { enumLabel, formatDate } from '../../lib/format';
import { notifyFailure, notifySuccess } from '../../lib/notify';
import { roleMay } from '../../lib/roles';
import { useSession } from '../../lib/session';
import { useTableState } from '../../lib/table-state';
import { ControlImplementationForm, type ImplementationRow } from './control-implementation-form';
import { controlName, IMPLEMENTATION_COLOURS, IMPLEMENTATION_LABELS } from './soa-labels';
import { errorText, namesOf } from './soa-text.rules';

const FILTERS = ['control', 'unit', 'status'] as const;

/** How each Annex A control is implemented per department: status, maturity, tests and who is accountable. */
export function ControlImplementationRoute() {
  const { activeRole } = useSession();
  const mayEdit = roleMay(activeRole, CONTROL_IMPLEMENTERS);
  const table = useTableState({ sort: 'control', direction: 'asc', pageSize: 25, filters: FILTERS });
  const { control, unit, status } = table.filters;
  const options = useQuery(ControlImplementationOptionsDocument);
  const { data, previousData, loading, error, refetch } = useQuery(ControlImplementationPageDocument, {
    variables: {
      controlId: control || null,
      unitId: unit || null,
      status: (status || null) as ImplementationStatus | null,
      first: table.pageSize,
      offset: (table.page - 1) * table.pageSize,
    },
  });
  const [editing, setEditing] = useState<ImplementationRow | 'new' | null>(null);
  const [remove] = useMutation(ControlImplementationDeleteDocument, { refetchQueries: [ControlImplementationPageDocument] });

  const controls = options.data?.controls ?? [];
  const units = useMemo(() => options.data?.soaScope?.inScopeUnits ?? [], [options.data]);
  const names = useMemo(() => namesOf(units), [units]);
  const page = (data ?? previousData)?.controlImplementationPage;
  const rows = page?.nodes ?? [];

  const confirmDelete = (row: ImplementationRow) =>
    modals.openConfirmModal({
      title: 'Delete this implementation record?',
      closeButtonProps: { 'aria-label': 'Close' },
      children: (
        <Text size="sm">
          {controlName(row.control)} in {row.unit.name} will no longer be recorded as implemented there. The SoA and the gap analysis keep their own records.
        </Text>
      ),
      labels: { confirm: 'Delete', cancel: 'Keep it' },
      confirmProps: { color: 'red', 'data-testid': 'implementation-delete-confirm' } as Record<string, string>,
      onConfirm: () => {
        remove({ variables: { id: row.id } })
          .then(() => notifySuccess('Implementation deleted', `${controlName(row.control)} in ${row.unit.name}.`))
          .catch((e: unknown) => notifyFailure('Not deleted', errorText(e, names)));
      },
    });

  const columns: DataTableColumn<ImplementationRow>[] = [
    { id: 'control', header: 'Control', cell: (row) => <Text size="sm" fw={600}>{controlName(row.control)}</Text> },
    { id: 'unit', header: 'Unit', cell: (row) => row.unit.name },
    {
      id: 'status',
      header: 'Status',
      cell: (row) => (
        <StatusBadge colour={IMPLEMENTATION_COLOURS[row.status]}>
          {IMPLEMENTATION_LABELS[row.status]}
        </StatusBadge>
      ),
    },
    { id: 'maturity', header: 'Maturity', align: 'right', cell: (row) => `${row.maturity} of 5` },
    { id: 'description', header: 'How it is done', width: 320, cell: (row) => <Text size="sm" lineClamp={2}>{row.description || '—'}</Text> },
    { id: 'tested', header: 'Last tested', cell: (row) => `${formatDate(row.lastTestedOn)}${row.testFrequency ? ` (${enumLabel(row.testFrequency).toLowerCase()})` : ''}` },
    { id: 'owner', header: 'Accountable', cell: (row) => row.owner?.name ?? '—' },
    ...(mayEdit
      ? [
          {
            id: 'actions',
            header: 'Actions',
            cell: (row: ImplementationRow) => (
              <Group gap={4} wrap="nowrap">
                <Button size="compact-xs" variant="light" onClick={() => setEditing(row)} aria-label={`Edit ${controlName(row.control)} in ${row.unit.name}`}>
                  Edit
                </Button>
                <Button size="compact-xs" variant="subtle" color="red" onClick={() => confirmDelete(row)} aria-label={`Delete ${controlName(row.control)} in ${row.unit.name}`}>
                  Delete
                </Button>
              </Group>
            ),
          },
        ]
      : []),
  ];

  return (
    <Page
      title="Implementation"
      description="How each control is implemented in each department of the ISMS scope."
      actions={
        mayEdit && (
          <Button onClick={() => setEditing('new')} disabled={!options.data} data-testid="implementation-new">
            Record an implementation
          </Button>
        )
      }
    >
      {options.error && <ErrorAlert title="Could not load the controls and units" error={options.error} onRetry={() => void options.refetch()} />}
      <Group gap="sm" align="flex-end" role="search" aria-label="Filter the implementations">
        <Select
          label="Control"
          placeholder="All controls"
          clearable
          searchable
          data={controls.map((c) => ({ value: c.id, label: controlName(c) }))}
          value={control || null}
          onChange={(value) => table.setFilter('control', value ?? '')}
          w={320}
          data-testid="implementation-filter-control"
        />
        <Select label="Unit" placeholder="All units" clearable data={units.map((u) => ({ value: u.id, label: u.name }))} value={unit || null} onChange={(value) => table.setFilter('unit', value ?? '')} w={220} data-testid="implementation-filter-unit" />
        <Select
          label="Status"
          placeholder="Any status"
          clearable
          data={Object.entries(IMPLEMENTATION_LABELS).map(([value, label]) => ({ value, label }))}
          value={status || null}
          onChange={(value) => table.setFilter('status', (value as ImplementationStatus | null) ?? '')}
          w={200}
          data-testid="implementation-filter-status"
        />
      </Group>
      {error && !data ? (
        <ErrorAlert title="Could not load the implementations" error={error} onRetry={() => void refetch()} />
      ) : (
        <DataTable
          label="Control implementations per unit"
          testId="implementation-table"
          columns={columns}
          rows={rows}
          rowId={(row) => row.id}
          rowProps={(row) => ({ 'data-control-id': row.control.id, 'data-unit': row.unit.name })}
          totalCount={page?.totalCount ?? 0}
          page={table.page}
          pageSize={table.pageSize}
          onPageChange={table.setPage}
          onPageSizeChange={table.setPageSize}
          loading={loading}
          empty={control || unit || status ? 'No implementation matches these filters.' : 'No implementation has been recorded yet.'}
        />
      )}
      {editing && (
        <ControlImplementationForm
          implementation={editing === 'new' ? undefined : editing}
          controls={controls}
          units={units}
          defaults={{ controlId: control || undefined, unitId: unit || units.find((u) => u.id === options.data?.me?.unit?.id)?.id }}
          names={names}
          onClose={() => setEditing(null)}
        />
      )}
    </Page>
  );
}
