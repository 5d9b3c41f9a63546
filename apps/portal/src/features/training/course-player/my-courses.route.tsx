import { useQuery } from '@apollo/client/react';
import { Table, Text } from '@mantine/core';
import { StatusBadge } from '../../../components/status-badge';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../components/error-alert';
import { Loading } from '../../../components/loading';
import { Page, Section } from '../../../components/page';
import { CoursePlayerMineDocument } from '../../../gql/graphql';
import { formatDate } from '../../../lib/format';

/** The employee's assigned courses; each opens the course player. */
export function MyCoursesRoute() {
  const { data, error, loading, refetch } = useQuery(CoursePlayerMineDocument, { fetchPolicy: 'cache-and-network' });
  if (loading && !data) return <Loading />;
  if (error && !data) {
    return (
      <Page title="My courses">
        <ErrorAlert title="Could not load your courses" error={error} onRetry={() => void refetch()} />
      </Page>
    );
  }
  const rows = (data?.assignments ?? []).filter((a) => a.status !== 'WITHDRAWN');
  return (
    <Page title="My courses" description="Training assigned to you: open a course to read it and take its quiz.">
      <Section title="Assigned courses" testId="my-courses">
        {rows.length === 0 ? (
          <Text size="sm">No course is assigned to you.</Text>
        ) : (
          <Table striped withTableBorder data-testid="my-courses-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Course</Table.Th>
                <Table.Th>Due</Table.Th>
                <Table.Th>Status</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((a) => (
                <Table.Tr key={a.id} data-testid="my-course-row">
                  <Table.Td>
                    <Link to={`/my/courses/${a.id}`}>{a.course.title}</Link>
                  </Table.Td>
                  <Table.Td>{formatDate(a.dueOn)}</Table.Td>
                  <Table.Td>
                    <StatusBadge colour={a.status === 'COMPLETED' ? 'teal' : a.status === 'OVERDUE' ? 'red' : 'blue'}>{a.status.replace('_', ' ').toLowerCase()}</StatusBadge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Section>
    </Page>
  );
}
