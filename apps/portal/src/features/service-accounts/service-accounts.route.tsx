import { useMutation, useQuery } from '@apollo/client/react';
import { Role } from '@iso27001/authz/roles';
import { Alert, Badge, Button, CopyButton, Group, Modal, MultiSelect, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { modals } from '@mantine/modals';
import { useState } from 'react';
import { DataTable, type DataTableColumn } from '../../components/data-table';
import { ErrorAlert } from '../../components/error-alert';
import { Page } from '../../components/page';
import { UnitMultiSelect } from '../../components/unit-select';
import {
  ServiceAccountCreateDocument,
  ServiceAccountRevokeDocument,
  ServiceAccountRotateDocument,
  ServiceAccountsDocument,
  type PlatformRole,
  type ServiceAccountRowFragment,
  type ServiceAccountStatus,
} from '../../gql/graphql';
import { describeError, serverFieldErrors } from '../../lib/errors';
import { formatDate, formatDateTime } from '../../lib/format';
import { notifyFailure, notifySuccess } from '../../lib/notify';
import { roleLabel } from '../../lib/roles';

const REFETCH = { refetchQueries: ['ServiceAccounts'] };
const DAY_MS = 86_400_000;
/** The API refuses an expiry more than a year ahead: rotate the token instead. */
const MAX_DAYS = 365;
const STATUS_LABEL: Record<ServiceAccountStatus, string> = { ACTIVE: 'Active', EXPIRED: 'Expired', REVOKED: 'Revoked' };
const STATUS_COLOUR: Record<ServiceAccountStatus, string> = { ACTIVE: 'teal.9', EXPIRED: 'orange.9', REVOKED: 'gray.7' };

/** Every service account reads; the owner roles let it change its units' records as an owner would (libs/authz). */
const ALWAYS: PlatformRole = 'SERVICE_ACCOUNT';
const ROLE_OPTIONS: { value: PlatformRole; label: string; disabled?: boolean }[] = [
  { value: ALWAYS, label: `${roleLabel(Role.ServiceAccount)} (always included, read)`, disabled: true },
  { value: 'RISK_OWNER', label: roleLabel(Role.RiskOwner) },
  { value: 'CONTROL_OWNER', label: roleLabel(Role.ControlOwner) },
];

const roleName = (role: PlatformRole) => roleLabel(role.toLowerCase());
const dayIso = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY_MS).toISOString().slice(0, 10);

/** A token in hand, shown once: which account it belongs to and whether it replaced an older one. */
interface ShownToken {
  token: string;
  name: string;
  expiresAt: string;
  rotated: boolean;
}

