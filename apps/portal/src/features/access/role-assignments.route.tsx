import { useMutation, useQuery } from '@apollo/client/react';
import { ROLE_ADMINISTRATORS, Role } from '@iso27001/authz/roles';
import { Badge, Button, Checkbox, Group, Modal, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { modals } from '@mantine/modals';
import { useState } from 'react';
import { DataTable, type DataTableColumn } from '../../components/data-table';
import { ErrorAlert } from '../../components/error-alert';
import { Page } from '../../components/page';
import { PersonSelect, type PersonOption } from '../../components/person-select';
import { UnitSelect } from '../../components/unit-select';
import {
  AccessAssignRoleDocument,
  AccessRevokeRoleAssignmentDocument,
  AccessRoleAssignmentsDocument,
  type PlatformRole,
  type AccessRoleAssignmentFragment,
} from '../../gql/graphql';
import { formatDateTime } from '../../lib/format';
import { describeError, serverFieldErrors } from '../../lib/errors';
import { notifyFailure, notifySuccess } from '../../lib/notify';
import { roleLabel, roleMay } from '../../lib/roles';
import { useSession } from '../../lib/session';
import { useTableState } from '../../lib/table-state';

const REFETCH = { refetchQueries: ['AccessRoleAssignments'] };
const FILTERS = ['unit', 'role', 'history'] as const;

/** The roles an administrator assigns per unit (libs/authz ASSIGNABLE_ROLES), as the API names them. */
const ASSIGNABLE: { value: PlatformRole; label: string }[] = [
  { value: 'RISK_OWNER', label: roleLabel(Role.RiskOwner) },
  { value: 'CONTROL_OWNER', label: roleLabel(Role.ControlOwner) },
];

const roleName = (role: PlatformRole) => roleLabel(role.toLowerCase());

function AssignForm({ onClose }: { onClose: () => void }) {
  const [assign, assigning] = useMutation(AccessAssignRoleDocument, REFETCH);
  const [failure, setFailure] = useState<unknown>(null);
  const [person, setPerson] = useState<PersonOption | null>(null);
  const form = useForm({
    mode: 'controlled',
    initialValues: { subject: 'person' as 'person' | 'group', personId: null as string | null, group: '', role: null as string | null, unitId: null as string | null },
    validate: {
      personId: (v, values) => (values.subject === 'person' && !v ? 'Choose the person' : null),
      group: (v, values) => (values.subject === 'group' && v.trim() === '' ? 'Enter the group as the identity provider sends it' : v.trim().length > 256 ? 'At most 256 characters' : null),
      role: (v) => (!v ? 'Choose the role' : null),
      unitId: (v) => (!v ? 'Choose the unit' : null),
    },
  });
  const submit = form.onSubmit(async (v) => {
    setFailure(null);
    const input = {
      personId: v.subject === 'person' ? v.personId : null,
      group: v.subject === 'group' ? v.group.trim() : null,
      role: v.role as PlatformRole,
      unitId: v.unitId as string,
    };
    try {
      await assign({ variables: { input } });
      notifySuccess('Role assigned', `${roleName(input.role)} for ${input.group ?? person?.name ?? 'the person'}`);
      onClose();
    } catch (e) {
      form.setErrors(serverFieldErrors(e));
      setFailure(e);
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {failure ? <ErrorAlert title="The role was not assigned" error={failure} /> : null}
        <SegmentedControl
          aria-label="Give the role to"
          data={[
            { value: 'person', label: 'A person' },
            { value: 'group', label: 'An identity-provider group' },
          ]}
          {...form.getInputProps('subject')}
        />
        {form.values.subject === 'person' ? (
          <PersonSelect
            label="Person"
            required
            selected={person}
            value={form.values.personId}
            error={form.errors['personId']}
            onChange={(id, chosen) => {
              setPerson(chosen);
              form.setFieldValue('personId', id);
            }}
          />
        ) : (
          <TextInput label="Group" required description="Exactly as the identity provider sends it in the token, e.g. /iso27001/risk-owners-payments." {...form.getInputProps('group')} />
        )}
        <Select label="Role" required data={ASSIGNABLE} {...form.getInputProps('role')} />
        <UnitSelect label="Unit" required description="The role reaches this unit and every unit below it." {...form.getInputProps('unitId')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={assigning.loading}>
            Assign
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Who holds which role over which unit: filter by unit and role, assign (administrators), revoke, see the history. */
export function RoleAssignmentsRoute() {
  const table = useTableState<'grantedAt'>({ sort: 'grantedAt', direction: 'desc', pageSize: 25, filters: FILTERS });
  const { unit, role, history } = table.filters as Record<(typeof FILTERS)[number], string>;
  const { data, previousData, loading, error, refetch } = useQuery(AccessRoleAssignmentsDocument, {
    variables: { first: table.pageSize, offset: (table.page - 1) * table.pageSize, unitId: unit || null, role: (role || null) as PlatformRole | null, includeRevoked: history === 'yes' },
  });
  const [revoke] = useMutation(AccessRevokeRoleAssignmentDocument, REFETCH);
  const { activeRole } = useSession();
  const mayAssign = roleMay(activeRole, ROLE_ADMINISTRATORS);
  const [assigning, setAssigning] = useState(false);
  const page = (data ?? previousData)?.roleAssignments;
  const holder = (a: AccessRoleAssignmentFragment) => a.person?.name ?? (a.group ? `Group ${a.group}` : 'Unknown person');

  const confirmRevoke = (a: AccessRoleAssignmentFragment) =>
    modals.openConfirmModal({
      title: `Revoke ${roleName(a.role)} over ${a.unit?.name ?? 'the unit'}?`,
      children: <Text size="sm">{holder(a)} loses the role and the unit from their next request. The assignment stays in the history.</Text>,
      labels: { confirm: 'Revoke', cancel: 'Cancel' },
      confirmProps: { color: 'red.9' },
      onConfirm: () =>
        void revoke({ variables: { id: a.id } })
          .then(() => notifySuccess('Role revoked', `${roleName(a.role)} for ${holder(a)}`))
          .catch((e: unknown) => notifyFailure('The role was not revoked', describeError(e).summary)),
    });

  const columns: DataTableColumn<AccessRoleAssignmentFragment>[] = [
    {
      id: 'holder',
      header: 'Given to',
      cell: (a) => (
        <Stack gap={0}>
          <Text size="sm" fw={600} data-testid="assignment-holder">
            {holder(a)}
          </Text>
          {a.person ? (
            <Text size="xs" c="dimmed">
              {a.person.email}
            </Text>
          ) : null}
        </Stack>
      ),
    },
    { id: 'role', header: 'Role', cell: (a) => roleName(a.role) },
    { id: 'unit', header: 'Unit (with sub-units)', cell: (a) => a.unit?.name ?? '—' },
    { id: 'grantedAt', header: 'Given', cell: (a) => `${formatDateTime(a.grantedAt)} by ${a.grantedBy}` },
    {
      id: 'status',
      header: 'Status',
      cell: (a) =>
        a.active ? (
          <Badge color="teal.9" variant="outline">
            Active
          </Badge>
        ) : (
          <Badge color="gray.7" variant="outline" title={a.revokedAt ? `Revoked ${formatDateTime(a.revokedAt)} by ${a.revokedBy ?? ''}` : undefined}>
            Revoked
          </Badge>
        ),
    },
  ];
  if (mayAssign) {
    columns.push({
      id: 'actions',
      header: 'Change',
      width: 110,
      cell: (a) =>
        a.active ? (
          <Button size="compact-xs" variant="outline" color="red.9" onClick={() => confirmRevoke(a)} aria-label={`Revoke ${roleName(a.role)} of ${holder(a)} over ${a.unit?.name ?? 'the unit'}`}>
            Revoke
          </Button>
        ) : null,
    });
  }

  return (
    <Page
      title="Role assignments"
      description="Who is responsible for which departments. A risk owner or control owner reaches the records of their units and of every unit below; nobody else's."
      actions={mayAssign && <Button onClick={() => setAssigning(true)}>Assign a role</Button>}
    >
      <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened={assigning} onClose={() => setAssigning(false)} title="Assign a role over a unit" size="lg">
        {assigning && <AssignForm onClose={() => setAssigning(false)} />}
      </Modal>
      <Group align="flex-end" wrap="wrap">
        <UnitSelect label="Unit" w={320} value={unit || null} onChange={(value) => table.setFilter('unit', value ?? '')} placeholder="All units" />
        <Select label="Role" w={200} data={ASSIGNABLE} value={role || null} onChange={(value) => table.setFilter('role', value ?? '')} placeholder="All roles" clearable />
        <Checkbox label="Include revoked (history)" checked={history === 'yes'} onChange={(event) => table.setFilter('history', event.currentTarget.checked ? 'yes' : '')} mb={8} />
      </Group>
      {error && <ErrorAlert title="Could not load the role assignments" error={error} onRetry={() => void refetch()} />}
      <DataTable
        label="Role assignments"
        testId="role-assignments"
        columns={columns}
        rows={page?.nodes ?? []}
        rowId={(a) => a.id}
        rowProps={(a) => ({ 'data-assignment-holder': holder(a), 'data-assignment-unit': a.unit?.name ?? '' })}
        totalCount={page?.totalCount ?? 0}
        page={table.page}
        pageSize={table.pageSize}
        onPageChange={table.setPage}
        onPageSizeChange={table.setPageSize}
        loading={loading}
        empty={unit || role ? 'No assignment matches the filter.' : 'No role has been assigned yet.'}
      />
    </Page>
  );
}
