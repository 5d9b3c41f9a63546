import { useQuery } from '@apollo/client/react';
import { Badge, Group, Stack, Table, Text } from '@mantine/core';
import { ErrorAlert } from '../../../components/error-alert';
import { Loading } from '../../../components/loading';
import { Page, Section } from '../../../components/page';
import { CompetenceMineDocument } from '../../../gql/graphql';
import { formatDate } from '../../../lib/format';
import { recordKindLabel } from './competence.format';

/** The employee's competence records and the competences their job role still needs. */
export function MyCompetencesRoute() {
  const { data, error, loading, refetch } = useQuery(CompetenceMineDocument, { fetchPolicy: 'cache-and-network' });
  if (loading && !data) return <Loading />;
  if (error && !data) {
    return (
      <Page title="My competences">
        <ErrorAlert title="Could not load your competences" error={error} onRetry={() => void refetch()} />
      </Page>
    );
  }
  const mine = data?.myCompetences;
  return (
    <Page title="My competences" description={mine?.jobRole ? `What your job role (${mine.jobRole}) requires, and what shows you have it.` : 'What shows your competences.'}>
      <Section title="Still needed" testId="my-competence-gaps">
        {(mine?.missing ?? []).length === 0 ? (
          <Text size="sm" data-testid="my-competence-gaps-none">
            Your job role needs nothing more: every required competence is covered.
          </Text>
        ) : (
          <Stack gap="xs">
            <Text size="sm">Your ISMS manager or the owner of your unit records these once you have them.</Text>
            <Group gap={4}>
              {mine?.missing.map((competence) => (
                <Badge key={competence.id} color="red.9" variant="outline" data-testid="my-competence-gap">
                  {competence.name}
                </Badge>
              ))}
            </Group>
          </Stack>
        )}
      </Section>
      <Section title="My records" testId="my-competence-records">
        {(mine?.records ?? []).length === 0 ? (
          <Text size="sm" c="dimmed">
            No competence recorded for you yet.
          </Text>
        ) : (
          <Table striped withTableBorder data-testid="my-competence-records-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Competence</Table.Th>
                <Table.Th>Shown by</Table.Th>
                <Table.Th>Obtained</Table.Th>
                <Table.Th>Valid until</Table.Th>
                <Table.Th>Recorded by</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {mine?.records.map((record) => (
                <Table.Tr key={record.id} data-testid="my-competence-record" data-competence={record.competence.name}>
                  <Table.Td>
                    {record.competence.name}
                    {!record.valid && (
                      <Badge ml="xs" color="gray.8" variant="outline">
                        Expired
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {recordKindLabel(record.kind)}: {record.title}
                    {record.issuer ? ` (${record.issuer})` : ''}
                  </Table.Td>
                  <Table.Td>{formatDate(record.obtainedOn)}</Table.Td>
                  <Table.Td>{record.validUntil ? formatDate(record.validUntil) : 'Does not expire'}</Table.Td>
                  <Table.Td>{record.recordedByName}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Section>
    </Page>
  );
}
