import { useQuery } from '@apollo/client/react';
import { Anchor, Badge, Card, SimpleGrid, Stack, Table, Text, UnstyledButton } from '@mantine/core';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { DataTable, type DataTableColumn } from '../../components/data-table';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { Page, Section } from '../../components/page';
import { RiskCurrentMethodologyDocument, RiskMyActionsDueDocument, RiskMyPersonDocument, RiskMyRisksPageDocument, type RiskMyRisksPageQuery, type RiskSortField } from '../../gql/graphql';
import { formatDate, todayIso } from '../../lib/format';
import { useTableState } from '../../lib/table-state';
import { NoteBadge } from './level-badge';
import { actionOpen, actionStatusLabel, plural } from './risk-labels';
import { pageWindow, riskColumns, riskFilterOf, RiskFilters, RISK_FILTER_PARAMS, sortOf } from './risk-table';
import { useSetParams } from './url-params';

type MyRisk = RiskMyRisksPageQuery['riskRegister']['nodes'][number];

const SOON_DAYS = 14;

function inDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** What a risk asks of its owner now, most pressing first. */
function needsOf(risk: MyRisk): { label: string; colour: string }[] {
  const needs: { label: string; colour: string }[] = [];
  if (risk.needsAcceptance) needs.push({ label: 'Accept or re-treat the residual risk', colour: 'red' });
  if (!risk.treatment && risk.status === 'OPEN') needs.push({ label: 'Decide the treatment', colour: 'orange' });
  const today = todayIso();
  const soon = inDays(SOON_DAYS);
  const open = risk.actions.filter((a) => actionOpen(a.status));
  const overdue = open.filter((a) => a.dueOn < today).length;
  const due = open.filter((a) => a.dueOn >= today && a.dueOn <= soon).length;
  if (overdue > 0) needs.push({ label: `${plural(overdue, 'action')} overdue`, colour: 'red' });
  if (due > 0) needs.push({ label: `${plural(due, 'action')} due within ${SOON_DAYS} days`, colour: 'yellow' });
  if (risk.nextReviewOn && risk.nextReviewOn < today && risk.status === 'OPEN') needs.push({ label: 'Review overdue', colour: 'orange' });
  return needs;
}

function Count({ label, count, active, onClick, testId }: { label: string; count: number; active: boolean; onClick: () => void; testId: string }) {
  return (
    <UnstyledButton onClick={onClick} aria-pressed={active} data-testid={testId}>
      <Card withBorder padding="sm" style={{ borderColor: active ? 'var(--mantine-color-indigo-7)' : undefined, borderWidth: active ? 2 : 1 }}>
        <Text size="sm">{label}</Text>
        <Text size="xl" fw={700} data-testid={`${testId}-count`}>
          {count.toLocaleString('en-GB')}
        </Text>
      </Card>
    </UnstyledButton>
  );
}

