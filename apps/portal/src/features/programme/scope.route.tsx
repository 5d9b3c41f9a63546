import { useMutation, useQuery } from '@apollo/client/react';
import { PROGRAMME_MANAGERS } from '@iso27001/authz/roles';
import { Alert, Badge, Button, Card, Group, Modal, Table, Text, Title } from '@mantine/core';
import { modals } from '@mantine/modals';
import { useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { Page, Section } from '../../components/page';
import {
  ProgrammeCreateScopeDraftDocument,
  ProgrammeScopePageDocument,
  ProgrammeSubmitScopeDocument,
  type IsmsScopeStatus,
  type ProgrammeScopeVersionFragment,
} from '../../gql/graphql';
import { formatDate, formatDateTime } from '../../lib/format';
import { notifySuccess } from '../../lib/notify';
import { roleMay } from '../../lib/roles';
import { useSession } from '../../lib/session';
import { approvalLine, ScopeDetails } from './scope-details';
import { ScopeDraftForm } from './scope-draft-form';
import { ScopeReturnForm } from './scope-return-form';

const STATUS_LABEL: Record<IsmsScopeStatus, { label: string; color: string }> = {
  DRAFT: { label: 'Draft', color: 'gray.7' },
  SUBMITTED: { label: 'Waiting for approval', color: 'grape.9' },
  APPROVED: { label: 'In force', color: 'teal.9' },
  SUPERSEDED: { label: 'Superseded', color: 'gray.7' },
};

/** The ISMS scope (clause 4.3): the version in force, the draft top management is to approve, and every version. */
export function ScopeRoute() {
  const { data, loading, error, refetch } = useQuery(ProgrammeScopePageDocument);
  const [createDraft, creating] = useMutation(ProgrammeCreateScopeDraftDocument);
  const [submitDraft, submitting] = useMutation(ProgrammeSubmitScopeDocument);
  const [withdrawing, setWithdrawing] = useState<ProgrammeScopeVersionFragment | null>(null);
  const { activeRole } = useSession();
  const mayEdit = roleMay(activeRole, PROGRAMME_MANAGERS);
  const [editing, setEditing] = useState<ProgrammeScopeVersionFragment | null>(null);
  const [viewing, setViewing] = useState<ProgrammeScopeVersionFragment | null>(null);

  if (loading && !data) {
    return (
      <Page title="ISMS scope">
        <Loading />
      </Page>
    );
  }
  if (error && !data) {
    return (
      <Page title="ISMS scope">
        <ErrorAlert title="Could not load the ISMS scope" error={error} onRetry={() => void refetch()} />
      </Page>
    );
  }
  const current = data?.currentIsmsScope ?? null;
  const versions = data?.ismsScopeVersions ?? [];
  const draft = versions.find((v) => v.status === 'DRAFT' || v.status === 'SUBMITTED') ?? null;
  const waiting = draft?.status === 'SUBMITTED';
  const versionNumber = new Map(versions.map((v) => [v.id, v.version]));

  const startDraft = async () => {
    try {
      const result = await createDraft();
      const created = result.data?.createIsmsScopeDraft;
      await refetch();
      if (created) {
        notifySuccess(`Draft version ${created.version} started`, current ? `It starts as a copy of version ${current.version}.` : 'Fill it in and save it.');
        setEditing(created);
      }
    } catch {
      // shown below the heading
    }
  };

  const confirmSubmit = (version: ProgrammeScopeVersionFragment) =>
    modals.openConfirmModal({
      title: `Submit version ${version.version} for approval?`,
      children: (
        <Text size="sm">
          Top management sees it under Approvals and approves it or returns it with a reason. It is locked while it waits; withdraw it if you need to change something. Someone other
          than you must approve it.
        </Text>
      ),
      labels: { confirm: 'Submit for approval', cancel: 'Cancel' },
      confirmProps: { 'data-testid': 'confirm-submit-scope' } as Record<string, string>,
      onConfirm: async () => {
        try {
          await submitDraft({ variables: { id: version.id } });
          notifySuccess(`Version ${version.version} submitted`, 'It is waiting for approval by top management.');
          await refetch();
        } catch {
          // shown below the heading
        }
      },
    });

  return (
    <Page
      title="ISMS scope"
      description="What the ISMS covers (clause 4.3): the statement on the certificate, the units, locations, systems and interfaces, and what is excluded and why."
      actions={
        mayEdit && (
          <Button onClick={() => void startDraft()} loading={creating.loading} disabled={draft !== null} data-testid="start-scope-draft">
            Start a new draft
          </Button>
        )
      }
    >
      {creating.error && <ErrorAlert title="No draft was started" error={creating.error} />}
      {submitting.error && <ErrorAlert title="The draft was not submitted" error={submitting.error} />}
      <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened={withdrawing !== null} onClose={() => setWithdrawing(null)} title={withdrawing ? `Withdraw version ${withdrawing.version}` : ''}>
        {withdrawing && <ScopeReturnForm scope={withdrawing} withdraw onClose={() => setWithdrawing(null)} onDone={() => void refetch()} />}
      </Modal>
      <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened={editing !== null} onClose={() => setEditing(null)} title={editing ? `Edit draft version ${editing.version}` : ''} size="xl">
        {editing && <ScopeDraftForm draft={editing} onClose={() => setEditing(null)} onSaved={() => void refetch()} />}
      </Modal>
      <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened={viewing !== null} onClose={() => setViewing(null)} title={viewing ? `Scope version ${viewing.version}` : ''} size="xl">
        {viewing && (
          <>
            <Text size="sm" c="dimmed" mb="sm">
              {STATUS_LABEL[viewing.status].label}. {approvalLine(viewing)}
              {viewing.supersededAt ? `; superseded ${formatDate(viewing.supersededAt)}` : ''}.
            </Text>
            <ScopeDetails scope={viewing} testId="scope-version-details" />
          </>
        )}
      </Modal>

      {draft && (
        <Card withBorder component="section" aria-labelledby="scope-draft-title" data-testid="scope-draft" data-version={draft.version} data-status={draft.status}>
          <Group justify="space-between" mb="sm" align="flex-start">
            <div>
              <Group gap="sm">
                <Title order={2} size="h4" id="scope-draft-title">
                  {waiting ? 'Version' : 'Draft version'} <span data-testid="scope-draft-version">{draft.version}</span>
                </Title>
                <Badge color={waiting ? 'grape.9' : 'gray.7'} variant="outline" data-testid="scope-draft-status">
                  {waiting ? 'Waiting for approval by top management' : 'Draft, not submitted'}
                </Badge>
              </Group>
              <Text size="sm" c="dimmed">
                {draft.basedOnId && versionNumber.has(draft.basedOnId) ? `Based on version ${versionNumber.get(draft.basedOnId)}. ` : ''}
                {waiting ? `Submitted ${formatDateTime(draft.submittedAt)}${draft.submittedByName ? ` by ${draft.submittedByName}` : ''}.` : `Last saved ${formatDateTime(draft.updatedAt)}.`}
              </Text>
            </div>
            {mayEdit && (
              <Group gap="sm">
                {waiting ? (
                  <Button variant="default" onClick={() => setWithdrawing(draft)} data-testid="withdraw-scope">
                    Withdraw
                  </Button>
                ) : (
                  <>
                    <Button variant="default" onClick={() => setEditing(draft)} data-testid="edit-scope-draft">
                      Edit the draft
                    </Button>
                    <Button onClick={() => confirmSubmit(draft)} loading={submitting.loading} data-testid="submit-scope">
                      Submit for approval
                    </Button>
                  </>
                )}
              </Group>
            )}
          </Group>
          {!waiting && draft.returnComment && (
            <Alert color="red" variant="light" mb="md" title="Returned by top management" data-testid="scope-return-comment">
              {draft.returnComment}
            </Alert>
          )}
          <Alert color="blue" variant="light" mb="md">
            {waiting
              ? `Top management sees this version under Approvals. It is locked while it waits; once approved it becomes the scope in force${current ? ` and replaces version ${current.version}` : ''}.`
              : `Top management sees the draft once you submit it; it needs a statement and at least one unit in scope. Only one draft exists at a time.`}
          </Alert>
          <ScopeDetails scope={draft} testId="scope-draft-details" />
        </Card>
      )}

      <Section title="Scope in force" testId="scope-in-force">
        {current ? (
          <Card withBorder>
            <Group gap="sm" mb="sm">
              <Title order={3} size="h5">
                Version <span data-testid="scope-in-force-version">{current.version}</span>
              </Title>
              <Badge color="teal.9" variant="outline">
                In force
              </Badge>
              <Text size="sm" data-testid="scope-in-force-approval">
                {approvalLine(current)}
              </Text>
            </Group>
            <ScopeDetails scope={current} testId="scope-in-force-details" />
          </Card>
        ) : (
          <Text size="sm" data-testid="no-scope-in-force">
            No scope has been approved yet. The Statement of Applicability and the audits need an approved scope: {mayEdit ? 'start a draft and have top management approve it.' : 'the ISMS manager drafts it and top management approves it.'}
          </Text>
        )}
      </Section>

      <Section title="Versions" testId="scope-versions">
        <Table verticalSpacing="xs" aria-label="Versions of the ISMS scope">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Version</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Approval</Table.Th>
              <Table.Th>Superseded</Table.Th>
              <Table.Th>Details</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {versions.map((version) => (
              <Table.Tr key={version.id} data-testid="scope-version" data-version={version.version}>
                <Table.Td>{version.version}</Table.Td>
                <Table.Td>
                  <Badge color={STATUS_LABEL[version.status].color} variant="outline">
                    {STATUS_LABEL[version.status].label}
                  </Badge>
                </Table.Td>
                <Table.Td>{approvalLine(version)}</Table.Td>
                <Table.Td>{version.supersededAt ? formatDate(version.supersededAt) : '—'}</Table.Td>
                <Table.Td>
                  <Button size="xs" variant="subtle" onClick={() => setViewing(version)} aria-label={`View version ${version.version}`}>
                    View
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
            {versions.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={5}>
                  <Text size="sm" c="dimmed">
                    No version yet.
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </Section>
    </Page>
  );
}