function CreateForm({ onCreated, onClose }: { onCreated: (shown: ShownToken) => void; onClose: () => void }) {
  const [create, creating] = useMutation(ServiceAccountCreateDocument, REFETCH);
  const [failure, setFailure] = useState<unknown>(null);
  const form = useForm({
    mode: 'controlled',
    initialValues: { name: '', description: '', roles: [ALWAYS] as string[], unitIds: [] as string[], expiresOn: dayIso(90) },
    validate: {
      name: (v) => (v.trim() === '' ? 'Enter a name that says which system uses it' : v.trim().length > 120 ? 'At most 120 characters' : null),
      description: (v) => (v.trim() === '' ? 'Say what system uses it and who owns that system' : v.trim().length > 2000 ? 'At most 2,000 characters' : null),
      expiresOn: (v) => (!v ? 'Choose when the token stops working' : v <= dayIso(0) ? 'The token must work until a day in the future' : v > dayIso(MAX_DAYS) ? 'At most a year ahead: rotate the token instead' : null),
    },
  });
  const submit = form.onSubmit(async (v) => {
    setFailure(null);
    try {
      const result = await create({
        variables: {
          input: {
            name: v.name.trim(),
            description: v.description.trim(),
            roles: [...new Set([ALWAYS, ...v.roles])] as PlatformRole[],
            unitIds: v.unitIds,
            // The token works to the end of the chosen day (UTC).
            expiresAt: `${v.expiresOn}T23:59:59Z`,
          },
        },
      });
      const created = result.data?.createServiceAccount;
      if (!created) throw new Error('The platform did not return the new token.');
      notifySuccess('Service account created', created.account.name);
      onCreated({ token: created.token, name: created.account.name, expiresAt: created.account.expiresAt as string, rotated: false });
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
        {failure ? <ErrorAlert title="The service account was not created" error={failure} /> : null}
        <TextInput label="Name" required data-autofocus description="The system that uses it, e.g. SIEM evidence collector." {...form.getInputProps('name')} />
        <Textarea label="Description" required autosize minRows={2} description="What it does, and the team that owns it." {...form.getInputProps('description')} />
        <MultiSelect
          label="Roles"
          data={ROLE_OPTIONS}
          description="It always reads. As risk or control owner it also changes the records of its units."
          {...form.getInputProps('roles')}
          onChange={(roles) => form.setFieldValue('roles', [...new Set([ALWAYS, ...roles])])}
        />
        <UnitMultiSelect
          label="Units"
          description="It reaches these units' records and those of every unit below them. With none it reaches no unit's records."
          {...form.getInputProps('unitIds')}
        />
        <TextInput type="date" label="Token works until" required description="To the end of that day (UTC); at most a year ahead. Revoke or rotate it any time before." {...form.getInputProps('expiresOn')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={creating.loading}>
            Create
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The token, this once: copy it into the system's secret store; closing forgets it. */
function TokenShownOnce({ shown }: { shown: ShownToken }) {
  return (
    <Stack>
      {/* The title in the text colour: the light variant's yellow title lacks contrast on its yellow background. */}
      <Alert color="yellow" variant="light" title="Shown only this once" styles={{ title: { color: 'var(--mantine-color-text)' } }}>
        Copy this token now and store it in the system&apos;s secret manager. The platform keeps only a fingerprint of it: it cannot be shown again. If it is lost, rotate the token.
        {shown.rotated ? ' The previous token no longer works.' : ''}
      </Alert>
      <TextInput label="Token" readOnly value={shown.token} data-testid="service-account-token" ff="monospace" onFocus={(event) => event.currentTarget.select()} />
      <Text size="sm" c="dimmed">
        Send it as <code>Authorization: Bearer &lt;token&gt;</code> to the platform&apos;s GraphQL API. It works until {formatDateTime(shown.expiresAt)}.
      </Text>
      <Group justify="flex-end">
        <CopyButton value={shown.token}>
          {({ copied, copy }) => (
            <Button onClick={copy} color={copied ? 'teal.9' : undefined}>
              {copied ? 'Copied' : 'Copy the token'}
            </Button>
          )}
        </CopyButton>
      </Group>
    </Stack>
  );
}

/** Service accounts of platform teams (administrators): create, see expiry and last use, rotate the token, revoke. */
export function ServiceAccountsRoute() {
  const { data, previousData, loading, error, refetch } = useQuery(ServiceAccountsDocument);
  const [rotate, rotating] = useMutation(ServiceAccountRotateDocument, REFETCH);
  const [revoke] = useMutation(ServiceAccountRevokeDocument, REFETCH);
  const [creating, setCreating] = useState(false);
  const [shown, setShown] = useState<ShownToken | null>(null);
  const accounts = (data ?? previousData)?.serviceAccounts ?? [];

  // Forget the token: the dialog's state and the rotate mutation's last answer.
  const closeToken = () => {
    setShown(null);
    rotating.reset();
  };

  const confirmRotate = (a: ServiceAccountRowFragment) =>
    modals.openConfirmModal({
      title: `Rotate the token of ${a.name}?`,
      children: <Text size="sm">The old token ({a.tokenPrefix}…) stops working at once. The new one is shown once: put it into the system&apos;s secret store before the system&apos;s next call.</Text>,
      labels: { confirm: 'Rotate', cancel: 'Cancel' },
      confirmProps: { color: 'orange.9' },
      onConfirm: () =>
        void rotate({ variables: { id: a.id } })
          .then((result) => {
            const rotated = result.data?.rotateServiceAccountToken;
            if (!rotated) throw new Error('The platform did not return the new token.');
            notifySuccess('Token rotated', a.name);
            setShown({ token: rotated.token, name: rotated.account.name, expiresAt: rotated.account.expiresAt as string, rotated: true });
          })
          .catch((e: unknown) => notifyFailure('The token was not rotated', describeError(e).summary)),
    });

  const confirmRevoke = (a: ServiceAccountRowFragment) =>
    modals.openConfirmModal({
      title: `Revoke ${a.name}?`,
      children: <Text size="sm">Its token is refused from the next request, for good. The account stays in the list as revoked.</Text>,
      labels: { confirm: 'Revoke', cancel: 'Cancel' },
      confirmProps: { color: 'red.9' },
      onConfirm: () =>
        void revoke({ variables: { id: a.id } })
          .then(() => notifySuccess('Service account revoked', a.name))
          .catch((e: unknown) => notifyFailure('The service account was not revoked', describeError(e).summary)),
    });

  const columns: DataTableColumn<ServiceAccountRowFragment>[] = [
    {
      id: 'name',
      header: 'Service account',
      cell: (a) => (
        <Stack gap={0} maw={320}>
          <Text size="sm" fw={600}>
            {a.name}
          </Text>
          <Text size="xs" c="dimmed" lineClamp={2} title={a.description}>
            {a.description}
          </Text>
        </Stack>
      ),
    },
    { id: 'roles', header: 'Roles', cell: (a) => a.roles.map(roleName).join(', ') },
    { id: 'units', header: 'Units (with sub-units)', cell: (a) => (a.units.length > 0 ? a.units.map((u) => u.name).join(', ') : 'None') },
    { id: 'token', header: 'Token', cell: (a) => <Text size="sm" ff="monospace" style={{ whiteSpace: 'nowrap' }}>{`${a.tokenPrefix}…`}</Text> },
    { id: 'expiresAt', header: 'Expires', cell: (a) => formatDate(a.expiresAt as string) },
    { id: 'lastUsedAt', header: 'Last used', cell: (a) => (a.lastUsedAt ? formatDateTime(a.lastUsedAt as string) : 'Never') },
    {
      id: 'status',
      header: 'Status',
      width: 110,
      cell: (a) => (
        <Badge
          color={STATUS_COLOUR[a.status]}
          variant="outline"
          title={a.status === 'REVOKED' && a.revokedAt ? `Revoked ${formatDateTime(a.revokedAt as string)}${a.revokedBy ? ` by ${a.revokedBy}` : ''}` : undefined}
        >
          {STATUS_LABEL[a.status]}
        </Badge>
      ),
    },
    { id: 'createdBy', header: 'Created', cell: (a) => `${formatDate(a.createdAt as string)} by ${a.createdBy}` },
    {
      id: 'actions',
      header: 'Change',
      width: 150,
      cell: (a) =>
        a.status === 'REVOKED' ? null : (
          <Group gap={4} wrap="nowrap">
            {a.status === 'ACTIVE' && (
              <Button size="compact-xs" variant="subtle" onClick={() => confirmRotate(a)} aria-label={`Rotate the token of ${a.name}`}>
                Rotate
              </Button>
            )}
            <Button size="compact-xs" variant="outline" color="red.9" onClick={() => confirmRevoke(a)} aria-label={`Revoke ${a.name}`}>
              Revoke
            </Button>
          </Group>
        ),
    },
  ];

  return (
    <Page
      title="Service accounts"
      description="API tokens for platform teams' systems. Each acts with its roles over its units only, until it expires or is revoked; its token is shown once and stored only as a fingerprint."
      actions={<Button onClick={() => setCreating(true)}>Create a service account</Button>}
    >
      <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened={creating} onClose={() => setCreating(false)} title="Create a service account" size="lg">
        {creating && (
          <CreateForm
            onClose={() => setCreating(false)}
            onCreated={(token) => {
              setCreating(false);
              setShown(token);
            }}
          />
        )}
      </Modal>
      <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened={shown !== null} onClose={closeToken} closeOnClickOutside={false} title={`Token of ${shown?.name ?? ''}`} size="lg">
        {shown && <TokenShownOnce shown={shown} />}
      </Modal>
      {error && <ErrorAlert title="Could not load the service accounts" error={error} onRetry={() => void refetch()} />}
      <DataTable
        label="Service accounts"
        testId="service-accounts"
        columns={columns}
        rows={accounts}
        rowId={(a) => a.id}
        rowProps={(a) => ({ 'data-service-account': a.name, 'data-status': a.status })}
        loading={loading}
        empty="No service account yet. Create one for each system that calls the API."
      />
    </Page>
  );
}
