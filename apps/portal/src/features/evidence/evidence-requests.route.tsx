import { useQuery } from '@apollo/client/react';
import { Anchor, Group, Select, Text } from '@mantine/core';
import { Link } from 'react-router';
import { DataTable, type DataTableColumn } from '../../components/data-table';
import { ErrorAlert } from '../../components/error-alert';
import { Page } from '../../components/page';
import { StatusBadge } from '../../components/status-badge';
import { UnitSelect } from '../../components/unit-select';
import { EvidenceRequestsRegisterDocument, MyEvidenceRequestsDocument, type EvidenceRequestRowFragment, type EvidenceRequestStatus } from '../../gql/graphql';
import { formatDate, todayIso } from '../../lib/format';
import { useTableState } from '../../lib/table-state';
import { byDueDate, duePhrase, FREQUENCY_LABEL, REQUEST_STATUS_COLOUR, REQUEST_STATUS_LABEL, urgencyOf } from './evidence-request.format';

function columns(today: string): DataTableColumn<EvidenceRequestRowFragment>[] {
  return [
    {
      id: 'due',
      header: 'Due',
      cell: (request) => {
        const urgency = urgencyOf(request, today);
        return (
          <Group gap={6} wrap="nowrap" data-testid="request-due" data-urgency={urgency}>
            <Text size="sm" fw={urgency === 'OVERDUE' ? 700 : undefined} c={urgency === 'OVERDUE' ? 'red.9' : undefined}>
              {formatDate(request.dueDate)}
            </Text>
            {urgency === 'OVERDUE' && <StatusBadge colour="red">Overdue</StatusBadge>}
            {urgency !== 'OVERDUE' && urgency !== 'DONE' && (
              <Text size="xs" c="dimmed">
                {duePhrase(request, today)}
              </Text>
            )}
          </Group>
        );
      },
    },
    {
      id: 'requirement',
      header: 'Requested evidence',
      cell: (request) => (
        <Anchor component={Link} to={`/evidence/requests/${request.id}`} fw={600} size="sm" data-testid="request-link">
          {request.requirement?.title ?? `Evidence for ${request.controlId}`}
        </Anchor>
      ),
    },
    { id: 'control', header: 'Control', cell: (request) => `${request.control.id} ${request.control.title}` },
    { id: 'unit', header: 'Department', cell: (request) => request.unit.name },
    { id: 'period', header: 'Period', cell: (request) => `${request.period}${request.requirement ? ` (${FREQUENCY_LABEL[request.requirement.frequency].toLowerCase()})` : ''}` },
    {
      id: 'status',
      header: 'Status',
      cell: (request) => (
        <StatusBadge colour={REQUEST_STATUS_COLOUR[request.status]} data-testid="request-status">
          {REQUEST_STATUS_LABEL[request.status]}
        </StatusBadge>
      ),
    },
  ];
}

function rowProps(today: string) {
  return (request: EvidenceRequestRowFragment) => ({
    'data-request-title': request.requirement?.title ?? request.controlId,
    'data-urgency': urgencyOf(request, today),
  });
}

/** The evidence the signed-in person is asked for, soonest due first, overdue ones marked. */
export function MyEvidenceRequestsRoute() {
  const table = useTableState<'dueDate'>({ sort: 'dueDate', direction: 'asc', pageSize: 25, filters: [] });
  const { data, loading, error, refetch } = useQuery(MyEvidenceRequestsDocument, { variables: { first: table.pageSize, offset: (table.page - 1) * table.pageSize } });
  const today = todayIso();
  const rows = byDueDate(data?.myEvidenceRequests.nodes ?? []);
  const overdue = rows.filter((request) => urgencyOf(request, today) === 'OVERDUE').length;
  return (
    <Page
      title="My evidence requests"
      description={
        data
          ? `${data.myEvidenceRequests.totalCount} ${data.myEvidenceRequests.totalCount === 1 ? 'request' : 'requests'} for evidence of the controls you own${overdue > 0 ? `; ${overdue} overdue` : ''}. Open one to hand in a file, a link or a note.`
          : 'Evidence the ISMS manager asks you for, soonest due first.'
      }
    >
      {error && <ErrorAlert title="Could not load your evidence requests" error={error} onRetry={() => void refetch()} />}
      <DataTable
        label="My evidence requests"
        testId="my-requests-table"
        columns={columns(today)}
        rows={rows}
        rowId={(request) => request.id}
        rowProps={rowProps(today)}
        totalCount={data?.myEvidenceRequests.totalCount ?? 0}
        page={table.page}
        pageSize={table.pageSize}
        onPageChange={table.setPage}
        onPageSizeChange={table.setPageSize}
        loading={loading}
        empty="Nobody asks you for evidence right now."
      />
    </Page>
  );
}

/** Every request within the caller's units, filtered by status and department, soonest due first. */
export function EvidenceRequestsRoute() {
  const table = useTableState<'dueDate'>({ sort: 'dueDate', direction: 'asc', pageSize: 50, filters: ['status', 'unit'] });
  const status = (table.filters['status'] || null) as EvidenceRequestStatus | null;
  const { data, loading, error, refetch } = useQuery(EvidenceRequestsRegisterDocument, {
    variables: { first: table.pageSize, offset: (table.page - 1) * table.pageSize, filter: { status, unitId: table.filters['unit'] || null } },
  });
  const today = todayIso();
  return (
    <Page title="Evidence requests" description="What each department has been asked for, by due date: open, handed in for review, sent back for changes, accepted.">
      <Group gap="sm" align="flex-end">
        <Select
          label="Status"
          placeholder="Any status"
          clearable
          data={(Object.keys(REQUEST_STATUS_LABEL) as EvidenceRequestStatus[]).map((value) => ({ value, label: REQUEST_STATUS_LABEL[value] }))}
          value={status}
          onChange={(value) => table.setFilter('status', value ?? '')}
          w={200}
          clearButtonProps={{ 'aria-label': 'Clear the status filter' }}
        />
        <UnitSelect label="Department" placeholder="Any department" includeInactive value={table.filters['unit'] || null} onChange={(value) => table.setFilter('unit', value ?? '')} w={260} />
      </Group>
      {error && <ErrorAlert title="Could not load the evidence requests" error={error} onRetry={() => void refetch()} />}
      <DataTable
        label="Evidence requests"
        testId="requests-table"
        columns={columns(today)}
        rows={byDueDate(data?.evidenceRequests.nodes ?? [])}
        rowId={(request) => request.id}
        rowProps={rowProps(today)}
        totalCount={data?.evidenceRequests.totalCount ?? 0}
        page={table.page}
        pageSize={table.pageSize}
        onPageChange={table.setPage}
        onPageSizeChange={table.setPageSize}
        loading={loading}
        empty="No request matches."
      />
    </Page>
  );
}
