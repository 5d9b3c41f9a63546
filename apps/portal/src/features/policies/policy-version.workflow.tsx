import { useMutation } from '@apollo/client/react';
import { PROGRAMME_MANAGERS } from '@iso27001/authz/roles';
import { Alert, Button, Card, Group, Stack, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { useState } from 'react';
import {
  PolicyApproveVersionDocument,
  PolicyPublishVersionDocument,
  PolicyReviseDraftDocument,
  PolicySubmitVersionDocument,
  type PolicyApproverRole,
  type PolicyVersionFieldsFragment,
} from '../../gql/graphql';
import { StatusBadge } from '../../components/status-badge';
import { formatDate, formatDateTime } from '../../lib/format';
import { roleLabel, roleMay } from '../../lib/roles';
import { useSession } from '../../lib/session';
import { tokenSubject } from '../../lib/token';
import { PolicyContentEditor, type PolicyContentValues } from './policy-content.editor';
import { contentErrors, toContentInput } from './policy-content.rules';
import { approverRoleLabel, isApproverRole, VERSION_STATUS_COLOUR, VERSION_STATUS_LABEL } from './policy.format';
import { policyFieldErrors } from './policy.errors';
import { PolicyRefusalAlert } from './policy-refusal.alert';
import { PolicyReturnModal } from './policy-return.modal';
import { PolicyVersionText } from './policy-version.text';
import { notifySuccess } from '../../lib/notify';

interface Props {
  policy: { id: string; title: string; approverRole: PolicyApproverRole };
  version: PolicyVersionFieldsFragment;
  audience: string;
  /** Whether a version is in force now (publishing replaces it). */
  replaces: string | null;
}

/**
 * The version on its way to being in force: its text, editing while it is a draft and submitting it for approval
 * (programme managers), then approval by a holder of the named role who neither wrote nor submitted it, or its return
 * to draft with a reason, then publication (programme managers). A submitted version is locked while it waits.
 */
export function PolicyVersionWorkflow({ policy, version, audience, replaces }: Props) {
  const { session, roles, activeRole } = useSession();
  const me = tokenSubject(session?.accessToken);
  const manager = roleMay(activeRole, PROGRAMME_MANAGERS);
  const [editing, setEditing] = useState(false);
  const [content, setContent] = useState<PolicyContentValues>({ kind: version.file ? 'file' : 'markdown', body: version.body ?? '', file: null, changeSummary: version.changeSummary ?? '' });
  const [contentFieldErrors, setContentFieldErrors] = useState<Record<string, string>>({});
  const [approve, approval] = useMutation(PolicyApproveVersionDocument, { refetchQueries: ['PolicyDetail', 'PolicyApprovalsQueue'] });
  const [submitForApproval, submission] = useMutation(PolicySubmitVersionDocument, { refetchQueries: ['PolicyDetail', 'PoliciesRegister'] });
  const [returning, setReturning] = useState(false);
  const [publish, publication] = useMutation(PolicyPublishVersionDocument, { refetchQueries: ['PolicyDetail', 'PoliciesRegister'] });
  const [revise, revision] = useMutation(PolicyReviseDraftDocument);
  const [saving, setSaving] = useState(false);

  const isAuthor = me !== null && me === version.authorId;
  const isSubmitter = me !== null && me === version.submittedById;
  // A reviser (of the text, or of the policy's settings while the version was open) is one of its authors too.
  const isReviser = me !== null && !isAuthor && version.contributorIds.includes(me);
  const complete = (version.body ?? '').trim() !== '' || version.file !== null;
  const holdsApproverRole = isApproverRole(activeRole, policy.approverRole);
  const heldButNotActive = !holdsApproverRole && roles.some((role) => isApproverRole(role, policy.approverRole));
  const approverLabel = approverRoleLabel(policy.approverRole);

  const confirmApprove = () =>
    modals.openConfirmModal({
      closeButtonProps: { 'aria-label': 'Close' },
      title: `Approve “${policy.title}” ${version.version}?`,
      children: (
        <Text size="sm">
          You approve this version as {approverLabel.toLowerCase()}: your name, your role and the time are recorded with it. A programme manager then publishes it
          and its audience is asked to acknowledge it.
        </Text>
      ),
      labels: { confirm: 'Approve', cancel: 'Cancel' },
      onConfirm: () => {
        void approve({ variables: { versionId: version.id } })
          .then(() => notifySuccess('Version approved', `“${policy.title}” ${version.version} is approved and can be published.`))
          .catch(() => undefined);
      },
    });

  const confirmSubmit = () =>
    modals.openConfirmModal({
      closeButtonProps: { 'aria-label': 'Close' },
      title: `Submit “${policy.title}” ${version.version} for approval?`,
      children: (
        <Text size="sm">
          It goes to the {approverLabel.toLowerCase()} to approve, and nobody can change it while it waits. They approve it, or return it to draft with what
          should change. Neither its author nor you (if you submit it) may approve it.
        </Text>
      ),
      labels: { confirm: 'Submit for approval', cancel: 'Cancel' },
      onConfirm: () => {
        void submitForApproval({ variables: { versionId: version.id } })
          .then(() => notifySuccess('Submitted for approval', `“${policy.title}” ${version.version} is waiting for approval by the ${approverLabel.toLowerCase()}.`))
          .catch(() => undefined);
      },
    });

  const confirmPublish = () =>
    modals.openConfirmModal({
      closeButtonProps: { 'aria-label': 'Close' },
      title: `Publish “${policy.title}” ${version.version}?`,
      children: (
        <Stack gap="xs">
          <Text size="sm">It comes into force now{replaces ? `, replacing version ${replaces}` : ''}, and its review date restarts.</Text>
          <Text size="sm">
            {version.minor === 0
              ? `Acknowledgement tasks are opened for its audience (${audience}): each of them is asked to read and acknowledge it.`
              : 'It is a minor version: people who acknowledged this major version are not asked again.'}
          </Text>
        </Stack>
      ),
      labels: { confirm: 'Publish', cancel: 'Cancel' },
      onConfirm: () => {
        void publish({ variables: { versionId: version.id } })
          .then(() => notifySuccess('Version published', `“${policy.title}” ${version.version} is in force.`))
          .catch(() => undefined);
      },
    });

  const save = async () => {
    const errors = contentErrors(content, { changeSummaryRequired: version.major > 1 || version.minor > 0 });
    setContentFieldErrors(errors);
    if (Object.keys(errors).length > 0) return;
    setSaving(true);
    try {
      const input = await toContentInput(content);
      if (!input) return;
      await revise({ variables: { versionId: version.id, content: input } });
      notifySuccess('Draft saved', `“${policy.title}” ${version.version} has the new text.`);
      setEditing(false);
    } catch (caught) {
      setContentFieldErrors(policyFieldErrors(caught));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card withBorder data-testid="policy-pending-version" data-version={version.version} data-status={version.status}>
      <Stack gap="md">
        <Group justify="space-between" align="flex-start">
          <div>
            <Group gap="xs">
              <Text fw={700}>Version {version.version}</Text>
              <StatusBadge colour={VERSION_STATUS_COLOUR[version.status]} data-testid="pending-version-status">
                {VERSION_STATUS_LABEL[version.status]}
              </StatusBadge>
            </Group>
            <Text size="sm" c="dimmed">
              Written by {isAuthor ? 'you' : version.authorName}, {formatDateTime(version.createdAt)}
              {version.status !== 'DRAFT' && version.submittedByName && ` · submitted by ${isSubmitter ? 'you' : version.submittedByName}, ${formatDateTime(version.submittedAt)}`}
              {version.approvedByName && ` · approved by ${version.approvedByName} as ${approverRoleLabel(version.approvedAsRole).toLowerCase()}, ${formatDateTime(version.approvedAt)}`}
            </Text>
            {version.changeSummary && <Text size="sm">What changed: {version.changeSummary}</Text>}
          </div>
          <Group gap="sm">
            {version.status === 'DRAFT' && manager && !editing && (
              <Button variant="default" onClick={() => setEditing(true)} data-testid="policy-edit-draft">
                Edit draft
              </Button>
            )}
            {version.status === 'DRAFT' && manager && !editing && (
              <Button onClick={confirmSubmit} loading={submission.loading} disabled={!complete} data-testid="policy-submit">
                Submit for approval
              </Button>
            )}
            {version.status === 'SUBMITTED' && (holdsApproverRole || manager) && (
              <Button variant="default" onClick={() => setReturning(true)} data-testid="policy-return">
                {holdsApproverRole ? 'Return to draft' : 'Withdraw to draft'}
              </Button>
            )}
            {version.status === 'SUBMITTED' && holdsApproverRole && !isAuthor && !isReviser && !isSubmitter && (
              <Button onClick={confirmApprove} loading={approval.loading} data-testid="policy-approve">
                Approve
              </Button>
            )}
            {version.status === 'APPROVED' && manager && (
              <Button onClick={confirmPublish} loading={publication.loading} data-testid="policy-publish">
                Publish
              </Button>
            )}
          </Group>
        </Group>

        {version.status === 'DRAFT' && version.returnComment && (
          <Alert color="yellow" variant="light" data-testid="policy-return-comment">
            <Text size="sm" fw={700}>
              Returned to draft{version.returnedByName ? ` by ${version.returnedByName}` : ''}
              {version.returnedAt ? `, ${formatDateTime(version.returnedAt)}` : ''}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {version.returnComment}
            </Text>
            {manager && (
              <Text size="sm" mt="xs">
                Change the draft accordingly, then submit it again.
              </Text>
            )}
          </Alert>
        )}

        {version.status === 'DRAFT' && (
          <Text size="sm" data-testid="policy-approval-note">
            {manager
              ? complete
                ? `When the draft is complete, submit it for approval: the ${approverLabel.toLowerCase()} sees it only then, and it is locked while it waits.`
                : 'The draft has no content yet: write its text or upload its document before submitting it.'
              : `A draft its authors are still writing: it is submitted for approval by the ${approverLabel.toLowerCase()} once it is complete.`}
          </Text>
        )}

        {version.status === 'SUBMITTED' && (
          <Stack gap={4}>
            <Text size="sm" fw={600} data-testid="policy-waiting">
              Waiting for approval by {approverLabel.toLowerCase()} since {formatDate(version.submittedAt)}
            </Text>
            <Text size="sm" data-testid="policy-approval-note">
              {holdsApproverRole && (isAuthor || isReviser || isSubmitter)
                ? `You ${isAuthor ? 'wrote' : isReviser ? 'revised' : 'submitted'} this version, so you cannot approve it: someone else holding the ${approverLabel.toLowerCase()} role must (segregation of duties). You may return it to draft.`
                : holdsApproverRole
                  ? `As ${approverLabel.toLowerCase()} you approve this version, or return it to draft saying what should change: read it first.`
                  : heldButNotActive
                    ? `You hold the approver's role: switch to “${roleLabel(policy.approverRole.toLowerCase())}” at the top to approve it.`
                    : manager
                      ? 'It is locked while it waits. To change it, withdraw it to draft and submit it again.'
                      : `Someone holding the ${approverLabel.toLowerCase()} role approves it next.`}
            </Text>
          </Stack>
        )}
        {version.status === 'APPROVED' && !manager && <Text size="sm">Approved; an ISMS manager publishes it next.</Text>}

        {submission.error && <PolicyRefusalAlert title="The version was not submitted" error={submission.error} />}
        {approval.error && <PolicyRefusalAlert title="The version was not approved" error={approval.error} />}
        {publication.error && <PolicyRefusalAlert title="The version was not published" error={publication.error} />}
        {revision.error && Object.keys(policyFieldErrors(revision.error)).length === 0 && <PolicyRefusalAlert title="The draft was not saved" error={revision.error} />}

        {editing ? (
          <Stack gap="sm">
            <PolicyContentEditor
              values={content}
              onChange={(changes) => setContent((current) => ({ ...current, ...changes }))}
              errors={contentFieldErrors}
              changeSummaryRequired={version.major > 1 || version.minor > 0}
            />
            <Group>
              <Button onClick={() => void save()} loading={saving} data-testid="policy-save-draft">
                Save draft
              </Button>
              <Button
                variant="default"
                onClick={() => {
                  setEditing(false);
                  setContentFieldErrors({});
                }}
              >
                Cancel
              </Button>
            </Group>
          </Stack>
        ) : (
          <PolicyVersionText version={version} title={policy.title} />
        )}
      </Stack>
      <PolicyReturnModal policyTitle={policy.title} version={version} withdraw={!holdsApproverRole} opened={returning} onClose={() => setReturning(false)} />
    </Card>
  );
}
