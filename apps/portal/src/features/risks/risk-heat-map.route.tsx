import { useApolloClient, useQuery } from '@apollo/client/react';
import { Anchor, Box, Group, List, Paper, Progress, SegmentedControl, SimpleGrid, Stack, Text, Title, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { Page } from '../../components/page';
import { RiskHeatMapCellScanDocument, RiskHeatMapPageDocument, type RiskFilterInput, type RiskHeatMapCellScanQuery, type RiskMethodologyScalesFragment } from '../../gql/graphql';
import { cellName, heatMapRows, inCell, type HeatCell, type HeatMapKind } from './heat-map.rules';
import { plural } from './risk-labels';
import { levelColour, levelLabel } from './risk-level.rules';
import { useSetParams } from './url-params';

type ScannedRisk = RiskHeatMapCellScanQuery['riskRegister']['nodes'][number];

interface Selected {
  kind: HeatMapKind;
  likelihood: number;
  impact: number;
}

function HeatGrid({ kind, cells, methodology, selected, onSelect }: { kind: HeatMapKind; cells: readonly HeatCell[]; methodology: RiskMethodologyScalesFragment; selected: Selected | null; onSelect: (cell: HeatCell) => void }) {
  const rows = heatMapRows(cells, methodology.likelihoodScale, methodology.impactScale);
  const columns = methodology.impactScale.length;
  const total = cells.reduce((sum, c) => sum + c.count, 0);
  return (
    <Stack gap="xs" data-testid={`heat-map-${kind}`}>
      <Title order={2} size="h4">
        {kind === 'inherent' ? 'Inherent risk' : 'Residual risk'}
      </Title>
      <Text size="sm" data-testid={`heat-map-${kind}-total`}>
        {plural(total, 'open risk')} {kind === 'inherent' ? 'before treatment' : 'after treatment'}
      </Text>
      <Box style={{ display: 'grid', gridTemplateColumns: `auto repeat(${columns}, minmax(56px, 1fr))`, gap: 4 }} role="group" aria-label={`${kind === 'inherent' ? 'Inherent' : 'Residual'} heat map: likelihood by impact`}>
        {rows.map((row) => (
          <Box key={row.likelihood.value} style={{ display: 'contents' }}>
            <Text size="xs" ta="right" pr={6} style={{ alignSelf: 'center' }}>
              {row.likelihood.value} {row.likelihood.label}
            </Text>
            {row.cells.map(({ impact, cell }) => {
              const count = cell?.count ?? 0;
              const isSelected = selected?.kind === kind && selected.likelihood === row.likelihood.value && selected.impact === impact.value;
              const colour = levelColour(methodology.levels, cell?.level);
              return (
                <UnstyledButton
                  key={impact.value}
                  onClick={() => cell && onSelect(cell)}
                  disabled={!cell}
                  aria-label={cellName(row.likelihood.value, impact.value, count)}
                  title={`Level ${levelLabel(methodology.levels, cell?.level)}`}
                  aria-pressed={isSelected}
                  data-testid="heat-map-cell"
                  data-likelihood={row.likelihood.value}
                  data-impact={impact.value}
                  data-level={cell?.level}
                  data-count={count}
                  style={{
                    minHeight: 52,
                    borderRadius: 4,
                    textAlign: 'center',
                    background: `var(--mantine-color-${colour}-${count > 0 ? 3 : 1})`,
                    color: 'var(--mantine-color-black)',
                    outline: isSelected ? '3px solid var(--mantine-color-indigo-9)' : undefined,
                    outlineOffset: isSelected ? 1 : undefined,
                    fontWeight: count > 0 ? 700 : 400,
                  }}
                >
                  {count > 0 ? count : <span aria-hidden>·</span>}
                </UnstyledButton>
              );
            })}
          </Box>
        ))}
        <span />
        {[...methodology.impactScale]
          .sort((a, b) => a.value - b.value)
          .map((i) => (
            <Text key={i.value} size="xs" ta="center">
              {i.value} {i.label}
            </Text>
          ))}
      </Box>
      <Group justify="space-between">
        <Text size="xs">↑ Likelihood</Text>
        <Text size="xs">Impact →</Text>
      </Group>
    </Stack>
  );
}

/**
 * The risks of one cell. The register has no likelihood × impact filter, so the cell is found by reading the open
 * risks (of the cell's level, for the residual map) a page of 500 at a time, until the cell's count is reached.
 */
function CellRisks({ selected, cell, version, methodology }: { selected: Selected; cell: HeatCell; version: number; methodology: RiskMethodologyScalesFragment }) {
  const client = useApolloClient();
  const [state, setState] = useState<{ risks: ScannedRisk[]; read: number; total: number; done: boolean; error: unknown }>({ risks: [], read: 0, total: 0, done: false, error: null });

  useEffect(() => {
    let cancelled = false;
    const filter: RiskFilterInput = selected.kind === 'residual' ? { status: 'OPEN', level: cell.level } : { status: 'OPEN' };
    setState({ risks: [], read: 0, total: 0, done: false, error: null });
    const scan = async () => {
      const found: ScannedRisk[] = [];
      let after: string | null = null;
      let read = 0;
      for (;;) {
        const result: { data?: RiskHeatMapCellScanQuery | undefined } = await client.query({ query: RiskHeatMapCellScanDocument, variables: { filter, after }, fetchPolicy: 'network-only' });
        if (cancelled) return;
        const page: RiskHeatMapCellScanQuery['riskRegister'] | undefined = result.data?.riskRegister;
        if (!page) break;
        read += page.nodes.length;
        found.push(...page.nodes.filter((risk) => inCell(risk, selected.kind, selected.likelihood, selected.impact, version)));
        const done = found.length >= cell.count || !page.pageInfo.hasNextPage;
        setState({ risks: [...found], read, total: page.totalCount, done, error: null });
        if (done) return;
        after = page.pageInfo.endCursor ?? null;
      }
    };
    scan().catch((error: unknown) => {
      if (!cancelled) setState((s) => ({ ...s, done: true, error }));
    });
    return () => {
      cancelled = true;
    };
  }, [client, selected.kind, selected.likelihood, selected.impact, cell.level, cell.count, version]);

  const heading = `${selected.kind === 'inherent' ? 'Inherent' : 'Residual'}: ${cellName(selected.likelihood, selected.impact, cell.count)} (${levelLabel(methodology.levels, cell.level)})`;
  return (
    <Paper withBorder p="md" data-testid="heat-map-cell-risks">
      <Stack gap="xs">
        <Title order={2} size="h4" data-testid="heat-map-cell-heading">
          {heading}
        </Title>
        {state.error !== null && <ErrorAlert title="Could not list the risks of this cell" error={state.error} />}
        {!state.done && (
          <Stack gap={4} role="status" aria-live="polite">
            <Text size="sm">
              Finding the risks of this cell… {state.total > 0 ? `read ${state.read.toLocaleString('en-GB')} of ${state.total.toLocaleString('en-GB')} open risks` : ''}
            </Text>
            <Progress value={state.total > 0 ? (100 * state.read) / state.total : 5} aria-label="Risks read" />
          </Stack>
        )}
        {cell.count === 0 ? (
          <Text size="sm">No open risk is in this cell.</Text>
        ) : (
          <List size="sm" spacing={4} data-testid="heat-map-cell-list">
            {state.risks.map((risk) => (
              <List.Item key={risk.id}>
                <Anchor component={Link} to={`/risks/${risk.id}`} data-testid="heat-map-cell-risk">
                  {risk.title}
                </Anchor>
                <Text span size="xs" c="dimmed">
                  {' '}
                  — {risk.owner?.name ?? 'no owner'}
                </Text>
              </List.Item>
            ))}
          </List>
        )}
      </Stack>
    </Paper>
  );
}

function parseSelected(params: URLSearchParams): Selected | null {
  const kind = params.get('map');
  const likelihood = Number(params.get('likelihood'));
  const impact = Number(params.get('impact'));
  if ((kind !== 'inherent' && kind !== 'residual') || !Number.isInteger(likelihood) || !Number.isInteger(impact) || likelihood < 1 || impact < 1) return null;
  return { kind, likelihood, impact };
}

/** Open risks per likelihood × impact cell of the current methodology, before and after treatment. */
export function RiskHeatMapRoute() {
  const { data, loading, error, refetch } = useQuery(RiskHeatMapPageDocument, { fetchPolicy: 'cache-and-network' });
  const [params] = useSearchParams();
  const setParams = useSetParams();
  const selected = parseSelected(params);
  const [layout, setLayout] = useState<'both' | HeatMapKind>('both');

  const select = (kind: HeatMapKind, cell: HeatCell) => setParams({ map: kind, likelihood: String(cell.likelihood), impact: String(cell.impact) });

  let body;
  if (loading && !data) body = <Loading label="Loading the heat map…" />;
  else if (error && !data) body = <ErrorAlert title="Could not load the heat map" error={error} onRetry={() => void refetch()} />;
  else if (!data?.riskMethodology) body = <Text size="sm">No risk methodology is in force yet.</Text>;
  else {
    const map = data.riskHeatMap;
    const methodology = data.riskMethodology;
    const selectedCell = selected ? (selected.kind === 'inherent' ? map.inherent : map.residual).find((c) => c.likelihood === selected.likelihood && c.impact === selected.impact) : undefined;
    body = (
      <Stack gap="lg">
        <Group justify="space-between">
          <Text size="sm">
            Methodology version {map.methodologyVersion}; risk appetite {levelLabel(methodology.levels, methodology.appetite)}. Choose a cell to see its risks.
          </Text>
          <SegmentedControl
            aria-label="Maps shown"
            size="xs"
            value={layout}
            onChange={(value) => setLayout(value as typeof layout)}
            data={[
              { value: 'both', label: 'Both' },
              { value: 'inherent', label: 'Inherent' },
              { value: 'residual', label: 'Residual' },
            ]}
          />
        </Group>
        <SimpleGrid cols={{ base: 1, lg: layout === 'both' ? 2 : 1 }} spacing="xl">
          {layout !== 'residual' && <HeatGrid kind="inherent" cells={map.inherent} methodology={methodology} selected={selected} onSelect={(cell) => select('inherent', cell)} />}
          {layout !== 'inherent' && <HeatGrid kind="residual" cells={map.residual} methodology={methodology} selected={selected} onSelect={(cell) => select('residual', cell)} />}
        </SimpleGrid>
        <Group gap="md" aria-label="Levels" data-testid="heat-map-legend">
          {[...methodology.levels]
            .sort((a, b) => a.rank - b.rank)
            .map((level) => (
              <Group key={level.key} gap={6}>
                <Box w={16} h={16} style={{ borderRadius: 3, background: `var(--mantine-color-${levelColour(methodology.levels, level.key)}-3)` }} aria-hidden />
                <Text size="sm">
                  {level.label}
                  {level.key === methodology.appetite ? ' (appetite)' : ''}
                </Text>
              </Group>
            ))}
        </Group>
        {(map.inherentOnOtherVersions > 0 || map.residualOnOtherVersions > 0) && (
          <Text size="sm" data-testid="heat-map-other-versions">
            Not on these maps: {plural(map.inherentOnOtherVersions, 'open risk')} assessed (inherent) and {plural(map.residualOnOtherVersions, 'open risk')} assessed (residual) under an earlier methodology version. Reassess them to count them here.
          </Text>
        )}
        {selected && selectedCell && (
          <CellRisks key={`${selected.kind}-${selected.likelihood}-${selected.impact}-${selectedCell.count}`} selected={selected} cell={selectedCell} version={map.methodologyVersion} methodology={methodology} />
        )}
        <VisuallyHidden aria-live="polite">{selected && selectedCell ? `Showing ${cellName(selected.likelihood, selected.impact, selectedCell.count)}` : ''}</VisuallyHidden>
      </Stack>
    );
  }

  return (
    <Page title="Heat map" description="Open risks by likelihood and impact, coloured by level: where the organisation's exposure sits before and after treatment.">
      {body}
    </Page>
  );
}
