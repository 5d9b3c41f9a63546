import { useMutation, useQuery } from '@apollo/client/react';
import { PROGRAMME_MANAGERS } from '@iso27001/authz/roles';
import { Anchor, Button, Group, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { Page, Section } from '../../components/page';
import { StatusBadge } from '../../components/status-badge';
import { RiskAssessmentRunsPageDocument, RiskCompareRunsDocument, RiskStartRunDocument, type RiskCompareRunsQuery } from '../../gql/graphql';
import { formatDateTime } from '../../lib/format';
import { serverFieldErrors } from '../../lib/errors';
import { roleMay } from '../../lib/roles';
import { useSession } from '../../lib/session';
import { plural, statusLabel, treatmentLabel } from './risk-labels';
import { isRecordId, useSetParams } from './url-params';
import { notifySuccess } from '../../lib/notify';

/** The run snapshot's field names, in words. */
const FIELD_LABELS: Record<string, string> = {
  title: 'Title',
  status: 'Status',
  treatment: 'Treatment',
  inherentVersion: 'Inherent methodology version',
  inherentLikelihood: 'Inherent likelihood',
  inherentImpact: 'Inherent impact',
  inherentScore: 'Inherent score',
  inherentLevel: 'Inherent level',
  residualVersion: 'Residual methodology version',
  residualLikelihood: 'Residual likelihood',
  residualImpact: 'Residual impact',
  residualScore: 'Residual score',
  residualLevel: 'Residual level',
  accepted: 'Accepted',
  needsAcceptance: 'Needs acceptance',
};

function fieldLabel(field: string): string {
  return FIELD_LABELS[field] ?? field.replace(/([A-Z])/g, ' $1').replace(/^./, (c) => c.toUpperCase());
}

function valueLabel(field: string, value: string | null): string {
  if (value === null || value === '') return '—';
  if (field === 'treatment') return treatmentLabel(value);
  if (field === 'status') return statusLabel(value);
  if (value === 'true') return 'Yes';
  if (value === 'false') return 'No';
  if (/Level$/.test(field)) return value.charAt(0) + value.slice(1).toLowerCase().replace(/_/g, ' ');
  return value;
}

function StartRun({ onStarted }: { onStarted: () => void }) {
  const [start, { loading }] = useMutation(RiskStartRunDocument);
  const [failure, setFailure] = useState<unknown>(null);
  const form = useForm<{ title: string }>({
    mode: 'controlled',
    initialValues: { title: '' },
    validate: { title: (v) => (!v.trim() ? 'Name the run, e.g. "Annual risk assessment 2026"' : v.trim().length > 200 ? 'Keep the name under 200 characters' : null) },
  });
  const submit = form.onSubmit(async ({ title }) => {
    setFailure(null);
    try {
      const result = await start({ variables: { title: title.trim() } });
      const run = result.data?.startAssessmentRun;
      notifySuccess('Assessment run recorded', run ? `“${run.title}” keeps ${plural(run.riskCount, 'risk')} as they are today.` : 'The register is kept as it is today.');
      form.reset();
      onStarted();
    } catch (error) {
      const fields = serverFieldErrors(error);
      if (Object.keys(fields).length > 0) form.setErrors(fields);
      else setFailure(error);
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs">
        <Group align="flex-start">
          <TextInput label="Name of the run" required w={360} placeholder="Annual risk assessment 2026" {...form.getInputProps('title')} data-testid="run-title" />
          <Button type="submit" mt={25} loading={loading} data-testid="run-start">
            Take a snapshot
          </Button>
        </Group>
        <Text size="xs" c="dimmed">
          Keeps every risk&apos;s scores, levels, treatment and status as they are now, dated, so the next assessment can be compared with it (ISO/IEC 27001 8.2).
        </Text>
        {failure !== null && <ErrorAlert title="The run was not recorded" error={failure} />}
      </Stack>
    </form>
  );
}

type Comparison = RiskCompareRunsQuery['compareAssessmentRuns'];

function ItemTable({ label, items, testId }: { label: string; items: Comparison['added']; testId: string }) {
  if (items.length === 0) return <Text size="sm">None.</Text>;
  return (
    <Table striped data-testid={testId}>
      <caption style={{ captionSide: 'top', textAlign: 'left' }}>
        <Text span size="xs" c="dimmed">
          {label}
        </Text>
      </caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Risk</Table.Th>
          <Table.Th>Inherent</Table.Th>
          <Table.Th>Residual</Table.Th>
          <Table.Th>Treatment</Table.Th>
          <Table.Th>Status</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((item) => (
          <Table.Tr key={item.riskId}>
            <Table.Td>
              <Anchor component={Link} to={`/risks/${item.riskId}`} size="sm">
                {item.title}
              </Anchor>
            </Table.Td>
            <Table.Td>{valueLabel('inherentLevel', item.inherentLevel)}</Table.Td>
            <Table.Td>{valueLabel('residualLevel', item.residualLevel)}</Table.Td>
            <Table.Td>{treatmentLabel(item.treatment)}</Table.Td>
            <Table.Td>{statusLabel(item.status)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function CompareResult({ from, to }: { from: string; to: string }) {
  const { data, loading, error, refetch } = useQuery(RiskCompareRunsDocument, { variables: { from, to } });
  if (loading && !data) return <Loading label="Comparing the runs…" />;
  if (error) return <ErrorAlert title="Could not compare the runs" error={error} onRetry={() => void refetch()} />;
  if (!data) return null;
  const c = data.compareAssessmentRuns;
  return (
    <Stack gap="md" data-testid="run-comparison">
      <Group gap="sm">
        <StatusBadge colour="green">
          {plural(c.added.length, 'risk')} added
        </StatusBadge>
        <StatusBadge colour="gray">
          {plural(c.removed.length, 'risk')} removed
        </StatusBadge>
        <StatusBadge colour="orange">
          {plural(c.changed.length, 'risk')} changed
        </StatusBadge>
        <Text size="sm">{plural(c.unchanged, 'risk')} unchanged</Text>
      </Group>
      <Stack gap="xs">
        <Title order={3} size="h5">
          Added since “{c.from.title}”
        </Title>
        <ItemTable label={`Risks in “${c.to.title}” that were not in “${c.from.title}”`} items={c.added} testId="run-added" />
      </Stack>
      <Stack gap="xs">
        <Title order={3} size="h5">
          Removed
        </Title>
        <ItemTable label={`Risks in “${c.from.title}” that are not in “${c.to.title}”`} items={c.removed} testId="run-removed" />
      </Stack>
      <Stack gap="xs">
        <Title order={3} size="h5">
          Changed
        </Title>
        {c.changed.length === 0 ? (
          <Text size="sm">None.</Text>
        ) : (
          <Table striped data-testid="run-changed">
            <caption style={{ captionSide: 'top', textAlign: 'left' }}>
              <Text span size="xs" c="dimmed">
                What changed for each risk, from “{c.from.title}” to “{c.to.title}”
              </Text>
            </caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Risk</Table.Th>
                <Table.Th>What changed</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {c.changed.map((change) => (
                <Table.Tr key={change.riskId}>
                  <Table.Td>
                    <Anchor component={Link} to={`/risks/${change.riskId}`} size="sm">
                      {change.title}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={2}>
                      {change.changes.map((f) => (
                        <Text key={f.field} size="sm">
                          {fieldLabel(f.field)}: {valueLabel(f.field, f.before)} → {valueLabel(f.field, f.after)}
                          {f.delta != null && f.delta !== 0 ? ` (${f.delta > 0 ? '+' : ''}${f.delta})` : ''}
                        </Text>
                      ))}
                    </Stack>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Stack>
  );
}

/** Dated snapshots of the register, and what changed between two of them. */
export function AssessmentRunsRoute() {
  const { activeRole } = useSession();
  const mayStart = roleMay(activeRole, PROGRAMME_MANAGERS);
  const { data, loading, error, refetch } = useQuery(RiskAssessmentRunsPageDocument);
  const [params] = useSearchParams();
  const setParams = useSetParams();
  const from = isRecordId(params.get('from')) ? params.get('from') : null;
  const to = isRecordId(params.get('to')) ? params.get('to') : null;
  const runs = data?.assessmentRuns ?? [];
  const options = runs.map((run) => ({ value: run.id, label: `${run.title} (${formatDateTime(run.takenAt)})` }));
  const setRun = (name: 'from' | 'to', value: string | null) => setParams({ [name]: value });

  return (
    <Page title="Assessment runs" description="Snapshots of the register taken at each risk assessment, and the differences between two of them.">
      {mayStart && (
        <Section title="Take a snapshot of the register">
          <StartRun onStarted={() => void refetch()} />
        </Section>
      )}
      <Section title="Runs" testId="runs">
        {loading && !data ? (
          <Loading label="Loading the runs…" />
        ) : error && !data ? (
          <ErrorAlert title="Could not load the assessment runs" error={error} onRetry={() => void refetch()} />
        ) : runs.length === 0 ? (
          <Text size="sm" data-testid="runs-empty">
            No assessment run has been taken yet.
          </Text>
        ) : (
          <Table striped data-testid="runs-table">
            <caption style={{ captionSide: 'top', textAlign: 'left' }}>
              <Text span size="xs" c="dimmed">
                Assessment runs, newest first
              </Text>
            </caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Run</Table.Th>
                <Table.Th>Taken</Table.Th>
                <Table.Th>Risks</Table.Th>
                <Table.Th>Methodology</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {runs.map((run) => (
                <Table.Tr key={run.id} data-testid="run-row">
                  <Table.Td>{run.title}</Table.Td>
                  <Table.Td>{formatDateTime(run.takenAt)}</Table.Td>
                  <Table.Td>{run.riskCount.toLocaleString('en-GB')}</Table.Td>
                  <Table.Td>Version {run.methodologyVersion}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Section>
      {runs.length >= 2 && (
        <Section title="Compare two runs" testId="runs-compare">
          <SimpleGrid cols={{ base: 1, md: 2 }} maw={900}>
            <Select label="From (earlier)" placeholder="Choose a run" searchable data={options} value={from} onChange={(v) => setRun('from', v)} data-testid="run-from" />
            <Select label="To (later)" placeholder="Choose a run" searchable data={options} value={to} onChange={(v) => setRun('to', v)} data-testid="run-to" />
          </SimpleGrid>
          {from && to && from === to && <Text size="sm">Choose two different runs.</Text>}
          {from && to && from !== to && <CompareResult from={from} to={to} />}
        </Section>
      )}
    </Page>
  );
}
