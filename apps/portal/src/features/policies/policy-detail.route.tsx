import { useMutation, useQuery } from '@apollo/client/react';
import { PROGRAMME_MANAGERS } from '@iso27001/authz/roles';
import { Anchor, Button, Card, SimpleGrid, Stack, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { StatusBadge } from '../../components/status-badge';
import { DataTable, type DataTableColumn } from '../../components/data-table';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { Page, Section } from '../../components/page';
import { PolicyDetailDocument, PolicyRetireDocument, type PolicyVersionFieldsFragment } from '../../gql/graphql';
import { formatDate, formatDateTime } from '../../lib/format';
import { roleMay } from '../../lib/roles';
import { useSession } from '../../lib/session';
import { tokenSubject } from '../../lib/token';
import { approverRoleLabel, audienceLabel, PENDING_STATUSES, POLICY_STATE_COLOUR, POLICY_STATE_LABEL, VERSION_STATUS_COLOUR, VERSION_STATUS_LABEL } from './policy.format';
import { PolicyAcknowledgementsSection } from './policy-acknowledgements.section';
import { PolicyNewVersionModal } from './policy-new-version.modal';
import { PolicyRefusalAlert } from './policy-refusal.alert';
import { PolicySettingsModal } from './policy-settings.modal';
import { PolicyVersionText } from './policy-version.text';
import { PolicyVersionWorkflow } from './policy-version.workflow';
import { ReviewDue } from './review-due';
import { notifySuccess } from '../../lib/notify';

const PENDING_SECTION_TITLE: Partial<Record<PolicyVersionFieldsFragment['status'], string>> = {
  DRAFT: 'Draft',
  SUBMITTED: 'Waiting for approval',
  APPROVED: 'Approved, awaiting publication',
};

function Fact({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {label}
      </Text>
      <Text size="sm" component="div" data-testid={testId}>
        {children}
      </Text>
    </div>
  );
}

/** One policy: its settings, its versions, the version on its way (draft, approval, publication) and who acknowledged the one in force. */
export function PolicyDetailRoute() {
  const { policyId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const { session, activeRole } = useSession();
  const me = tokenSubject(session?.accessToken);
  const manager = roleMay(activeRole, PROGRAMME_MANAGERS);
  const { data, loading, error, refetch } = useQuery(PolicyDetailDocument, { variables: { id: policyId } });
  const [retire, retirement] = useMutation(PolicyRetireDocument, { refetchQueries: ['PoliciesRegister'] });
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [newVersionOpen, setNewVersionOpen] = useState(false);
  const unitNames = useMemo(() => new Map((data?.orgUnits ?? []).map((unit) => [unit.id, unit.name])), [data?.orgUnits]);

  if (loading && !data) return <Loading />;
  if (error && !data) {
    return (
      <Page title="Policy">
        <ErrorAlert title="Could not load the policy" error={error} onRetry={() => void refetch()} />
      </Page>
    );
  }
  const policy = data?.policy;
  if (!policy) {
    return (
      <Page title="Policy not found">
        <Text size="sm" data-testid="policy-not-found">
          There is no such policy, or it is not visible to you. <Anchor component={Link} to="/policies">Back to the policies</Anchor>
        </Text>
      </Page>
    );
  }

  const pending = policy.versions.find((version) => PENDING_STATUSES.includes(version.status)) ?? null;
  const latest = policy.versions[0] ?? null;
  const audience = audienceLabel(policy.audience, unitNames);
  const shownId = params.get('version');
  const chosen = policy.versions.find((version) => version.id === shownId && version.id !== pending?.id) ?? null;
  // Below the versions: the one chosen to read, else (when nothing is on its way) the one in force or the newest.
  const shown = chosen ?? (pending ? null : (policy.versions.find((version) => version.status === 'PUBLISHED') ?? latest));

  const confirmRetire = () =>
    modals.openConfirmModal({
      closeButtonProps: { 'aria-label': 'Close' },
      title: `Retire “${policy.title}”?`,
      children: <Text size="sm">The version in force is withdrawn: the policy no longer applies and nobody is asked to acknowledge it. Its history stays.</Text>,
      labels: { confirm: 'Retire the policy', cancel: 'Cancel' },
      confirmProps: { color: 'red' },
      onConfirm: () => {
        void retire({ variables: { id: policy.id } })
          .then(() => notifySuccess('Policy retired', `“${policy.title}” is no longer in force.`))
          .catch(() => undefined);
      },
    });

  const columns: DataTableColumn<PolicyVersionFieldsFragment>[] = [
    { id: 'version', header: 'Version', cell: (version) => <Text fw={600} size="sm">{version.version}</Text> },
    {
      id: 'status',
      header: 'Status',
      width: 240,
      cell: (version) => (
        <StatusBadge colour={VERSION_STATUS_COLOUR[version.status]} data-testid="version-status">
          {VERSION_STATUS_LABEL[version.status]}
        </StatusBadge>
      ),
    },
    { id: 'summary', header: 'What changed', cell: (version) => version.changeSummary ?? '—' },
    { id: 'author', header: 'Written by', cell: (version) => (version.authorId === me ? 'You' : version.authorName) },
    {
      id: 'approved',
      header: 'Approved',
      cell: (version) => (version.approvedByName ? `${version.approvedByName} (${approverRoleLabel(version.approvedAsRole)}), ${formatDate(version.approvedAt)}` : '—'),
    },
    { id: 'published', header: 'Published', cell: (version) => formatDate(version.publishedAt) },
    {
      id: 'read',
      header: 'Text',
      cell: (version) =>
        version.id === pending?.id ? (
          <Text size="sm">Shown above</Text>
        ) : (
          <Button
            size="xs"
            variant="subtle"
            onClick={() => setParams((current) => { const next = new URLSearchParams(current); next.set('version', version.id); return next; }, { replace: true })}
            aria-label={`Read version ${version.version}`}
          >
            Read
          </Button>
        ),
    },
  ];

  return (
    <Page
      title={policy.title}
      description={policy.publishedVersion ? `Version ${policy.publishedVersion.version} is in force.` : 'No version is in force yet.'}
      actions={
        manager ? (
          <>
            <Button variant="default" onClick={() => setSettingsOpen(true)} data-testid="policy-settings">
              Settings
            </Button>
            {!pending && latest && policy.state !== 'RETIRED' && (
              <Button onClick={() => setNewVersionOpen(true)} data-testid="policy-new-version">
                New version
              </Button>
            )}
            {policy.state === 'PUBLISHED' && (
              <Button color="red" variant="light" onClick={confirmRetire} loading={retirement.loading} data-testid="policy-retire">
                Retire
              </Button>
            )}
          </>
        ) : undefined
      }
    >
      <Card withBorder>
        <SimpleGrid cols={{ base: 1, sm: 3, md: 6 }} spacing="md">
          <Fact label="State">
            <StatusBadge colour={POLICY_STATE_COLOUR[policy.state]} data-testid="policy-state">
              {POLICY_STATE_LABEL[policy.state]}
            </StatusBadge>
          </Fact>
          <Fact label="Approved by" testId="policy-approver">
            {approverRoleLabel(policy.approverRole)}
          </Fact>
          <Fact label="Audience" testId="policy-audience-label">
            {audience}
          </Fact>
          <Fact label="Supports">{policy.controls.length > 0 ? policy.controls.map((control) => `${control.id} ${control.title}`).join('; ') : 'No control linked'}</Fact>
          <Fact label="Review">Every {policy.reviewIntervalMonths} months</Fact>
          <Fact label="Review due">
            <ReviewDue reviewDueOn={policy.reviewDueOn} />
          </Fact>
        </SimpleGrid>
      </Card>
      {retirement.error && <PolicyRefusalAlert title="The policy was not retired" error={retirement.error} />}

      {pending && (
        <Section title={PENDING_SECTION_TITLE[pending.status] ?? 'Next version'} testId="policy-pending">
          <PolicyVersionWorkflow policy={policy} version={pending} audience={audience} replaces={policy.publishedVersion?.version ?? null} />
        </Section>
      )}

      {policy.publishedVersion && <PolicyAcknowledgementsSection policyId={policy.id} version={policy.publishedVersion} />}

      <Section title="Versions" testId="policy-versions">
        <DataTable label={`Versions of ${policy.title}`} testId="versions-table" columns={columns} rows={policy.versions} rowId={(version) => version.id} rowProps={(version) => ({ 'data-version': version.version })} />
      </Section>

      {shown && <ShownVersion version={shown} title={policy.title} />}

      <PolicySettingsModal policy={policy} opened={settingsOpen} onClose={() => setSettingsOpen(false)} />
      {latest && <PolicyNewVersionModal policy={policy} latest={latest} opened={newVersionOpen} onClose={() => setNewVersionOpen(false)} />}
    </Page>
  );
}

function ShownVersion({ version, title }: { version: PolicyVersionFieldsFragment; title: string }) {
  return (
    <Section title={`Text of version ${version.version}`} testId="policy-shown-version">
      <Card withBorder>
        <Stack gap="xs">
          <Text size="sm" c="dimmed">
            {VERSION_STATUS_LABEL[version.status]}
            {version.publishedAt && `, published ${formatDateTime(version.publishedAt)}`}
            {version.retiredAt && `, retired ${formatDateTime(version.retiredAt)}`}
          </Text>
          <PolicyVersionText version={version} title={title} />
        </Stack>
      </Card>
    </Section>
  );
}
