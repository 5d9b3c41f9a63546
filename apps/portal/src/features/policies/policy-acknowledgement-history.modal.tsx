import { useQuery } from '@apollo/client/react';
import { Code, Modal, Stack, Table, Text } from '@mantine/core';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { StatusBadge } from '../../components/status-badge';
import { PolicyAcknowledgementHistoryDocument } from '../../gql/graphql';
import { formatDateTime } from '../../lib/format';

interface Props {
  policyId: string;
  person: { id: string; name: string } | null;
  onClose: () => void;
}

const STATUS_COLOUR: Record<string, string> = { ACKNOWLEDGED: 'teal', PENDING: 'orange', SUPERSEDED: 'gray' };

/**
 * One person's acknowledgement records of a policy across its versions: which version they were asked, which version
 * (and the SHA-256 of which text) they acknowledged, when and from where. What an auditor samples.
 */
export function AcknowledgementHistoryModal({ policyId, person, onClose }: Props) {
  const { data, loading, error, refetch } = useQuery(PolicyAcknowledgementHistoryDocument, {
    variables: { personId: person?.id ?? '', policyId },
    skip: !person,
  });
  const records = data?.policyAcknowledgementHistory ?? [];
  return (
    <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened={person !== null} onClose={onClose} title={person ? `Acknowledgement record: ${person.name}` : ''} size="xl">
      {loading && !data && <Loading label="Loading the acknowledgement record" />}
      {error && <ErrorAlert title="Could not load the acknowledgement record" error={error} onRetry={() => void refetch()} />}
      {data && records.length === 0 && <Text c="dimmed">No acknowledgement record of this policy for {person?.name}.</Text>}
      {records.length > 0 && (
        <Stack gap="xs">
          <Table striped aria-label="Acknowledgement record across versions" data-testid="ack-history">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Asked</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Acknowledged</Table.Th>
                <Table.Th>Text read (SHA-256)</Table.Th>
                <Table.Th>From</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {records.map((record) => (
                <Table.Tr key={record.id}>
                  <Table.Td>
                    Version {record.version}
                    <Text size="xs" c="dimmed">
                      {formatDateTime(record.createdAt)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge colour={STATUS_COLOUR[record.status] ?? 'gray'}>{record.status.toLowerCase()}</StatusBadge>
                  </Table.Td>
                  <Table.Td>
                    {record.acknowledgedAt ? (
                      <>
                        {formatDateTime(record.acknowledgedAt)}
                        <Text size="xs" c="dimmed">
                          version {record.acknowledgedVersion ?? record.version}
                        </Text>
                      </>
                    ) : (
                      '—'
                    )}
                  </Table.Td>
                  <Table.Td>{record.contentSha256 ? <Code title={record.contentSha256}>{record.contentSha256.slice(0, 16)}…</Code> : '—'}</Table.Td>
                  <Table.Td>
                    {record.acknowledgedAddress ?? '—'}
                    {record.acknowledgedUserAgent && (
                      <Text size="xs" c="dimmed" lineClamp={2} title={record.acknowledgedUserAgent}>
                        {record.acknowledgedUserAgent}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Text size="xs" c="dimmed">
            The SHA-256 identifies the exact text acknowledged; the address and browser are as the platform's gateway saw them.
          </Text>
        </Stack>
      )}
    </Modal>
  );
}
