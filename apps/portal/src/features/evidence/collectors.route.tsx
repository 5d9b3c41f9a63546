import { useMutation, useQuery } from '@apollo/client/react';
import { Anchor, Badge, Button, Group, Stack, Text, Tooltip } from '@mantine/core';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { DataTable, type DataTableColumn } from '../../components/data-table';
import { ErrorAlert } from '../../components/error-alert';
import { Page } from '../../components/page';
import { StatusBadge } from '../../components/status-badge';
import { useUnitOptions } from '../../components/unit-select';
import {
  CollectorLastRunDocument,
  ConfigureEvidenceCollectorDocument,
  EvidenceCollectorsPageDocument,
  RunEvidenceCollectorNowDocument,
  type CollectorConfigurationRowFragment,
} from '../../gql/graphql';
import { formatDateTime } from '../../lib/format';
import { notifyFailure, notifySuccess } from '../../lib/notify';
import { hidesSecrets } from './collector-config.rules';
import { CollectorConfigureModal } from './collector-configure.modal';
import { RUN_OUTCOME_COLOUR, RUN_OUTCOME_LABEL } from './collectors.format';
import { evidenceRefusal } from './evidence.errors';

/** The newest run of a configuration: its outcome, when, and why it failed. */
function LastRun({ configuration }: { configuration: CollectorConfigurationRowFragment }) {
  const { data, loading } = useQuery(CollectorLastRunDocument, { variables: { collectorId: configuration.collectorId, configurationId: configuration.id } });
  const run = data?.collectorRuns.nodes[0];
  if (loading && !data) return <Text size="xs">…</Text>;
  if (!run) return <Text size="sm" c="dimmed" data-testid="collector-last-run" data-outcome="NONE">Never run</Text>;
  return (
    <Stack gap={2} data-testid="collector-last-run" data-outcome={run.outcome}>
      <StatusBadge colour={RUN_OUTCOME_COLOUR[run.outcome]}>{RUN_OUTCOME_LABEL[run.outcome]}</StatusBadge>
      <Text size="xs" c="dimmed">
        {formatDateTime(run.finishedAt ?? run.startedAt)}
      </Text>
      {run.reason && (
        <Text size="xs" c={run.outcome === 'FAILED' ? 'red.9' : undefined} lineClamp={2}>
          {run.reason}
        </Text>
      )}
    </Stack>
  );
}

/**
 * The organisation's collector configurations (ISMS manager, admin): what each collects, for which department and
 * controls, on which schedule, how its last run went and when it runs next; run one now, switch it on or off, open
 * its run history, or configure another from the collectors installed.
 */
