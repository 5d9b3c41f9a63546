import { useMutation, useQuery } from '@apollo/client/react';
import { PROGRAMME_MANAGERS } from '@iso27001/authz/roles';
import { LineChart } from '@mantine/charts';
import { Badge, Button, Card, Group, Modal, NumberInput, Select, SimpleGrid, Stack, Table, Text, TextInput, Textarea, Title, UnstyledButton } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { Page, Section } from '../../components/page';
import { PersonSelect, type PersonOption } from '../../components/person-select';
import {
  ProgrammeCreateObjectiveDocument,
  ProgrammeObjectivesDocument,
  ProgrammeRecordObjectiveMeasurementDocument,
  ProgrammeSetObjectiveStatusDocument,
  type IsmsObjectiveDirection,
  type IsmsObjectiveStatus,
  type ProgrammeObjectiveFragment,
} from '../../gql/graphql';
import { describeError, serverFieldErrors } from '../../lib/errors';
import { formatDate, formatDateTime } from '../../lib/format';
import { roleMay } from '../../lib/roles';
import { useSession } from '../../lib/session';
import { notifySuccess, notifyFailure } from '../../lib/notify';

const STATUSES: { value: IsmsObjectiveStatus; label: string }[] = [
  { value: 'PLANNED', label: 'Planned' },
  { value: 'IN_PROGRESS', label: 'In progress' },
  { value: 'ACHIEVED', label: 'Achieved' },
  { value: 'NOT_ACHIEVED', label: 'Not achieved' },
  { value: 'CANCELLED', label: 'Cancelled' },
];
const statusLabel = (s: IsmsObjectiveStatus) => STATUSES.find((x) => x.value === s)?.label ?? s;

/** "5 %" / "12.5 days": a value with the objective's unit, as many decimals as it has (up to 2). */
function formatValue(value: number, unit: string): string {
  const text = value.toLocaleString('en-GB', { maximumFractionDigits: 2 });
  return unit === '%' ? `${text}%` : `${text} ${unit}`;
}

function target(objective: ProgrammeObjectiveFragment): string {
  return `${objective.direction === 'LOWER_IS_BETTER' ? 'At most' : 'At least'} ${formatValue(objective.targetValue, objective.unit)}`;
}

function MetBadge({ met }: { met: boolean | null }) {
  if (met === null) return <Badge color="gray.7" variant="outline">Not measured yet</Badge>;
  return (
    <Badge color={met ? 'teal.9' : 'red.9'} variant="outline" data-testid="objective-met">
      {met ? 'Target met' : 'Target not met'}
    </Badge>
  );
}

