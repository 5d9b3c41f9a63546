import { useMutation, useQuery } from '@apollo/client/react';
import { Badge, Button, Group, Modal, NumberInput, Select, Stack, Switch, Table, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { ErrorAlert } from '../../../components/error-alert';
import { Loading } from '../../../components/loading';
import { Page, Section } from '../../../components/page';
import { CoursesCatalogueDocument, CoursesCreateDocument, CoursesPublishVersionDocument, CoursesSetQuizDocument, type CourseKind, type QuizQuestionKind } from '../../../gql/graphql';
import { notifyFailure, notifySuccess } from '../../../lib/notify';
import { correctOf, courseFormErrors, type CourseValues, emptyQuestion, optionsOf } from './course-form.rules';

/** The ISMS manager's course catalogue: courses with content and a quiz, and their versions. */
export function CoursesRoute() {
  const { data, error, loading, refetch } = useQuery(CoursesCatalogueDocument, { fetchPolicy: 'cache-and-network' });
  const [creating, setCreating] = useState(false);
  const [publishing, setPublishing] = useState<{ id: string; title: string } | null>(null);
  if (loading && !data) return <Loading />;
  if (error && !data) {
    return (
      <Page title="Courses">
        <ErrorAlert title="Could not load the courses" error={error} onRetry={() => void refetch()} />
      </Page>
    );
  }
  return (
    <Page
      title="Courses"
      description="The training catalogue: content, quiz and versions."
      actions={
        <Button onClick={() => setCreating(true)} data-testid="course-create">
          New course
        </Button>
      }
    >
      <Section title="Catalogue" testId="courses">
        <Table striped withTableBorder data-testid="courses-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Title</Table.Th>
              <Table.Th>Kind</Table.Th>
              <Table.Th>Version</Table.Th>
              <Table.Th>Quiz</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(data?.courses ?? []).map((course) => {
              const current = course.versions.find((v) => v.version === course.currentVersion);
              return (
                <Table.Tr key={course.id} data-testid="course-row">
                  <Table.Td>{course.title}</Table.Td>
                  <Table.Td>{course.kind.replace('_', ' ').toLowerCase()}</Table.Td>
                  <Table.Td>v{course.currentVersion}</Table.Td>
                  <Table.Td>{current?.hasQuiz ? <Badge variant="outline" color="blue.9">quiz</Badge> : <Text size="sm" c="dimmed">none</Text>}</Table.Td>
                  <Table.Td>
                    <Button size="xs" variant="default" onClick={() => setPublishing({ id: course.id, title: course.title })} data-testid="course-publish">
                      Publish new version
                    </Button>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Section>
      <CreateCourseModal opened={creating} onClose={() => setCreating(false)} />
      {publishing ? <PublishVersionModal course={publishing} onClose={() => setPublishing(null)} /> : null}
    </Page>
  );
}

function CreateCourseModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const [create] = useMutation(CoursesCreateDocument);
  const [setQuiz] = useMutation(CoursesSetQuizDocument, { refetchQueries: ['CoursesCatalogue'] });
  const [busy, setBusy] = useState(false);
  const form = useForm<CourseValues>({
    initialValues: { title: '', kind: 'AWARENESS', durationMinutes: 20, contentKind: 'MARKDOWN', content: '', passMarkPercent: 80, questionsPerAttempt: 1, maxAttempts: 3, questions: [] },
    validate: courseFormErrors,
  });
  const submit = async (values: CourseValues) => {
    setBusy(true);
    try {
      const content =
        values.contentKind === 'MARKDOWN'
          ? { kind: 'MARKDOWN' as const, markdown: values.content }
          : values.contentKind === 'LINK'
            ? { kind: 'LINK' as const, url: values.content.trim() }
            : { kind: 'EVIDENCE_FILE' as const, fileId: values.content.trim() };
      const created = await create({ variables: { input: { title: values.title, kind: values.kind as CourseKind, durationMinutes: values.durationMinutes, content } } });
      const courseId = created.data?.createCourse.id;
      if (courseId && values.questions.length > 0) {
        await setQuiz({
          variables: {
            input: {
              courseId,
              passMarkPercent: values.passMarkPercent,
              questionsPerAttempt: values.questionsPerAttempt,
              maxAttempts: values.maxAttempts,
              questions: values.questions.map((q) => ({ kind: q.kind as QuizQuestionKind, text: q.text, options: optionsOf(q), correctOptions: correctOf(q) ?? [] })),
            },
          },
        });
      }
      notifySuccess('Course created', `"${values.title}" is in the catalogue${values.questions.length ? ` with a quiz of ${values.questions.length} question(s)` : ''}.`);
      form.reset();
      onClose();
    } catch (failure) {
      notifyFailure('The course was not created', (failure as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened={opened} onClose={onClose} title="New course" size="lg">
      <form onSubmit={form.onSubmit((values) => void submit(values))}>
        <Stack gap="sm">
          <TextInput label="Title" {...form.getInputProps('title')} data-testid="course-title" />
          <Group grow>
            <Select label="Kind" data={[{ value: 'AWARENESS', label: 'Awareness' }, { value: 'ROLE_BASED', label: 'Role-based' }, { value: 'POLICY', label: 'Policy' }]} {...form.getInputProps('kind')} allowDeselect={false} />
            <NumberInput label="Duration (minutes)" min={1} {...form.getInputProps('durationMinutes')} />
          </Group>
          <Select
            label="Content"
            data={[{ value: 'MARKDOWN', label: 'Text (Markdown)' }, { value: 'LINK', label: 'Link (https)' }, { value: 'EVIDENCE_FILE', label: 'Evidence file (id)' }]}
            {...form.getInputProps('contentKind')}
            allowDeselect={false}
          />
          <Textarea label={form.values.contentKind === 'MARKDOWN' ? 'Text' : form.values.contentKind === 'LINK' ? 'Link' : 'Evidence file id'} autosize minRows={3} {...form.getInputProps('content')} data-testid="course-content" />
          <Text fw={600} size="sm">
            Quiz ({form.values.questions.length} question{form.values.questions.length === 1 ? '' : 's'})
          </Text>
          {form.values.questions.map((_, index) => (
            <Stack key={index} gap={4} data-testid="course-question">
              <Group grow>
                <Select label={`Question ${index + 1}`} data={[{ value: 'SINGLE_CHOICE', label: 'Single choice' }, { value: 'MULTIPLE_CHOICE', label: 'Multiple choice' }]} {...form.getInputProps(`questions.${index}.kind`)} allowDeselect={false} data-testid="course-question-kind" />
                <TextInput label="Correct options (numbers)" {...form.getInputProps(`questions.${index}.correct`)} data-testid="course-question-correct" />
              </Group>
              <TextInput label="Question" {...form.getInputProps(`questions.${index}.text`)} data-testid="course-question-text" />
              <Textarea label="Options, one per line" autosize minRows={2} {...form.getInputProps(`questions.${index}.options`)} data-testid="course-question-options" />
            </Stack>
          ))}
          <Group>
            <Button variant="default" onClick={() => form.insertListItem('questions', emptyQuestion())} data-testid="course-add-question">
              Add question
            </Button>
          </Group>
          {form.values.questions.length > 0 ? (
            <Group grow>
              <NumberInput label="Pass mark (%)" min={1} max={100} {...form.getInputProps('passMarkPercent')} />
              <NumberInput label="Questions per attempt" min={1} {...form.getInputProps('questionsPerAttempt')} data-testid="course-questions-per-attempt" />
              <NumberInput label="Attempts allowed" min={1} max={20} {...form.getInputProps('maxAttempts')} />
            </Group>
          ) : null}
          <Group justify="flex-end">
            <Button type="submit" loading={busy} data-testid="course-save">
              Create course
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function PublishVersionModal({ course, onClose }: { course: { id: string; title: string }; onClose: () => void }) {
  const [publish, { loading, error }] = useMutation(CoursesPublishVersionDocument, { refetchQueries: ['CoursesCatalogue'] });
  const form = useForm({ initialValues: { changeNote: '', retakeRequired: false, retakeDueInDays: 30 } });
  const submit = async (values: { changeNote: string; retakeRequired: boolean; retakeDueInDays: number }) => {
    const answer = await publish({ variables: { input: { courseId: course.id, changeNote: values.changeNote || null, retakeRequired: values.retakeRequired, retakeDueInDays: values.retakeRequired ? values.retakeDueInDays : null } } });
    const published = answer.data?.publishCourseVersion;
    if (published) notifySuccess('Version published', `"${course.title}" is now at version ${published.course.currentVersion}; ${published.retakeAssignments} retake(s) assigned.`);
    onClose();
  };
  return (
    <Modal opened onClose={onClose} title={`Publish a new version of "${course.title}"`}>
      <form onSubmit={form.onSubmit((values) => void submit(values).catch(() => undefined))}>
        <Stack gap="sm">
          {error ? <ErrorAlert title="Not published" error={error} /> : null}
          <TextInput label="What changed" {...form.getInputProps('changeNote')} />
          <Switch label="Everyone who completed it must retake it" {...form.getInputProps('retakeRequired', { type: 'checkbox' })} data-testid="course-retake" />
          {form.values.retakeRequired ? <NumberInput label="Retake due in (days)" min={1} {...form.getInputProps('retakeDueInDays')} /> : null}
          <Group justify="flex-end">
            <Button type="submit" loading={loading} data-testid="course-publish-confirm">
              Publish
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
