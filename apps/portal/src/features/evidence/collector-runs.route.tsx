import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { DataTable, type DataTableColumn } from '../../components/data-table';
import { ErrorAlert } from '../../components/error-alert';
import { Page } from '../../components/page';
import { StatusBadge } from '../../components/status-badge';
import { CollectorRunHistoryDocument, EvidenceCollectorsPageDocument, RunEvidenceCollectorNowDocument, type CollectorRunRowFragment } from '../../gql/graphql';
import { formatDateTime } from '../../lib/format';
import { notifyFailure, notifySuccess } from '../../lib/notify';
import { useTableState } from '../../lib/table-state';
import { RUN_OUTCOME_COLOUR, RUN_OUTCOME_LABEL, RUN_TRIGGER_LABEL, startedByLabel } from './collectors.format';
import { evidenceRefusal } from './evidence.errors';

const columns: DataTableColumn<CollectorRunRowFragment>[] = [
  { id: 'started', header: 'Started', cell: (run) => <Text size="sm">{formatDateTime(run.startedAt)}</Text> },
  { id: 'trigger', header: 'By', cell: (run) => <Text size="sm">{`${RUN_TRIGGER_LABEL[run.trigger]} · ${startedByLabel(run.startedBy)}`}</Text> },
  {
    id: 'outcome',
    header: 'Outcome',
    cell: (run) => (
      <StatusBadge colour={RUN_OUTCOME_COLOUR[run.outcome]} data-testid="collector-run-outcome">
        {RUN_OUTCOME_LABEL[run.outcome]}
      </StatusBadge>
    ),
  },
  {
    id: 'reason',
    header: 'Reason',
    cell: (run) => (
      <Text size="sm" c={run.outcome === 'FAILED' ? 'red.9' : undefined} data-testid="collector-run-reason">
        {run.reason ?? '—'}
      </Text>
    ),
  },
  {
    id: 'evidence',
    header: 'Evidence recorded',
    cell: (run) => (
      <Stack gap={0}>
        <Text size="sm">{run.itemsProduced}</Text>
        {run.evidenceIds.map((id, index) => (
          <Anchor key={id} component={Link} to={`/evidence/${id}`} size="xs" c="indigo.9" data-testid="collector-run-evidence">
            Evidence {index + 1}
          </Anchor>
        ))}
      </Stack>
    ),
  },
  { id: 'finished', header: 'Finished', cell: (run) => <Text size="sm">{run.finishedAt ? formatDateTime(run.finishedAt) : 'still running'}</Text> },
];

/** The runs of one collector configuration, newest first, with each failure's reason and the evidence it recorded. */
export function CollectorRunsRoute() {
  const { configurationId = '' } = useParams();
  const page = useQuery(EvidenceCollectorsPageDocument);
  const configuration = page.data?.collectorConfigurations.find((entry) => entry.id === configurationId) ?? null;
  const table = useTableState<'startedAt'>({ sort: 'startedAt', direction: 'desc', pageSize: 25, filters: [] });
  const history = useQuery(CollectorRunHistoryDocument, {
    skip: !configuration,
    variables: { collectorId: configuration?.collectorId ?? '', configurationId, first: table.pageSize, offset: (table.page - 1) * table.pageSize },
  });
  const [runNow, { loading: running }] = useMutation(RunEvidenceCollectorNowDocument, { refetchQueries: ['CollectorRunHistory', 'CollectorLastRun', 'EvidenceCollectorsPage'] });

  if (page.error) return <ErrorAlert title="Could not load the collector" error={page.error} onRetry={() => void page.refetch()} />;
  if (!page.loading && !configuration) {
    return (
      <Page title="Collector not found">
        <Alert color="gray" variant="light" data-testid="not-found">
          No collector configuration {configurationId} in this organisation. <Anchor component={Link} to="/evidence/collectors">Back to the collectors</Anchor>
        </Alert>
      </Page>
    );
  }
  const run = async () => {
    if (!configuration) return;
    try {
      const { data } = await runNow({ variables: { configurationId } });
      const result = data?.runCollectorNow;
      if (result?.outcome === 'FAILED') notifyFailure(`${configuration.name} failed`, result.reason ?? 'The collector recorded nothing.');
      else notifySuccess(`${configuration.name} ran`, `${result?.itemsProduced ?? 0} evidence items recorded; they await review.`);
    } catch (caught) {
      notifyFailure(`${configuration.name} did not run`, evidenceRefusal(caught));
    }
  };
  return (
    <Page
      title={configuration ? `${configuration.name}: runs` : 'Collector runs'}
      description={configuration ? `${configuration.collectorId} · schedule ${configuration.schedule} (UTC) · ${configuration.enabled ? `next run ${formatDateTime(configuration.nextRunAt)}` : 'disabled'}` : undefined}
      actions={
        <Group>
          <Button variant="default" component={Link} to="/evidence/collectors">
            All collectors
          </Button>
          <Button loading={running} onClick={() => void run()} data-testid="collector-run-now">
            Run now
          </Button>
        </Group>
      }
    >
      {history.error && <ErrorAlert title="Could not load the runs" error={history.error} onRetry={() => void history.refetch()} />}
      <DataTable
        label="Collector runs"
        testId="collector-runs-table"
        columns={columns}
        rows={history.data?.collectorRuns.nodes ?? []}
        rowId={(entry) => entry.id}
        rowProps={(entry) => ({ 'data-outcome': entry.outcome, 'data-trigger': entry.trigger })}
        totalCount={history.data?.collectorRuns.totalCount ?? 0}
        page={table.page}
        pageSize={table.pageSize}
        onPageChange={table.setPage}
        onPageSizeChange={table.setPageSize}
        loading={page.loading || history.loading}
        empty="It has not run yet."
      />
    </Page>
  );
}
