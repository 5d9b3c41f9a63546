import { useMutation, useQuery } from '@apollo/client/react';
import { EVIDENCE_MANAGERS, PROGRAMME_MANAGERS } from '@iso27001/authz/roles';
import { Alert, Anchor, Button, Checkbox, Group, Modal, SimpleGrid, Stack, Table, Text, Textarea } from '@mantine/core';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { Page, Section } from '../../components/page';
import { StatusBadge } from '../../components/status-badge';
import {
  EvidenceAddDocument,
  EvidenceRequestAcceptDocument,
  EvidenceRequestCandidatesDocument,
  EvidenceRequestChangesDocument,
  EvidenceRequestCommentDocument,
  EvidenceRequestDetailDocument,
  EvidenceRequestSubmitDocument,
} from '../../gql/graphql';
import { formatDate, formatDateTime, todayIso } from '../../lib/format';
import { notifySuccess } from '../../lib/notify';
import { roleMay } from '../../lib/roles';
import { useSession } from '../../lib/session';
import { tokenSubject } from '../../lib/token';
import { EvidenceFreshness, EvidenceStatusBadge } from './evidence-columns';
import { contentErrors, contentInput, EMPTY_CONTENT, EvidenceContentFields, type ContentValues } from './evidence-content.fields';
import { evidenceFieldErrors, evidenceRefusal } from './evidence.errors';
import { AWAITING_EVIDENCE, duePhrase, evidenceTitleFor, FREQUENCY_LABEL, REQUEST_ACTION_LABEL, REQUEST_STATUS_COLOUR, REQUEST_STATUS_LABEL, urgencyOf } from './evidence-request.format';

function who(subject: string, me: string | null): string {
  if (subject === me) return 'you';
  return subject.startsWith('system:') ? 'the platform' : subject;
}

