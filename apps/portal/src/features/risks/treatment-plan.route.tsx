import { useApolloClient, useQuery } from '@apollo/client/react';
import { Anchor, Button, Group, List, Progress, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { DataTable, type DataTableColumn } from '../../components/data-table';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { Page } from '../../components/page';
import { RiskTreatmentPlanExportDocument, RiskTreatmentPlanPageDocument, type RiskExportFormat, type RiskTreatmentPlanPageQuery } from '../../gql/graphql';
import { downloadBase64File } from '../../lib/download';
import { formatDate } from '../../lib/format';
import { controlName } from './control-multi-select';
import { LevelBadge } from './level-badge';
import { actionStatusLabel, plural, statusLabel, treatmentLabel } from './risk-labels';
import { notifySuccess } from '../../lib/notify';

type PlanRow = RiskTreatmentPlanPageQuery['riskTreatmentPlan'][number];

const FORMAT_NAMES: Record<RiskExportFormat, string> = { XLSX: 'Excel workbook', PDF: 'PDF document' };

/** The Risk Treatment Plan (ISO/IEC 27001 6.1.3 e) from live data, and its export for the auditors. */
export function TreatmentPlanRoute() {
  const client = useApolloClient();
  const { data, loading, error, refetch } = useQuery(RiskTreatmentPlanPageDocument, { fetchPolicy: 'cache-and-network' });
  const [exporting, setExporting] = useState<RiskExportFormat | null>(null);
  const [exportError, setExportError] = useState<unknown>(null);

  const levels = data?.riskMethodology?.levels ?? [];

  const download = async (format: RiskExportFormat) => {
    setExporting(format);
    setExportError(null);
    try {
      const result = await client.query({ query: RiskTreatmentPlanExportDocument, variables: { format }, fetchPolicy: 'no-cache' });
      const file = result.data?.exportRiskTreatmentPlan;
      if (!file) throw new Error('The platform returned no file.');
      downloadBase64File(file);
      notifySuccess('Risk Treatment Plan downloaded', `${file.filename} (${FORMAT_NAMES[format]}).`);
    } catch (failure) {
      setExportError(failure);
    } finally {
      setExporting(null);
    }
  };

  const columns: DataTableColumn<PlanRow>[] = [
    {
      id: 'risk',
      header: 'Risk',
      cell: (row) => (
        <Anchor component={Link} to={`/risks/${row.riskId}`} size="sm" fw={600} data-testid="plan-risk">
          {row.title}
        </Anchor>
      ),
    },
    { id: 'owner', header: 'Owner', cell: (row) => row.ownerName ?? 'No owner' },
    { id: 'unit', header: 'Unit', cell: (row) => row.unit?.name ?? '—' },
    {
      id: 'treatment',
      header: 'Treatment',
      cell: (row) => (
        <div>
          <Text size="sm" fw={600}>
            {treatmentLabel(row.treatment)}
          </Text>
          {row.rationale && <Text size="xs">{row.rationale}</Text>}
        </div>
      ),
    },
    {
      id: 'controls',
      header: 'Controls',
      cell: (row) =>
        row.controls.length === 0 ? (
          '—'
        ) : (
          <List size="xs" spacing={0} data-testid="plan-controls">
            {row.controls.map((control) => (
              <List.Item key={control.id}>{controlName(control)}</List.Item>
            ))}
          </List>
        ),
    },
    {
      id: 'actions',
      header: 'Actions',
      cell: (row) =>
        row.actions.length === 0 ? (
          '—'
        ) : (
          <List size="xs" spacing={0}>
            {row.actions.map((action, index) => (
              <List.Item key={index}>
                {action.title} — {action.ownerName ?? 'no owner'}, due {formatDate(action.dueOn)}, {actionStatusLabel(action.status).toLowerCase()}
              </List.Item>
            ))}
          </List>
        ),
    },
    { id: 'inherent', header: 'Inherent', cell: (row) => <LevelBadge levels={levels} level={row.inherentLevel} /> },
    { id: 'residual', header: 'Residual', cell: (row) => (row.residualLevel ? <LevelBadge levels={levels} level={row.residualLevel} /> : <Text size="sm">Not assessed</Text>) },
    {
      id: 'acceptance',
      header: 'Acceptance',
      cell: (row) =>
        row.acceptedByName ? (
          <Text size="sm">
            Accepted by {row.acceptedByName}, {formatDate(row.acceptedAt)}
          </Text>
        ) : row.needsAcceptance ? (
          <Text size="sm" c="red.9" fw={600}>
            Needs the owner&apos;s acceptance
          </Text>
        ) : (
          <Text size="sm">Not needed</Text>
        ),
    },
    { id: 'status', header: 'Status', cell: (row) => statusLabel(row.status) },
    { id: 'review', header: 'Next review', cell: (row) => formatDate(row.nextReviewOn) },
  ];

  const rows = data?.riskTreatmentPlan ?? [];
  return (
    <Page
      title="Risk Treatment Plan"
      description="Every treated risk: the option chosen, the controls and actions that carry it out, who owns it, and the owner's acceptance of what remains."
      actions={
        <Group gap="sm">
          <Button variant="default" onClick={() => void download('XLSX')} loading={exporting === 'XLSX'} disabled={exporting !== null} data-testid="plan-export-xlsx">
            Download XLSX
          </Button>
          <Button variant="default" onClick={() => void download('PDF')} loading={exporting === 'PDF'} disabled={exporting !== null} data-testid="plan-export-pdf">
            Download PDF
          </Button>
        </Group>
      }
    >
      {exporting && (
        <Stack gap={4} role="status" aria-live="polite" data-testid="plan-export-progress">
          <Text size="sm">Generating the {FORMAT_NAMES[exporting]} of the Risk Treatment Plan…</Text>
          <Progress value={100} animated striped aria-label="Generating the export" />
        </Stack>
      )}
      {exportError !== null && <ErrorAlert title="The Risk Treatment Plan could not be generated" error={exportError} onRetry={() => setExportError(null)} />}
      {loading && !data ? (
        <Loading label="Loading the plan…" />
      ) : error && !data ? (
        <ErrorAlert title="Could not load the Risk Treatment Plan" error={error} onRetry={() => void refetch()} />
      ) : (
        <Stack gap="xs">
          <Text size="sm" data-testid="plan-count">
            {plural(rows.length, 'treated risk')}, highest current level first.
          </Text>
          <DataTable label="Risk Treatment Plan" testId="plan" columns={columns} rows={rows} rowId={(row) => row.riskId} rowProps={(row) => ({ 'data-risk-id': row.riskId })} empty="No risk is treated yet: decide a treatment in the register." />
        </Stack>
      )}
    </Page>
  );
}
