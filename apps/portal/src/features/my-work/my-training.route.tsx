import { useMutation, useQuery } from '@apollo/client/react';
import { Button, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { StatusBadge } from '../../components/status-badge';
import { DataTable, type DataTableColumn } from '../../components/data-table';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { Page } from '../../components/page';
import { MyWorkCompleteAssignmentDocument, MyWorkMeDocument, MyWorkTrainingDocument, type MyWorkTrainingQuery } from '../../gql/graphql';
import { enumLabel, formatDate, formatDateTime } from '../../lib/format';
import { useTableState } from '../../lib/table-state';
import { notifySuccess } from '../../lib/notify';

type Assignment = MyWorkTrainingQuery['assignmentPage']['nodes'][number];

function AssignmentStatusBadge({ assignment }: { assignment: Assignment }) {
  if (assignment.status === 'COMPLETED') {
    return (
      <StatusBadge colour="green" data-testid="assignment-status">
        Completed
      </StatusBadge>
    );
  }
  if (assignment.overdue) {
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
  const show = table.filters['show'] || 'all';
  const { data, loading, error, refetch } = useQuery(MyWorkTrainingDocument, {
    variables: {
      personId,
      first: table.pageSize,
      offset: (table.page - 1) * table.pageSize,
      status: show === 'completed' ? 'COMPLETED' : null,
      overdue: show === 'overdue' ? true : null,
    },
    skip: !personId,
    fetchPolicy: 'cache-and-network',
  });
  const overdue = useQuery(MyWorkTrainingDocument, { variables: { personId, first: 1, offset: 0, overdue: true }, skip: !personId, fetchPolicy: 'cache-and-network' });
  // Completing one changes what the filtered pages and the overdue count hold: they are asked again.
  const [complete, completion] = useMutation(MyWorkCompleteAssignmentDocument, { refetchQueries: ['MyWorkTraining'] });

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

  const rows = data?.assignmentPage.nodes ?? [];
  const overdueCount = overdue.data?.assignmentPage.totalCount ?? 0;

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
      cell: (assignment) => (
        <Text size="sm" c={assignment.overdue ? 'red.8' : undefined} fw={assignment.overdue ? 700 : undefined} data-testid="assignment-due">
          {formatDate(assignment.dueOn)}
        </Text>
      ),
    },
    { id: 'status', header: 'Status', cell: (assignment) => <AssignmentStatusBadge assignment={assignment} /> },
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
    <Page title="My training" description="The courses assigned to you, by due date.">
      <Group justify="space-between">
        <SegmentedControl
          aria-label="Which assignments"
          value={show}
          onChange={(value) => table.setFilter('show', value === 'all' ? '' : value)}
          data={[
            { value: 'all', label: 'All' },
            { value: 'overdue', label: 'Overdue' },
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
        totalCount={data?.assignmentPage.totalCount ?? 0}
        page={table.page}
        pageSize={table.pageSize}
        onPageChange={table.setPage}
        onPageSizeChange={table.setPageSize}
        loading={loading && !data}
        empty={show === 'completed' ? 'You have not completed any course yet.' : show === 'overdue' ? 'No course is overdue.' : 'No training is assigned to you.'}
      />
    </Page>
  );
}
