import { useQuery } from '@apollo/client/react';
import { EVIDENCE_MANAGERS } from '@iso27001/authz/roles';
import { Button, Group, Select, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useMemo, useState } from 'react';
import { DataTable } from '../../components/data-table';
import { ErrorAlert } from '../../components/error-alert';
import { Page } from '../../components/page';
import { UnitSelect } from '../../components/unit-select';
import { EvidenceFilterOptionsDocument, EvidenceRegisterDocument, type EvidenceFilterInput, type EvidenceSource, type EvidenceStatus } from '../../gql/graphql';
import { todayIso } from '../../lib/format';
import { roleMay } from '../../lib/roles';
import { useSession } from '../../lib/session';
import { useTableState } from '../../lib/table-state';
import { EvidenceAddModal } from './evidence-add.modal';
import { evidenceColumns } from './evidence-columns';
import { EVIDENCE_SOURCE_LABEL, EVIDENCE_STATUS_LABEL } from './evidence.format';

const FILTERS = ['control', 'unit', 'status', 'source', 'expiring', 'q'] as const;

/** YYYY-MM-DD `days` after today (UTC). */
function inDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

interface Props {
  title: string;
  description: string;
  testId: string;
}

/**
 * Evidence a page at a time from the server, most recently collected first, filtered by control, department, status,
 * source, validity ending soon and words; the API narrows it to the caller's units (an external auditor: the grant's
 * accepted evidence). People who collect evidence add it here.
 */
function EvidenceRegister({ title, description, testId }: Props) {
  const { activeRole } = useSession();
  const table = useTableState<'collectedAt'>({ sort: 'collectedAt', direction: 'desc', pageSize: 25, filters: FILTERS });
  const { filters, setFilter } = table;
  const [searchText, setSearchText] = useState(filters['q'] ?? '');
  const [debounced] = useDebouncedValue(searchText.trim(), 300);
  useEffect(() => {
    if (debounced !== (filters['q'] ?? '')) setFilter('q', debounced);
  }, [debounced, filters, setFilter]);
  const [adding, setAdding] = useState(false);
  const options = useQuery(EvidenceFilterOptionsDocument);
  const today = todayIso();

  const filter = useMemo<EvidenceFilterInput>(() => {
    const expiring = Number.parseInt(filters['expiring'] ?? '', 10);
    return {
      controlId: filters['control'] || null,
      unitId: filters['unit'] || null,
      status: (filters['status'] || null) as EvidenceStatus | null,
      source: (filters['source'] || null) as EvidenceSource | null,
      expiringBefore: Number.isFinite(expiring) ? inDays(expiring + 1) : null,
      search: filters['q'] || null,
    };
  }, [filters]);
  const { data, loading, error, refetch } = useQuery(EvidenceRegisterDocument, { variables: { first: table.pageSize, offset: (table.page - 1) * table.pageSize, filter } });
  const filtered = FILTERS.some((name) => filters[name]);

  return (
    <Page
      title={title}
      description={description}
      actions={
        roleMay(activeRole, EVIDENCE_MANAGERS) ? (
          <Button onClick={() => setAdding(true)} data-testid="evidence-new">
            Add evidence
          </Button>
        ) : undefined
      }
    >
      <Group gap="sm" align="flex-end" wrap="wrap">
        <TextInput label="Words" value={searchText} onChange={(event) => setSearchText(event.currentTarget.value)} w={200} />
        <Select
          label="Control"
          placeholder="Any control"
          searchable
          clearable
          data={(options.data?.controls ?? []).map((control) => ({ value: control.id, label: `${control.id} ${control.title}` }))}
          value={filters['control'] || null}
          onChange={(value) => setFilter('control', value ?? '')}
          w={260}
          clearButtonProps={{ 'aria-label': 'Clear the control filter' }}
        />
        <UnitSelect label="Department" placeholder="Any department" includeInactive value={filters['unit'] || null} onChange={(value) => setFilter('unit', value ?? '')} w={240} />
        <Select
          label="Status"
          placeholder="Any status"
          clearable
          data={(Object.keys(EVIDENCE_STATUS_LABEL) as EvidenceStatus[]).map((value) => ({ value, label: EVIDENCE_STATUS_LABEL[value] }))}
          value={filters['status'] || null}
          onChange={(value) => setFilter('status', value ?? '')}
          w={170}
          clearButtonProps={{ 'aria-label': 'Clear the status filter' }}
        />
        <Select
          label="Source"
          placeholder="Any source"
          clearable
          data={(Object.keys(EVIDENCE_SOURCE_LABEL) as EvidenceSource[]).map((value) => ({ value, label: EVIDENCE_SOURCE_LABEL[value] }))}
          value={filters['source'] || null}
          onChange={(value) => setFilter('source', value ?? '')}
          w={200}
          clearButtonProps={{ 'aria-label': 'Clear the source filter' }}
        />
        <Select
          label="Validity ends"
          placeholder="Any time"
          clearable
          data={[
            { value: '0', label: 'Ended or ending today' },
            { value: '30', label: 'Within 30 days' },
            { value: '90', label: 'Within 90 days' },
          ]}
          value={filters['expiring'] || null}
          onChange={(value) => setFilter('expiring', value ?? '')}
          w={180}
          clearButtonProps={{ 'aria-label': 'Clear the validity filter' }}
        />
      </Group>
      {error && <ErrorAlert title="Could not load the evidence" error={error} onRetry={() => void refetch()} />}
      <DataTable
        label={title}
        testId={testId}
        columns={evidenceColumns(today)}
        rows={data?.evidenceItems.nodes ?? []}
        rowId={(item) => item.id}
        rowProps={(item) => ({ 'data-evidence-title': item.title, 'data-evidence-status': item.status })}
        totalCount={data?.evidenceItems.totalCount ?? 0}
        page={table.page}
        pageSize={table.pageSize}
        onPageChange={table.setPage}
        onPageSizeChange={table.setPageSize}
        loading={loading}
        empty={filtered ? 'No evidence matches these filters.' : 'No evidence yet.'}
      />
      <EvidenceAddModal opened={adding} onClose={() => setAdding(false)} initialUnitId={filters['unit'] || null} initialControlIds={filters['control'] ? [filters['control']] : []} />
    </Page>
  );
}

/** Evidence of every department the caller reaches, by control and department. */
export function EvidenceRegisterRoute() {
  return (
    <EvidenceRegister
      title="Evidence"
      testId="evidence-table"
      description="What shows the controls operate and the clause requirements are met, per department: its review status and whether it is still fresh. Filter by control to see a control's evidence."
    />
  );
}

/** A control owner's evidence: that of their departments, its freshness and versions. */
export function MyEvidenceRoute() {
  return (
    <EvidenceRegister
      title="My evidence"
      testId="my-evidence-table"
      description="Evidence of your departments: whether it was accepted, until when it holds, and what expires soon. Open an item to add a new version."
    />
  );
}
