import { useQuery } from '@apollo/client/react';
import { Anchor, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { DataTable, type DataTableColumn } from '../../components/data-table';
import { ErrorAlert } from '../../components/error-alert';
import { Page } from '../../components/page';
import { StatusBadge } from '../../components/status-badge';
import { AuditCorrectiveActionsDocument, AuditMyCorrectiveActionsDocument, type CorrectiveActionFieldsFragment } from '../../gql/graphql';
import { formatDate } from '../../lib/format';
import { useTableState } from '../../lib/table-state';
import { SEVERITY_COLOUR, SEVERITY_LABEL } from './audit.format';
import { CORRECTIVE_ACTION_STATUS_COLOUR, CORRECTIVE_ACTION_STATUS_LABEL } from './corrective-action.format';

type Action = CorrectiveActionFieldsFragment;

function columns(): DataTableColumn<Action>[] {
  return [
    {
      id: 'finding',
      header: 'Nonconformity',
      cell: (action) => (
        <Stack gap={2}>
          <Anchor component={Link} to={`/audit/corrective-actions/${action.id}`} size="sm" fw={600}>
            {action.finding.controlId ?? (action.finding.clause ? `Clause ${action.finding.clause}` : 'Management system')}
          </Anchor>
          <Text size="xs" c="dimmed" lineClamp={2}>
            {action.finding.description}
          </Text>
        </Stack>
      ),
    },
    { id: 'severity', header: 'Severity', cell: (action) => <StatusBadge colour={SEVERITY_COLOUR[action.finding.severity]}>{SEVERITY_LABEL[action.finding.severity]}</StatusBadge> },
    { id: 'owner', header: 'Owner', cell: (action) => action.owner?.name ?? 'Not named yet' },
    {
      id: 'due',
      header: 'Due',
      cell: (action) => (
        <Group gap={4}>
          {formatDate(action.dueOn)}
          {action.overdue && <StatusBadge colour="red">Overdue</StatusBadge>}
        </Group>
      ),
    },
    { id: 'status', header: 'Status', cell: (action) => <StatusBadge colour={CORRECTIVE_ACTION_STATUS_COLOUR[action.status]}>{CORRECTIVE_ACTION_STATUS_LABEL[action.status]}</StatusBadge> },
  ];
}

const SHOW = ['open', 'overdue', 'all'] as const;

/** Every corrective action of the organisation (an external auditor: of their engagement), by due date. */
export function CorrectiveActionsRoute() {
  const table = useTableState<'due'>({ sort: 'due', direction: 'asc', pageSize: 50, filters: ['show'] });
  const show = (SHOW as readonly string[]).includes(table.filters['show'] ?? '') ? table.filters['show']! : 'open';
  const { data, loading, error, refetch } = useQuery(AuditCorrectiveActionsDocument, { variables: { overdue: show === 'overdue' ? true : null }, fetchPolicy: 'cache-and-network' });
  const rows = (data?.correctiveActions ?? []).filter((action) => show === 'all' || action.status !== 'EFFECTIVE');
  return (
    <Page title="Corrective actions" description="Nonconformities and what is done about them (clause 10.2), by due date.">
      <SegmentedControl
        aria-label="Which corrective actions"
        value={show}
        onChange={(value) => table.setFilter('show', value === 'open' ? '' : value)}
        data={[
          { value: 'open', label: 'Not yet effective' },
          { value: 'overdue', label: 'Overdue' },
          { value: 'all', label: 'All' },
        ]}
        w="fit-content"
      />
      {error && !data && <ErrorAlert title="Could not load the corrective actions" error={error} onRetry={() => void refetch()} />}
      <DataTable label="Corrective actions" testId="ca-table" columns={columns()} rows={rows} rowId={(action) => action.id} loading={loading} empty="No corrective action matches." />
    </Page>
  );
}

/** The corrective actions the signed-in person owns, by due date. */
export function MyCorrectiveActionsRoute() {
  const { data, loading, error, refetch } = useQuery(AuditMyCorrectiveActionsDocument, { fetchPolicy: 'cache-and-network' });
  return (
    <Page title="My corrective actions" description="Nonconformities you are asked to remedy: plan each, then record it as done with its evidence.">
      {error && !data && <ErrorAlert title="Could not load your corrective actions" error={error} onRetry={() => void refetch()} />}
      <DataTable label="My corrective actions" testId="my-ca-table" columns={columns()} rows={data?.myCorrectiveActions ?? []} rowId={(action) => action.id} loading={loading} empty="You own no corrective action." />
    </Page>
  );
}
