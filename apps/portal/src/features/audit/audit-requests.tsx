import { useMutation, useQuery } from '@apollo/client/react';
import { FINDING_JUDGES, FINDING_RAISERS } from '@iso27001/authz/roles';
import { Anchor, Button, Group, Modal, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { Link } from 'react-router';
import { DataTable, type DataTableColumn } from '../../components/data-table';
import { ErrorAlert } from '../../components/error-alert';
import { Page, Section } from '../../components/page';
import { PersonSelect } from '../../components/person-select';
import { StatusBadge } from '../../components/status-badge';
import {
  AuditAnswerRequestDocument,
  AuditDecideRequestDocument,
  AuditEngagementRequestsDocument,
  AuditMyRequestsDocument,
  AuditRequestEvidenceDocument,
  type AuditRequestFieldsFragment,
  type AuditRequestStatus,
} from '../../gql/graphql';
import { serverFieldErrors } from '../../lib/errors';
import { formatDate } from '../../lib/format';
import { notifySuccess } from '../../lib/notify';
import { roleMay } from '../../lib/roles';
import { useSession } from '../../lib/session';
import { EvidencePicker } from './evidence-picker';

type Request = AuditRequestFieldsFragment;

const STATUS_LABEL: Record<AuditRequestStatus, string> = { OPEN: 'Awaiting an answer', ANSWERED: 'Answered, to review', ACCEPTED: 'Accepted', RETURNED: 'Sent back' };
const STATUS_COLOUR: Record<AuditRequestStatus, string> = { OPEN: 'orange', ANSWERED: 'violet', ACCEPTED: 'teal', RETURNED: 'red' };
const REFETCH = ['AuditEngagementRequests', 'AuditMyRequests'];

function baseColumns(): DataTableColumn<Request>[] {
  return [
    {
      id: 'title',
      header: 'Requested',
      cell: (request) => (
        <Stack gap={2}>
          <Text size="sm" fw={600}>
            {request.title}
          </Text>
          {request.detail && (
            <Text size="xs" c="dimmed">
              {request.detail}
            </Text>
          )}
          {request.returnReason && request.status === 'RETURNED' && (
            <Text size="xs" c="red">
              Sent back: {request.returnReason}
            </Text>
          )}
        </Stack>
      ),
    },
    { id: 'owner', header: 'Asked of', cell: (request) => request.owner.name },
    { id: 'due', header: 'Due', cell: (request) => `${formatDate(request.dueOn)}${request.overdue ? ' (overdue)' : ''}` },
    { id: 'status', header: 'Status', cell: (request) => <StatusBadge colour={STATUS_COLOUR[request.status]}>{STATUS_LABEL[request.status]}</StatusBadge> },
    {
      id: 'evidence',
      header: 'Answer',
      cell: (request) =>
        request.answerNote ? (
          <Stack gap={2}>
            <Text size="sm">{request.answerNote}</Text>
            {request.evidence.map((item, index) =>
              item ? (
                <Anchor key={item.id} component={Link} to={`/evidence/${item.id}`} size="xs" c="indigo.9">
                  {item.title}
                </Anchor>
              ) : (
                <Text key={index} size="xs" c="dimmed">
                  An evidence item you may not open
                </Text>
              ),
            )}
          </Stack>
        ) : (
          '—'
        ),
    },
  ];
}

function NewRequestForm({ engagementId, onClose }: { engagementId: string; onClose: () => void }) {
  const [request, { loading, error }] = useMutation(AuditRequestEvidenceDocument, { refetchQueries: REFETCH, awaitRefetchQueries: true });
  const form = useForm({
    initialValues: { title: '', detail: '', ownerPersonId: null as string | null, dueOn: '' },
    validate: {
      title: (value) => (value.trim() ? null : 'Say what you ask for.'),
      ownerPersonId: (value) => (value ? null : 'Choose whom you ask.'),
      dueOn: (value) => (value ? null : 'Choose by when.'),
    },
  });
  const submit = form.onSubmit(async (values) => {
    try {
      await request({ variables: { input: { engagementId, title: values.title.trim(), detail: values.detail.trim() || null, ownerPersonId: values.ownerPersonId!, dueOn: values.dueOn } } });
      notifySuccess('Evidence requested', 'The person asked is notified.');
      onClose();
    } catch (caught) {
      form.setErrors(serverFieldErrors(caught));
    }
  });
  return (
    <form onSubmit={submit} noValidate data-testid="request-form">
      <Stack gap="sm">
        {error && Object.keys(serverFieldErrors(error)).length === 0 && <ErrorAlert title="The request was not made" error={error} />}
        <TextInput label="What you ask for" withAsterisk maxLength={300} {...form.getInputProps('title')} data-testid="request-title" />
        <Textarea label="Detail" autosize minRows={2} maxLength={4000} {...form.getInputProps('detail')} data-testid="request-detail" />
        <Group grow align="flex-start">
          <PersonSelect label="Asked of" withAsterisk value={form.values.ownerPersonId} onChange={(id) => form.setFieldValue('ownerPersonId', id)} error={form.errors['ownerPersonId']} data-testid="request-owner" />
          <TextInput type="date" label="Due" withAsterisk {...form.getInputProps('dueOn')} data-testid="request-due" />
        </Group>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={loading} data-testid="request-submit">
            Request it
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function DecideForm({ request, onClose }: { request: Request; onClose: () => void }) {
  const [decide, { loading, error }] = useMutation(AuditDecideRequestDocument, { refetchQueries: REFETCH, awaitRefetchQueries: true });
  const form = useForm({ initialValues: { reason: '' } });
  const send = async (accept: boolean) => {
    if (!accept && !form.values.reason.trim()) {
      form.setFieldError('reason', 'Say what is missing.');
      return;
    }
    try {
      await decide({ variables: { input: { requestId: request.id, accept, reason: accept ? null : form.values.reason.trim() } } });
      notifySuccess(accept ? 'Answer accepted' : 'Answer sent back', accept ? 'The request is closed.' : 'The person asked is notified.');
      onClose();
    } catch (caught) {
      form.setErrors(serverFieldErrors(caught));
    }
  };
  return (
    <Stack gap="sm" data-testid="decide-form">
      {error && Object.keys(serverFieldErrors(error)).length === 0 && <ErrorAlert title="The decision was not recorded" error={error} />}
      <Textarea label="What is missing (to send it back)" autosize minRows={2} maxLength={4000} {...form.getInputProps('reason')} data-testid="decide-reason" />
      <Group justify="flex-end">
        <Button variant="default" color="red" onClick={() => void send(false)} loading={loading} data-testid="decide-return">
          Send back
        </Button>
        <Button onClick={() => void send(true)} loading={loading} data-testid="decide-accept">
          Accept
        </Button>
      </Group>
    </Stack>
  );
}

/** An engagement's request list: new requests for auditors, each answer accepted or sent back. */
export function EngagementRequests({ engagementId, closed }: { engagementId: string; closed: boolean }) {
  const { activeRole } = useSession();
  const { data, loading, error, refetch } = useQuery(AuditEngagementRequestsDocument, { variables: { id: engagementId }, fetchPolicy: 'cache-and-network' });
  const [creating, setCreating] = useState(false);
  const [deciding, setDeciding] = useState<Request | null>(null);
  const judging = roleMay(activeRole, FINDING_JUDGES);
  const columns: DataTableColumn<Request>[] = [
    ...baseColumns(),
    {
      id: 'decide',
      header: '',
      cell: (request) =>
        judging && request.status === 'ANSWERED' ? (
          <Button size="compact-xs" variant="light" onClick={() => setDeciding(request)} data-testid="request-decide">
            Review
          </Button>
        ) : null,
    },
  ];
  return (
    <Section
      title={`Requests (${data?.auditRequests.length ?? 0})`}
      testId="requests"
      actions={
        roleMay(activeRole, FINDING_RAISERS) && !closed ? (
          <Button size="xs" variant="light" onClick={() => setCreating(true)} data-testid="request-new">
            Request evidence
          </Button>
        ) : undefined
      }
    >
      {error && !data && <ErrorAlert title="Could not load the requests" error={error} onRetry={() => void refetch()} />}
      <DataTable label="Request list" testId="requests-table" columns={columns} rows={data?.auditRequests ?? []} rowId={(request) => request.id} loading={loading} empty="Nothing has been requested in this engagement." />
      <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened={creating} onClose={() => setCreating(false)} title="Request evidence" size="lg">
        {creating && <NewRequestForm engagementId={engagementId} onClose={() => setCreating(false)} />}
      </Modal>
      <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened={deciding !== null} onClose={() => setDeciding(null)} title={deciding ? `Review the answer: ${deciding.title}` : ''} size="lg">
        {deciding && <DecideForm request={deciding} onClose={() => setDeciding(null)} />}
      </Modal>
    </Section>
  );
}

function AnswerForm({ request, onClose }: { request: Request; onClose: () => void }) {
  const [answer, { loading, error }] = useMutation(AuditAnswerRequestDocument, { refetchQueries: REFETCH, awaitRefetchQueries: true });
  const form = useForm({
    initialValues: { note: '', evidenceIds: [] as string[] },
    validate: { note: (value) => (value.trim() ? null : 'Say what you send.'), evidenceIds: (value) => (value.length ? null : 'Choose at least one evidence item.') },
  });
  const submit = form.onSubmit(async (values) => {
    try {
      await answer({ variables: { input: { requestId: request.id, note: values.note.trim(), evidenceIds: values.evidenceIds } } });
      notifySuccess('Answer sent', 'The auditor reviews it.');
      onClose();
    } catch (caught) {
      form.setErrors(serverFieldErrors(caught));
    }
  });
  return (
    <form onSubmit={submit} noValidate data-testid="answer-form">
      <Stack gap="sm">
        {error && Object.keys(serverFieldErrors(error)).length === 0 && <ErrorAlert title="The answer was not sent" error={error} />}
        {request.returnReason && request.status === 'RETURNED' && <Text size="sm" c="red">Sent back: {request.returnReason}</Text>}
        <Textarea label="Your answer" withAsterisk autosize minRows={2} maxLength={4000} {...form.getInputProps('note')} data-testid="answer-note" />
        <EvidencePicker label="Evidence" withAsterisk value={form.values.evidenceIds} onChange={(ids) => form.setFieldValue('evidenceIds', ids)} error={form.errors['evidenceIds']} data-testid="answer-evidence" />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={loading} data-testid="answer-submit">
            Send the answer
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** What auditors asked the signed-in person for, with the answer to give. */
export function MyAuditRequestsRoute() {
  const { data, loading, error, refetch } = useQuery(AuditMyRequestsDocument, { fetchPolicy: 'cache-and-network' });
  const [answering, setAnswering] = useState<Request | null>(null);
  const columns: DataTableColumn<Request>[] = [
    ...baseColumns().filter((column) => column.id !== 'owner'),
    {
      id: 'answer',
      header: '',
      cell: (request) =>
        request.status === 'OPEN' || request.status === 'RETURNED' ? (
          <Button size="compact-xs" variant="light" onClick={() => setAnswering(request)} data-testid="request-answer">
            Answer
          </Button>
        ) : null,
    },
  ];
  return (
    <Page title="My audit requests" description="What auditors asked you for: answer each with the evidence by its due date.">
      {error && !data && <ErrorAlert title="Could not load your audit requests" error={error} onRetry={() => void refetch()} />}
      <DataTable label="My audit requests" testId="my-requests-table" columns={columns} rows={data?.myAuditRequests ?? []} rowId={(request) => request.id} loading={loading} empty="No auditor has asked you for anything." />
      <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened={answering !== null} onClose={() => setAnswering(null)} title={answering ? `Answer: ${answering.title}` : ''} size="lg">
        {answering && <AnswerForm request={answering} onClose={() => setAnswering(null)} />}
      </Modal>
    </Page>
  );
}
