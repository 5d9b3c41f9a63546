import { useMutation } from '@apollo/client/react';
import { Badge, Button, Group, Modal, Select, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { Section } from '../../components/page';
import { PersonSelect } from '../../components/person-select';
import { RiskAddActionDocument, RiskUpdateActionDocument, type RiskActionStatus, type RiskDetailFieldsFragment } from '../../gql/graphql';
import { serverFieldErrors } from '../../lib/errors';
import { formatDate, todayIso } from '../../lib/format';
import { ACTION_STATUSES, actionOpen, actionStatusLabel } from './risk-labels';
import { notifySuccess } from '../../lib/notify';

type RiskAction = RiskDetailFieldsFragment['actions'][number];

const DATE = /^\d{4}-\d{2}-\d{2}$/;

interface ActionValues {
  title: string;
  ownerId: string | null;
  dueOn: string;
  status: RiskActionStatus;
}

/** Adds an action to the treatment plan, or changes one (title, owner, due date, status). */
function ActionDialog({ riskId, action, onClose, onSaved }: { riskId: string; action: RiskAction | null; onClose: () => void; onSaved: () => void }) {
  const [add, adding] = useMutation(RiskAddActionDocument);
  const [update, updating] = useMutation(RiskUpdateActionDocument);
  const [failure, setFailure] = useState<unknown>(null);
  const form = useForm<ActionValues>({
    mode: 'controlled',
    initialValues: { title: action?.title ?? '', ownerId: action?.owner?.id ?? null, dueOn: action?.dueOn ?? '', status: action?.status ?? 'PLANNED' },
    validate: {
      title: (v) => (!v.trim() ? 'Say what will be done' : v.trim().length > 500 ? 'Keep the title under 500 characters' : null),
      dueOn: (v) => (!v ? 'Give a due date' : !DATE.test(v) ? 'Give a date' : null),
    },
  });
  const submit = form.onSubmit(async (v) => {
    setFailure(null);
    try {
      if (action) {
        await update({
          variables: {
            input: {
              actionId: action.id,
              ...(v.title.trim() !== action.title ? { title: v.title.trim() } : {}),
              ...(v.ownerId !== (action.owner?.id ?? null) ? { ownerId: v.ownerId } : {}),
              ...(v.dueOn !== action.dueOn ? { dueOn: v.dueOn } : {}),
              ...(v.status !== action.status ? { status: v.status } : {}),
            },
          },
        });
        notifySuccess('Action updated', `“${v.title.trim()}” is saved.`);
      } else {
        await add({ variables: { input: { riskId, title: v.title.trim(), ownerId: v.ownerId, dueOn: v.dueOn, status: v.status } } });
        notifySuccess('Action added', `“${v.title.trim()}” is in the treatment plan.`);
      }
      onSaved();
      onClose();
    } catch (error) {
      const fields = serverFieldErrors(error);
      if (Object.keys(fields).length > 0) form.setErrors(fields);
      else setFailure(error);
    }
  });
  return (
    <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened onClose={onClose} title={action ? 'Change the action' : 'Add an action'} size="lg" data-testid="risk-action-dialog">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput label="Action" required placeholder="What will be done" {...form.getInputProps('title')} data-testid="risk-action-title" />
          <SimpleGrid cols={3}>
            <PersonSelect
              label="Action owner"
              value={form.values.ownerId}
              selected={action?.owner ?? null}
              onChange={(id) => form.setFieldValue('ownerId', id)}
              error={form.errors['ownerId']}
              data-testid="risk-action-owner"
            />
            <TextInput label="Due" type="date" required {...form.getInputProps('dueOn')} data-testid="risk-action-due" />
            <Select label="Status" allowDeselect={false} data={ACTION_STATUSES.map((s) => ({ value: s.value, label: s.label }))} {...form.getInputProps('status')} data-testid="risk-action-status" />
          </SimpleGrid>
          {failure !== null && <ErrorAlert title="The action was not saved" error={failure} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={adding.loading || updating.loading} data-testid="risk-action-submit">
              {action ? 'Save' : 'Add action'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** The risk's planned actions, by due date: who does what by when, and where it stands. */
export function RiskActions({ risk, mayEdit, onChanged }: { risk: RiskDetailFieldsFragment; mayEdit: boolean; onChanged: () => void }) {
  const [editing, setEditing] = useState<RiskAction | 'new' | null>(null);
  const [updateStatus] = useMutation(RiskUpdateActionDocument);
  const [statusFailure, setStatusFailure] = useState<unknown>(null);
  const today = todayIso();

  const changeStatus = async (action: RiskAction, status: RiskActionStatus) => {
    setStatusFailure(null);
    try {
      await updateStatus({ variables: { input: { actionId: action.id, status } } });
      notifySuccess('Action updated', `“${action.title}” is ${actionStatusLabel(status).toLowerCase()}.`);
      onChanged();
    } catch (error) {
      setStatusFailure(error);
    }
  };

  return (
    <Section
      title="Actions"
      testId="risk-actions"
      actions={
        mayEdit && (
          <Button size="xs" variant="light" onClick={() => setEditing('new')} data-testid="risk-action-add">
            Add an action
          </Button>
        )
      }
    >
      {statusFailure !== null && <ErrorAlert title="The status was not changed" error={statusFailure} />}
      {risk.actions.length === 0 ? (
        <Text size="sm">No action is planned for this risk.</Text>
      ) : (
        <Table striped data-testid="risk-actions-table">
          <caption style={{ captionSide: 'top', textAlign: 'left' }}>
            <Text span size="sm" c="dimmed">
              Planned actions of “{risk.title}”, by due date
            </Text>
          </caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Action</Table.Th>
              <Table.Th>Owner</Table.Th>
              <Table.Th>Due</Table.Th>
              <Table.Th>Status</Table.Th>
              {mayEdit && <Table.Th aria-label="Change" />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {risk.actions.map((action) => (
              <Table.Tr key={action.id} data-testid="risk-action-row">
                <Table.Td>{action.title}</Table.Td>
                <Table.Td>{action.owner?.name ?? 'No owner'}</Table.Td>
                <Table.Td>
                  {formatDate(action.dueOn)}
                  {actionOpen(action.status) && action.dueOn < today && (
                    <Badge color="red.2" autoContrast variant="filled" size="sm" ml="xs">
                      Overdue
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  {mayEdit ? (
                    <Select
                      aria-label={`Status of “${action.title}”`}
                      size="xs"
                      w={140}
                      allowDeselect={false}
                      data={ACTION_STATUSES.map((s) => ({ value: s.value, label: s.label }))}
                      value={action.status}
                      onChange={(value) => value && value !== action.status && void changeStatus(action, value as RiskActionStatus)}
                      data-testid="risk-action-row-status"
                    />
                  ) : (
                    actionStatusLabel(action.status)
                  )}
                </Table.Td>
                {mayEdit && (
                  <Table.Td>
                    <Button size="xs" variant="subtle" onClick={() => setEditing(action)} aria-label={`Change “${action.title}”`}>
                      Change
                    </Button>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {editing !== null && <ActionDialog riskId={risk.id} action={editing === 'new' ? null : editing} onClose={() => setEditing(null)} onSaved={onChanged} />}
    </Section>
  );
}
