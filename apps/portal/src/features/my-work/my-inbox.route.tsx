import { useQuery } from '@apollo/client/react';
import { Anchor, Badge, Group, Text } from '@mantine/core';
import { Link } from 'react-router';
import { DataTable, type DataTableColumn } from '../../components/data-table';
import { ErrorAlert } from '../../components/error-alert';
import { Page } from '../../components/page';
import { MyWorkInboxDocument, type MyWorkInboxQuery } from '../../gql/graphql';
import { formatDate } from '../../lib/format';

type Item = MyWorkInboxQuery['myInbox'][number];

const KIND_LABEL: Record<string, string> = {
  COURSE_ASSIGNMENT: 'Training',
  POLICY_ACKNOWLEDGEMENT: 'Policy acknowledgement',
  EVIDENCE_REQUEST: 'Evidence request',
};

/** Everything the signed-in person owes, in one list by due date: the landing page of "My work". */
export function MyInboxRoute() {
  const { data, loading, error, refetch } = useQuery(MyWorkInboxDocument, { fetchPolicy: 'cache-and-network' });
  const items = data?.myInbox ?? [];
  const overdue = items.filter((item) => item.overdue).length;
  const columns: DataTableColumn<Item>[] = [
    { id: 'kind', header: 'What', cell: (item) => <Badge variant="light">{KIND_LABEL[item.kind] ?? item.kind}</Badge> },
    {
      id: 'title',
      header: 'Item',
      cell: (item) => (
        <Anchor component={Link} to={item.link} fw={600} size="sm" data-testid="inbox-item-link">
          {item.title}
        </Anchor>
      ),
    },
    {
      id: 'due',
      header: 'Due',
      cell: (item) => (
        <Group gap="xs">
          <Text size="sm">{item.dueDate ? formatDate(item.dueDate) : '—'}</Text>
          {item.overdue && (
            <Badge color="red" size="sm" data-testid="inbox-overdue">
              Overdue
            </Badge>
          )}
        </Group>
      ),
    },
    { id: 'status', header: 'Status', cell: (item) => item.status.replace(/_/g, ' ').toLowerCase() },
  ];
  return (
    <Page title="My inbox" description="What you owe — training, policies to acknowledge and evidence asked of you — in one list, soonest due first.">
      {error && !data && <ErrorAlert title="Could not load your inbox" error={error} onRetry={() => void refetch()} />}
      {data && (
        <Text size="sm" mb="sm" data-testid="inbox-summary">
          {items.length === 0 ? 'Nothing to do.' : `${items.length} ${items.length === 1 ? 'item' : 'items'}${overdue ? `, ${overdue} overdue` : ''}.`}
        </Text>
      )}
      <DataTable
        label="My inbox"
        testId="inbox"
        columns={columns}
        rows={items}
        rowId={(item) => `${item.kind}:${item.id}`}
        rowProps={(item) => ({ 'data-kind': item.kind, 'data-title': item.title, 'data-due': item.dueDate ?? '' })}
        loading={loading && !data}
        empty={<Text size="sm" data-testid="inbox-empty">You owe nothing right now.</Text>}
      />
    </Page>
  );
}
