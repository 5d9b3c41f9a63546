import { useQuery } from '@apollo/client/react';
import { Button, Group } from '@mantine/core';
import { useState } from 'react';
import { DataTable, type DataTableColumn } from '../../components/data-table';
import { ErrorAlert } from '../../components/error-alert';
import { Page } from '../../components/page';
import { EvidenceReviewQueueDocument, type EvidenceDecision, type EvidenceRowFragment } from '../../gql/graphql';
import { todayIso } from '../../lib/format';
import { useTableState } from '../../lib/table-state';
import { evidenceColumns } from './evidence-columns';
import { EvidenceReviewModal } from './evidence-review.modal';

/** Collected evidence awaiting review, oldest first: accept it, or reject it with the reason its collector reads. */
export function ReviewQueueRoute() {
  const table = useTableState<'collectedAt'>({ sort: 'collectedAt', direction: 'asc', pageSize: 25, filters: [] });
  const { data, loading, error, refetch } = useQuery(EvidenceReviewQueueDocument, { variables: { first: table.pageSize, offset: (table.page - 1) * table.pageSize } });
  const [reviewing, setReviewing] = useState<{ item: EvidenceRowFragment; decision: EvidenceDecision } | null>(null);
  const today = todayIso();
  const columns: DataTableColumn<EvidenceRowFragment>[] = [
    ...evidenceColumns(today).filter((column) => column.id !== 'status' && column.id !== 'source'),
    {
      id: 'actions',
      header: 'Review',
      cell: (item) => (
        <Group gap="xs" wrap="nowrap">
          <Button size="compact-sm" aria-label={`Accept ${item.title}`} onClick={() => setReviewing({ item, decision: 'APPROVED' })}>
            Accept
          </Button>
          <Button size="compact-sm" color="red" variant="light" aria-label={`Reject ${item.title}`} onClick={() => setReviewing({ item, decision: 'REJECTED' })}>
            Reject
          </Button>
        </Group>
      ),
    },
  ];
  return (
    <Page title="Evidence review" description="Evidence collected and waiting for review, oldest first. Only accepted, fresh evidence counts toward a control's status; nobody reviews what they collected.">
      {error && <ErrorAlert title="Could not load the review queue" error={error} onRetry={() => void refetch()} />}
      <DataTable
        label="Evidence awaiting review"
        testId="review-queue-table"
        columns={columns}
        rows={data?.reviewQueue.nodes ?? []}
        rowId={(item) => item.id}
        rowProps={(item) => ({ 'data-evidence-title': item.title })}
        totalCount={data?.reviewQueue.totalCount ?? 0}
        page={table.page}
        pageSize={table.pageSize}
        onPageChange={table.setPage}
        onPageSizeChange={table.setPageSize}
        loading={loading}
        empty="Nothing waits for review."
      />
      {reviewing && <EvidenceReviewModal item={reviewing.item} decision={reviewing.decision} onClose={() => setReviewing(null)} />}
    </Page>
  );
}
