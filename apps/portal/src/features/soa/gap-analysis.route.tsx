import { useQuery } from '@apollo/client/react';
import { PROGRAMME_MANAGERS } from '@iso27001/authz/roles';
import { BarChart } from '@mantine/charts';
import { Button, Card, Group, SimpleGrid, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { DataTable, type DataTableColumn } from '../../components/data-table';
import { ErrorAlert } from '../../components/error-alert';
import { StatusBadge } from '../../components/status-badge';
import { Loading } from '../../components/loading';
import { Page, Section } from '../../components/page';
import { GapAnalysisPageDocument, type ControlTheme, type GapAnalysisPageQuery, type GapItemKind, type GapStatus } from '../../gql/graphql';
import { formatDate } from '../../lib/format';
import { roleMay } from '../../lib/roles';
import { useSession } from '../../lib/session';
import { useTableState } from '../../lib/table-state';
import { GapAnswerForm, itemName, type GapItem } from './gap-answer-form';
import { GAP_STATUS_COLOURS, GAP_STATUS_LABELS, THEME_LABELS } from './soa-labels';

type RollUp = GapAnalysisPageQuery['gapAnalysis']['byClause'][number];

const FILTERS = ['kind', 'clause', 'theme', 'status'] as const;
const CLAUSES = ['4', '5', '6', '7', '8', '9', '10'];

/** "66.7%": readiness as the API rounds it. */
export function readiness(percent: number): string {
  return `${Number.isInteger(percent) ? percent.toFixed(0) : percent.toFixed(1)}%`;
}

function ReadinessChart({ title, rows, testId }: { title: string; rows: RollUp[]; testId: string }) {
  const data = rows.map((row) => ({ group: row.title, Readiness: row.readinessPercent }));
  return (
    <Card withBorder padding="md" component="section" aria-label={title} data-testid={testId}>
      <Title order={3} size="h5" mb="sm">
        {title}
      </Title>
      <figure style={{ margin: 0 }} role="group" aria-label={`${title}: bar chart of readiness in percent; the table below gives the numbers`}>
        <BarChart
          h={Math.max(180, rows.length * 34)}
          data={data}
          dataKey="group"
          orientation="vertical"
          series={[{ name: 'Readiness', color: 'indigo.7' }]}
          valueFormatter={(value) => readiness(value)}
          withBarValueLabel
          yAxisProps={{ width: 190 }}
          xAxisProps={{ domain: [0, 100] }}
          gridAxis="x"
        />
      </figure>
      <Table mt="sm" verticalSpacing={4} data-testid={`${testId}-table`}>
        <caption style={{ captionSide: 'top', textAlign: 'left', position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>{title}</caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Group</Table.Th>
            <Table.Th style={{ textAlign: 'right' }}>Assessed</Table.Th>
            <Table.Th style={{ textAlign: 'right' }}>Readiness</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.key} data-key={row.key} data-testid="gap-rollup-row">
              <Table.Td>{row.title}</Table.Td>
              <Table.Td style={{ textAlign: 'right' }}>
                {row.assessed} of {row.total}
              </Table.Td>
              <Table.Td style={{ textAlign: 'right' }} data-testid="gap-rollup-percent">
                {readiness(row.readinessPercent)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

function Headline({ label, rollUp, testId }: { label: string; rollUp: { readinessPercent: number; assessed: number; total: number }; testId: string }) {
  return (
    <Card withBorder padding="md" data-testid={testId}>
      <Text size="sm" fw={600}>
        {label}
      </Text>
      <Text fz={28} fw={700} data-testid={`${testId}-percent`}>
        {readiness(rollUp.readinessPercent)}
      </Text>
      <Text size="sm" c="dimmed">
        {rollUp.assessed} of {rollUp.total} assessed
      </Text>
    </Card>
  );
}

/** Gap analysis against ISO/IEC 27001:2022: the questionnaire per clause requirement and control, and readiness per clause and theme. */
export function GapAnalysisRoute() {
  const { activeRole } = useSession();
  const mayAnswer = roleMay(activeRole, PROGRAMME_MANAGERS);
  const table = useTableState({ sort: 'item', direction: 'asc', pageSize: 50, filters: FILTERS });
  const { kind, clause, theme, status } = table.filters;
  const variables = {
    kind: (kind || null) as GapItemKind | null,
    clause: clause ? Number(clause) : null,
    theme: (theme || null) as ControlTheme | null,
    status: status && status !== 'NOT_ASSESSED' ? (status as GapStatus) : null,
  };
  const { data, previousData, loading, error, refetch } = useQuery(GapAnalysisPageDocument, { variables });
  const [answering, setAnswering] = useState<GapItem | null>(null);
  const shownData = data ?? previousData;
  const questions = useMemo(() => new Map((shownData?.gapQuestionnaire ?? []).map((q) => [q.itemId, q.question])), [shownData]);

  if (loading && !shownData) return <Loading label="Loading the gap analysis…" />;
  if (error && !shownData) {
    return (
      <Page title="Gap analysis">
        <ErrorAlert title="Could not load the gap analysis" error={error} onRetry={() => void refetch()} />
      </Page>
    );
  }
  if (!shownData) return null;
  const analysis = shownData.gapAnalysis;
  const items = status === 'NOT_ASSESSED' ? shownData.gapAssessments.filter((item) => !item.assessed) : shownData.gapAssessments;
  const start = (table.page - 1) * table.pageSize;
  const pageRows = items.slice(start, start + table.pageSize);

  const columns: DataTableColumn<GapItem>[] = [
    {
      id: 'item',
      header: 'Requirement or control',
      width: 280,
      cell: (item) => (
        <Stack gap={0}>
          <Text size="sm" fw={600}>
            {itemName(item)}
          </Text>
          <Text size="xs" c="dimmed">
            {item.kind === 'CLAUSE' ? `Clause ${item.clause}` : item.theme ? THEME_LABELS[item.theme] : ''}
          </Text>
        </Stack>
      ),
    },
    {
      id: 'status',
      header: 'Status',
      cell: (item) =>
        item.status ? (
          <StatusBadge colour={GAP_STATUS_COLOURS[item.status]} data-testid="gap-item-status">
            {GAP_STATUS_LABELS[item.status]}
          </StatusBadge>
        ) : (
          <StatusBadge colour="gray" data-testid="gap-item-status">
            Not assessed
          </StatusBadge>
        ),
    },
    { id: 'current', header: 'Current state', width: 220, cell: (item) => <Text size="sm" lineClamp={3}>{item.currentState ?? '—'}</Text> },
    { id: 'gap', header: 'Gap', width: 220, cell: (item) => <Text size="sm" lineClamp={3}>{item.gap ?? '—'}</Text> },
    {
      id: 'remediation',
      header: 'Remediation',
      width: 240,
      cell: (item) =>
        item.remediationAction ? (
          <Stack gap={0}>
            <Text size="sm" lineClamp={2}>
              {item.remediationAction}
            </Text>
            <Text size="xs" c="dimmed">
              {item.remediationOwner?.name ?? 'No owner'} · due {formatDate(item.remediationDueOn)}
            </Text>
          </Stack>
        ) : (
          '—'
        ),
    },
    ...(mayAnswer
      ? [
          {
            id: 'answer',
            header: 'Answer',
            cell: (item: GapItem) => (
              <Button size="compact-xs" variant="light" onClick={() => setAnswering(item)} aria-label={`${item.assessed ? 'Update' : 'Answer'} ${itemName(item)}`} data-testid="gap-answer">
                {item.assessed ? 'Update' : 'Answer'}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <Page title="Gap analysis" description="How far the organisation meets ISO/IEC 27001:2022 today: each clause requirement and Annex A control, scored 0 to 3.">
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Headline label="Overall readiness" rollUp={analysis.overall} testId="gap-overall" />
        <Headline label={analysis.clausesOverall.title} rollUp={analysis.clausesOverall} testId="gap-clauses" />
        <Headline label={analysis.controlsOverall.title} rollUp={analysis.controlsOverall} testId="gap-controls" />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <ReadinessChart title="Readiness per clause" rows={analysis.byClause} testId="gap-by-clause" />
        <ReadinessChart title="Readiness per Annex A theme" rows={analysis.byTheme} testId="gap-by-theme" />
      </SimpleGrid>
      <Section title="Questionnaire" testId="gap-questionnaire">
        <Group gap="sm" align="flex-end" role="search" aria-label="Filter the questionnaire">
          <Select
            label="Kind"
            placeholder="Clauses and controls"
            clearable
            data={[
              { value: 'CLAUSE', label: 'Clause requirements' },
              { value: 'CONTROL', label: 'Annex A controls' },
            ]}
            value={kind || null}
            onChange={(value) => table.setFilter('kind', value ?? '')}
            w={200}
            data-testid="gap-filter-kind"
          />
          <Select label="Clause" placeholder="All clauses" clearable data={CLAUSES.map((c) => ({ value: c, label: `Clause ${c}` }))} value={clause || null} onChange={(value) => table.setFilter('clause', value ?? '')} w={150} data-testid="gap-filter-clause" />
          <Select
            label="Theme"
            placeholder="All themes"
            clearable
            data={Object.entries(THEME_LABELS).map(([value, label]) => ({ value, label }))}
            value={theme || null}
            onChange={(value) => table.setFilter('theme', value ?? '')}
            w={210}
            data-testid="gap-filter-theme"
          />
          <Select
            label="Status"
            placeholder="Any status"
            clearable
            data={[...Object.entries(GAP_STATUS_LABELS).map(([value, label]) => ({ value, label })), { value: 'NOT_ASSESSED', label: 'Not assessed' }]}
            value={status || null}
            onChange={(value) => table.setFilter('status', value ?? '')}
            w={190}
            data-testid="gap-filter-status"
          />
        </Group>
        <DataTable
          label="Gap questionnaire: clause requirements and Annex A controls"
          testId="gap-table"
          columns={columns}
          rows={pageRows}
          rowId={(item) => item.itemId}
          rowProps={(item) => ({ 'data-item-id': item.itemId })}
          totalCount={items.length}
          page={table.page}
          pageSize={table.pageSize}
          onPageChange={table.setPage}
          onPageSizeChange={table.setPageSize}
          loading={loading}
          empty="No requirement or control matches these filters."
        />
      </Section>
      {answering && <GapAnswerForm key={answering.itemId} item={answering} question={questions.get(answering.itemId)} onClose={() => setAnswering(null)} />}
    </Page>
  );
}
