import { useApolloClient, useQuery } from '@apollo/client/react';
import { Alert, Button, Card, Group, Progress, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { DataTable } from '../../components/data-table';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { Page, Section } from '../../components/page';
import { SoaExportDocument, SoaVersionDiffDocument, SoaVersionsPageDocument, type SoaExportFormat, type SoaVersionsPageQuery } from '../../gql/graphql';
import { downloadBase64File } from '../../lib/download';
import { notifySuccess } from '../../lib/notify';
import { formatDate, formatDateTime } from '../../lib/format';
import { controlName, DIFF_FIELD_LABELS, EXPORT_FORMATS } from './soa-labels';
import { diffValue, errorText, fieldList, nameIds, namesOf } from './soa-text.rules';

type Version = SoaVersionsPageQuery['soaVersions'][number];

function VersionDiff({ from, to }: { from: number; to: number }) {
  const { data, loading, error, refetch } = useQuery(SoaVersionDiffDocument, { variables: { from, to } });
  const names = useMemo(() => {
    if (!data) return new Map<string, string>();
    const entries = [...data.fromVersion.entries, ...data.toVersion.entries];
    const present = <T,>(items: readonly (T | null)[]): T[] => items.filter((item): item is T => item !== null);
    return namesOf(
      entries.flatMap((entry) => entry.owners),
      entries.flatMap((entry) => present(entry.risks)),
      entries.flatMap((entry) => entry.policies),
      entries.flatMap((entry) => present(entry.evidence)),
    );
  }, [data]);
  if (loading && !data) return <Loading label="Comparing the versions…" />;
  if (error && !data) return <ErrorAlert title="Could not compare the versions" error={error} onRetry={() => void refetch()} />;
  if (!data) return null;
  const diff = data.diffSoaVersions;
  if (diff.entries.length === 0) {
    return (
      <Text size="sm" data-testid="soa-diff-empty">
        Versions {from} and {to} decide every control the same way.
      </Text>
    );
  }
  return (
    <Stack gap="sm" data-testid="soa-diff">
      <Text size="sm" data-testid="soa-diff-summary">
        {diff.entries.length} {diff.entries.length === 1 ? 'control changed' : 'controls changed'} from version {diff.from} to version {diff.to}.
      </Text>
      {diff.entries.map((entry) => (
        <Card key={entry.control.id} withBorder padding="sm" data-testid="soa-diff-entry" data-control-id={entry.control.id} component="article" aria-label={controlName(entry.control)}>
          <Title order={3} size="h5" mb="xs">
            {controlName(entry.control)}
          </Title>
          <Table withTableBorder={false} verticalSpacing={4}>
            <caption style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>Changes of {controlName(entry.control)}</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={180}>What</Table.Th>
                <Table.Th>Version {diff.from}</Table.Th>
                <Table.Th>Version {diff.to}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {entry.changes.map((change) => (
                <Table.Tr key={change.field} data-testid="soa-diff-change" data-field={change.field}>
                  <Table.Td>{DIFF_FIELD_LABELS[change.field]}</Table.Td>
                  <Table.Td>{diffValue(change.field, change.before, names)}</Table.Td>
                  <Table.Td>{diffValue(change.field, change.after, names)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {entry.changeReasons.length > 0 && (
            <Stack gap={2} mt="xs" data-testid="soa-diff-reasons">
              <Text size="sm" fw={600}>
                Reasons recorded
              </Text>
              {entry.changeReasons.map((reason) => (
                <Text size="sm" key={`${reason.changedAt}-${reason.reason}`}>
                  {formatDateTime(reason.changedAt)} ({fieldList(reason.fields)}): {nameIds(reason.reason, names)}
                </Text>
              ))}
            </Stack>
          )}
        </Card>
      ))}
    </Stack>
  );
}

function Exports({ versions }: { versions: Version[] }) {
  const client = useApolloClient();
  const [version, setVersion] = useState<string>('live');
  const [format, setFormat] = useState<SoaExportFormat>('XLSX');
  const [state, setState] = useState<{ phase: 'idle' | 'preparing' | 'done' | 'failed'; filename?: string; message?: string }>({ phase: 'idle' });
  const download = async () => {
    setState({ phase: 'preparing' });
    try {
      const { data } = await client.query({
        query: SoaExportDocument,
        variables: { version: version === 'live' ? null : Number(version), format },
        fetchPolicy: 'no-cache',
      });
      const file = data?.exportStatementOfApplicability;
      if (!file) throw new Error('The platform returned no file.');
      downloadBase64File(file);
      setState({ phase: 'done', filename: file.filename });
      notifySuccess('Export downloaded', file.filename);
    } catch (error) {
      setState({ phase: 'failed', message: errorText(error) });
    }
  };
  return (
    <Stack gap="sm">
      <Group align="flex-end" gap="sm">
        <Select
          label="Version"
          data={[{ value: 'live', label: 'The live SoA (as it is now)' }, ...versions.map((v) => ({ value: String(v.number), label: `Version ${v.number} (${formatDate(v.approvedAt)})` }))]}
          value={version}
          onChange={(value) => value && setVersion(value)}
          allowDeselect={false}
          w={260}
          data-testid="soa-export-version"
        />
        <Select label="Format" data={EXPORT_FORMATS} value={format} onChange={(value) => value && setFormat(value as SoaExportFormat)} allowDeselect={false} w={280} data-testid="soa-export-format" />
        <Button onClick={() => void download()} loading={state.phase === 'preparing'} data-testid="soa-export-download">
          Download
        </Button>
      </Group>
      {state.phase === 'preparing' && (
        <Stack gap={4} role="status" aria-live="polite">
          <Text size="sm">Preparing the file on the platform…</Text>
          <Progress value={100} animated striped aria-label="Preparing the export" />
        </Stack>
      )}
      {state.phase === 'done' && (
        <Text size="sm" data-testid="soa-export-done" aria-live="polite">
          Downloaded {state.filename}.
        </Text>
      )}
      {state.phase === 'failed' && (
        <Alert color="red" variant="light" role="alert" title="The export failed" data-testid="soa-export-error">
          {state.message}
        </Alert>
      )}
    </Stack>
  );
}

/** Published versions of the SoA, what changed between two of them and why, and exports for auditors. */
export function SoaVersionsRoute() {
  const { data, loading, error, refetch } = useQuery(SoaVersionsPageDocument);
  const [params, setParams] = useSearchParams();
  if (loading && !data) return <Loading label="Loading the SoA versions…" />;
  if (error && !data) {
    return (
      <Page title="SoA versions">
        <ErrorAlert title="Could not load the SoA versions" error={error} onRetry={() => void refetch()} />
      </Page>
    );
  }
  if (!data) return null;
  const versions = data.soaVersions;
  const latest = versions[0]?.number;
  const to = Number(params.get('to') ?? latest ?? 0);
  const from = Number(params.get('from') ?? (versions.find((v) => v.number < to)?.number ?? 0));
  const options = versions.map((v) => ({ value: String(v.number), label: `Version ${v.number} (${formatDate(v.approvedAt)})` }));
  const setParam = (name: string, value: string | null) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      if (value) next.set(name, value);
      else next.delete(name);
      return next;
    });

  return (
    <Page title="SoA versions" description="Every published Statement of Applicability, what changed between two of them and why, and exports for auditors.">
      <Section title="Published versions" testId="soa-versions">
        <DataTable
          label="Published versions of the Statement of Applicability"
          testId="soa-versions-table"
          rows={versions}
          rowId={(v) => String(v.number)}
          rowProps={(v) => ({ 'data-version': String(v.number) })}
          empty="No version has been published yet."
          columns={[
            { id: 'number', header: 'Version', cell: (v) => `Version ${v.number}` },
            { id: 'note', header: 'Note', cell: (v) => v.note },
            { id: 'approvedBy', header: 'Approved by', cell: (v) => v.approvedByName ?? '—' },
            { id: 'approvedAt', header: 'Approved', cell: (v) => formatDateTime(v.approvedAt) },
            { id: 'scope', header: 'ISMS scope', cell: (v) => `Scope version ${v.scopeVersion}` },
          ]}
        />
      </Section>
      <Section title="Compare two versions" testId="soa-compare">
        {versions.length < 2 ? (
          <Text size="sm">Two published versions are needed to compare.</Text>
        ) : (
          <>
            <Group gap="sm" align="flex-end">
              <Select label="From" data={options} value={from ? String(from) : null} onChange={(value) => setParam('from', value)} allowDeselect={false} w={240} data-testid="soa-diff-from" />
              <Select label="To" data={options} value={to ? String(to) : null} onChange={(value) => setParam('to', value)} allowDeselect={false} w={240} data-testid="soa-diff-to" />
            </Group>
            {from && to && from !== to ? <VersionDiff from={from} to={to} /> : <Text size="sm">Choose two different versions.</Text>}
          </>
        )}
      </Section>
      <Section title="Export" testId="soa-export">
        <Exports versions={versions} />
      </Section>
    </Page>
  );
}