export function CollectorsRoute() {
  const { data, loading, error, refetch } = useQuery(EvidenceCollectorsPageDocument);
  const { options: units } = useUnitOptions();
  const unitName = useMemo(() => new Map(units.map((unit) => [unit.value, unit.label])), [units]);
  const [configuring, setConfiguring] = useState(false);
  const [running, setRunning] = useState<string | null>(null);
  const [runNow] = useMutation(RunEvidenceCollectorNowDocument, { refetchQueries: ['CollectorLastRun', 'CollectorRunHistory', 'EvidenceCollectorsPage'] });
  const [configure] = useMutation(ConfigureEvidenceCollectorDocument, { refetchQueries: ['EvidenceCollectorsPage'] });
  const collectors = data?.evidenceCollectors ?? [];
  const collectorOf = new Map(collectors.map((collector) => [collector.id, collector]));

  const run = async (configuration: CollectorConfigurationRowFragment) => {
    setRunning(configuration.id);
    try {
      const { data: ran } = await runNow({ variables: { configurationId: configuration.id } });
      const result = ran?.runCollectorNow;
      if (result?.outcome === 'FAILED') notifyFailure(`${configuration.name} failed`, result.reason ?? 'The collector recorded nothing.');
      else notifySuccess(`${configuration.name} ran`, `${result?.itemsProduced ?? 0} evidence ${result?.itemsProduced === 1 ? 'item' : 'items'} recorded; they await review.`);
    } catch (caught) {
      notifyFailure(`${configuration.name} did not run`, evidenceRefusal(caught));
    } finally {
      setRunning(null);
    }
  };

  const toggle = async (configuration: CollectorConfigurationRowFragment) => {
    try {
      await configure({
        variables: {
          input: { id: configuration.id, collectorId: configuration.collectorId, name: configuration.name, unitId: configuration.unitId, schedule: configuration.schedule, enabled: !configuration.enabled, config: configuration.config },
        },
      });
      notifySuccess(configuration.enabled ? 'Collector disabled' : 'Collector enabled', configuration.enabled ? `${configuration.name} no longer runs on its schedule.` : `${configuration.name} runs on its schedule again.`);
    } catch (caught) {
      notifyFailure('Not changed', evidenceRefusal(caught));
    }
  };

  const columns: DataTableColumn<CollectorConfigurationRowFragment>[] = [
    {
      id: 'name',
      header: 'Collector',
      cell: (configuration) => (
        <Stack gap={0}>
          <Anchor component={Link} to={`/evidence/collectors/${configuration.id}`} fw={600} size="sm" data-testid="collector-link">
            {configuration.name}
          </Anchor>
          <Text size="xs" c="dimmed">
            {configuration.collectorId}
            {collectorOf.get(configuration.collectorId) ? ` · v${collectorOf.get(configuration.collectorId)?.version}` : ' · not installed'}
          </Text>
        </Stack>
      ),
    },
    { id: 'unit', header: 'Department', cell: (configuration) => <Text size="sm">{unitName.get(configuration.unitId) ?? configuration.unitId}</Text> },
    {
      id: 'controls',
      header: 'Evidence for',
      cell: (configuration) => {
        const collector = collectorOf.get(configuration.collectorId);
        return (
          <Group gap={4}>
            {[...(collector?.controlIds ?? []), ...(collector?.clauses ?? [])].map((id) => (
              <Badge key={id} variant="light" size="sm" color="gray">
                {id}
              </Badge>
            ))}
          </Group>
        );
      },
    },
    {
      id: 'schedule',
      header: 'Schedule (UTC)',
      cell: (configuration) => (
        <Stack gap={0}>
          <Text size="sm" ff="monospace">
            {configuration.schedule}
          </Text>
          <Text size="xs" c="dimmed" data-testid="collector-next-run">
            {configuration.enabled ? `next ${formatDateTime(configuration.nextRunAt)}` : 'disabled: runs only when run now'}
          </Text>
        </Stack>
      ),
    },
    { id: 'last', header: 'Last run', cell: (configuration) => <LastRun configuration={configuration} /> },
    {
      id: 'actions',
      header: 'Actions',
      cell: (configuration) => (
        <Group gap="xs" wrap="nowrap">
          <Button size="compact-sm" loading={running === configuration.id} aria-label={`Run now: ${configuration.name}`} onClick={() => void run(configuration)}>
            Run now
          </Button>
          <Tooltip label="Its settings hold secrets the portal does not see: change them through the API" disabled={!hidesSecrets(configuration.config)}>
            <Button
              size="compact-sm"
              variant="light"
              color={configuration.enabled ? 'red' : undefined}
              disabled={hidesSecrets(configuration.config)}
              aria-label={`${configuration.enabled ? 'Disable' : 'Enable'} ${configuration.name}`}
              onClick={() => void toggle(configuration)}
            >
              {configuration.enabled ? 'Disable' : 'Enable'}
            </Button>
          </Tooltip>
        </Group>
      ),
    },
  ];

  return (
    <Page
      title="Evidence collectors"
      description="Collectors gather evidence on a schedule and record it as evidence items that await review like any other. A failed run says why."
      actions={
        <Button onClick={() => setConfiguring(true)} disabled={collectors.length === 0} data-testid="collector-new">
          Configure a collector
        </Button>
      }
    >
      {error && <ErrorAlert title="Could not load the collectors" error={error} onRetry={() => void refetch()} />}
      <DataTable
        label="Collector configurations"
        testId="collectors-table"
        columns={columns}
        rows={data?.collectorConfigurations ?? []}
        rowId={(configuration) => configuration.id}
        rowProps={(configuration) => ({ 'data-collector-name': configuration.name, 'data-collector-id': configuration.collectorId, 'data-enabled': String(configuration.enabled) })}
        loading={loading}
        empty="No collector is configured yet."
      />
      <Text size="sm" c="dimmed" data-testid="collectors-installed">
        Installed: {collectors.map((collector) => `${collector.title} (${collector.id})`).join(', ') || 'none'}
      </Text>
      <CollectorConfigureModal opened={configuring} collectors={collectors} onClose={() => setConfiguring(false)} />
    </Page>
  );
}
