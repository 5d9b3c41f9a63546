import { useQuery } from '@apollo/client/react';
import { Anchor, Text } from '@mantine/core';
import { Link } from 'react-router';
import { DataTable, type DataTableColumn } from '../../components/data-table';
import { ErrorAlert } from '../../components/error-alert';
import { Page } from '../../components/page';
import { PolicyApprovalsQueueDocument } from '../../gql/graphql';
import { formatDate } from '../../lib/format';
import { roleInSentence } from '../../lib/roles';
import { useSession } from '../../lib/session';
import { tokenSubject } from '../../lib/token';
import { isApproverRole } from './policy.format';

interface ApprovalRow {
  policyId: string;
  policyTitle: string;
  versionId: string;
  version: string;
  authorName: string;
  mine: boolean;
  changeSummary: string | null;
  createdAt: string;
}

/** Draft policy versions that the role the person works as must approve, oldest first, each with a link to read and approve it. */
export function PolicyApprovalsRoute() {
  const { session, activeRole } = useSession();
  const me = tokenSubject(session?.accessToken);
  const { data, loading, error, refetch } = useQuery(PolicyApprovalsQueueDocument, { fetchPolicy: 'cache-and-network' });
  const rows: ApprovalRow[] = (data?.policies ?? [])
    .filter((policy) => isApproverRole(activeRole, policy.approverRole))
    .flatMap((policy) =>
      policy.versions
        .filter((version) => version.status === 'DRAFT')
        .map((version) => ({
          policyId: policy.id,
          policyTitle: policy.title,
          versionId: version.id,
          version: version.version,
          authorName: version.authorName,
          mine: version.authorId === me,
          changeSummary: version.changeSummary,
          createdAt: version.createdAt,
        })),
    )
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));

  const columns: DataTableColumn<ApprovalRow>[] = [
    {
      id: 'policy',
      header: 'Policy',
      cell: (row) => (
        <Anchor component={Link} to={`/policies/${row.policyId}`} fw={600} size="sm" data-testid="approval-link">
          {row.policyTitle}
        </Anchor>
      ),
    },
    { id: 'version', header: 'Version', cell: (row) => row.version },
    { id: 'summary', header: 'What changed', cell: (row) => row.changeSummary ?? '—' },
    { id: 'author', header: 'Written by', cell: (row) => (row.mine ? 'You (someone else must approve it)' : row.authorName) },
    { id: 'drafted', header: 'Drafted', cell: (row) => formatDate(row.createdAt) },
  ];

  return (
    <Page
      title="Policy approvals"
      description={activeRole ? `Draft policy versions waiting for your approval as ${roleInSentence(activeRole)}. Read each one, then approve it.` : undefined}
    >
      {error && <ErrorAlert title="Could not load the drafts to approve" error={error} onRetry={() => void refetch()} />}
      <DataTable
        label="Policy versions awaiting your approval"
        testId="approvals-table"
        columns={columns}
        rows={rows}
        rowId={(row) => row.versionId}
        rowProps={(row) => ({ 'data-policy-title': row.policyTitle })}
        loading={loading && !data}
        empty={<Text size="sm">No policy version is waiting for your approval.</Text>}
      />
    </Page>
  );
}
