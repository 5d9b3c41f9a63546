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
  submittedByName: string;
  /** Written or submitted by the signed-in person: someone else must approve it. */
  mine: boolean;
  changeSummary: string | null;
  submittedAt: string;
}

/**
 * Policy versions submitted for approval by the role the person works as, longest waiting first, each with a link to
 * read it and approve it or return it to draft. Drafts are not listed: their authors are still writing them.
 */
export function PolicyApprovalsRoute() {
  const { session, activeRole } = useSession();
  const me = tokenSubject(session?.accessToken);
  const { data, loading, error, refetch } = useQuery(PolicyApprovalsQueueDocument, { fetchPolicy: 'cache-and-network' });
  const rows: ApprovalRow[] = (data?.policies ?? [])
    .filter((policy) => isApproverRole(activeRole, policy.approverRole))
    .flatMap((policy) =>
      policy.versions
        .filter((version) => version.status === 'SUBMITTED')
        .map((version) => ({
          policyId: policy.id,
          policyTitle: policy.title,
          versionId: version.id,
          version: version.version,
          authorName: version.authorName,
          submittedByName: version.submittedByName ?? version.authorName,
          mine: me !== null && (version.authorId === me || version.contributorIds.includes(me) || version.submittedById === me),
          changeSummary: version.changeSummary,
          submittedAt: version.submittedAt ?? version.createdAt,
        })),
    )
    .sort((a, b) => a.submittedAt.localeCompare(b.submittedAt));

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
    { id: 'author', header: 'Written by', cell: (row) => row.authorName },
    { id: 'submitted-by', header: 'Submitted by', cell: (row) => (row.mine ? 'You wrote, revised or submitted it: someone else must approve it' : row.submittedByName) },
    { id: 'submitted', header: 'Waiting since', cell: (row) => formatDate(row.submittedAt) },
  ];

  return (
    <Page
      title="Policy approvals"
      description={activeRole ? `Policy versions submitted for your approval as ${roleInSentence(activeRole)}. Read each one, then approve it or return it to draft with what should change.` : undefined}
    >
      {error && <ErrorAlert title="Could not load the versions to approve" error={error} onRetry={() => void refetch()} />}
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
