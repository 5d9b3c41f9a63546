import { useQuery } from '@apollo/client/react';
import { BarChart } from '@mantine/charts';
import { Anchor, Badge, Button, Card, Group, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { TOP_MANAGEMENT } from '@iso27001/authz/roles';
import { useDisclosure } from '@mantine/hooks';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { Page, Section } from '../../components/page';
import { ProgrammeDashboardDocument, ProgrammeDashboardReadinessDocument } from '../../gql/graphql';
import { formatDate, formatPercent } from '../../lib/format';
import { roleMay } from '../../lib/roles';
import { useSession } from '../../lib/session';
import { CommitmentForm } from './commitment-form';

function Figure({ label, value, detail, testId, to }: { label: string; value: string; detail?: string; testId: string; to?: string }) {
  return (
    <Card withBorder padding="md" data-testid={testId}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fz={28} fw={700} data-testid={`${testId}-value`}>
        {value}
      </Text>
      {detail && (
        <Text size="sm" c="dimmed" data-testid={`${testId}-detail`}>
          {detail}
        </Text>
      )}
      {to && (
        <Anchor component={Link} to={to} size="sm" mt={4}>
          Open
        </Anchor>
      )}
    </Card>
  );
}

function Readiness() {
  const { data, loading, error, refetch } = useQuery(ProgrammeDashboardReadinessDocument, { errorPolicy: 'all' });
  if (loading && !data) return <Loading label="Loading readiness…" />;
  const entries = data?.statementOfApplicability ?? null;
  const gap = data?.gapAnalysis?.overall ?? null;
  const applicable = entries?.filter((e) => e.applicable) ?? [];
  const implemented = applicable.filter((e) => e.implementationStatus === 'IMPLEMENTED');
  return (
    <Stack gap="sm">
      {error && <ErrorAlert title="Some readiness figures could not be loaded" error={error} onRetry={() => void refetch()} />}
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Figure
          testId="gap-readiness"
          label="Gap readiness (clauses 4–10 and Annex A)"
          value={gap ? `${gap.readinessPercent.toFixed(0)}%` : '—'}
          detail={gap ? `${gap.assessed} of ${gap.total} items assessed` : 'Not available'}
        />
        <Figure
          testId="soa-applicable"
          label="Annex A controls applicable"
          value={entries ? `${applicable.length} of ${entries.length}` : '—'}
          detail={entries ? `${entries.length - applicable.length} excluded with a justification` : 'Not available'}
        />
        <Figure
          testId="soa-implemented"
          label="Applicable controls implemented"
          value={entries ? `${implemented.length} of ${applicable.length}` : '—'}
          detail={entries && applicable.length > 0 ? `${formatPercent(implemented.length / applicable.length)} of the applicable controls` : undefined}
        />
      </SimpleGrid>
    </Stack>
  );
}

/** Where the certification programme stands: phases, overdue work, top management's commitment and readiness. */
export function ProgrammeDashboardRoute() {
  const { data, loading, error, refetch } = useQuery(ProgrammeDashboardDocument);
  const { activeRole } = useSession();
  const [commitmentOpen, commitmentForm] = useDisclosure(false);
  const mayCommit = roleMay(activeRole, TOP_MANAGEMENT);

  if (loading && !data) {
    return (
      <Page title="Programme dashboard">
        <Loading />
      </Page>
    );
  }
  if (error && !data) {
    return (
      <Page title="Programme dashboard">
        <ErrorAlert title="Could not load the programme" error={error} onRetry={() => void refetch()} />
      </Page>
    );
  }
  const project = data?.certificationProject ?? null;
  const overdue = data?.overdueCertificationTasks ?? [];
  const commitment = data?.managementCommitments[0] ?? null;
  const scope = data?.currentIsmsScope ?? null;
  const phaseName = new Map(project?.phases.map((p) => [p.id, p.name]) ?? []);
  const chartData = (project?.phases ?? []).map((phase) => ({ phase: `${phase.position}. ${phase.name}`, Done: phase.progress.done, Open: phase.progress.total - phase.progress.done }));

  return (
    <Page
      title="Programme dashboard"
      description="Where the ISO/IEC 27001 certification stands: the eight phases, overdue work, top management's commitment and readiness."
      actions={
        <Button component={Link} to="/plan" variant="light">
          Open the certification plan
        </Button>
      }
    >
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Figure
          testId="overall-progress"
          label="Certification tasks done"
          value={project ? `${project.progress.percent}%` : '—'}
          detail={project ? `${project.progress.done} of ${project.progress.total} tasks, started ${formatDate(project.startedAt)}` : 'The project has not been started'}
          to="/plan"
        />
        <Figure testId="overdue-count" label="Overdue tasks" value={String(overdue.length)} detail={overdue.length === 0 ? 'Everything is on time' : 'Past their due date and not done'} />
        <Figure
          testId="scope-in-force"
          label="ISMS scope in force"
          value={scope ? `Version ${scope.version}` : 'None approved'}
          detail={scope ? `Approved ${formatDate(scope.approvedAt)}${scope.approvedByName ? ` by ${scope.approvedByName}` : ''}` : 'Top management has not approved a scope yet'}
          to="/scope"
        />
      </SimpleGrid>

      <Section title="Readiness" testId="readiness">
        <Readiness />
      </Section>

      <Section title="Phases of the certification journey" testId="phases">
        {!project ? (
          <Card withBorder>
            <Text size="sm">The certification project has not been started, so there are no phases yet.</Text>
            <Button component={Link} to="/plan" size="xs" mt="sm">
              Start it on the certification plan
            </Button>
          </Card>
        ) : (
          <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
            <Table verticalSpacing="xs" aria-label="Progress per phase">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Phase</Table.Th>
                  <Table.Th style={{ width: 180 }}>Progress</Table.Th>
                  <Table.Th style={{ textAlign: 'right' }}>Tasks done</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {project.phases.map((phase) => (
                  <Table.Tr key={phase.id} data-testid="phase" data-phase-key={phase.key}>
                    <Table.Td data-testid="phase-name">
                      {phase.position}. {phase.name}
                    </Table.Td>
                    <Table.Td>
                      <Progress value={phase.progress.percent} aria-label={`${phase.name}: ${phase.progress.percent}% done`} />
                    </Table.Td>
                    <Table.Td style={{ textAlign: 'right' }} data-testid="phase-progress">
                      {phase.progress.done} / {phase.progress.total}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <div>
              <Title order={3} size="h5" mb="xs">
                Tasks per phase
              </Title>
              <BarChart
                h={400}
                data={chartData}
                dataKey="phase"
                type="stacked"
                orientation="vertical"
                yAxisProps={{ width: 200 }}
                series={[
                  { name: 'Done', color: 'teal.7' },
                  { name: 'Open', color: 'gray.5' },
                ]}
                withLegend
                aria-label="Done and open tasks per phase"
              />
            </div>
          </SimpleGrid>
        )}
      </Section>

      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <Section title="Overdue tasks" testId="overdue-tasks">
          {overdue.length === 0 ? (
            <Text size="sm" c="dimmed">
              No task is past its due date.
            </Text>
          ) : (
            <Table verticalSpacing="xs" aria-label="Overdue certification tasks">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Task</Table.Th>
                  <Table.Th>Owner</Table.Th>
                  <Table.Th>Due</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {overdue.map((task) => (
                  <Table.Tr key={task.id} data-testid="overdue-task">
                    <Table.Td>
                      <Text size="sm" fw={600} data-testid="overdue-task-title">
                        {task.title}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {phaseName.get(task.phaseId) ?? ''}
                      </Text>
                    </Table.Td>
                    <Table.Td data-testid="overdue-task-owner">{task.owner?.name ?? 'No owner'}</Table.Td>
                    <Table.Td>
                      <Badge color="red.9" variant="outline">
                        {formatDate(task.dueDate)}
                      </Badge>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Section>

        <Section
          title="Management commitment (clause 5.1)"
          testId="management-commitment"
          actions={
            mayCommit && (
              <Button size="xs" variant="light" onClick={commitmentForm.open}>
                Record a decision
              </Button>
            )
          }
        >
          <CommitmentForm opened={commitmentOpen} onClose={commitmentForm.close} onSaved={() => void refetch()} />
          {commitment ? (
            <Card withBorder>
              <Text size="sm" data-testid="commitment-decision">
                {commitment.decision}
              </Text>
              <Group gap="xs" mt="sm">
                <Text size="sm" c="dimmed">
                  Sponsor:
                </Text>
                <Text size="sm" fw={600} data-testid="commitment-sponsor">
                  {commitment.sponsor?.name ?? 'Not in the organisation register'}
                </Text>
              </Group>
              <Text size="sm" c="dimmed">
                Decided on {formatDate(commitment.decidedOn)}, recorded by {commitment.recordedByName}
              </Text>
            </Card>
          ) : (
            <Text size="sm" data-testid="commitment-missing">
              Top management has not recorded its commitment yet. An executive records it as a minuted decision with a sponsor.
            </Text>
          )}
        </Section>
      </SimpleGrid>
    </Page>
  );
}
