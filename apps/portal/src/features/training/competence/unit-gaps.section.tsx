import { useQuery } from '@apollo/client/react';
import { BarChart } from '@mantine/charts';
import { Button, Group, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useMemo } from 'react';
import { ErrorAlert } from '../../../components/error-alert';
import { Loading } from '../../../components/loading';
import { Section } from '../../../components/page';
import { CompetenceUnitGapsDocument } from '../../../gql/graphql';

interface Props {
  selectedUnitId: string | null;
  onSelect: (unit: { id: string; name: string } | null) => void;
}

/**
 * Competence gaps per unit, rolled up over sub-units: a chart of people with and without gaps, and a table with the
 * gap count per competence; choosing a unit opens its people below.
 */
export function UnitGapsSection({ selectedUnitId, onSelect }: Props) {
  const { data, error, loading, refetch } = useQuery(CompetenceUnitGapsDocument);
  const units = useMemo(
    () =>
      (data?.unitCompetenceGaps ?? [])
        .map((unit) => ({ ...unit, name: unit.unit.name ?? 'A unit no longer in the register' }))
        .sort((a, b) => b.peopleWithGaps - a.peopleWithGaps || a.name.localeCompare(b.name)),
    [data],
  );

  let body;
  if (error && !data) body = <ErrorAlert title="Could not load the competence gaps" error={error} onRetry={() => void refetch()} />;
  else if (loading && !data) body = <Loading label="Loading competence gaps…" />;
  else if (units.length === 0) {
    body = (
      <Text c="dimmed" size="sm">
        No people in the units you reach.
      </Text>
    );
  } else {
    body = (
      <Stack gap="md">
        <BarChart
          h={Math.max(160, units.length * 36 + 60)}
          data={units.map((unit) => ({ unit: unit.name, 'With gaps': unit.peopleWithGaps, 'No gaps': unit.people - unit.peopleWithGaps }))}
          dataKey="unit"
          type="stacked"
          orientation="vertical"
          yAxisProps={{ width: 170 }}
          series={[
            { name: 'With gaps', color: 'red.8' },
            { name: 'No gaps', color: 'teal.7' },
          ]}
          withLegend
          aria-label="People with competence gaps per unit"
          role="img"
          data-testid="competence-gap-chart"
        />
        <Table striped withTableBorder data-testid="competence-unit-gaps">
          <caption style={{ captionSide: 'top', textAlign: 'left' }}>
            <Text size="sm" fw={600} span>
              Per unit, with its sub-units: most people with gaps first
            </Text>
          </caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Unit</Table.Th>
              <Table.Th style={{ textAlign: 'right' }}>People</Table.Th>
              <Table.Th style={{ textAlign: 'right' }}>With gaps</Table.Th>
              <Table.Th>Missing competences</Table.Th>
              <Table.Th>
                <VisuallyHidden>People of the unit</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {units.map((unit) => (
              <Table.Tr key={unit.unit.id} data-testid="competence-unit-row" data-unit={unit.name} data-selected={unit.unit.id === selectedUnitId || undefined}>
                <Table.Td>{unit.name}</Table.Td>
                <Table.Td style={{ textAlign: 'right' }}>{unit.people}</Table.Td>
                <Table.Td style={{ textAlign: 'right' }} data-testid="competence-unit-with-gaps">
                  {unit.peopleWithGaps}
                </Table.Td>
                <Table.Td data-testid="competence-unit-missing">
                  {unit.gaps.length === 0 ? '—' : unit.gaps.map((gap) => `${gap.competence.name} (${gap.missing})`).join(', ')}
                </Table.Td>
                <Table.Td>
                  <Button size="xs" variant="default" onClick={() => onSelect({ id: unit.unit.id, name: unit.name })} data-testid="competence-unit-open" aria-label={`People of ${unit.name}`}>
                    People
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {selectedUnitId && (
          <Group>
            <Button size="xs" variant="subtle" onClick={() => onSelect(null)}>
              Show everyone
            </Button>
          </Group>
        )}
      </Stack>
    );
  }
  return (
    <Section title="Competence gaps per unit" testId="competence-gaps">
      {body}
    </Section>
  );
}
