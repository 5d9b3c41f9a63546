import { useState } from 'react';
import { useQuery } from '@apollo/client/react';
import { Button, Group, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { DataTable, type DataTableColumn } from '../../components/data-table';
import { ErrorAlert } from '../../components/error-alert';
import { StatusBadge } from '../../components/status-badge';
import { PolicyAcknowledgementPeopleDocument, type PolicyAcknowledgementPeopleQuery } from '../../gql/graphql';
import { formatDate } from '../../lib/format';
import { useTableState } from '../../lib/table-state';
import { AcknowledgementHistoryModal } from './policy-acknowledgement-history.modal';

type Task = PolicyAcknowledgementPeopleQuery['policyAcknowledgementPage']['nodes'][number];

const FILTERS = ['ackShow', 'ackUnit'] as const;

/**
 * Who has not acknowledged the version yet (or who has), by name, a page at a time from the server, optionally of one
 * unit and the units below it: the people to chase. Page and filters are kept in the URL.
 */
export function AcknowledgementPeople({ policyId, versionId, units }: { policyId: string; versionId: string; units: { value: string; label: string }[] }) {
  // The only paged list of the policy's page: it keeps page and size under the usual keys, filters under ack….
  const table = useTableState<'name'>({ sort: 'name', direction: 'asc', pageSize: 25, filters: FILTERS });
  const show = table.filters['ackShow'] || 'pending';
  const unitId = table.filters['ackUnit'] || null;
  const { page } = table;
  const { data, loading, error, refetch } = useQuery(PolicyAcknowledgementPeopleDocument, {
    variables: { policyId, versionId, first: table.pageSize, offset: (page - 1) * table.pageSize, unitId, acknowledged: show === 'all' ? null : show === 'acknowledged' },
  });
  const { setFilter } = table;
  const [recordOf, setRecordOf] = useState<{ id: string; name: string } | null>(null);
  const columns: DataTableColumn<Task>[] = [
    { id: 'person', header: 'Person', cell: (task) => <Text size="sm" fw={600}>{task.person.name}</Text> },
    { id: 'role', header: 'Job role', cell: (task) => task.person.jobRole ?? '—' },
    { id: 'unit', header: 'Unit', cell: (task) => task.person.unit?.name ?? 'No unit' },
    { id: 'asked', header: 'Asked on', cell: (task) => `${formatDate(task.createdAt)} (version ${task.version})` },
    {
      id: 'status',
      header: 'Acknowledged',
      cell: (task) =>
        task.status === 'ACKNOWLEDGED' ? (
          <StatusBadge colour="teal">
            {formatDate(task.acknowledgedAt)}
            {task.acknowledgedVersion && task.acknowledgedVersion !== task.version ? ` (version ${task.acknowledgedVersion})` : ''}
          </StatusBadge>
        ) : (
          <StatusBadge colour="orange">Not yet</StatusBadge>
        ),
    },
    {
      id: 'record',
      header: 'Record',
      cell: (task) => (
        <Button size="compact-xs" variant="subtle" onClick={() => setRecordOf({ id: task.person.id, name: task.person.name })} aria-label={`Acknowledgement record of ${task.person.name}`}>
          Record
        </Button>
      ),
    },
  ];
  return (
    <Stack gap="sm" data-testid="ack-people">
      <Group gap="sm" align="flex-end">
        <div>
          <Text size="sm" fw={500} id="ack-show-label">
            People
          </Text>
          <SegmentedControl
            aria-labelledby="ack-show-label"
            value={show}
            onChange={(value) => setFilter('ackShow', value === 'pending' ? '' : value)}
            data={[
              { value: 'pending', label: 'Not yet acknowledged' },
              { value: 'acknowledged', label: 'Acknowledged' },
              { value: 'all', label: 'Everyone asked' },
            ]}
          />
        </div>
        <Select label="Unit" placeholder="Every unit" clearable searchable data={units} value={unitId} onChange={(value) => setFilter('ackUnit', value ?? '')} w={240} />
      </Group>
      {error && !data && <ErrorAlert title="Could not load who acknowledged it" error={error} onRetry={() => void refetch()} />}
      <DataTable
        label={show === 'pending' ? 'People who have not acknowledged yet' : show === 'acknowledged' ? 'People who acknowledged' : 'Everyone asked to acknowledge'}
        testId="ack-people-table"
        columns={columns}
        rows={data?.policyAcknowledgementPage.nodes ?? []}
        rowId={(task) => task.id}
        totalCount={data?.policyAcknowledgementPage.totalCount ?? 0}
        page={page}
        pageSize={table.pageSize}
        onPageChange={table.setPage}
        onPageSizeChange={table.setPageSize}
        loading={loading}
        empty={show === 'pending' ? 'Everyone asked has acknowledged it.' : 'Nobody has acknowledged it yet.'}
      />
      <AcknowledgementHistoryModal policyId={policyId} person={recordOf} onClose={() => setRecordOf(null)} />
    </Stack>
  );
}
