import { useMutation, useQuery } from '@apollo/client/react';
import { Accordion, Anchor, Button, Checkbox, Code, FileInput, Group, Paper, Progress, SegmentedControl, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { DataTable } from '../../components/data-table';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { Page, Section } from '../../components/page';
import { RiskImportJobReportDocument, RiskImportJobsPageDocument, RiskStartImportDocument, type RiskImportFormat, type RiskImportJobFieldsFragment, type RiskImportKind, type RiskImportStatus } from '../../gql/graphql';
import { formatDateTime } from '../../lib/format';
import { NoteBadge } from './level-badge';
import { isRecordId } from './url-params';
import { plural } from './risk-labels';
import { notifySuccess } from '../../lib/notify';

/** The gateway takes requests up to 5 MB; the file travels base64-encoded (a third larger). */
const MAX_FILE_BYTES = 3_500_000;

const COLUMNS: Record<RiskImportKind, { required: string[]; optional: string[]; example: string[] }> = {
  RISKS: {
    required: ['title', 'inherent_likelihood', 'inherent_impact'],
    optional: ['description', 'threat', 'vulnerability', 'owner_email', 'unit_id', 'treatment', 'rationale', 'controls', 'next_review_on'],
    example: ['Laptop stolen from a branch', '3', '3', 'Unencrypted data on a lost device', 'Theft', 'Disk encryption not enforced', 'risk.owner@demo.example', '', 'MODIFY', 'Full-disk encryption on every laptop', 'A.8.1;A.8.24', ''],
  },
  ASSETS: {
    required: ['type', 'name', 'confidentiality', 'integrity', 'availability'],
    optional: ['description', 'owner_email', 'unit_id'],
    example: ['SOFTWARE', 'Customer service CRM', 'HIGH', 'MEDIUM', 'MEDIUM', 'Cases and contact history', 'control.owner@demo.example', ''],
  },
};

const STATUS: Record<RiskImportStatus, { label: string; colour: string }> = {
  RUNNING: { label: 'Running', colour: 'blue' },
  SUCCEEDED: { label: 'Succeeded', colour: 'green' },
  COMPLETED_WITH_ERRORS: { label: 'Completed with errors', colour: 'orange' },
  FAILED: { label: 'Failed', colour: 'red' },
};

function StatusBadge({ status }: { status: RiskImportStatus }) {
  return (
    <NoteBadge colour={STATUS[status].colour} testId="import-status">
      {STATUS[status].label}
    </NoteBadge>
  );
}

function formatOf(file: File): RiskImportFormat | null {
  const name = file.name.toLowerCase();
  if (name.endsWith('.csv')) return 'CSV';
  if (name.endsWith('.xlsx')) return 'XLSX';
  return null;
}

async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function templateHref(kind: RiskImportKind): string {
  const { required, optional, example } = COLUMNS[kind];
  const quote = (value: string) => (/[",;\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  const csv = `${[...required, ...optional].join(',')}\n${example.map(quote).join(',')}\n`;
  return `data:text/csv;charset=utf-8,${encodeURIComponent(csv)}`;
}

function JobReport({ jobId, file, kind, onImport, onFinished, starting }: { jobId: string; file: File | null; kind: RiskImportKind; onImport: () => void; onFinished: () => void; starting: boolean }) {
  const { data, error, refetch, startPolling, stopPolling } = useQuery(RiskImportJobReportDocument, { variables: { id: jobId }, fetchPolicy: 'network-only' });
  const job = data?.riskImportJob;
  const running = !job || job.status === 'RUNNING';
  const finished = data !== undefined && (!job || job.status !== 'RUNNING');
  // Poll while the job runs; a finished job does not change.
  useEffect(() => {
    if (!finished) {
      startPolling(1_000);
      return () => stopPolling();
    }
    stopPolling();
    onFinished();
    return undefined;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [finished, startPolling, stopPolling]);
  if (error && !data) return <ErrorAlert title="Could not load the import" error={error} onRetry={() => void refetch()} />;
  if (!data) return <Loading label="Loading the import…" />;
  if (!job) return <Text size="sm">This import is not known (imports are kept for the latest 50).</Text>;
  const percent = job.totalRows > 0 ? Math.round((100 * job.processedRows) / job.totalRows) : running ? 0 : 100;
  const mayImportNow = job.dryRun && !running && job.status !== 'FAILED' && file !== null && job.filename === file.name && job.kind === kind && job.importedRows > 0;
  return (
    <Paper withBorder p="md" data-testid="import-job" data-status={job.status}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3} size="h5">
            {job.dryRun ? 'Check' : 'Import'} of {job.filename ?? 'a file'} ({job.kind === 'RISKS' ? 'risks' : 'assets'}, {job.format})
          </Title>
          <StatusBadge status={job.status} />
        </Group>
        <Stack gap={4} role={running ? 'status' : undefined} aria-live="polite">
          <Text size="sm" data-testid="import-progress-text">
            {job.processedRows.toLocaleString('en-GB')} of {job.totalRows.toLocaleString('en-GB')} rows read ({percent}%)
          </Text>
          <Progress value={percent} animated={running} aria-label="Rows read" data-testid="import-progress" />
        </Stack>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <div>
            <Text size="xs" fw={700} tt="uppercase" c="dimmed">
              {job.dryRun ? 'Rows that would be imported' : 'Rows imported'}
            </Text>
            <Text size="lg" fw={700} data-testid="import-imported">
              {job.importedRows.toLocaleString('en-GB')}
            </Text>
          </div>
          <div>
            <Text size="xs" fw={700} tt="uppercase" c="dimmed">
              Rows with errors
            </Text>
            <Text size="lg" fw={700} data-testid="import-errors">
              {job.errorRows.toLocaleString('en-GB')}
            </Text>
          </div>
          <div>
            <Text size="xs" fw={700} tt="uppercase" c="dimmed">
              Started / finished
            </Text>
            <Text size="sm">
              {formatDateTime(job.createdAt)} / {running ? 'still running' : formatDateTime(job.finishedAt)}
            </Text>
          </div>
        </SimpleGrid>
        {job.dryRun && !running && (
          <Text size="sm">This was a check only: nothing was imported. {job.errorRows > 0 ? 'Correct the rows below in the file and check it again, or import the valid rows.' : ''}</Text>
        )}
        {job.failure && (
          <Text size="sm" c="red.9" fw={600} data-testid="import-failure">
            The import stopped: {job.failure}. Rows of the batches before it stay imported.
          </Text>
        )}
        {mayImportNow && (
          <div>
            <Button onClick={onImport} loading={starting} data-testid="import-now">
              Import the {plural(job.importedRows, 'valid row')} of {file.name} now
            </Button>
          </div>
        )}
        {job.errors.length > 0 && (
          <Stack gap="xs">
            <Title order={4} size="h6">
              Row report
            </Title>
            <DataTable
              label="Rows with errors"
              testId="import-row-report"
              columns={[
                { id: 'row', header: 'Row', cell: (e) => e.row, width: 80 },
                { id: 'field', header: 'Column', cell: (e) => (e.field ? <Code>{e.field}</Code> : '—'), width: 180 },
                { id: 'message', header: 'Problem', cell: (e) => e.message },
              ]}
              rows={job.errors}
              rowId={(e) => `${e.row}-${e.field ?? ''}-${e.message}`}
            />
            {job.errorRows > job.errors.length && (
              <Text size="xs" c="dimmed">
                The report lists the first {job.errors.length.toLocaleString('en-GB')} problems; {job.errorRows.toLocaleString('en-GB')} rows have errors.
              </Text>
            )}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}

/** Imports risks (or assets) from a CSV or XLSX file: a check first, progress while it runs, and a report per row. */
export function RiskImportRoute() {
  const [params, setParams] = useSearchParams();
  const jobId = isRecordId(params.get('job')) ? params.get('job') : null;
  const [kind, setKind] = useState<RiskImportKind>('RISKS');
  const [file, setFile] = useState<File | null>(null);
  const [dryRun, setDryRun] = useState(true);
  const [fileError, setFileError] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [startImport, { loading: starting }] = useMutation(RiskStartImportDocument);
  const jobs = useQuery(RiskImportJobsPageDocument, { fetchPolicy: 'cache-and-network' });

  const start = async (asDryRun: boolean) => {
    setFailure(null);
    if (!file) {
      setFileError('Choose a CSV or XLSX file');
      return;
    }
    const format = formatOf(file);
    if (!format) {
      setFileError('The file must be a .csv or an .xlsx workbook');
      return;
    }
    if (file.size > MAX_FILE_BYTES) {
      setFileError(`The file is ${(file.size / 1_000_000).toFixed(1)} MB; at most 3.5 MB can be sent at once. Split it into smaller files.`);
      return;
    }
    setFileError(null);
    try {
      const contentBase64 = await toBase64(file);
      const result = await startImport({ variables: { input: { kind, format, filename: file.name, contentBase64, dryRun: asDryRun } } });
      const job = result.data?.startRiskImport;
      if (!job) return;
      notifySuccess(asDryRun ? 'Checking the file' : 'Import started', `${file.name}: ${plural(job.totalRows, 'row')} to read.`);
      setParams({ job: job.id });
      void jobs.refetch();
    } catch (error) {
      setFailure(error);
    }
  };

  const columns = COLUMNS[kind];
  const recent: RiskImportJobFieldsFragment[] = jobs.data?.riskImportJobs ?? [];

  return (
    <Page title="Import risks" description="Load risks or assets from a spreadsheet: check the file first, then import it; every row with a problem is reported.">
      <Section title="File">
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void start(dryRun);
          }}
        >
          <Stack gap="sm" maw={720}>
            <div>
              <Text size="sm" fw={500} mb={4} id="import-kind-label">
                What the file holds
              </Text>
              <SegmentedControl
                aria-labelledby="import-kind-label"
                value={kind}
                onChange={(value) => setKind(value as RiskImportKind)}
                data={[
                  { value: 'RISKS', label: 'Risks' },
                  { value: 'ASSETS', label: 'Assets' },
                ]}
                data-testid="import-kind"
              />
            </div>
            <FileInput
              label="CSV or XLSX file"
              required
              placeholder="Choose a file"
              accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              value={file}
              onChange={(value) => {
                setFile(value);
                setFileError(null);
              }}
              error={fileError}
              clearable
              clearButtonProps={{ 'aria-label': 'Remove the chosen file' }}
              data-testid="import-file"
            />
            <Checkbox label="Check only (dry run): validate every row and report, import nothing" checked={dryRun} onChange={(e) => setDryRun(e.currentTarget.checked)} data-testid="import-dry-run" />
            <Accordion variant="contained">
              <Accordion.Item value="columns">
                <Accordion.Control>Columns the file needs</Accordion.Control>
                <Accordion.Panel>
                  <Stack gap="xs">
                    <Text size="sm">
                      Required: {columns.required.map((c) => <Code key={c} mr={4}>{c}</Code>)}
                    </Text>
                    <Text size="sm">
                      Optional: {columns.optional.map((c) => <Code key={c} mr={4}>{c}</Code>)}
                    </Text>
                    {kind === 'RISKS' ? (
                      <Text size="sm">
                        Likelihood and impact are values of the scales of the current methodology. The owner is given by e-mail. A treatment is MODIFY, AVOID, TRANSFER or ACCEPT and needs a rationale;
                        MODIFY needs Annex A controls such as <Code>A.5.15;A.8.5</Code>. Dates are written yyyy-mm-dd. The header is row 1.
                      </Text>
                    ) : (
                      <Text size="sm">Type is INFORMATION, SOFTWARE, HARDWARE, SERVICE, PEOPLE, SITE or SUPPLIER; confidentiality, integrity and availability are LOW, MEDIUM or HIGH (or 1 to 3).</Text>
                    )}
                    <Anchor href={templateHref(kind)} download={kind === 'RISKS' ? 'risk-import-template.csv' : 'asset-import-template.csv'} size="sm">
                      Download a template (CSV)
                    </Anchor>
                  </Stack>
                </Accordion.Panel>
              </Accordion.Item>
            </Accordion>
            {failure !== null && <ErrorAlert title="The file was not accepted" error={failure} />}
            <Group>
              <Button type="submit" loading={starting} data-testid="import-start">
                {dryRun ? 'Check the file' : 'Import the file'}
              </Button>
            </Group>
          </Stack>
        </form>
      </Section>

      {jobId && (
        <Section title="Progress and report" testId="import-report">
          <JobReport key={jobId} jobId={jobId} file={file} kind={kind} starting={starting} onImport={() => void start(false)} onFinished={() => void jobs.refetch()} />
        </Section>
      )}

      <Section title="Recent imports" testId="import-jobs">
        {jobs.error && !jobs.data ? (
          <ErrorAlert title="Could not load the recent imports" error={jobs.error} onRetry={() => void jobs.refetch()} />
        ) : !jobs.data ? (
          <Loading label="Loading the recent imports…" />
        ) : recent.length === 0 ? (
          <Text size="sm">No import yet.</Text>
        ) : (
          <Table striped>
            <caption style={{ captionSide: 'top', textAlign: 'left' }}>
              <Text span size="xs" c="dimmed">
                The latest 50 imports, newest first
              </Text>
            </caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>File</Table.Th>
                <Table.Th>Started</Table.Th>
                <Table.Th>Kind</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Rows</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {recent.map((job) => (
                <Table.Tr key={job.id} data-testid="import-job-row">
                  <Table.Td>
                    <Anchor component="button" type="button" size="sm" onClick={() => setParams({ job: job.id })} aria-current={job.id === jobId ? 'true' : undefined}>
                      {job.filename ?? 'Unnamed file'}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{formatDateTime(job.createdAt)}</Table.Td>
                  <Table.Td>
                    {job.kind === 'RISKS' ? 'Risks' : 'Assets'}
                    {job.dryRun ? ', check only' : ''}
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge status={job.status} />
                  </Table.Td>
                  <Table.Td>
                    {job.importedRows.toLocaleString('en-GB')} {job.dryRun ? 'valid' : 'imported'}, {job.errorRows.toLocaleString('en-GB')} with errors, of {job.totalRows.toLocaleString('en-GB')}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Section>
    </Page>
  );
}
