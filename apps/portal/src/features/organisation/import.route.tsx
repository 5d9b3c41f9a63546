import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Badge, Button, Card, Code, FileInput, Group, Pagination, Progress, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import { Page, Section } from '../../components/page';
import {
  OrganisationImportJobDocument,
  OrganisationImportJobsDocument,
  OrganisationStartImportDocument,
  type IsmsImportKind,
  type OrganisationImportJobSummaryFragment,
} from '../../gql/graphql';
import { describeError } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { notifySuccess } from '../../lib/notify';

/** The platform refuses files above this size (IMPORT_MAX_BYTES of isms-service). */
const MAX_BYTES = 3_500_000;
const ERRORS_PAGE = 50;

const COLUMNS: Record<IsmsImportKind, { required: string[]; optional: string[]; example: string }> = {
  PEOPLE: {
    required: ['email', 'name'],
    optional: ['external_id', 'unit', 'manager_email', 'job_role', 'active'],
    example: 'email,name,unit,manager_email,job_role\nana.lima@example.com,Ana Lima,Payments,rafael.ortiz@example.com,Analyst',
  },
  UNITS: {
    required: ['name'],
    optional: ['external_id', 'kind', 'parent'],
    example: 'external_id,name,kind,parent\nU-100,Fraud Prevention,DEPARTMENT,Retail Banking',
  },
};

const finished = (job: { status: string }) => job.status === 'SUCCEEDED' || job.status === 'FAILED';

function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const result = String(reader.result ?? '');
      resolve(result.slice(result.indexOf(',') + 1));
    };
    reader.onerror = () => reject(new Error(`The file “${file.name}” could not be read. Choose it again.`));
    reader.readAsDataURL(file);
  });
}

function StatusBadge({ job }: { job: OrganisationImportJobSummaryFragment }) {
  if (job.status === 'FAILED') return <Badge color="red.9" variant="outline">Failed</Badge>;
  if (job.status === 'SUCCEEDED') {
    return (
      <Badge color={job.failedCount > 0 ? 'grape.9' : 'teal.9'} variant="outline">
        {job.dryRun
          ? job.failedCount > 0
            ? `Checked, ${job.failedCount} row${job.failedCount === 1 ? '' : 's'} with problems`
            : 'Checked, no problem'
          : job.failedCount > 0
            ? `Done, ${job.failedCount} row${job.failedCount === 1 ? '' : 's'} skipped`
            : 'Done'}
      </Badge>
    );
  }
  return <Badge color="blue.9" variant="outline">{job.status === 'QUEUED' ? 'Waiting' : 'Running'}</Badge>;
}