function ActionsDue({ ownerId }: { ownerId: string }) {
  const { data, error, refetch } = useQuery(RiskMyActionsDueDocument, { variables: { ownerId } });
  if (error) return <ErrorAlert title="Could not load the actions of your risks" error={error} onRetry={() => void refetch()} />;
  if (!data) return <Loading label="Loading your actions…" />;
  const soon = inDays(SOON_DAYS);
  const due = data.riskRegister.nodes
    .flatMap((risk) => risk.actions.filter((a) => actionOpen(a.status) && a.dueOn <= soon).map((action) => ({ risk, action })))
    .sort((a, b) => a.action.dueOn.localeCompare(b.action.dueOn));
  const today = todayIso();
  return (
    <Stack gap="xs">
      {due.length === 0 ? (
        <Text size="sm" data-testid="my-actions-empty">
          No action of your risks is due within {SOON_DAYS} days.
        </Text>
      ) : (
        <Table striped data-testid="my-actions-due">
          <caption style={{ captionSide: 'top', textAlign: 'left' }}>
            <Text span size="sm">
              Open actions of your risks due within {SOON_DAYS} days or overdue
            </Text>
          </caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Action</Table.Th>
              <Table.Th>Risk</Table.Th>
              <Table.Th>Action owner</Table.Th>
              <Table.Th>Due</Table.Th>
              <Table.Th>Status</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {due.map(({ risk, action }) => (
              <Table.Tr key={action.id}>
                <Table.Td>{action.title}</Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/risks/${risk.id}`} size="sm">
                    {risk.title}
                  </Anchor>
                </Table.Td>
                <Table.Td>{action.owner?.name ?? 'No owner'}</Table.Td>
                <Table.Td>
                  {formatDate(action.dueOn)}
                  {action.dueOn < today && (
                    <Badge color="red.2" autoContrast variant="filled" ml="xs" size="sm">
                      Overdue
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{actionStatusLabel(action.status)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {data.riskRegister.totalCount > data.riskRegister.nodes.length && (
        <Text size="xs" c="dimmed">
          Counted over your {data.riskRegister.nodes.length} open risks reviewed soonest; you own {data.riskRegister.totalCount.toLocaleString('en-GB')}.
        </Text>
      )}
    </Stack>
  );
}

/** The risks the signed-in person owns, and what each needs from them: a treatment, an acceptance, an action. */
export function MyRisksRoute() {
  const me = useQuery(RiskMyPersonDocument);
  const ownerId = me.data?.me?.id;
  const table = useTableState<RiskSortField>({ sort: 'SCORE', direction: 'desc', filters: RISK_FILTER_PARAMS });
  const setParams = useSetParams();
  const methodology = useQuery(RiskCurrentMethodologyDocument);
  const filter = useMemo(() => ({ ...riskFilterOf(table.filters), ownerId: ownerId ?? '' }), [table.filters, ownerId]);
  const { data, previousData, loading, error, refetch } = useQuery(RiskMyRisksPageDocument, {
    variables: { ownerId: ownerId ?? '', filter, ...sortOf(table), ...pageWindow(table) },
    skip: !ownerId,
  });
  const page = data ?? previousData;
  const levels = useMemo(() => methodology.data?.riskMethodology?.levels ?? [], [methodology.data]);
  const columns = useMemo<DataTableColumn<MyRisk>[]>(() => {
    const base = riskColumns<MyRisk>(levels, { showOwner: false });
    const needs: DataTableColumn<MyRisk> = {
      id: 'needs',
      header: 'Needs you',
      cell: (risk) => {
        const list = needsOf(risk);
        if (list.length === 0) return <Text size="sm">Nothing now</Text>;
        return (
          <Stack gap={4} data-testid="risk-needs">
            {list.map((need) => (
              <NoteBadge key={need.label} colour={need.colour}>
                {need.label}
              </NoteBadge>
            ))}
          </Stack>
        );
      },
    };
    return [base[0], needs, ...base.slice(1)].filter((c): c is DataTableColumn<MyRisk> => c !== undefined);
  }, [levels]);

  const untreatedOnly = table.filters['untreated'] === 'true';
  const acceptanceOnly = table.filters['needsAcceptance'] === 'true';
  const anyFilter = RISK_FILTER_PARAMS.some((name) => table.filters[name]);

  let body;
  if (me.error) body = <ErrorAlert title="Could not find your person record" error={me.error} onRetry={() => void me.refetch()} />;
  else if (me.data && !me.data.me) body = <Text size="sm">You are not in the organisation register, so no risk can be assigned to you. Ask your ISMS manager to add you.</Text>;
  else if (error) body = <ErrorAlert title="Could not load your risks" error={error} onRetry={() => void refetch()} />;
  else if (!page || !ownerId) body = <Loading label="Loading your risks…" />;
  else {
    body = (
      <Stack gap="lg">
        <SimpleGrid cols={{ base: 1, sm: 3 }} maw={720}>
          <Count label="Risks you own" count={page.myRisksTotal.totalCount} active={!anyFilter} onClick={() => setParams(Object.fromEntries(RISK_FILTER_PARAMS.map((n) => [n, null])))} testId="my-risks-all" />
          <Count label="Not treated yet" count={page.myRisksUntreated.totalCount} active={untreatedOnly} onClick={() => setParams({ untreated: untreatedOnly ? null : 'true', needsAcceptance: null, treatment: null })} testId="my-risks-untreated" />
          <Count label="Need your acceptance" count={page.myRisksNeedingAcceptance.totalCount} active={acceptanceOnly} onClick={() => setParams({ needsAcceptance: acceptanceOnly ? null : 'true', untreated: null })} testId="my-risks-needs-acceptance" />
        </SimpleGrid>
        <Section title="Your risks">
          <RiskFilters table={table} levels={levels} showOwner={false} />
          <DataTable
            label="Risks you own"
            testId="my-risks"
            columns={columns}
            rows={page.riskRegister.nodes}
            rowId={(risk) => risk.id}
            rowProps={(risk) => ({ 'data-risk-id': risk.id })}
            totalCount={page.riskRegister.totalCount}
            page={table.page}
            pageSize={table.pageSize}
            onPageChange={table.setPage}
            onPageSizeChange={table.setPageSize}
            sort={table.sort}
            direction={table.direction}
            onSortChange={(sort, direction) => table.setSort(sort as RiskSortField, direction)}
            loading={loading}
            empty={anyFilter ? 'None of your risks matches these filters.' : 'You own no risk.'}
          />
        </Section>
        <Section title="Actions due" testId="my-actions">
          <ActionsDue ownerId={ownerId} />
        </Section>
      </Stack>
    );
  }

  return (
    <Page title="My risks" description="The risks you own: decide their treatment, follow their actions and accept what remains when it is above appetite.">
      {body}
    </Page>
  );
}
