import { useQuery } from '@apollo/client/react';
import { RISK_EDITORS } from '@iso27001/authz/roles';
import { Button, Group, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { DataTable } from '../../components/data-table';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { Page } from '../../components/page';
import { RiskCurrentMethodologyDocument, RiskRegisterPageDocument, type RiskSortField } from '../../gql/graphql';
import { roleMay } from '../../lib/roles';
import { useSession } from '../../lib/session';
import { useTableState } from '../../lib/table-state';
import { RiskCreateDialog } from './risk-create-dialog';
import { pageWindow, riskColumns, riskFilterOf, RiskFilters, RISK_FILTER_PARAMS, sortOf } from './risk-table';

/** The risk register, built for tens of thousands of risks: every filter, sort and page is the server's, and in the URL. */
export function RiskRegisterRoute() {
  const { activeRole } = useSession();
  const mayEdit = roleMay(activeRole, RISK_EDITORS);
  const table = useTableState<RiskSortField>({ sort: 'SCORE', direction: 'desc', filters: RISK_FILTER_PARAMS });
  const [creating, { open, close }] = useDisclosure(false);
  const methodology = useQuery(RiskCurrentMethodologyDocument);
  const filter = useMemo(() => riskFilterOf(table.filters), [table.filters]);
  const { data, previousData, loading, error, refetch } = useQuery(RiskRegisterPageDocument, {
    variables: { filter, ...sortOf(table), ...pageWindow(table) },
  });
  const page = data ?? previousData;
  const levels = useMemo(() => methodology.data?.riskMethodology?.levels ?? [], [methodology.data]);
  const columns = useMemo(() => riskColumns(levels), [levels]);
  const rows = page?.riskRegister.nodes ?? [];
  const filteredOwner = table.filters['owner'] ? (rows.find((r) => r.owner?.id === table.filters['owner'])?.owner ?? null) : null;

  return (
    <Page
      title="Risk register"
      description="Every information security risk, its owner, its level before and after treatment, and the decision taken (ISO/IEC 27001 6.1.2, 8.2)."
      actions={
        <Group gap="sm">
          <Button component={Link} to="/risks/heat-map" variant="default">
            Heat map
          </Button>
          {mayEdit && (
            <Button onClick={open} disabled={!methodology.data?.riskMethodology} data-testid="risk-create">
              Add a risk
            </Button>
          )}
        </Group>
      }
    >
      <Stack gap="md">
        <RiskFilters table={table} levels={levels} owner={filteredOwner} />
        {methodology.error && <ErrorAlert title="Could not load the risk methodology" error={methodology.error} onRetry={() => void methodology.refetch()} />}
        {error ? (
          <ErrorAlert title="Could not load the risk register" error={error} onRetry={() => void refetch()} />
        ) : !page ? (
          <Loading label="Loading the register…" />
        ) : (
          <DataTable
            label="Risk register"
            testId="risk-register"
            columns={columns}
            rows={rows}
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
            empty={
              <Text size="sm" span>
                No risk matches these filters.
              </Text>
            }
          />
        )}
      </Stack>
      {methodology.data?.riskMethodology && (
        <RiskCreateDialog opened={creating} onClose={close} methodology={methodology.data.riskMethodology} onCreated={() => void refetch()} />
      )}
    </Page>
  );
}
