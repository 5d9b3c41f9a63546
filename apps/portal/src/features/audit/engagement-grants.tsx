import { useMutation, useQuery } from '@apollo/client/react';
import { PROGRAMME_MANAGERS } from '@iso27001/authz/roles';
import { Alert, Badge, Button, Code, CopyButton, Group, Menu, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { modals } from '@mantine/modals';
import { useState } from 'react';
import { DataTable, type DataTableColumn } from '../../components/data-table';
import { ErrorAlert } from '../../components/error-alert';
import { Section } from '../../components/page';
import { UnitMultiSelect } from '../../components/unit-select';
import {
  AuditEngagementGrantsDocument,
  AuditGrantAccessDocument,
  AuditGrantUseDocument,
  AuditInviteAuditorDocument,
  AuditRevokeAccessDocument,
  type AuditGrantRowFragment,
} from '../../gql/graphql';
import { describeError, serverFieldErrors } from '../../lib/errors';
import { formatDate, formatDateTime } from '../../lib/format';
import { notifyFailure, notifySuccess } from '../../lib/notify';
import { roleMay } from '../../lib/roles';
import { useSession } from '../../lib/session';

const REFETCH = { refetchQueries: ['AuditEngagementGrants'] };
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const STATUS_LABEL = { ACTIVE: 'Active', REVOKED: 'Revoked', EXPIRED: 'Expired' } as const;
const STATUS_COLOUR = { ACTIVE: 'teal.9', REVOKED: 'gray.7', EXPIRED: 'orange.9' } as const;

function GrantForm({ engagementId, onClose }: { engagementId: string; onClose: () => void }) {
  const [grant, granting] = useMutation(AuditGrantAccessDocument, REFETCH);
  const [failure, setFailure] = useState<unknown>(null);
  const form = useForm({
    mode: 'controlled',
    initialValues: { auditorName: '', auditorEmail: '', firm: '', unitIds: [] as string[], periodStart: '', periodEnd: '', expiresOn: '' },
    validate: {
      auditorName: (v) => (v.trim() === '' ? "Enter the auditor's name" : null),
      auditorEmail: (v) => (!EMAIL.test(v.trim()) ? 'Enter the e-mail address the auditor signs in with' : null),
      firm: (v) => (v.trim() === '' ? 'Enter the certification body or audit firm' : null),
      unitIds: (v) => (v.length === 0 ? 'Choose at least one unit in scope' : null),
      periodStart: (v) => (!v ? 'Choose the first day of the observation period' : null),
      periodEnd: (v, values) => (!v ? 'Choose the last day of the observation period' : values.periodStart && v < values.periodStart ? 'The period ends before it starts' : null),
      expiresOn: (v) => (!v ? 'Choose when the access ends' : v <= new Date().toISOString().slice(0, 10) ? 'The access must end in the future' : null),
    },
  });
  const submit = form.onSubmit(async (v) => {
    setFailure(null);
    try {
      await grant({
        variables: {
          input: {
            engagementId,
            auditorName: v.auditorName.trim(),
            auditorEmail: v.auditorEmail.trim(),
            firm: v.firm.trim(),
            unitIds: v.unitIds,
            periodStart: v.periodStart,
            periodEnd: v.periodEnd,
            // Access ends at the end of the chosen day (UTC).
            expiresAt: `${v.expiresOn}T23:59:59Z`,
          },
        },
      });
      notifySuccess('Access granted', `${v.auditorName.trim()} (${v.firm.trim()})`);
      onClose();
    } catch (e) {
      const fields = serverFieldErrors(e);
      if (fields['expiresAt']) fields['expiresOn'] = fields['expiresAt'];
      form.setErrors(fields);
      setFailure(e);
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {failure ? <ErrorAlert title="The access was not granted" error={failure} /> : null}
        <TextInput label="Auditor" required data-autofocus {...form.getInputProps('auditorName')} />
        <TextInput label="E-mail" type="email" required description="They sign in with this address, or with the invitation you send them." {...form.getInputProps('auditorEmail')} />
        <TextInput label="Firm" required description="The certification body or audit firm." {...form.getInputProps('firm')} />
        <UnitMultiSelect label="Units in scope" required description="The auditor reads these units' records (with their sub-units) and nothing else." {...form.getInputProps('unitIds')} />
        <Group grow>
          <TextInput type="date" label="Observation period from" required {...form.getInputProps('periodStart')} />
          <TextInput type="date" label="Observation period to" required {...form.getInputProps('periodEnd')} />
        </Group>
        <TextInput type="date" label="Access ends on" required description="At the end of that day (UTC); at most a year ahead. Revoke it any time before." {...form.getInputProps('expiresOn')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={granting.loading}>
            Grant access
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function GrantUse({ grant }: { grant: AuditGrantRowFragment }) {
  const [page, setPage] = useState(1);
  const { data, previousData, loading, error } = useQuery(AuditGrantUseDocument, { variables: { grantId: grant.id, first: 25, offset: (page - 1) * 25 }, fetchPolicy: 'network-only' });
  const log = (data ?? previousData)?.auditorAccessLog;
  const KIND = { SIGN_IN: 'Signed in', REQUEST: 'Request', DOWNLOAD: 'Download', REFUSED: 'Refused' } as Record<string, string>;
  return (
    <Stack>
      {error && <ErrorAlert title="Could not load the access log" error={error} />}
      <DataTable
        label={`Access log of ${grant.auditorName}`}
        testId="grant-use"
        columns={[
          { id: 'at', header: 'When', width: 190, cell: (entry) => formatDateTime(entry.at) },
          { id: 'kind', header: 'What', width: 110, cell: (entry) => KIND[entry.kind] ?? entry.kind },
          { id: 'detail', header: 'Detail', cell: (entry) => <Code style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{entry.detail}</Code> },
        ]}
        rows={log?.nodes ?? []}
        rowId={(entry) => entry.id}
        totalCount={log?.totalCount ?? 0}
        page={page}
        pageSize={25}
        onPageChange={setPage}
        loading={loading}
        empty="The auditor has not used this access yet."
      />
    </Stack>
  );
}

/** An engagement's external auditors: grant (units, period, expiry), invite once, see their use, revoke. */
export function EngagementGrants({ engagementId, closed }: { engagementId: string; closed: boolean }) {
  const { activeRole } = useSession();
  const mayManage = roleMay(activeRole, PROGRAMME_MANAGERS);
  const { data, loading, error, refetch } = useQuery(AuditEngagementGrantsDocument, { variables: { engagementId } });
  const [revoke] = useMutation(AuditRevokeAccessDocument, REFETCH);
  const [invite] = useMutation(AuditInviteAuditorDocument, REFETCH);
  const [granting, setGranting] = useState(false);
  const [invitation, setInvitation] = useState<{ code: string; expiresAt: string; name: string } | null>(null);
  const [watching, setWatching] = useState<AuditGrantRowFragment | null>(null);
  const grants = data?.auditGrants ?? [];
  const link = invitation ? `${window.location.origin}/auditor/invitation#code=${encodeURIComponent(invitation.code)}` : '';

  const confirmRevoke = (grant: AuditGrantRowFragment) =>
    modals.openConfirmModal({
      closeButtonProps: { 'aria-label': 'Close' },
      title: `Revoke the access of ${grant.auditorName}?`,
      children: <Text size="sm">Their next request is refused. What they did under it stays in the access log.</Text>,
      labels: { confirm: 'Revoke', cancel: 'Cancel' },
      confirmProps: { color: 'red.9' },
      onConfirm: () =>
        void revoke({ variables: { id: grant.id } })
          .then(() => notifySuccess('Access revoked', grant.auditorName))
          .catch((e: unknown) => notifyFailure('The access was not revoked', describeError(e).summary)),
    });
  const sendInvitation = (grant: AuditGrantRowFragment) =>
    void invite({ variables: { grantId: grant.id } })
      .then(({ data: answer }) => answer && setInvitation({ code: answer.inviteAuditor.code, expiresAt: answer.inviteAuditor.expiresAt, name: grant.auditorName }))
      .catch((e: unknown) => notifyFailure('No invitation was made', describeError(e).summary));

  const columns: DataTableColumn<AuditGrantRowFragment>[] = [
    {
      id: 'auditor',
      header: 'Auditor',
      cell: (g) => (
        <Stack gap={0}>
          <Text size="sm" fw={600} data-testid="grant-auditor">
            {g.auditorName}
          </Text>
          <Text size="xs" c="dimmed">
            {g.auditorEmail} · {g.firm}
          </Text>
        </Stack>
      ),
    },
    { id: 'units', header: 'Units in scope', cell: (g) => g.unitNames.join(', ') },
    { id: 'period', header: 'Observation period', cell: (g) => `${formatDate(g.periodStart)} – ${formatDate(g.periodEnd)}` },
    { id: 'expires', header: 'Access ends', cell: (g) => formatDateTime(g.expiresAt) },
    { id: 'used', header: 'Last used', cell: (g) => (g.lastUsedAt ? formatDateTime(g.lastUsedAt) : g.invitationExpiresAt ? `Invitation open until ${formatDateTime(g.invitationExpiresAt)}` : 'Not yet') },
    {
      id: 'status',
      header: 'Status',
      cell: (g) => (
        <Badge color={STATUS_COLOUR[g.status]} variant="outline" data-testid="grant-status">
          {STATUS_LABEL[g.status]}
        </Badge>
      ),
    },
    {
      id: 'actions',
      header: 'Use',
      width: 100,
      cell: (g) => (
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <Button size="compact-xs" variant="subtle" aria-label={`Actions for ${g.auditorName}`}>
              Actions
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item onClick={() => setWatching(g)}>See what they did</Menu.Item>
            {mayManage && g.status === 'ACTIVE' && <Menu.Item onClick={() => sendInvitation(g)}>Invite (one-time link)</Menu.Item>}
            {mayManage && g.status === 'ACTIVE' && (
              <Menu.Item color="red" onClick={() => confirmRevoke(g)}>
                Revoke
              </Menu.Item>
            )}
          </Menu.Dropdown>
        </Menu>
      ),
    },
  ];

  return (
    <Section
      title={`External auditors (${grants.length})`}
      testId="engagement-grants"
      actions={
        mayManage && !closed ? (
          <Button variant="light" onClick={() => setGranting(true)} data-testid="grant-new">
            Grant access
          </Button>
        ) : undefined
      }
    >
      {error && <ErrorAlert title="Could not load the auditors' access" error={error} onRetry={() => void refetch()} />}
      <DataTable
        label="External auditors of this engagement"
        testId="grants-table"
        columns={columns}
        rows={grants}
        rowId={(g) => g.id}
        rowProps={(g) => ({ 'data-grant-auditor': g.auditorName })}
        loading={loading}
        empty="No external auditor has access to this engagement."
      />
      <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened={granting} onClose={() => setGranting(false)} title="Grant an external auditor access" size="lg">
        {granting && <GrantForm engagementId={engagementId} onClose={() => setGranting(false)} />}
      </Modal>
      <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened={invitation !== null} onClose={() => setInvitation(null)} title={`Invitation for ${invitation?.name ?? ''}`} size="lg">
        {invitation && (
          <Stack>
            <Alert color="yellow" variant="light" title="Shown once" styles={{ title: { color: 'var(--mantine-color-text)' } }}>
              Send this link to the auditor over a channel you trust. It works once, until {formatDateTime(invitation.expiresAt)}, and is not stored: to send another, make a new invitation.
            </Alert>
            <TextInput label="Invitation link" readOnly value={link} data-testid="invitation-link" onFocus={(event) => event.currentTarget.select()} />
            <Group justify="flex-end">
              <CopyButton value={link}>{({ copied, copy }) => <Button onClick={copy}>{copied ? 'Copied' : 'Copy the link'}</Button>}</CopyButton>
            </Group>
          </Stack>
        )}
      </Modal>
      <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened={watching !== null} onClose={() => setWatching(null)} title={`What ${watching?.auditorName ?? ''} did`} size="xl">
        {watching && <GrantUse grant={watching} />}
      </Modal>
    </Section>
  );
}
