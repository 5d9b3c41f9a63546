import { useQuery } from '@apollo/client/react';
import { BarChart } from '@mantine/charts';
import { Alert, Card, Group, Progress, Stack, Table, Text } from '@mantine/core';
import { useEffect, useMemo } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { Section } from '../../components/page';
import { PolicyAcknowledgementRatesViewDocument } from '../../gql/graphql';
import { formatPercent } from '../../lib/format';
import { errorCode } from './policy.errors';
import { AcknowledgementPeople } from './policy-acknowledgement-people.table';

interface Props {
  policyId: string;
  version: { id: string; version: string };
}

/**
 * How many of the audience acknowledged the version in force, overall and per unit (chart and table). Right after
 * publication the tasks are still being opened (they reach training through the event stream): the section says so
 * and asks again until they are there.
 */
export function PolicyAcknowledgementsSection({ policyId, version }: Props) {
  const { data, error, loading, refetch } = useQuery(PolicyAcknowledgementRatesViewDocument, { variables: { policyId, versionId: version.id }, notifyOnNetworkStatusChange: false });
  const opening = errorCode(error) === 'POLICY_VERSION_UNKNOWN';
  useEffect(() => {
    if (!opening) return undefined;
    const timer = setTimeout(() => void refetch().catch(() => undefined), 1500);
    return () => clearTimeout(timer);
  }, [opening, refetch, error]);

  const rates = data?.policyAcknowledgementRates;
  const units = useMemo(
    () =>
      (rates?.units ?? [])
        .map((unit) => ({
          unitId: unit.unitId,
          name: unit.unitId ? (unit.unit?.name ?? 'A unit no longer in the register') : 'People without a unit',
          acknowledged: unit.acknowledged,
          total: unit.total,
          rate: unit.rate,
        }))
        .sort((a, b) => a.rate - b.rate || a.name.localeCompare(b.name)),
    [rates?.units],
  );

  let body;
  if (opening) {
    body = (
      <Alert color="blue" variant="light" data-testid="ack-opening">
        The acknowledgement tasks for version {version.version} are being opened for the audience. This takes a few seconds; the figures appear here by
        themselves.
      </Alert>
    );
  } else if (error && !rates) {
    body = <ErrorAlert title="Could not load the acknowledgement rates" error={error} onRetry={() => void refetch()} />;
  } else if (loading && !rates) {
    body = <Loading label="Loading acknowledgements…" />;
  } else if (rates) {
    body = (
      <Stack gap="md">
        <Card withBorder>
          <Group justify="space-between" align="flex-end">
            <div>
              <Text size="sm" c="dimmed">
                Version {rates.version}, acknowledged by
              </Text>
              <Text size="xl" fw={700} data-testid="ack-summary" data-acknowledged={rates.acknowledged} data-total={rates.total}>
                {rates.acknowledged.toLocaleString('en-GB')} of {rates.total.toLocaleString('en-GB')} people ({formatPercent(rates.rate)})
              </Text>
            </div>
          </Group>
          <Progress value={rates.rate * 100} mt="sm" aria-label={`${formatPercent(rates.rate)} acknowledged`} />
        </Card>
        {units.length > 0 && (
          <>
            <BarChart
              h={Math.max(160, units.length * 36 + 60)}
              data={units.map((unit) => ({ unit: unit.name, Acknowledged: unit.acknowledged, 'Not yet': unit.total - unit.acknowledged }))}
              dataKey="unit"
              type="stacked"
              orientation="vertical"
              yAxisProps={{ width: 170 }}
              series={[
                { name: 'Acknowledged', color: 'teal.7' },
                { name: 'Not yet', color: 'gray.4' },
              ]}
              withLegend
              aria-label="Acknowledgements per unit"
              role="img"
              data-testid="ack-chart"
            />
            <Table striped withTableBorder data-testid="ack-units">
              <caption style={{ captionSide: 'top', textAlign: 'left' }}>
                <Text size="sm" fw={600} span>
                  Acknowledgements per unit, lowest rate first
                </Text>
              </caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Unit</Table.Th>
                  <Table.Th style={{ textAlign: 'right' }}>Acknowledged</Table.Th>
                  <Table.Th style={{ textAlign: 'right' }}>People</Table.Th>
                  <Table.Th style={{ textAlign: 'right' }}>Rate</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {units.map((unit) => (
                  <Table.Tr key={unit.name} data-testid="ack-unit-row" data-unit={unit.name}>
                    <Table.Td>{unit.name}</Table.Td>
                    <Table.Td style={{ textAlign: 'right' }}>{unit.acknowledged}</Table.Td>
                    <Table.Td style={{ textAlign: 'right' }}>{unit.total}</Table.Td>
                    <Table.Td style={{ textAlign: 'right' }}>{formatPercent(unit.rate)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </>
        )}
        <AcknowledgementPeople policyId={policyId} versionId={version.id} units={units.filter((unit) => unit.unitId !== null).map((unit) => ({ value: unit.unitId as string, label: unit.name }))} />
      </Stack>
    );
  }
  return (
    <Section title={`Acknowledgements of version ${version.version}`} testId="policy-acknowledgements">
      {body}
    </Section>
  );
}
