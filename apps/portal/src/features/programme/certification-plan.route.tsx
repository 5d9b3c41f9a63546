import { useMutation, useQuery } from '@apollo/client/react';
import { PROGRAMME_MANAGERS } from '@iso27001/authz/roles';
import { Badge, Button, Card, Group, Modal, Progress, Select, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { Page } from '../../components/page';
import { PersonSelect, type PersonOption } from '../../components/person-select';
import {
  ProgrammeAddCertificationTaskDocument,
  ProgrammeCertificationPlanDocument,
  ProgrammeStartCertificationProjectDocument,
  ProgrammeUpdateCertificationTaskDocument,
  type CertificationTaskStatus,
  type ProgrammePlanTaskFragment,
} from '../../gql/graphql';
import { describeError, serverFieldErrors } from '../../lib/errors';
import { enumLabel, formatDate } from '../../lib/format';
import { roleMay } from '../../lib/roles';
import { useSession } from '../../lib/session';
import { notifySuccess, notifyFailure } from '../../lib/notify';

const STATUSES: { value: CertificationTaskStatus; label: string }[] = [
  { value: 'TODO', label: 'To do' },
  { value: 'IN_PROGRESS', label: 'In progress' },
  { value: 'BLOCKED', label: 'Blocked' },
  { value: 'DONE', label: 'Done' },
];
const STATUS_COLOUR: Record<CertificationTaskStatus, string> = { TODO: 'gray.7', IN_PROGRESS: 'blue.9', BLOCKED: 'grape.9', DONE: 'teal.9' };
const statusLabel = (status: CertificationTaskStatus) => STATUSES.find((s) => s.value === status)?.label ?? enumLabel(status);

interface TaskFormValues {
  phaseId: string;
  title: string;
  description: string;
  ownerId: string | null;
  dueDate: string;
  status: CertificationTaskStatus;
}

/** Adds a task to a phase, or changes one: title, owner (by name), due date and status. */
function TaskForm({
  phases,
  task,
  phaseId,
  onClose,
  onSaved,
}: {
  phases: { id: string; name: string }[];
  task: ProgrammePlanTaskFragment | null;
  phaseId: string;
  onClose: () => void;
  onSaved: () => void;
}) {
  const [add, adding] = useMutation(ProgrammeAddCertificationTaskDocument);
  const [update, updating] = useMutation(ProgrammeUpdateCertificationTaskDocument);
  const [failure, setFailure] = useState<unknown>(null);
  const [owner, setOwner] = useState<PersonOption | null>(task?.owner ?? null);
  const form = useForm<TaskFormValues>({
    mode: 'controlled',
    initialValues: {
      phaseId,
      title: task?.title ?? '',
      description: task?.description ?? '',
      ownerId: task?.owner?.id ?? null,
      dueDate: task?.dueDate ?? '',
      status: task?.status ?? 'TODO',
    },
    validate: {
      title: (v) => (v.trim() === '' ? 'Give the task a title' : v.trim().length > 300 ? 'At most 300 characters' : null),
      description: (v) => (v.length > 5000 ? 'At most 5,000 characters' : null),
      dueDate: (v) => (v !== '' && !/^\d{4}-\d{2}-\d{2}$/.test(v) ? 'Enter a date' : null),
    },
  });
  const submit = form.onSubmit(async (values) => {
    setFailure(null);
    try {
      if (task) {
        await update({
          variables: { input: { id: task.id, title: values.title.trim(), ownerId: values.ownerId, dueDate: values.dueDate || null, status: values.status } },
        });
        notifySuccess('Task updated', values.title.trim());
      } else {
        await add({
          variables: { input: { phaseId: values.phaseId, title: values.title.trim(), description: values.description.trim(), ownerId: values.ownerId, dueDate: values.dueDate || null } },
        });
        notifySuccess('Task added', `${values.title.trim()} (${phases.find((p) => p.id === values.phaseId)?.name ?? ''})`);
      }
      onSaved();
      onClose();
    } catch (e) {
      form.setErrors(serverFieldErrors(e));
      setFailure(e);
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {failure ? <ErrorAlert title={task ? 'The task was not changed' : 'The task was not added'} error={failure} /> : null}
        <Select label="Phase" data={phases.map((p) => ({ value: p.id, label: p.name }))} disabled={Boolean(task)} allowDeselect={false} {...form.getInputProps('phaseId')} />
        <TextInput label="Title" required data-autofocus {...form.getInputProps('title')} />
        {!task && <Textarea label="Description" autosize minRows={2} {...form.getInputProps('description')} />}
        <PersonSelect
          label="Owner"
          selected={owner}
          value={form.values.ownerId}
          error={form.errors['ownerId']}
          onChange={(id, person) => {
            setOwner(person);
            form.setFieldValue('ownerId', id);
          }}
        />
        <TextInput label="Due date" type="date" {...form.getInputProps('dueDate')} />
        {task && <Select label="Status" data={STATUSES} allowDeselect={false} {...form.getInputProps('status')} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={adding.loading || updating.loading}>
            {task ? 'Save' : 'Add task'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function StatusSelect({ task, disabled }: { task: ProgrammePlanTaskFragment; disabled: boolean }) {
  const [update, { loading }] = useMutation(ProgrammeUpdateCertificationTaskDocument, { refetchQueries: ['ProgrammeCertificationPlan'] });
  if (disabled) {
    return (
      <Badge color={STATUS_COLOUR[task.status]} variant="outline">
        {statusLabel(task.status)}
      </Badge>
    );
  }
  return (
    <Select
      size="xs"
      w={140}
      aria-label={`Status of ${task.title}`}
      data={STATUSES}
      value={task.status}
      allowDeselect={false}
      disabled={loading}
      onChange={async (value) => {
        if (!value || value === task.status) return;
        try {
          await update({ variables: { input: { id: task.id, status: value as CertificationTaskStatus } } });
          notifySuccess('Status changed', `${task.title}: ${statusLabel(value as CertificationTaskStatus)}`);
        } catch (e) {
          notifyFailure('The status was not changed', describeError(e).summary);
        }
      }}
    />
  );
}

/** The certification plan: the eight phases in order, their tasks with owners, due dates and status. */
export function CertificationPlanRoute() {
  const { data, loading, error, refetch } = useQuery(ProgrammeCertificationPlanDocument);
  const [start, starting] = useMutation(ProgrammeStartCertificationProjectDocument);
  const { activeRole } = useSession();
  const mayEdit = roleMay(activeRole, PROGRAMME_MANAGERS);
  const [editing, setEditing] = useState<{ task: ProgrammePlanTaskFragment | null; phaseId: string } | null>(null);

  if (loading && !data) {
    return (
      <Page title="Certification plan">
        <Loading />
      </Page>
    );
  }
  if (error && !data) {
    return (
      <Page title="Certification plan">
        <ErrorAlert title="Could not load the certification plan" error={error} onRetry={() => void refetch()} />
      </Page>
    );
  }
  const project = data?.certificationProject ?? null;
  if (!project) {
    return (
      <Page title="Certification plan" description="The phases and tasks of the way to ISO/IEC 27001 certification.">
        <Card withBorder data-testid="project-not-started">
          <Text size="sm">
            The certification project has not been started. Starting it creates the plan with the eight phases of the certification journey, from the project plan to continuous
            compliance; you then add the tasks of each phase.
          </Text>
          {starting.error && <ErrorAlert title="The project was not started" error={starting.error} />}
          {mayEdit ? (
            <Button
              mt="sm"
              loading={starting.loading}
              onClick={async () => {
                try {
                  await start();
                  notifySuccess('Certification project started', 'The eight phases are in the plan.');
                  await refetch();
                } catch {
                  // shown above
                }
              }}
            >
              Start the certification project
            </Button>
          ) : (
            <Text size="sm" mt="sm">
              The ISMS manager starts it.
            </Text>
          )}
        </Card>
      </Page>
    );
  }
  const phases = project.phases.map((p) => ({ id: p.id, name: p.name }));
  return (
    <Page
      title="Certification plan"
      description={`Started ${formatDate(project.startedAt)}. ${project.progress.done} of ${project.progress.total} tasks done (${project.progress.percent}%).`}
      actions={
        mayEdit && (
          <Button onClick={() => setEditing({ task: null, phaseId: project.phases[0]?.id ?? '' })} data-testid="add-task">
            Add a task
          </Button>
        )
      }
    >
      <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened={editing !== null} onClose={() => setEditing(null)} title={editing?.task ? `Change “${editing.task.title}”` : 'Add a certification task'} size="lg">
        {editing && <TaskForm phases={phases} task={editing.task} phaseId={editing.phaseId} onClose={() => setEditing(null)} onSaved={() => void refetch()} />}
      </Modal>
      {project.phases.map((phase) => (
        <Card key={phase.id} withBorder component="section" aria-labelledby={`phase-${phase.id}`} data-testid="plan-phase" data-phase-key={phase.key}>
          <Group justify="space-between" mb="xs">
            <div>
              <Title order={2} size="h4" id={`phase-${phase.id}`} data-testid="plan-phase-name">
                {phase.position}. {phase.name}
              </Title>
              <Text size="sm" c="dimmed">
                {phase.progress.done} of {phase.progress.total} tasks done
              </Text>
            </div>
            <Group gap="sm">
              <Progress value={phase.progress.percent} w={160} aria-label={`${phase.name}: ${phase.progress.percent}% done`} />
              {mayEdit && (
                <Button size="xs" variant="light" onClick={() => setEditing({ task: null, phaseId: phase.id })} aria-label={`Add task to ${phase.name}`}>
                  Add task
                </Button>
              )}
            </Group>
          </Group>
          {phase.tasks.length === 0 ? (
            <Text size="sm" c="dimmed">
              No tasks in this phase yet.
            </Text>
          ) : (
            <Table verticalSpacing="xs" aria-label={`Tasks of ${phase.name}`}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Task</Table.Th>
                  <Table.Th>Owner</Table.Th>
                  <Table.Th>Due</Table.Th>
                  <Table.Th>Status</Table.Th>
                  {mayEdit && <Table.Th style={{ width: 90 }}>Change</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {phase.tasks.map((task) => (
                  <Table.Tr key={task.id} data-testid="plan-task" data-task-title={task.title}>
                    <Table.Td>
                      <Text size="sm" fw={600} data-testid="plan-task-title">
                        {task.title}
                      </Text>
                      {task.description && (
                        <Text size="xs" c="dimmed">
                          {task.description}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td data-testid="plan-task-owner">{task.owner?.name ?? <Text size="sm" c="dimmed">No owner</Text>}</Table.Td>
                    <Table.Td>
                      {task.dueDate ? (
                        <Group gap={4}>
                          <Text size="sm">{formatDate(task.dueDate)}</Text>
                          {task.overdue && (
                            <Badge color="red.9" variant="outline" size="sm">
                              Overdue
                            </Badge>
                          )}
                        </Group>
                      ) : (
                        <Text size="sm" c="dimmed">
                          No date
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <StatusSelect task={task} disabled={!mayEdit} />
                    </Table.Td>
                    {mayEdit && (
                      <Table.Td>
                        <Button size="xs" variant="subtle" onClick={() => setEditing({ task, phaseId: phase.id })} aria-label={`Edit ${task.title}`}>
                          Edit
                        </Button>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Card>
      ))}
    </Page>
  );
}