/** A datetime-local value for now, in the browser's time zone. */
function nowLocal(): string {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

function MeasurementForm({ objective, onClose }: { objective: ProgrammeObjectiveFragment; onClose: () => void }) {
  const [record, { loading }] = useMutation(ProgrammeRecordObjectiveMeasurementDocument);
  const [failure, setFailure] = useState<unknown>(null);
  const form = useForm({
    mode: 'controlled',
    initialValues: { value: '' as number | string, measuredAt: nowLocal(), note: '' },
    validate: {
      value: (v) => (typeof v !== 'number' || !Number.isFinite(v) ? 'Enter the measured value' : null),
      measuredAt: (v) => {
        const at = new Date(v);
        if (v === '' || Number.isNaN(at.getTime())) return 'Enter when it was measured';
        return at.getTime() > Date.now() + 60_000 ? 'A measurement cannot be in the future' : null;
      },
      note: (v) => (v.length > 2000 ? 'At most 2,000 characters' : null),
    },
  });
  const submit = form.onSubmit(async (v) => {
    setFailure(null);
    try {
      await record({ variables: { input: { objectiveId: objective.id, value: Number(v.value), measuredAt: new Date(v.measuredAt).toISOString(), note: v.note.trim() || null } } });
      notifySuccess('Measurement recorded', `${objective.title}: ${formatValue(Number(v.value), objective.unit)}`);
      onClose();
    } catch (e) {
      form.setErrors(serverFieldErrors(e));
      setFailure(e);
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {failure ? <ErrorAlert title="The measurement was not recorded" error={failure} /> : null}
        <Text size="sm">
          {objective.metric}. Target: {target(objective)}.
        </Text>
        <NumberInput label={`Value (${objective.unit})`} required decimalScale={4} data-testid="measurement-value" {...form.getInputProps('value')} />
        <TextInput label="Measured at" type="datetime-local" required max={nowLocal()} {...form.getInputProps('measuredAt')} />
        <Textarea label="Note" autosize {...form.getInputProps('note')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={loading} data-testid="save-measurement">
            Record
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function ObjectiveForm({ onClose, onCreated }: { onClose: () => void; onCreated: (id: string) => void }) {
  const [create, { loading }] = useMutation(ProgrammeCreateObjectiveDocument, { refetchQueries: ['ProgrammeObjectives'] });
  const [failure, setFailure] = useState<unknown>(null);
  const [owner, setOwner] = useState<PersonOption | null>(null);
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      title: '',
      description: '',
      metric: '',
      targetValue: '' as number | string,
      unit: '%',
      direction: 'HIGHER_IS_BETTER' as IsmsObjectiveDirection,
      ownerId: null as string | null,
      dueDate: '',
    },
    validate: {
      title: (v) => (v.trim() === '' ? 'Give the objective a title' : v.length > 300 ? 'At most 300 characters' : null),
      description: (v) => (v.length > 5000 ? 'At most 5,000 characters' : null),
      metric: (v) => (v.trim() === '' ? 'Say what is measured' : v.length > 300 ? 'At most 300 characters' : null),
      targetValue: (v) => (typeof v !== 'number' || !Number.isFinite(v) ? 'Enter the target value' : null),
      unit: (v) => (v.trim() === '' ? 'Enter the unit, e.g. % or days' : v.length > 50 ? 'At most 50 characters' : null),
      dueDate: (v) => (v !== '' && !/^\d{4}-\d{2}-\d{2}$/.test(v) ? 'Enter a date' : null),
    },
  });
  const submit = form.onSubmit(async (v) => {
    setFailure(null);
    try {
      const result = await create({
        variables: {
          input: {
            title: v.title.trim(),
            description: v.description.trim(),
            metric: v.metric.trim(),
            targetValue: Number(v.targetValue),
            unit: v.unit.trim(),
            direction: v.direction,
            ownerId: v.ownerId,
            dueDate: v.dueDate || null,
          },
        },
      });
      notifySuccess('Objective created', v.title.trim());
      if (result.data) onCreated(result.data.createObjective.id);
      onClose();
    } catch (e) {
      form.setErrors(serverFieldErrors(e));
      setFailure(e);
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {failure ? <ErrorAlert title="The objective was not created" error={failure} /> : null}
        <TextInput label="Title" required {...form.getInputProps('title')} />
        <Textarea label="Description" autosize {...form.getInputProps('description')} />
        <TextInput label="What is measured" placeholder="e.g. Phishing simulation click rate" required {...form.getInputProps('metric')} />
        <SimpleGrid cols={3}>
          <Select
            label="Better when"
            data={[
              { value: 'HIGHER_IS_BETTER', label: 'Higher (at least)' },
              { value: 'LOWER_IS_BETTER', label: 'Lower (at most)' },
            ]}
            allowDeselect={false}
            {...form.getInputProps('direction')}
          />
          <NumberInput label="Target" required decimalScale={4} {...form.getInputProps('targetValue')} />
          <TextInput label="Unit" required {...form.getInputProps('unit')} />
        </SimpleGrid>
        <PersonSelect
          label="Owner"
          selected={owner}
          value={form.values.ownerId}
          error={form.errors['ownerId']}
          onChange={(id, person) => {
            setOwner(person);
            form.setFieldValue('ownerId', id);
          }}
        />
        <TextInput label="Due date" type="date" {...form.getInputProps('dueDate')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={loading}>
            Create
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function ObjectiveDetail({ objective, mayEdit }: { objective: ProgrammeObjectiveFragment; mayEdit: boolean }) {
  const [measuring, setMeasuring] = useState(false);
  const [setStatus, settingStatus] = useMutation(ProgrammeSetObjectiveStatusDocument);
  const history = [...objective.history].sort((a, b) => a.measuredAt.localeCompare(b.measuredAt));
  const chartData = history.map((m) => ({ date: formatDate(m.measuredAt), Value: m.value, Target: objective.targetValue }));
  return (
    <Card withBorder component="section" aria-labelledby="objective-title" data-testid="objective-detail">
      <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened={measuring} onClose={() => setMeasuring(false)} title={`Record a measurement of “${objective.title}”`}>
        {measuring && <MeasurementForm objective={objective} onClose={() => setMeasuring(false)} />}
      </Modal>
      <Group justify="space-between" align="flex-start" mb="sm">
        <div>
          <Title order={2} size="h4" id="objective-title" data-testid="objective-detail-title">
            {objective.title}
          </Title>
          <Text size="sm" c="dimmed">
            {objective.metric} · Target: {target(objective)} · Owner: {objective.owner?.name ?? 'none'}
            {objective.dueDate ? ` · Due ${formatDate(objective.dueDate)}` : ''}
          </Text>
          {objective.description && <Text size="sm" mt={4}>{objective.description}</Text>}
        </div>
        <Group gap="sm">
          {mayEdit ? (
            <Select
              aria-label={`Status of ${objective.title}`}
              size="xs"
              w={150}
              data={STATUSES}
              value={objective.status}
              allowDeselect={false}
              disabled={settingStatus.loading}
              onChange={async (value) => {
                if (!value || value === objective.status) return;
                try {
                  await setStatus({ variables: { input: { id: objective.id, status: value as IsmsObjectiveStatus } } });
                  notifySuccess('Status changed', `${objective.title}: ${statusLabel(value as IsmsObjectiveStatus)}`);
                } catch (e) {
                  notifyFailure('The status was not changed', describeError(e).summary);
                }
              }}
            />
          ) : (
            <Badge variant="outline">{statusLabel(objective.status)}</Badge>
          )}
          {mayEdit && (
            <Button size="xs" onClick={() => setMeasuring(true)} disabled={objective.status === 'CANCELLED'} data-testid="record-measurement">
              Record a measurement
            </Button>
          )}
        </Group>
      </Group>
      <Group gap="lg" mb="md">
        <div>
          <Text size="xs" c="dimmed">
            Latest value
          </Text>
          <Text fw={700} fz="xl" data-testid="objective-latest">
            {objective.latestMeasurement ? formatValue(objective.latestMeasurement.value, objective.unit) : '—'}
          </Text>
        </div>
        <MetBadge met={objective.targetMet} />
      </Group>
      {history.length === 0 ? (
        <Text size="sm" c="dimmed">
          No measurement yet.
        </Text>
      ) : (
        <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
          <LineChart
            h={260}
            data={chartData}
            dataKey="date"
            series={[
              { name: 'Value', color: 'indigo.7' },
              { name: 'Target', color: 'red.7', strokeDasharray: '5 5' },
            ]}
            curveType="linear"
            withLegend
            valueFormatter={(v) => formatValue(v, objective.unit)}
            aria-label={`${objective.metric} over time, against the target`}
            data-testid="objective-chart"
          />
          <Table verticalSpacing={4} aria-label={`Measurements of ${objective.title}`} data-testid="objective-measurements">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Measured</Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>Value</Table.Th>
                <Table.Th>Target</Table.Th>
                <Table.Th>Note</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {[...history].reverse().map((m) => {
                const met = objective.direction === 'LOWER_IS_BETTER' ? m.value <= objective.targetValue : m.value >= objective.targetValue;
                return (
                  <Table.Tr key={m.id} data-testid="objective-measurement">
                    <Table.Td>{formatDateTime(m.measuredAt)}</Table.Td>
                    <Table.Td style={{ textAlign: 'right' }} data-testid="objective-measurement-value">
                      {formatValue(m.value, objective.unit)}
                    </Table.Td>
                    <Table.Td>{met ? 'Met' : 'Not met'}</Table.Td>
                    <Table.Td>{m.note ?? ''}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </SimpleGrid>
      )}
    </Card>
  );
}

/** Information security objectives (clause 6.2): targets, the latest value, whether it is met, and the trend. */
export function ObjectivesRoute() {
  const { data, loading, error, refetch } = useQuery(ProgrammeObjectivesDocument);
  const [params, setParams] = useSearchParams();
  const { activeRole } = useSession();
  const mayEdit = roleMay(activeRole, PROGRAMME_MANAGERS);
  const [creating, setCreating] = useState(false);

  if (loading && !data) {
    return (
      <Page title="Objectives">
        <Loading />
      </Page>
    );
  }
  if (error && !data) {
    return (
      <Page title="Objectives">
        <ErrorAlert title="Could not load the objectives" error={error} onRetry={() => void refetch()} />
      </Page>
    );
  }
  const objectives = data?.objectives ?? [];
  const selected = objectives.find((o) => o.id === params.get('objective')) ?? objectives[0] ?? null;
  const select = (id: string) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      next.set('objective', id);
      return next;
    });

  return (
    <Page
      title="Objectives"
      description="Information security objectives (clause 6.2): what is measured, the target, the latest value and the trend."
      actions={mayEdit && <Button onClick={() => setCreating(true)}>Create an objective</Button>}
    >
      <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened={creating} onClose={() => setCreating(false)} title="Create an objective" size="lg">
        {creating && <ObjectiveForm onClose={() => setCreating(false)} onCreated={select} />}
      </Modal>
      <Section title="All objectives" testId="objectives">
        {objectives.length === 0 ? (
          <Text size="sm">No objective has been set yet.</Text>
        ) : (
          <Table verticalSpacing="xs" highlightOnHover aria-label="Information security objectives">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Objective</Table.Th>
                <Table.Th>Target</Table.Th>
                <Table.Th style={{ textAlign: 'right' }}>Latest value</Table.Th>
                <Table.Th>Met</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Owner</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {objectives.map((o) => (
                <Table.Tr key={o.id} data-testid="objective">
                  <Table.Td>
                    <UnstyledButton onClick={() => select(o.id)} fw={600} fz="sm" td="underline" aria-current={o.id === selected?.id ? 'true' : undefined}>
                      {o.title}
                    </UnstyledButton>
                    <Text size="xs" c="dimmed">
                      {o.metric}
                    </Text>
                  </Table.Td>
                  <Table.Td>{target(o)}</Table.Td>
                  <Table.Td style={{ textAlign: 'right' }}>{o.latestMeasurement ? formatValue(o.latestMeasurement.value, o.unit) : '—'}</Table.Td>
                  <Table.Td>
                    <MetBadge met={o.targetMet} />
                  </Table.Td>
                  <Table.Td>{statusLabel(o.status)}</Table.Td>
                  <Table.Td>{o.owner?.name ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Section>
      {selected && <ObjectiveDetail key={selected.id} objective={selected} mayEdit={mayEdit} />}
    </Page>
  );
}
