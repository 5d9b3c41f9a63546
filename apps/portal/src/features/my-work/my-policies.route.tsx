import { useQuery } from '@apollo/client/react';
import { Anchor, Text } from '@mantine/core';
import { Link } from 'react-router';
import { DataTable, type DataTableColumn } from '../../components/data-table';
import { ErrorAlert } from '../../components/error-alert';
import { Page } from '../../components/page';
import { MyWorkPendingAcknowledgementsDocument, type MyWorkPendingAcknowledgementsQuery } from '../../gql/graphql';
import { formatDate } from '../../lib/format';

type Task = MyWorkPendingAcknowledgementsQuery['myPendingPolicyAcknowledgements'][number];

/** The policies the signed-in person has still to read and acknowledge, oldest request first. */
export function MyPoliciesRoute() {
  const { data, loading, error, refetch } = useQuery(MyWorkPendingAcknowledgementsDocument, { fetchPolicy: 'cache-and-network' });
  const tasks = data?.myPendingPolicyAcknowledgements ?? [];
  const columns: DataTableColumn<Task>[] = [
    {
      id: 'policy',
      header: 'Policy',
      cell: (task) => (
        <Anchor component={Link} to={`/my/policies/${task.id}`} fw={600} size="sm" data-testid="ack-task-link">
          {task.policyTitle}
        </Anchor>
      ),
    },
    { id: 'version', header: 'Version', cell: (task) => task.version },
    { id: 'asked', header: 'Asked on', cell: (task) => formatDate(task.createdAt) },
  ];
  return (
    <Page title="Policies to acknowledge" description="Read each policy that applies to you and confirm that you understand it and will follow it (ISO/IEC 27001 A.5.1, A.6.3).">
      {error && !data && <ErrorAlert title="Could not load the policies you are asked to acknowledge" error={error} onRetry={() => void refetch()} />}
      <DataTable
        label="Policies to acknowledge"
        testId="ack-tasks"
        columns={columns}
        rows={tasks}
        rowId={(task) => task.id}
        rowProps={(task) => ({ 'data-policy-title': task.policyTitle })}
        loading={loading && !data}
        empty={<Text size="sm" data-testid="ack-tasks-empty">You have acknowledged every policy that applies to you.</Text>}
      />
    </Page>
  );
}
