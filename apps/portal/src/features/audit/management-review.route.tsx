import { useMutation, useQuery } from '@apollo/client/react';
import { PROGRAMME_MANAGERS, TOP_MANAGEMENT } from '@iso27001/authz/roles';
import { ActionIcon, Button, Card, Group, List, Modal, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { Page, Section } from '../../components/page';
import { PersonSelect } from '../../components/person-select';
import { StatusBadge } from '../../components/status-badge';
import {
  AuditCreateManagementReviewDocument,
  AuditGatherManagementReviewDocument,
  AuditManagementReviewsDocument,
  AuditRecordManagementReviewDocument,
  AuditSignOffManagementReviewDocument,
  type ManagementReviewFieldsFragment,
} from '../../gql/graphql';
import { serverFieldErrors } from '../../lib/errors';
import { formatDate, formatDateTime, todayIso } from '../../lib/format';
import { notifySuccess } from '../../lib/notify';
import { roleMay } from '../../lib/roles';
import { useSession } from '../../lib/session';

type Review = ManagementReviewFieldsFragment;
const REFETCH = ['AuditManagementReviews'];

const LABELS: Record<string, string> = {
  total: 'total',
  done: 'done',
  open: 'open',
  overdue: 'overdue',
  closed: 'closed',
  openMajor: 'open major',
  effective: 'effective',
  notEffective: 'not effective',
  auditsClosed: 'audits closed',
  MAJOR_NONCONFORMITY: 'major nonconformities',
  MINOR_NONCONFORMITY: 'minor nonconformities',
  OBSERVATION: 'observations',
  OPPORTUNITY: 'opportunities',
  clausesCovered: 'requirements covered',
  clausesTotal: 'requirements',
  controlsCovered: 'controls covered',
  controlsApplicable: 'applicable controls',
};
const line = (counts: { name: string; count: number }[]) => counts.map((entry) => `${entry.count} ${LABELS[entry.name] ?? entry.name}`).join(', ') || 'none';

function NewReviewForm({ onClose }: { onClose: () => void }) {
  const [create, { loading, error }] = useMutation(AuditCreateManagementReviewDocument, { refetchQueries: REFETCH, awaitRefetchQueries: true });
  const form = useForm({ initialValues: { title: '', heldOn: todayIso() }, validate: { title: (value) => (value.trim() ? null : 'Name the review.') } });
  const submit = form.onSubmit(async (values) => {
    try {
      await create({ variables: { input: { title: values.title.trim(), heldOn: values.heldOn } } });
      onClose();
    } catch (caught) {
      form.setErrors(serverFieldErrors(caught));
    }
  });
  return (
    <form onSubmit={submit} noValidate data-testid="review-form">
      <Stack gap="sm">
        {error && Object.keys(serverFieldErrors(error)).length === 0 && <ErrorAlert title="The review was not created" error={error} />}
        <TextInput label="Title" withAsterisk maxLength={200} {...form.getInputProps('title')} data-testid="review-title" />
        <TextInput type="date" label="Held on" withAsterisk {...form.getInputProps('heldOn')} data-testid="review-held-on" />
        <Group justify="flex-end">
          <Button type="submit" loading={loading} data-testid="review-create">
            Prepare the review
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

interface ActionRow {
  description: string;
  ownerPersonId: string | null;
  dueOn: string;
}

function OutcomeForm({ review }: { review: Review }) {
  const [record, { loading, error }] = useMutation(AuditRecordManagementReviewDocument, { refetchQueries: REFETCH, awaitRefetchQueries: true });
  const form = useForm({
    initialValues: {
      decisions: review.decisions.join('\n'),
      notes: review.notes ?? '',
      actions: review.actions.map((action) => ({ description: action.description, ownerPersonId: action.ownerPersonId, dueOn: action.dueOn })) as ActionRow[],
    },
    validate: {
      decisions: (value) => (value.trim() ? null : 'Record at least one decision (one per line).'),
      actions: { description: (value) => (value.trim() ? null : 'Say what is to be done.'), ownerPersonId: (value) => (value ? null : 'Name who does it.'), dueOn: (value) => (value ? null : 'By when.') },
    },
  });
  const submit = form.onSubmit(async (values) => {
    try {
      await record({
        variables: {
          input: {
            id: review.id,
            decisions: values.decisions.split('\n').map((text) => text.trim()).filter(Boolean),
            notes: values.notes.trim() || null,
            actions: values.actions.map((action) => ({ description: action.description.trim(), ownerPersonId: action.ownerPersonId!, dueOn: action.dueOn })),
          },
        },
      });
      notifySuccess('Outcome recorded', 'Top management can now sign the review off.');
    } catch (caught) {
      form.setErrors(serverFieldErrors(caught));
    }
  });
  return (
    <form onSubmit={submit} noValidate data-testid="outcome-form">
      <Stack gap="sm">
        {error && Object.keys(serverFieldErrors(error)).length === 0 && <ErrorAlert title="The outcome was not recorded" error={error} />}
        <Textarea label="Decisions (one per line)" withAsterisk autosize minRows={3} {...form.getInputProps('decisions')} data-testid="outcome-decisions" />
        {form.values.actions.map((_, index) => (
          <Group key={index} grow align="flex-start" data-testid="outcome-action">
            <TextInput label={`Action ${index + 1}`} withAsterisk {...form.getInputProps(`actions.${index}.description`)} data-testid={`outcome-action-${index}`} />
            <PersonSelect label="Owner" withAsterisk value={form.values.actions[index]!.ownerPersonId} onChange={(id) => form.setFieldValue(`actions.${index}.ownerPersonId`, id)} error={form.errors[`actions.${index}.ownerPersonId`]} data-testid={`outcome-owner-${index}`} />
            <TextInput type="date" label="Due" withAsterisk {...form.getInputProps(`actions.${index}.dueOn`)} data-testid={`outcome-due-${index}`} />
            <ActionIcon variant="subtle" color="red" mt={28} aria-label={`Remove action ${index + 1}`} onClick={() => form.removeListItem('actions', index)}>
              ×
            </ActionIcon>
          </Group>
        ))}
        <Button variant="light" w="fit-content" onClick={() => form.insertListItem('actions', { description: '', ownerPersonId: null, dueOn: '' })} data-testid="outcome-add-action">
          Add an action
        </Button>
        <Textarea label="Notes" autosize minRows={2} maxLength={8000} {...form.getInputProps('notes')} data-testid="outcome-notes" />
        <Group justify="flex-end">
          <Button type="submit" loading={loading} data-testid="outcome-submit">
            Record the outcome
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function ReviewCard({ review }: { review: Review }) {
  const { activeRole } = useSession();
  const managing = roleMay(activeRole, PROGRAMME_MANAGERS);
  const [gather, gathering] = useMutation(AuditGatherManagementReviewDocument, { refetchQueries: REFETCH, awaitRefetchQueries: true });
  const [signOff, signing] = useMutation(AuditSignOffManagementReviewDocument, { refetchQueries: REFETCH, awaitRefetchQueries: true });
  const draft = review.status === 'DRAFT';
  return (
    <Card withBorder data-testid="review-card">
      <Stack gap="sm">
        <Group justify="space-between">
          <div>
            <Text fw={700}>{review.title}</Text>
            <Text size="sm" c="dimmed">
              Held {formatDate(review.heldOn)}
            </Text>
          </div>
          <StatusBadge colour={draft ? 'blue' : 'teal'} data-testid="review-status">
            {draft ? 'Draft' : `Signed off by ${review.signedOffByName ?? 'top management'} ${formatDate(review.signedOffAt)}`}
          </StatusBadge>
        </Group>
        <Section title="Inputs (clause 9.3.2)" testId="review-inputs">
          {review.inputs ? (
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <List size="sm" spacing={2}>
                <List.Item>Actions of the previous review: {line(review.inputs.previousActions)}</List.Item>
                <List.Item>Nonconformities: {line(review.inputs.nonconformities)}</List.Item>
                <List.Item>Corrective actions: {line(review.inputs.correctiveActions)}</List.Item>
              </List>
              <List size="sm" spacing={2}>
                <List.Item>
                  Audit results{review.inputs.auditsSince ? ` since ${formatDate(review.inputs.auditsSince)}` : ''}: {line(review.inputs.auditResults)}
                </List.Item>
                <List.Item>
                  Certification: {review.inputs.certificationStatus ? `${review.inputs.certificationStatus.toLowerCase()}${review.inputs.certificateNumber ? `, certificate ${review.inputs.certificateNumber} until ${formatDate(review.inputs.certificateExpiresOn)}` : ''}` : 'no cycle started'}
                </List.Item>
                <List.Item>Internal audit programme: {line(review.inputs.programme)}</List.Item>
              </List>
              <Text size="xs" c="dimmed">
                Gathered {formatDateTime(review.inputs.gatheredAt)}. Context, objectives, risk and monitoring results are in the Stage 1 documents.
              </Text>
            </SimpleGrid>
          ) : (
            <Text size="sm" c="dimmed">
              Not gathered yet.
            </Text>
          )}
          {managing && draft && (
            <Button variant="light" size="xs" w="fit-content" loading={gathering.loading} onClick={() => void gather({ variables: { id: review.id } }).catch(() => undefined)} data-testid="review-gather">
              {review.inputs ? 'Gather the inputs again' : 'Gather the inputs'}
            </Button>
          )}
          {gathering.error && <ErrorAlert title="The inputs were not gathered" error={gathering.error} />}
        </Section>
        {!draft || !managing ? (
          <Section title="Decisions and actions (clause 9.3.3)" testId="review-outcome">
            <List size="sm">{review.decisions.map((decision) => <List.Item key={decision}>{decision}</List.Item>)}</List>
            {review.actions.length > 0 && (
              <List size="sm">
                {review.actions.map((action) => (
                  <List.Item key={action.id}>
                    {action.description}, due {formatDate(action.dueOn)}
                    {action.doneAt ? ' (done)' : ''}
                  </List.Item>
                ))}
              </List>
            )}
          </Section>
        ) : (
          <Section title="Decisions and actions (clause 9.3.3)">
            <OutcomeForm review={review} />
          </Section>
        )}
        {draft && roleMay(activeRole, TOP_MANAGEMENT) && (
          <Group>
            <Button onClick={() => void signOff({ variables: { id: review.id } }).then(() => notifySuccess('Review signed off', 'It is final and becomes Stage 1 evidence (EV-14).')).catch(() => undefined)} loading={signing.loading} data-testid="review-sign-off">
              Sign off the review
            </Button>
          </Group>
        )}
        {signing.error && <ErrorAlert title="The review was not signed off" error={signing.error} />}
      </Stack>
    </Card>
  );
}

/** Management reviews (clause 9.3): inputs the platform gathers, decisions and actions, top management's sign-off. */
export function ManagementReviewRoute() {
  const { activeRole } = useSession();
  const [creating, setCreating] = useState(false);
  const { data, loading, error, refetch } = useQuery(AuditManagementReviewsDocument, { fetchPolicy: 'cache-and-network' });
  if (loading && !data) return <Loading />;
  return (
    <Page
      title="Management review"
      description="Clause 9.3: the inputs the platform holds, the decisions and actions, and top management's sign-off."
      actions={
        roleMay(activeRole, PROGRAMME_MANAGERS) ? (
          <Button onClick={() => setCreating(true)} data-testid="review-new">
            Prepare a review
          </Button>
        ) : undefined
      }
    >
      {error && !data && <ErrorAlert title="Could not load the management reviews" error={error} onRetry={() => void refetch()} />}
      {data && data.managementReviews.length === 0 && <Text c="dimmed">No management review has been prepared.</Text>}
      {data?.managementReviews.map((review) => <ReviewCard key={review.id} review={review} />)}
      <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened={creating} onClose={() => setCreating(false)} title="Prepare a management review">
        {creating && <NewReviewForm onClose={() => setCreating(false)} />}
      </Modal>
    </Page>
  );
}
