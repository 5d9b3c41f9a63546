import { useQuery } from '@apollo/client/react';
import { Badge, Button, Group, Pagination, Switch, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { ErrorAlert } from '../../../components/error-alert';
import { Loading } from '../../../components/loading';
import { Section } from '../../../components/page';
import { CompetencePeopleGapsDocument } from '../../../gql/graphql';

const PAGE = 25;

interface Props {
  unit: { id: string; name: string } | null;
  /** Offered per person when the caller may record competences. */
  onRecord?: (person: { id: string; name: string }, competenceId: string | null) => void;
}

/** The people of a unit (with sub-units) and the competences each is missing, a page at a time. */
export function PeopleGapsSection({ unit, onRecord }: Props) {
  const [onlyWithGaps, setOnlyWithGaps] = useState(true);
  const [page, setPage] = useState(1);
  const { data, error, loading, refetch } = useQuery(CompetencePeopleGapsDocument, {
    variables: { unitId: unit?.id ?? null, onlyWithGaps, first: PAGE, offset: (page - 1) * PAGE },
  });
  const gaps = data?.competenceGaps;

  let body;
  if (error && !gaps) body = <ErrorAlert title="Could not load people's gaps" error={error} onRetry={() => void refetch()} />;
  else if (loading && !gaps) body = <Loading label="Loading people…" />;
  else if (gaps && gaps.nodes.length === 0) {
    body = (
      <Text c="dimmed" size="sm" data-testid="people-gaps-empty">
        {onlyWithGaps ? 'Nobody here misses a required competence.' : 'Nobody here.'}
      </Text>
    );
  } else if (gaps) {
    body = (
      <>
        <Table striped withTableBorder data-testid="people-gaps-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Person</Table.Th>
              <Table.Th>Unit</Table.Th>
              <Table.Th>Job role</Table.Th>
              <Table.Th>Missing competences</Table.Th>
              {onRecord && <Table.Th>Record</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {gaps.nodes.map((node) => (
              <Table.Tr key={node.person.id} data-testid="people-gaps-row" data-person={node.name}>
                <Table.Td>{node.name}</Table.Td>
                <Table.Td>{node.unit?.name ?? '—'}</Table.Td>
                <Table.Td>{node.jobRole ?? '—'}</Table.Td>
                <Table.Td data-testid="people-gaps-missing">
                  {node.missing.length === 0 ? (
                    <Text size="sm" c="teal.9">
                      {node.required === 0 ? 'Nothing required' : `All ${node.required} covered`}
                    </Text>
                  ) : (
                    <Group gap={4}>
                      {node.missing.map((competence) => (
                        <Badge key={competence.id} color="red.9" variant="outline">
                          {competence.name}
                        </Badge>
                      ))}
                    </Group>
                  )}
                </Table.Td>
                {onRecord && (
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="default"
                      onClick={() => onRecord({ id: node.person.id, name: node.name }, node.missing[0]?.id ?? null)}
                      data-testid="people-gaps-record"
                      aria-label={`Record a competence for ${node.name}`}
                    >
                      Record
                    </Button>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {gaps.totalCount > PAGE && <Pagination total={Math.ceil(gaps.totalCount / PAGE)} value={page} onChange={setPage} aria-label="Pages of people" />}
      </>
    );
  }
  return (
    <Section
      title={unit ? `People of ${unit.name}` : 'People'}
      testId="people-gaps"
      actions={
        <Switch
          label="Only people with gaps"
          checked={onlyWithGaps}
          onChange={(event) => {
            setOnlyWithGaps(event.currentTarget.checked);
            setPage(1);
          }}
          data-testid="people-gaps-only"
        />
      }
    >
      {gaps && (
        <Text size="sm" c="dimmed">
          {gaps.totalCount.toLocaleString('en-GB')} {onlyWithGaps ? 'with gaps' : 'people'}
        </Text>
      )}
      {body}
    </Section>
  );
}
