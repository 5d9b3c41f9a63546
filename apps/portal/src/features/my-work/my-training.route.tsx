import { useMutation, useQuery } from '@apollo/client/react';
import { Button, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { StatusBadge } from '../../components/status-badge';
import { DataTable, type DataTableColumn } from '../../components/data-table';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { Page } from '../../components/page';
import { MyWorkCompleteAssignmentDocument, MyWorkMeDocument, MyWorkTrainingDocument, type MyWorkTrainingQuery } from '../../gql/graphql';
import { enumLabel, formatDate, formatDateTime, todayIso } from '../../lib/format';
import { useTableState } from '../../lib/table-state';
import { notifySuccess } from '../../lib/notify';

type Assignment = MyWorkTrainingQuery['assignments'][number];

/** Not completed and past its due date, whatever the recorded status says (the status is updated overnight). */
function isOverdue(assignment: Assignment, today: string): boolean {
  return assignment.status !== 'COMPLETED' && (assignment.status === 'OVERDUE' || assignment.dueOn < today);
}

function AssignmentStatusBadge({ assignment, today }: { assignment: Assignment; today: string }) {
  if (assignment.status === 'COMPLETED') {
    return (
      <StatusBadge colour="green" data-testid="assignment-status">
        Completed
      </StatusBadge>
    );
  }
  if (isOverdue(assignment, today)) {
    return (
      <StatusBadge colour="red" data-testid="assignment-status">
        Overdue
      </StatusBadge>
    );
  }
  return (
    <StatusBadge colour="blue" data-testid="assignment-status">
      To do
    </StatusBadge>
  );
}

const FILTERS = ['show'] as const;

/** The signed-in person's training assignments: what to complete by when (overdue ones in red), and marking one completed. */
export function MyTrainingRoute() {
  const table = useTableState<'dueOn'>({ sort: 'dueOn', direction: 'asc', pageSize: 25, filters: FILTERS });
  const me = useQuery(MyWorkMeDocument);
  const personId = me.data?.me?.id ?? '';
  const { data, loading, error, refetch } = useQuery(MyWorkTrainingDocument, { variables: { personId }, skip: !personId, fetchPolicy: 'cache-and-network' });
  const [complete, completion] = useMutation(MyWorkCompleteAssignmentDocument);
  const today = todayIso();

  if (me.loading && !me.data) return <Loading />;
  if (me.error && !me.data) {
    return (
      <Page title="My training">
        <ErrorAlert title="Could not find your person record" error={me.error} onRetry={() => void me.refetch()} />
      </Page>
    );
  }
  if (!me.data?.me) {
    return (
      <Page title="My training">
        <Text size="sm" data-testid="training-no-person">
          You are not in the organisation register, so no training is assigned to you. Ask your ISMS manager to add you.
        </Text>
      </Page>
    );
  }

  const show = table.filters['show'] || 'all';
  const all = data?.assignments ?? [];
  const filtered = all.filter((assignment) => (show === 'completed' ? assignment.status === 'COMPLETED' : show === 'open' ? assignment.status !== 'COMPLETED' : true));
  const sorted = table.direction === 'asc' ? filtered : [...filtered].reverse();
  const rows = sorted.slice((table.page - 1) * table.pageSize, table.page * table.pageSize);
  const overdueCount = all.filter((assignment) => isOverdue(assignment, today)).length;

  const confirmComplete = (assignment: Assignment) =>
    modals.openConfirmModal({
      closeButtonProps: { 'aria-label': 'Close' },
      title: `Mark “${assignment.course.title}” as completed?`,
      children: <Text size="sm">Confirm that you have completed this course. The date is recorded as evidence of awareness training (ISO/IEC 27001 A.6.3, 7.2).</Text>,
      labels: { confirm: 'Mark as completed', cancel: 'Cancel' },
      onConfirm: () => {
        void complete({ variables: { id: assignment.id } })
          .then(() => notifySuccess('Training completed', `“${assignment.course.title}” is recorded as completed.`))
          .catch(() => undefined);
      },
    });

  const columns: DataTableColumn<Assignment>[] = [
    {
      id: 'course',
      header: 'Course',
      cell: (assignment) => (
        <Stack gap={0}>
          <Text size="sm" fw={600} data-testid="assignment-course">
            {assignment.course.title}
          </Text>
          <Text size="xs" c="dimmed">
            {enumLabel(assignment.course.kind)}, about {assignment.course.durationMinutes} minutes{assignment.course.description ? ` · ${assignment.course.description}` : ''}
          </Text>
        </Stack>
      ),
    },
    {
      id: 'due',
      header: 'Due',
      sortKey: 'dueOn',
      cell: (assignment) => (
        <Text size="sm" c={isOverdue(assignment, today) ? 'red.8' : undefined} fw={isOverdue(assignment, today) ? 700 : undefined} data-testid="assignment-due">
          {formatDate(assignment.dueOn)}
        </Text>
      ),
    },
    { id: 'status', header: 'Status', cell: (assignment) => <AssignmentStatusBadge assignment={assignment} today={today} /> },
    {
      id: 'action',
      header: 'Action',
      cell: (assignment) =>
        assignment.status === 'COMPLETED' ? (
          <Text size="sm">Completed {formatDateTime(assignment.completedAt)}</Text>
        ) : (
          <Button size="xs" onClick={() => confirmComplete(assignment)} loading={completion.loading} aria-label={`Mark as completed: ${assignment.course.title}`} data-testid="assignment-complete">
            Mark as completed
          </Button>
        ),
    },
  ];

  return (
    <Page title="My training" description="The courses assigned to you and when they are due.">
      <Group justify="space-between">
        <SegmentedControl
          aria-label="Which assignments"
          value={show}
          onChange={(value) => table.setFilter('show', value === 'all' ? '' : value)}
          data={[
            { value: 'all', label: 'All' },
            { value: 'open', label: 'To do' },
            { value: 'completed', label: 'Completed' },
          ]}
          data-testid="training-filter"
        />
        {overdueCount > 0 && (
          <Text size="sm" c="red.8" fw={600} data-testid="training-overdue">
            {overdueCount === 1 ? '1 course is overdue' : `${overdueCount} courses are overdue`}
          </Text>
        )}
      </Group>
      {error && !data && <ErrorAlert title="Could not load your training" error={error} onRetry={() => void refetch()} />}
      {completion.error && <ErrorAlert title="The course was not marked as completed" error={completion.error} />}
      <DataTable
        label="My training assignments"
        testId="assignments-table"
        columns={columns}
        rows={rows}
        rowId={(assignment) => assignment.id}
        rowProps={(assignment) => ({ 'data-assignment-id': assignment.id, 'data-course': assignment.course.title, 'data-status': assignment.status })}
        totalCount={filtered.length}
        page={table.page}
        pageSize={table.pageSize}
        onPageChange={table.setPage}
        onPageSizeChange={table.setPageSize}
        sort={table.sort}
        direction={table.direction}
        onSortChange={(_, direction) => table.setSort('dueOn', direction)}
        loading={loading && !data}
        empty={show === 'completed' ? 'You have not completed any course yet.' : 'No training is waiting for you.'}
      />
    </Page>
  );
}