/** One job: progress while it runs (polled), then the counts and the per-row report. */
function JobReport({ jobId, onFinished }: { jobId: string; onFinished: (job: OrganisationImportJobSummaryFragment) => void }) {
  const [errorsPage, setErrorsPage] = useState(1);
  const { data, error, refetch, startPolling, stopPolling } = useQuery(OrganisationImportJobDocument, {
    variables: { id: jobId, errorsFirst: ERRORS_PAGE, errorsOffset: (errorsPage - 1) * ERRORS_PAGE },
    notifyOnNetworkStatusChange: false,
  });
  const job = data?.importJob;
  const done = job ? finished(job) : false;
  useEffect(() => {
    if (!job || done) {
      stopPolling();
      return;
    }
    startPolling(1000);
    return () => stopPolling();
  }, [job, done, startPolling, stopPolling]);
  useEffect(() => {
    if (job && done) onFinished(job);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [done, job?.id]);

  if (error && !job) return <ErrorAlert title="Could not load the import" error={error} onRetry={() => void refetch()} />;
  if (!job) return <Progress value={0} animated aria-label="Starting the import" />;
  const errorPages = Math.max(1, Math.ceil(job.failedCount / ERRORS_PAGE));
  return (
    <Card withBorder data-testid="import-job" data-status={job.status} data-dry-run={String(job.dryRun)}>
      <Stack gap="sm">
        <Group justify="space-between">
          <div>
            <Title order={3} size="h5">
              {job.dryRun ? 'Dry run' : 'Import'} of {job.fileName}
            </Title>
            <Text size="sm" c="dimmed">
              {job.kind === 'PEOPLE' ? 'People' : 'Units'} · started {formatDateTime(job.createdAt)}
            </Text>
          </div>
          <StatusBadge job={job} />
        </Group>
        {!done && (
          <div role="status" aria-live="polite" data-testid="import-progress">
            <Progress value={job.progressPercent} animated aria-label={`Import progress: ${job.progressPercent}%`} />
            <Text size="sm" mt={4}>
              {job.processedRows.toLocaleString('en-GB')} of {job.totalRows === null ? 'the' : job.totalRows.toLocaleString('en-GB')} rows checked ({job.progressPercent}%)
            </Text>
          </div>
        )}
        {job.message && (
          <Alert color={job.status === 'FAILED' ? 'red' : job.failedCount > 0 ? 'orange' : 'teal'} variant="light" data-testid="import-message">
            {job.message}
          </Alert>
        )}
        {done && job.status === 'SUCCEEDED' && (
          <Group gap="lg" data-testid="import-counts">
            <Text size="sm">{job.dryRun ? 'Would create' : 'Created'}: <b>{job.createdCount}</b></Text>
            <Text size="sm">{job.dryRun ? 'Would update' : 'Updated'}: <b>{job.updatedCount}</b></Text>
            <Text size="sm">Unchanged: <b>{job.unchangedCount}</b></Text>
            <Text size="sm">Rows with problems: <b>{job.failedCount}</b></Text>
          </Group>
        )}
        {job.failedCount > 0 && (
          <div>
            <Title order={4} size="h6" mb={4}>
              Rows with problems {job.dryRun ? '(they would be skipped)' : '(they were skipped)'}
            </Title>
            <Table verticalSpacing={4} aria-label="Rows with problems" data-testid="import-row-report">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th style={{ width: 80 }}>Row</Table.Th>
                  <Table.Th style={{ width: 160 }}>Column</Table.Th>
                  <Table.Th>Problem</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {job.errors.map((row, index) => (
                  <Table.Tr key={`${row.rowNumber}-${row.column ?? ''}-${index}`} data-testid="import-row-error" data-row={row.rowNumber}>
                    <Table.Td>{row.rowNumber}</Table.Td>
                    <Table.Td>{row.column ?? '—'}</Table.Td>
                    <Table.Td>{row.message}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {errorPages > 1 && <Pagination mt="xs" size="sm" total={errorPages} value={errorsPage} onChange={setErrorsPage} getControlProps={(control) => ({ 'aria-label': `${control} page of problems` })} />}
            <Text size="xs" c="dimmed" mt={4}>
              Row numbers are as in the spreadsheet: the header is row 1.
            </Text>
          </div>
        )}
      </Stack>
    </Card>
  );
}

/** Imports people (or units) from a CSV or XLSX file: a dry run first, then the real import, with progress and a per-row report. */
export function ImportRoute() {
  const [params, setParams] = useSearchParams();
  const jobId = params.get('job');
  const [kind, setKind] = useState<IsmsImportKind>('PEOPLE');
  const [file, setFile] = useState<File | null>(null);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const [checked, setChecked] = useState<{ file: File; job: OrganisationImportJobSummaryFragment } | null>(null);
  const [start, starting] = useMutation(OrganisationStartImportDocument, { refetchQueries: ['OrganisationImportJobs'] });
  const jobs = useQuery(OrganisationImportJobsDocument);
  const [runningFile, setRunningFile] = useState<File | null>(null);
  const columns = COLUMNS[kind];

  const choose = (chosen: File | null) => {
    setChecked(null);
    setFile(chosen);
    if (!chosen) return setFileProblem(null);
    if (!/\.(csv|xlsx)$/i.test(chosen.name)) return setFileProblem('Choose a .csv or .xlsx file.');
    if (chosen.size === 0) return setFileProblem('The file is empty.');
    if (chosen.size > MAX_BYTES) return setFileProblem(`The file is ${(chosen.size / 1_000_000).toFixed(1)} MB; the limit is ${(MAX_BYTES / 1_000_000).toFixed(1)} MB. Split it into several files.`);
    setFileProblem(null);
  };

  const run = async (dryRun: boolean) => {
    if (!file || fileProblem) return;
    try {
      const contentBase64 = await readAsBase64(file);
      const result = await start({ variables: { input: { kind, fileName: file.name, contentBase64, dryRun } } });
      const job = result.data?.startOrganisationImport;
      if (job) {
        setRunningFile(file);
        setParams((current) => {
          const next = new URLSearchParams(current);
          next.set('job', job.id);
          return next;
        });
      }
    } catch (e) {
      setFileProblem(describeError(e).summary);
    }
  };

  const onFinished = (job: OrganisationImportJobSummaryFragment) => {
    void jobs.refetch();
    if (job.dryRun && job.status === 'SUCCEEDED' && runningFile) setChecked({ file: runningFile, job });
    if (!job.dryRun && job.status === 'SUCCEEDED') {
      notifySuccess('Import finished', job.message ?? `${job.createdCount} created, ${job.updatedCount} updated`);
      setFile(null);
      setChecked(null);
    }
    setRunningFile(null);
  };
  const dryRunPassed = checked !== null && checked.file === file;

  return (
    <Page title="Import people" description="Load people or units from the HR system's export: check the file with a dry run, read the report, then import.">
      <Card withBorder>
        <Stack>
          <SegmentedControl
            value={kind}
            onChange={(value) => {
              setKind(value as IsmsImportKind);
              setChecked(null);
            }}
            data={[
              { value: 'PEOPLE', label: 'People' },
              { value: 'UNITS', label: 'Units' },
            ]}
            w={240}
            aria-label="What the file holds"
          />
          <Text size="sm">
            A CSV or XLSX file with a header row. Required columns: <Code>{columns.required.join(', ')}</Code>; optional: <Code>{columns.optional.join(', ')}</Code>.{' '}
            {kind === 'PEOPLE'
              ? 'A unit is named by its external id, its name or its path (Retail Banking/Payments). Existing people are matched by e-mail or external id and updated.'
              : 'A parent is named by its external id, name or path; parents may come later in the same file.'}
          </Text>
          <Code block>{columns.example}</Code>
          <FileInput
            label="File"
            placeholder="Choose a .csv or .xlsx file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            value={file}
            onChange={choose}
            clearable
            clearButtonProps={{ 'aria-label': 'Remove the chosen file' }}
            error={fileProblem}
            w={420}
            data-testid="import-file"
          />
          <Group>
            <Button onClick={() => void run(true)} disabled={!file || Boolean(fileProblem) || runningFile !== null} loading={starting.loading && !dryRunPassed} data-testid="import-dry-run">
              Check the file (dry run)
            </Button>
            <Button
              onClick={() => void run(false)}
              disabled={!dryRunPassed || runningFile !== null}
              loading={starting.loading && dryRunPassed}
              data-testid="import-run"
            >
              {dryRunPassed && checked ? `Import ${checked.job.createdCount + checked.job.updatedCount} row${checked.job.createdCount + checked.job.updatedCount === 1 ? '' : 's'}` : 'Import'}
            </Button>
          </Group>
          <Text size="xs" c="dimmed">
            The import is offered once a dry run of the same file has been checked{dryRunPassed && checked && checked.job.failedCount > 0 ? '; rows with problems are skipped' : ''}. Nothing is written by a dry run.
          </Text>
        </Stack>
      </Card>

      {jobId && <JobReport key={jobId} jobId={jobId} onFinished={onFinished} />}

      <Section title="Recent imports" testId="import-jobs">
        {jobs.error && !jobs.data ? (
          <ErrorAlert title="Could not load the recent imports" error={jobs.error} onRetry={() => void jobs.refetch()} />
        ) : (
          <Table verticalSpacing={4} aria-label="Recent imports">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>File</Table.Th>
                <Table.Th>Holds</Table.Th>
                <Table.Th>Kind of run</Table.Th>
                <Table.Th>Started</Table.Th>
                <Table.Th>Outcome</Table.Th>
                <Table.Th>Report</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(jobs.data?.importJobs ?? []).map((job) => (
                <Table.Tr key={job.id}>
                  <Table.Td>{job.fileName}</Table.Td>
                  <Table.Td>{job.kind === 'PEOPLE' ? 'People' : 'Units'}</Table.Td>
                  <Table.Td>{job.dryRun ? 'Dry run' : 'Import'}</Table.Td>
                  <Table.Td>{formatDateTime(job.createdAt)}</Table.Td>
                  <Table.Td>
                    <StatusBadge job={job} />
                  </Table.Td>
                  <Table.Td>
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      aria-label={`Show the report of ${job.fileName}, ${formatDateTime(job.createdAt)}`}
                      onClick={() =>
                        setParams((current) => {
                          const next = new URLSearchParams(current);
                          next.set('job', job.id);
                          return next;
                        })
                      }
                    >
                      Show
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
              {jobs.data?.importJobs.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={6}>
                    <Text size="sm" c="dimmed">No import yet.</Text>
                  </Table.Td>
                </Table.Tr>
              )}
            </Table.Tbody>
          </Table>
        )}
      </Section>
    </Page>
  );
}
