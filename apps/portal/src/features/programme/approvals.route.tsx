import { CombinedGraphQLErrors } from '@apollo/client';
import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Anchor, Badge, Button, Card, Group, List, Modal, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { modals } from '@mantine/modals';
import { useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { Page, Section } from '../../components/page';
import { ProgrammeApproveScopeDocument, ProgrammeScopePageDocument, type ProgrammeScopeVersionFragment } from '../../gql/graphql';
import { formatDateTime } from '../../lib/format';
import { useSession } from '../../lib/session';
import { tokenSubject } from '../../lib/token';
import { ScopeDetails } from './scope-details';
import { ScopeReturnForm } from './scope-return-form';
import { scopeChanges } from './scope.rules';
import { notifySuccess } from '../../lib/notify';

/** The API refuses an approval by whoever drafted or submitted the version (SELF_APPROVAL): say so in its words. */
function selfApprovalMessage(error: unknown): string | null {
  if (!CombinedGraphQLErrors.is(error)) return null;
  const refusal = error.errors.find((e) => e.extensions?.['code'] === 'SELF_APPROVAL');
  if (!refusal) return null;
  return refusal.message.charAt(0).toUpperCase() + refusal.message.slice(1) + '.';
}

function ChangeList({ draft, current }: { draft: ProgrammeScopeVersionFragment; current: ProgrammeScopeVersionFragment | null }) {
  const changes = scopeChanges(draft, current);
  if (!current) {
    return (
      <Text size="sm" data-testid="scope-changes">
        No scope is in force yet: approving this version puts the ISMS scope in force for the first time.
      </Text>
    );
  }
  const lines: string[] = [];
  if (changes.statementChanged) lines.push('The scope statement changes (the statement in force is shown below for comparison).');
  const pair = (what: string, addedItems: string[], removed: string[]) => {
    if (addedItems.length > 0) lines.push(`${what} added: ${addedItems.join(', ')}`);
    if (removed.length > 0) lines.push(`${what} removed: ${removed.join(', ')}`);
  };
  pair('Units', changes.unitsAdded, changes.unitsRemoved);
  pair('Locations', changes.locationsAdded, changes.locationsRemoved);
  pair('Systems', changes.systemsAdded, changes.systemsRemoved);
  pair('Interfaces', changes.interfacesAdded, changes.interfacesRemoved);
  pair('Exclusions', changes.exclusionsAdded, changes.exclusionsRemoved);
  if (changes.exclusionsRejustified.length > 0) lines.push(`New justification for: ${changes.exclusionsRejustified.join(', ')}`);
  return (
    <div data-testid="scope-changes">
      <Title order={3} size="h6" mb={4}>
        What changes from version {current.version} in force
      </Title>
      {changes.none ? (
        <Text size="sm">Nothing: this draft is the same as the scope in force.</Text>
      ) : (
        <List size="sm" spacing={2}>
          {lines.map((line) => (
            <List.Item key={line}>{line}</List.Item>
          ))}
        </List>
      )}
      {changes.statementChanged && (
        <Alert variant="light" color="gray" mt="xs" title={`Statement of version ${current.version}, in force`}>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {current.statement}
          </Text>
        </Alert>
      )}
    </div>
  );
}

/**
 * Top management's approvals of the ISMS scope: each draft in full, what it changes against the scope in force, and
 * Approve behind a confirmation.
 */
export function ApprovalsRoute() {
  const { data, loading, error, refetch } = useQuery(ProgrammeScopePageDocument, { fetchPolicy: 'cache-and-network' });
  const [approve, approving] = useMutation(ProgrammeApproveScopeDocument);
  const { session } = useSession();
  const [failure, setFailure] = useState<{ id: string; error: unknown } | null>(null);
  const [returning, setReturning] = useState<ProgrammeScopeVersionFragment | null>(null);
  const me = tokenSubject(session?.accessToken);

  if (loading && !data) {
    return (
      <Page title="Approvals">
        <Loading />
      </Page>
    );
  }
  if (error && !data) {
    return (
      <Page title="Approvals">
        <ErrorAlert title="Could not load what is waiting for your approval" error={error} onRetry={() => void refetch()} />
      </Page>
    );
  }
  const current = data?.currentIsmsScope ?? null;
  const drafts = (data?.ismsScopeVersions ?? []).filter((v) => v.status === 'SUBMITTED');

  const confirmApproval = (draft: ProgrammeScopeVersionFragment) =>
    modals.openConfirmModal({
      title: `Approve ISMS scope version ${draft.version}?`,
      children: (
        <Text size="sm">
          Version {draft.version} becomes the ISMS scope in force{current ? `, replacing version ${current.version}` : ''}. The Statement of Applicability and the audits then
          refer to it. Your name and the time are recorded as the approval.
        </Text>
      ),
      labels: { confirm: `Approve version ${draft.version}`, cancel: 'Cancel' },
      confirmProps: { 'data-testid': 'confirm-approve-scope' } as Record<string, string>,
      onConfirm: async () => {
        setFailure(null);
        try {
          await approve({ variables: { id: draft.id } });
          notifySuccess(`Scope version ${draft.version} approved`, 'It is now the ISMS scope in force.');
          await refetch();
        } catch (e) {
          setFailure({ id: draft.id, error: e });
        }
      },
    });

  return (
    <Page title="Approvals" description="What top management is asked to approve: the ISMS scope the ISMS manager submitted.">
      <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened={returning !== null} onClose={() => setReturning(null)} title={returning ? `Return version ${returning.version} to draft` : ''}>
        {returning && <ScopeReturnForm scope={returning} withdraw={false} onClose={() => setReturning(null)} onDone={() => void refetch()} />}
      </Modal>
      <Section title="ISMS scope" testId="scope-approvals">
        {drafts.length === 0 ? (
          <Text size="sm" data-testid="no-scope-approvals">
            No ISMS scope is waiting for your approval{current ? `. Version ${current.version} is in force.` : '.'}
          </Text>
        ) : (
          drafts.map((draft) => {
            const ownDraft = (me !== null && draft.createdBy === me) || (draft.submittedByName !== null && draft.submittedByName === session?.user.name);
            const selfApproval = failure?.id === draft.id ? selfApprovalMessage(failure.error) : null;
            return (
              <Card key={draft.id} withBorder data-testid="scope-approval" data-version={draft.version}>
                <Stack gap="md">
                  <Group justify="space-between" align="flex-start">
                    <div>
                      <Group gap="sm">
                        <Title order={3} size="h4">
                          ISMS scope, version {draft.version}
                        </Title>
                        <Badge color="grape.9" variant="outline">
                          Waiting for your approval
                        </Badge>
                      </Group>
                      <Text size="sm" c="dimmed">
                        Submitted {formatDateTime(draft.submittedAt)}
                        {draft.submittedByName ? ` by ${draft.submittedByName}` : ''}; drafted {formatDateTime(draft.createdAt)}.
                      </Text>
                    </div>
                    <Group gap="sm">
                      <Button variant="default" onClick={() => setReturning(draft)} data-testid="return-scope">
                        Return to draft
                      </Button>
                      <Button onClick={() => confirmApproval(draft)} loading={approving.loading} disabled={ownDraft} data-testid="approve-scope">
                        Approve
                      </Button>
                    </Group>
                  </Group>
                  {ownDraft && (
                    <Alert color="yellow" variant="light" data-testid="own-draft">
                      You drafted or submitted this version, so another member of top management must approve it: nobody approves their own work (the platform refuses
                      it too).
                    </Alert>
                  )}
                  {selfApproval ? (
                    <Alert color="red" variant="light" role="alert" title={`Version ${draft.version} was not approved`} data-testid="self-approval">
                      {selfApproval}
                    </Alert>
                  ) : (
                    failure?.id === draft.id && <ErrorAlert title={`Version ${draft.version} was not approved`} error={failure.error} onRetry={() => void refetch()} />
                  )}
                  <ChangeList draft={draft} current={current} />
                  <ScopeDetails scope={draft} testId="scope-approval-details" />
                </Stack>
              </Card>
            );
          })
        )}
      </Section>
      <Text size="sm">
        Policy versions that name your role as approver are under{' '}
        <Anchor component={Link} to="/approvals/policies">
          Policy approvals
        </Anchor>
        .
      </Text>
    </Page>
  );
}