/** Asks for changes to handed-in evidence; the comment (what has to change) is required. */
function ChangesModal({ requestId, opened, onClose }: { requestId: string; opened: boolean; onClose: () => void }) {
  const [send, { loading }] = useMutation(EvidenceRequestChangesDocument, { refetchQueries: ['EvidenceRequestDetail'] });
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    if (opened) {
      setComment('');
      setError(null);
      setFailure(null);
    }
  }, [opened]);
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!comment.trim()) return setError('Say what has to change, so the department knows what to bring');
    try {
      await send({ variables: { input: { requestId, comment: comment.trim() } } });
      notifySuccess('Changes requested', 'The department sees your comment with the request.');
      onClose();
    } catch (caught) {
      const fields = evidenceFieldErrors(caught);
      if (fields['comment']) setError(fields['comment']);
      else setFailure(evidenceRefusal(caught));
    }
  };
  return (
    <Modal opened={opened} onClose={onClose} title="Request changes" closeButtonProps={{ 'aria-label': 'Close' }}>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack>
          {failure && (
            <Alert color="red" variant="light" role="alert" title="The request was not sent back">
              {failure}
            </Alert>
          )}
          <Textarea label="What has to change" required autosize minRows={3} value={comment} onChange={(event) => setComment(event.currentTarget.value)} error={error} data-autofocus />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={loading} data-testid="request-changes-confirm">
              Request changes
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** One evidence request: what is asked, by when, the evidence handed in, its history and comments; hand in, or decide. */
export function EvidenceRequestDetailRoute() {
  const { requestId = '' } = useParams();
  const { activeRole, session } = useSession();
  const me = tokenSubject(session?.accessToken);
  const { data, loading, error, refetch } = useQuery(EvidenceRequestDetailDocument, { variables: { id: requestId } });
  const request = data?.evidenceRequest;
  const candidates = useQuery(EvidenceRequestCandidatesDocument, { variables: { controlId: request?.controlId ?? '', unitId: request?.unitId ?? '' }, skip: !request });
  const [addEvidence, adding] = useMutation(EvidenceAddDocument, { refetchQueries: ['EvidenceRequestCandidates'] });
  const [submitRequest, submitting] = useMutation(EvidenceRequestSubmitDocument, { refetchQueries: ['EvidenceRequestDetail', 'MyEvidenceRequests'] });
  const [acceptRequest, accepting] = useMutation(EvidenceRequestAcceptDocument, { refetchQueries: ['EvidenceRequestDetail'] });
  const [comment, commenting] = useMutation(EvidenceRequestCommentDocument);
  const [content, setContent] = useState<ContentValues>(EMPTY_CONTENT);
  const [contentErrs, setContentErrs] = useState<Record<string, string | undefined>>({});
  const [chosen, setChosen] = useState<string[]>([]);
  const [submitComment, setSubmitComment] = useState('');
  const [refusal, setRefusal] = useState<string | null>(null);
  const [changing, setChanging] = useState(false);
  const [commentText, setCommentText] = useState('');
  // Evidence already handed in stays chosen when the request comes back for changes.
  useEffect(() => {
    if (request) setChosen((current) => (current.length === 0 ? [...request.evidenceIds] : current));
  }, [request]);

  if (loading && !data) return <Loading label="Loading the request…" />;
  if (error && !data) {
    return (
      <Page title="Evidence request">
        <ErrorAlert title="Could not load the request" error={error} onRetry={() => void refetch()} />
      </Page>
    );
  }
  if (!request) {
    return (
      <Page title="Request not found">
        <Alert color="gray" variant="light" data-testid="not-found">
          There is no evidence request at this address that you may see.
        </Alert>
      </Page>
    );
  }
  const today = todayIso();
  const owed = AWAITING_EVIDENCE.includes(request.status);
  const mayHandIn = owed && roleMay(activeRole, EVIDENCE_MANAGERS);
  const mayDecide = request.status === 'SUBMITTED' && roleMay(activeRole, PROGRAMME_MANAGERS);
  const urgency = urgencyOf(request, today);
  const items = candidates.data?.evidenceItems.nodes ?? [];
  const title = request.requirement?.title ?? `Evidence for ${request.controlId}`;

  const handIn = async () => {
    setRefusal(null);
    const found = contentErrors(content);
    setContentErrs(found);
    if (Object.values(found).some(Boolean)) return;
    try {
      const { data: added } = await addEvidence({
        variables: {
          input: {
            title: evidenceTitleFor(request),
            unitId: request.unitId,
            controlIds: [request.controlId],
            periodStart: request.periodStart,
            periodEnd: request.periodEnd ?? null,
            content: contentInput(content),
          },
        },
      });
      const id = added?.addEvidence.id;
      if (id) setChosen((current) => [...new Set([...current, id])]);
      setContent(EMPTY_CONTENT);
      notifySuccess('Evidence added to the request', 'Submit the request when everything asked for is there.');
    } catch (caught) {
      const fields = evidenceFieldErrors(caught);
      setContentErrs(fields);
      if (Object.keys(fields).length === 0) setRefusal(evidenceRefusal(caught));
    }
  };

  const submit = async () => {
    setRefusal(null);
    if (chosen.length === 0) return setRefusal('Add or choose at least one piece of evidence before you submit the request.');
    try {
      await submitRequest({ variables: { input: { requestId: request.id, evidenceIds: chosen, comment: submitComment.trim() || null } } });
      notifySuccess('Request submitted', `The ISMS manager reviews the evidence for “${title}”.`);
      setSubmitComment('');
    } catch (caught) {
      setRefusal(evidenceRefusal(caught));
    }
  };

  return (
    <Page
      title={title}
      description={request.requirement?.description ?? undefined}
      actions={
        mayDecide ? (
          <>
            <Button
              loading={accepting.loading}
              data-testid="request-accept"
              onClick={() =>
                void acceptRequest({ variables: { input: { requestId: request.id } } }).then(
                  () => notifySuccess('Request accepted', 'The evidence of this request is accepted.'),
                  (caught: unknown) => setRefusal(evidenceRefusal(caught)),
                )
              }
            >
              Accept request
            </Button>
            <Button color="red" variant="light" onClick={() => setChanging(true)} data-testid="request-changes">
              Request changes
            </Button>
          </>
        ) : undefined
      }
    >
      {refusal && (
        <Alert color="red" variant="light" role="alert" title="Not done" data-testid="request-refusal" withCloseButton closeButtonLabel="Dismiss" onClose={() => setRefusal(null)}>
          {refusal}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
        <Stack gap={2}>
          <Text size="xs" c="dimmed">
            Status
          </Text>
          <StatusBadge colour={REQUEST_STATUS_COLOUR[request.status]} data-testid="request-status">
            {REQUEST_STATUS_LABEL[request.status]}
          </StatusBadge>
        </Stack>
        <Stack gap={2}>
          <Text size="xs" c="dimmed">
            Due
          </Text>
          <Text size="sm" fw={urgency === 'OVERDUE' ? 700 : undefined} c={urgency === 'OVERDUE' ? 'red.9' : undefined} data-testid="request-due" data-urgency={urgency}>
            {formatDate(request.dueDate)} {duePhrase(request, today) ? `(${duePhrase(request, today)})` : ''}
          </Text>
        </Stack>
        <Stack gap={2}>
          <Text size="xs" c="dimmed">
            Control and department
          </Text>
          <Text size="sm">
            {request.control.id} {request.control.title} · {request.unit.name}
          </Text>
        </Stack>
        <Stack gap={2}>
          <Text size="xs" c="dimmed">
            Period
          </Text>
          <Text size="sm">
            {request.period}
            {request.requirement ? ` · ${FREQUENCY_LABEL[request.requirement.frequency]}` : ''}
          </Text>
        </Stack>
      </SimpleGrid>

      <Section title="Evidence for this request" testId="request-evidence">
        {items.length === 0 ? (
          <Text size="sm">No evidence of {request.unit.name} for {request.control.id} yet.</Text>
        ) : (
          <Table verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{mayHandIn ? 'Hand in' : 'Handed in'}</Table.Th>
                <Table.Th>Evidence</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Freshness</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items
                .filter((item) => mayHandIn || request.evidenceIds.includes(item.id))
                .map((item) => (
                  <Table.Tr key={item.id} data-testid="request-evidence-item" data-evidence-title={item.title}>
                    <Table.Td>
                      <Checkbox
                        aria-label={`Hand in ${item.title}`}
                        checked={chosen.includes(item.id)}
                        disabled={!mayHandIn}
                        onChange={(event) => {
                          const on = event.currentTarget.checked;
                          setChosen((current) => (on ? [...new Set([...current, item.id])] : current.filter((id) => id !== item.id)));
                        }}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={`/evidence/${item.id}`} size="sm">
                        {item.title}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <EvidenceStatusBadge status={item.status} />
                    </Table.Td>
                    <Table.Td>
                      <EvidenceFreshness item={item} today={today} />
                    </Table.Td>
                  </Table.Tr>
                ))}
            </Table.Tbody>
          </Table>
        )}
        {mayHandIn && (
          <Stack gap="sm" mt="sm" data-testid="request-hand-in">
            <EvidenceContentFields values={content} onChange={setContent} unitId={request.unitId} errors={{ file: contentErrs['file'], url: contentErrs['url'], note: contentErrs['note'] }} />
            <Group>
              <Button variant="light" loading={adding.loading} onClick={() => void handIn()} data-testid="request-add-evidence">
                Add to the request
              </Button>
            </Group>
            <Textarea label="Comment for the reviewer (optional)" autosize minRows={2} value={submitComment} onChange={(event) => setSubmitComment(event.currentTarget.value)} />
            <Group>
              <Button loading={submitting.loading} onClick={() => void submit()} data-testid="request-submit">
                Submit the request
              </Button>
              <Text size="sm" c="dimmed">
                {chosen.length} {chosen.length === 1 ? 'piece' : 'pieces'} of evidence chosen
              </Text>
            </Group>
          </Stack>
        )}
      </Section>

      <Section title="History">
        <Table verticalSpacing={4} data-testid="request-history">
          <Table.Tbody>
            {request.history.map((step, index) => (
              <Table.Tr key={`${step.at}-${index}`}>
                <Table.Td>{formatDateTime(step.at)}</Table.Td>
                <Table.Td>{REQUEST_ACTION_LABEL[step.action]}</Table.Td>
                <Table.Td>{who(step.actor, me)}</Table.Td>
                <Table.Td>{step.comment ?? ''}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Section>

      <Section title="Comments">
        {request.comments.length === 0 && <Text size="sm">No comments yet.</Text>}
        {request.comments.map((entry, index) => (
          <Text size="sm" key={`${entry.at}-${index}`}>
            <b>{who(entry.author, me)}</b>, {formatDateTime(entry.at)}: {entry.text}
          </Text>
        ))}
        <Group align="flex-end">
          <Textarea label="Add a comment" autosize minRows={1} w={420} value={commentText} onChange={(event) => setCommentText(event.currentTarget.value)} />
          <Button
            variant="default"
            disabled={!commentText.trim()}
            loading={commenting.loading}
            onClick={() =>
              void comment({ variables: { input: { requestId: request.id, text: commentText.trim() } } }).then(
                () => setCommentText(''),
                (caught: unknown) => setRefusal(evidenceRefusal(caught)),
              )
            }
          >
            Comment
          </Button>
        </Group>
      </Section>
      <ChangesModal requestId={request.id} opened={changing} onClose={() => setChanging(false)} />
    </Page>
  );
}
