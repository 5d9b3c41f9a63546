import { useQuery } from '@apollo/client/react';
import { PROGRAMME_MANAGERS } from '@iso27001/authz/roles';
import { Anchor, Button, Group, Select, TextInput } from '@mantine/core';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { StatusBadge } from '../../components/status-badge';
import { DataTable, type DataTableColumn } from '../../components/data-table';
import { ErrorAlert } from '../../components/error-alert';
import { Page } from '../../components/page';
import { PoliciesRegisterDocument, type PoliciesRegisterQuery, type PolicyState } from '../../gql/graphql';
import { todayIso } from '../../lib/format';
import { roleMay } from '../../lib/roles';
import { useSession } from '../../lib/session';
import { useTableState } from '../../lib/table-state';
import { approverRoleLabel, audienceLabel, POLICY_STATE_COLOUR, POLICY_STATE_LABEL, reviewTone } from './policy.format';
import { ReviewDue } from './review-due';

type PolicyRow = PoliciesRegisterQuery['policies'][number];
type PolicySort = 'title' | 'reviewDueOn';

const FILTERS = ['state', 'review', 'q'] as const;

/** The version waiting for a step (approval or publication), if any. */
function pendingVersion(policy: PolicyRow) {
  return policy.versions.find((version) => version.status === 'DRAFT' || version.status === 'APPROVED') ?? null;
}

/** The policy register: every policy with its state, approver role and review date; managers create policies here. */
export function PoliciesListRoute() {
  const { activeRole } = useSession();
  const table = useTableState<PolicySort>({ sort: 'title', direction: 'asc', pageSize: 25, filters: FILTERS });
  const state = (table.filters['state'] || null) as PolicyState | null;
  const { data, loading, error, refetch } = useQuery(PoliciesRegisterDocument, { variables: { state } });
  const unitNames = useMemo(() => new Map((data?.orgUnits ?? []).map((unit) => [unit.id, unit.name])), [data?.orgUnits]);

  const today = todayIso();
  const search = table.filters['q']?.trim().toLowerCase() ?? '';
  const review = table.filters['review'] ?? '';
  const filtered = (data?.policies ?? []).filter((policy) => {
    if (search && !policy.title.toLowerCase().includes(search)) return false;
    if (review === 'due') return ['overdue', 'soon'].includes(reviewTone(policy.reviewDueOn, today));
    if (review === 'overdue') return reviewTone(policy.reviewDueOn, today) === 'overdue';
    return true;
  });
  const sorted = [...filtered].sort((a, b) => {
    const order = table.sort === 'reviewDueOn' ? (a.reviewDueOn ?? '9999').localeCompare(b.reviewDueOn ?? '9999') || a.title.localeCompare(b.title) : a.title.localeCompare(b.title);
    return table.direction === 'asc' ? order : -order;
  });
  const rows = sorted.slice((table.page - 1) * table.pageSize, table.page * table.pageSize);

  const columns: DataTableColumn<PolicyRow>[] = [
    {
      id: 'title',
      header: 'Policy',
      sortKey: 'title',
      cell: (policy) => (
        <Anchor component={Link} to={`/policies/${policy.id}`} fw={600} size="sm" data-testid="policy-link">
          {policy.title}
        </Anchor>
      ),
    },
    {
      id: 'state',
      header: 'State',
      cell: (policy) => (
        <StatusBadge colour={POLICY_STATE_COLOUR[policy.state]} data-testid="policy-state">
          {POLICY_STATE_LABEL[policy.state]}
        </StatusBadge>
      ),
    },
    { id: 'version', header: 'In force', cell: (policy) => (policy.publishedVersion ? `Version ${policy.publishedVersion.version}` : '—') },
    {
      id: 'pending',
      header: 'Next step',
      cell: (policy) => {
        const pending = pendingVersion(policy);
        if (!pending) return '—';
        return pending.status === 'DRAFT' ? `${pending.version}: approval by ${approverRoleLabel(policy.approverRole)}` : `${pending.version}: approved, to publish`;
      },
    },
    { id: 'approver', header: 'Approved by', cell: (policy) => approverRoleLabel(policy.approverRole) },
    { id: 'audience', header: 'Audience', cell: (policy) => audienceLabel(policy.audience, unitNames) },
    { id: 'review', header: 'Review due', sortKey: 'reviewDueOn', cell: (policy) => <ReviewDue reviewDueOn={policy.reviewDueOn} /> },
  ];

  return (
    <Page
      title="Policies"
      description="The information security policies (ISO/IEC 27001 clause 5.2 and control A.5.1): who approves each, who must acknowledge it, and when it is due for review."
      actions={
        roleMay(activeRole, PROGRAMME_MANAGERS) ? (
          <Button component={Link} to="/policies/new" data-testid="policy-new">
            New policy
          </Button>
        ) : undefined
      }
    >
      <Group gap="sm" align="flex-end">
        <TextInput
          label="Title contains"
          value={table.filters['q'] ?? ''}
          onChange={(event) => table.setFilter('q', event.currentTarget.value)}
          w={260}
          data-testid="policy-search"
        />
        <Select
          label="State"
          placeholder="Any state"
          clearable
          data={(Object.keys(POLICY_STATE_LABEL) as PolicyState[]).map((value) => ({ value, label: POLICY_STATE_LABEL[value] }))}
          value={table.filters['state'] || null}
          onChange={(value) => table.setFilter('state', value ?? '')}
          w={200}
          data-testid="policy-filter-state"
        />
        <Select
          label="Review"
          placeholder="Any review date"
          clearable
          data={[
            { value: 'due', label: 'Overdue or due within 30 days' },
            { value: 'overdue', label: 'Overdue' },
          ]}
          value={table.filters['review'] || null}
          onChange={(value) => table.setFilter('review', value ?? '')}
          w={260}
          data-testid="policy-filter-review"
        />
      </Group>
      {error && <ErrorAlert title="Could not load the policies" error={error} onRetry={() => void refetch()} />}
      <DataTable
        label="Policies"
        testId="policies-table"
        columns={columns}
        rows={rows}
        rowId={(policy) => policy.id}
        rowProps={(policy) => ({ 'data-policy-title': policy.title })}
        totalCount={filtered.length}
        page={table.page}
        pageSize={table.pageSize}
        onPageChange={table.setPage}
        onPageSizeChange={table.setPageSize}
        sort={table.sort}
        direction={table.direction}
        onSortChange={(sort, direction) => table.setSort(sort as PolicySort, direction)}
        loading={loading}
        empty={search || state || review ? 'No policy matches these filters.' : 'No policy yet: the information security policy comes first.'}
      />
    </Page>
  );
}
