import { useMutation, useQuery } from '@apollo/client/react';
import { Button, Card, Group, Select, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { ErrorAlert } from '../../../components/error-alert';
import { Section } from '../../../components/page';
import { CompetenceCoursesDocument, CompetenceCreateDocument, type CompetenceCatalogueQuery } from '../../../gql/graphql';
import { notifySuccess } from '../../../lib/notify';

interface Values {
  name: string;
  description: string;
  courseId: string | null;
}

/** The competence catalogue, and (for programme managers) a form to add a competence, optionally granted by a course. */
export function CompetenceCatalogueSection({ competences, canEdit }: { competences: CompetenceCatalogueQuery['competences']; canEdit: boolean }) {
  const courses = useQuery(CompetenceCoursesDocument, { skip: !canEdit });
  const [create, { error, loading, reset }] = useMutation(CompetenceCreateDocument, { refetchQueries: ['CompetenceCatalogue'] });
  const form = useForm<Values>({
    initialValues: { name: '', description: '', courseId: null },
    validate: { name: (value) => (value.trim() ? (value.trim().length > 200 ? 'At most 200 characters.' : null) : 'Name the competence.') },
  });

  const submit = form.onSubmit(async (values) => {
    reset();
    const result = await create({ variables: { input: { name: values.name, description: values.description.trim() || null, courseId: values.courseId } } }).catch(() => null);
    const created = result?.data?.createCompetence;
    if (!created) return;
    notifySuccess('Competence added', `“${created.name}” is in the catalogue; require it for job roles below.`);
    form.reset();
  });

  return (
    <Section title="Competence catalogue" testId="competence-catalogue">
      {competences.length === 0 ? (
        <Text c="dimmed" size="sm">
          No competences yet.
        </Text>
      ) : (
        <Table striped withTableBorder data-testid="competence-catalogue-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Competence</Table.Th>
              <Table.Th>Description</Table.Th>
              <Table.Th>Granted by completing</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {competences.map((competence) => (
              <Table.Tr key={competence.id} data-testid="competence-row" data-competence={competence.name}>
                <Table.Td>{competence.name}</Table.Td>
                <Table.Td>{competence.description ?? '—'}</Table.Td>
                <Table.Td>{competence.course?.title ?? '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {canEdit && (
        <Card withBorder>
          <form onSubmit={submit} noValidate data-testid="competence-create-form">
            <Stack gap="sm">
              <Text fw={600}>Add a competence</Text>
              {error && <ErrorAlert title="The competence was not added" error={error} testId="competence-create-error" />}
              <TextInput label="Name" withAsterisk {...form.getInputProps('name')} data-testid="competence-name" />
              <Textarea label="Description" autosize minRows={2} {...form.getInputProps('description')} data-testid="competence-description" />
              <Select
                label="Granted by completing the course"
                description="Optional: a completed assignment of this course counts as a record."
                clearable
                data={(courses.data?.courses ?? []).map((course) => ({ value: course.id, label: course.title }))}
                {...form.getInputProps('courseId')}
                data-testid="competence-course"
              />
              <Group>
                <Button type="submit" loading={loading} data-testid="competence-create-submit">
                  Add competence
                </Button>
              </Group>
            </Stack>
          </form>
        </Card>
      )}
    </Section>
  );
}
