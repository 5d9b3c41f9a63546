import { useQuery } from '@apollo/client/react';
import { PROGRAMME_MANAGERS } from '@iso27001/authz/roles';
import { Anchor, Button, Group, Select, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { DataTable, type DataTableColumn } from '../../components/data-table';
import { ErrorAlert } from '../../components/error-alert';
import { Page } from '../../components/page';
import { StatusBadge } from '../../components/status-badge';
import { PoliciesDueForReviewRegisterDocument, PoliciesRegisterDocument, type PolicyRegisterRowFragment, type PolicyState } from '../../gql/graphql';
import { todayIso } from '../../lib/format';
import { roleMay } from '../../lib/roles';
import { useSession } from '../../lib/session';
import { useTableState } from '../../lib/table-state';
import { approverRoleLabel, audienceLabel, PENDING_STATUSES, POLICY_STATE_COLOUR, POLICY_STATE_LABEL } from './policy.format';
import { ReviewDue } from './review-due';

const FILTERS = ['state', 'review', 'q'] as const;

/** The version waiting for a step (approval or publication), if any. */
function pendingVersion(policy: PolicyRegisterRowFragment) {
  return policy.versions.find((version) => PENDING_STATUSES.includes(version.status)) ?? null;
}

/**
 * The policy register: every policy with its state, approver role, audience and review date, a page at a time from
 * the server (by title), filtered by state and title; or the policies whose review is due. Managers create policies here.
 */
export function PoliciesListRoute() {
  const { activeRole } = useSession();
  const table = useTableState<'title'>({ sort: 'title', direction: 'asc', pageSize: 25, filters: FILTERS });
  const state = (table.filters['state'] || null) as PolicyState | null;
  const review = table.filters['review'] ?? '';
  const [searchText, setSearchText] = useState(table.filters['q'] ?? '');
  const [debounced] = useDebouncedValue(searchText.trim(), 300);
  const { setFilter } = table;
  useEffect(() => {
    if (debounced !== (table.filters['q'] ?? '')) setFilter('q', debounced);
  }, [debounced, table.filters, setFilter]);
  const search = table.filters['q'] ?? '';

  // The register a page at a time; the review filter reads the (short) list of published policies due for review instead.
  const register = useQuery(PoliciesRegisterDocument, {
    variables: { first: table.pageSize, offset: (table.page - 1) * table.pageSize, state, search: search || null },
    skip: review !== '',
  });
  const due = useQuery(PoliciesDueForReviewRegisterDocument, { variables: { withinDays: review === 'overdue' ? 0 : 30 }, skip: review === '' });
  const active = review === '' ? register : due;
  const orgUnits = review === '' ? register.data?.orgUnits : due.data?.orgUnits;
  const unitNames = useMemo(() => new Map((orgUnits ?? []).map((unit) => [unit.id, unit.name])), [orgUnits]);

  let rows: PolicyRegisterRowFragment[];
  let totalCount: number;
  if (review === '') {
    rows = register.data?.policyPage.nodes ?? [];
    totalCount = register.data?.policyPage.totalCount ?? 0;
  } else {
    const today = todayIso();
    const matching = (due.data?.policiesDueForReview ?? []).filter(
      (policy) =>
        (review !== 'overdue' || (policy.reviewDueOn !== null && policy.reviewDueOn < today)) &&
        (!state || policy.state === state) &&
        (!search || policy.title.toLowerCase().includes(search.toLowerCase())),
    );
    totalCount = matching.length;
    rows = matching.slice((table.page - 1) * table.pageSize, table.page * table.pageSize);
  }

  const columns: DataTableColumn<PolicyRegisterRowFragment>[] = [
    {
      id: 'title',
      header: 'Policy',
      cell: (policy) => (
        <Anchor component={Link} to={`/policies/${policy.id}`} fw={600} size="sm" data-testid="policy-link">
          {policy.title}
        </Anchor>
      ),
    },
    {
      id: 'state',
      header: 'State',
      width: 170,
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
        if (pending.status === 'DRAFT') return `${pending.version}: draft, to submit`;
        if (pending.status === 'SUBMITTED') return `${pending.version}: approval by ${approverRoleLabel(policy.approverRole).toLowerCase()}`;
        return `${pending.version}: approved, to publish`;
      },
    },
    { id: 'approver', header: 'Approved by', cell: (policy) => approverRoleLabel(policy.approverRole) },
    { id: 'audience', header: 'Audience', cell: (policy) => audienceLabel(policy.audience, unitNames) },
    { id: 'review', header: 'Review due', cell: (policy) => <ReviewDue reviewDueOn={policy.reviewDueOn} /> },
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
        <TextInput label="Title contains" value={searchText} onChange={(event) => setSearchText(event.currentTarget.value)} w={260} data-testid="policy-search" />
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
          value={review || null}
          onChange={(value) => table.setFilter('review', value ?? '')}
          w={260}
          data-testid="policy-filter-review"
        />
      </Group>
      {active.error && <ErrorAlert title="Could not load the policies" error={active.error} onRetry={() => void active.refetch()} />}
      <DataTable
        label="Policies"
        testId="policies-table"
        columns={columns}
        rows={rows}
        rowId={(policy) => policy.id}
        rowProps={(policy) => ({ 'data-policy-title': policy.title })}
        totalCount={totalCount}
        page={table.page}
        pageSize={table.pageSize}
        onPageChange={table.setPage}
        onPageSizeChange={table.setPageSize}
        loading={active.loading}
        empty={search || state || review ? 'No policy matches these filters.' : 'No policy yet: the information security policy comes first.'}
      />
    </Page>
  );
}
