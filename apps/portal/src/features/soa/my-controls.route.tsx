import { useQuery } from '@apollo/client/react';
import { Anchor, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import { StatusBadge } from '../../components/status-badge';
import { Loading } from '../../components/loading';
import { Page } from '../../components/page';
import { MyControlsEvidenceDocument, MyControlsPageDocument, type MyControlsPageQuery } from '../../gql/graphql';
import { formatDate } from '../../lib/format';
import { controlName, IMPLEMENTATION_COLOURS, IMPLEMENTATION_LABELS, OPERATING_COLOURS, OPERATING_LABELS, THEME_LABELS } from './soa-labels';
import { explainOperatingReason, namesOf } from './soa-text.rules';

type Entry = MyControlsPageQuery['statementOfApplicability'][number];

function OperatingReason({ entry }: { entry: Entry }) {
  const needsTitles = /[0-9a-f]{8}-[0-9a-f]{4}-/i.test(entry.operatingStatus.reason);
  const { data } = useQuery(MyControlsEvidenceDocument, { variables: { controlId: entry.control.id }, skip: !needsTitles });
  const titles = useMemo(() => namesOf(data?.evidenceItems.nodes ?? []), [data]);
  return (
    <Text size="sm" data-testid="my-control-operating-reason">
      {explainOperatingReason(entry.operatingStatus.reason, titles)}
      {entry.operatingStatus.since ? ` Since ${formatDate(entry.operatingStatus.since)}.` : ''}
    </Text>
  );
}

function ControlCard({ entry, leadId }: { entry: Entry; leadId: string }) {
  const lead = entry.owners[0]?.id === leadId;
  return (
    <Card withBorder padding="md" component="article" aria-label={controlName(entry.control)} data-testid="my-control" data-control-id={entry.control.id}>
      <Group justify="space-between" align="flex-start" mb="xs">
        <div>
          <Title order={2} size="h4">
            {controlName(entry.control)}
          </Title>
          <Text size="sm" c="dimmed">
            {THEME_LABELS[entry.control.theme]} · {lead ? 'You are the lead owner' : `Lead owner: ${entry.owners[0]?.name ?? '—'}`}
            {entry.applicable ? '' : ' · Not applicable in the SoA'}
          </Text>
        </div>
        <Group gap="xs">
          <StatusBadge colour={IMPLEMENTATION_COLOURS[entry.implementationStatus]} data-testid="my-control-implementation">
            {IMPLEMENTATION_LABELS[entry.implementationStatus]}
          </StatusBadge>
          <StatusBadge colour={OPERATING_COLOURS[entry.operatingStatus.status]} data-testid="my-control-operating">
            {OPERATING_LABELS[entry.operatingStatus.status]}
          </StatusBadge>
        </Group>
      </Group>
      <OperatingReason entry={entry} />
      {entry.implementations.length === 0 ? (
        <Text size="sm" mt="sm">
          No unit has recorded how it implements this control yet.{' '}
          <Anchor component={Link} to={`/controls/implementation?control=${encodeURIComponent(entry.control.id)}`}>
            Record an implementation
          </Anchor>
        </Text>
      ) : (
        <Table mt="sm" verticalSpacing={4} data-testid="my-control-units">
          <caption style={{ captionSide: 'top', textAlign: 'left', fontSize: 'var(--mantine-font-size-sm)', fontWeight: 600 }}>Per unit</caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Unit</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Maturity</Table.Th>
              <Table.Th>Last tested</Table.Th>
              <Table.Th>Accountable</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {entry.implementations.map((implementation) => (
              <Table.Tr key={implementation.id}>
                <Table.Td>{implementation.unit.name}</Table.Td>
                <Table.Td>{IMPLEMENTATION_LABELS[implementation.status]}</Table.Td>
                <Table.Td>{implementation.maturity} of 5</Table.Td>
                <Table.Td>{formatDate(implementation.lastTestedOn)}</Table.Td>
                <Table.Td>{implementation.owner?.name ?? '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}

/** The controls the signed-in person owns in the SoA: how each is implemented per unit and whether it operates, and why. */
export function MyControlsRoute() {
  const { data, loading, error, refetch } = useQuery(MyControlsPageDocument);
  if (loading && !data) return <Loading label="Loading your controls…" />;
  if (error && !data) {
    return (
      <Page title="My controls">
        <ErrorAlert title="Could not load your controls" error={error} onRetry={() => void refetch()} />
      </Page>
    );
  }
  if (!data) return null;
  const me = data.me;
  const mine = me ? data.statementOfApplicability.filter((entry) => entry.owners.some((owner) => owner.id === me.id)) : [];
  const notOperating = mine.filter((entry) => entry.operatingStatus.status !== 'EFFECTIVE').length;
  return (
    <Page
      title="My controls"
      description={
        me ? (
          <span data-testid="my-controls-summary">
            {mine.length === 0 ? 'You own no control in the Statement of Applicability.' : `You own ${mine.length} ${mine.length === 1 ? 'control' : 'controls'}; ${notOperating} ${notOperating === 1 ? 'needs' : 'need'} attention.`}
          </span>
        ) : undefined
      }
    >
      {!me ? (
        <Text size="sm">You are not in the organisation register, so no control is assigned to you. Ask your ISMS manager to add you.</Text>
      ) : mine.length === 0 ? (
        <Text size="sm" data-testid="my-controls-empty">
          When the ISMS manager names you as an owner of a control in the Statement of Applicability, it appears here with its implementation and operating status.
        </Text>
      ) : (
        <Stack gap="md" data-testid="my-controls">
          {mine.map((entry) => (
            <ControlCard key={entry.control.id} entry={entry} leadId={me.id} />
          ))}
        </Stack>
      )}
    </Page>
  );
}
