import { useQuery } from '@apollo/client/react';
import { Badge, Select, Text } from '@mantine/core';
import { useState } from 'react';
import { DataTable, type DataTableColumn } from '../../components/data-table';
import { ErrorAlert } from '../../components/error-alert';
import { Page } from '../../components/page';
import { NotificationsDeliveriesDocument, type NotificationsDeliveriesQuery } from '../../gql/graphql';
import { formatDateTime } from '../../lib/format';

type Delivery = NotificationsDeliveriesQuery['notificationDeliveries']['nodes'][number];

const STATUS_COLOR: Record<string, string> = { SENT: 'green', FAILED: 'red', SKIPPED: 'gray', PENDING: 'blue' };

/** The ISMS manager's delivery log: every notification on every channel, with attempts and why a delivery failed. */
export function NotificationDeliveriesRoute() {
  const [status, setStatus] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(25);
  const { data, loading, error, refetch } = useQuery(NotificationsDeliveriesDocument, {
    variables: { first: pageSize, offset: (page - 1) * pageSize, status },
    fetchPolicy: 'cache-and-network',
  });
  const rows = data?.notificationDeliveries.nodes ?? [];
  const columns: DataTableColumn<Delivery>[] = [
    { id: 'created', header: 'Requested', cell: (d) => formatDateTime(d.createdAt) },
    { id: 'person', header: 'Recipient', cell: (d) => d.personName ?? d.personId },
    { id: 'subject', header: 'Notification', cell: (d) => d.subject },
    { id: 'channel', header: 'Channel', cell: (d) => `${d.channel.toLowerCase()}${d.mode === 'DIGEST' ? ' (digest)' : ''}` },
    {
      id: 'status',
      header: 'Status',
      cell: (d) => (
        <Badge color={STATUS_COLOR[d.status] ?? 'gray'} variant="light" data-testid="delivery-status">
          {d.status}
        </Badge>
      ),
    },
    { id: 'attempts', header: 'Attempts', cell: (d) => d.attempts, align: 'right' },
    { id: 'reason', header: 'Reason', cell: (d) => <Text size="sm">{d.lastError ?? (d.sentAt ? `sent ${formatDateTime(d.sentAt)}` : '')}</Text> },
  ];
  return (
    <Page
      title="Notification deliveries"
      description="Every notification on every channel: sent, failed (with the reason, retried with back-off), skipped by a person's settings, or waiting for the daily digest."
      actions={
        <Select
          aria-label="Status"
          placeholder="Any status"
          clearable
          data={['PENDING', 'SENT', 'FAILED', 'SKIPPED']}
          value={status}
          onChange={(value) => {
            setStatus(value);
            setPage(1);
          }}
          data-testid="delivery-status-filter"
        />
      }
    >
      {error && !data && <ErrorAlert title="Could not load the delivery log" error={error} onRetry={() => void refetch()} />}
      <DataTable
        label="Notification deliveries"
        testId="deliveries"
        columns={columns}
        rows={rows}
        rowId={(d) => d.id}
        rowProps={(d) => ({ 'data-status': d.status, 'data-channel': d.channel })}
        totalCount={data?.notificationDeliveries.totalCount}
        page={page}
        pageSize={pageSize}
        onPageChange={setPage}
        onPageSizeChange={(size) => {
          setPageSize(size);
          setPage(1);
        }}
        loading={loading && !data}
        empty={<Text size="sm" data-testid="deliveries-empty">No notifications yet.</Text>}
      />
    </Page>
  );
}
