import { useQuery } from '@apollo/client/react';
import { Select } from '@mantine/core';
import { DataTable } from '../../components/data-table';
import { ErrorAlert } from '../../components/error-alert';
import { Page } from '../../components/page';
import { EvidenceExpiringDocument } from '../../gql/graphql';
import { todayIso } from '../../lib/format';
import { useTableState } from '../../lib/table-state';
import { evidenceColumns } from './evidence-columns';

const WINDOWS = ['7', '30', '60', '90'] as const;

/** Accepted evidence whose validity ends soon (or has just ended), soonest first: what to renew before it stops counting. */
export function ExpiringEvidenceRoute() {
  const table = useTableState<'validUntil'>({ sort: 'validUntil', direction: 'asc', pageSize: 25, filters: ['within'] });
  const within = (WINDOWS as readonly string[]).includes(table.filters['within'] ?? '') ? Number(table.filters['within']) : 30;
  const { data, loading, error, refetch } = useQuery(EvidenceExpiringDocument, { variables: { first: table.pageSize, offset: (table.page - 1) * table.pageSize, withinDays: within } });
  return (
    <Page title="Expiring evidence" description="Accepted evidence whose validity ends soon, soonest first. Renew it with a new version before it stops counting for its controls.">
      <Select
        label="Validity ends within"
        w={200}
        allowDeselect={false}
        data={WINDOWS.map((days) => ({ value: days, label: `${days} days` }))}
        value={String(within)}
        onChange={(value) => table.setFilter('within', value === '30' ? '' : (value ?? ''))}
      />
      {error && <ErrorAlert title="Could not load the expiring evidence" error={error} onRetry={() => void refetch()} />}
      <DataTable
        label="Expiring evidence"
        testId="expiring-table"
        columns={evidenceColumns(todayIso())}
        rows={data?.expiringEvidence.nodes ?? []}
        rowId={(item) => item.id}
        rowProps={(item) => ({ 'data-evidence-title': item.title })}
        totalCount={data?.expiringEvidence.totalCount ?? 0}
        page={table.page}
        pageSize={table.pageSize}
        onPageChange={table.setPage}
        onPageSizeChange={table.setPageSize}
        loading={loading}
        empty={`No accepted evidence expires within ${within} days.`}
      />
    </Page>
  );
}
