import { useMutation, useQuery } from '@apollo/client/react';
import { PROGRAMME_MANAGERS } from '@iso27001/authz/roles';
import { Badge, Button, Group, Menu, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedCallback } from '@mantine/hooks';
import { modals } from '@mantine/modals';
import { useState } from 'react';
import { DataTable, type DataTableColumn } from '../../components/data-table';
import { ErrorAlert } from '../../components/error-alert';
import { Page } from '../../components/page';
import { PersonSelect, type PersonOption } from '../../components/person-select';
import { UnitSelect } from '../../components/unit-select';
import {
  OrganisationCreatePersonDocument,
  OrganisationDeactivatePersonDocument,
  OrganisationPeopleDocument,
  OrganisationReactivatePersonDocument,
  OrganisationUpdatePersonDocument,
  type OrganisationPersonFragment,
} from '../../gql/graphql';
import { describeError, serverFieldErrors } from '../../lib/errors';
import { roleMay } from '../../lib/roles';
import { useSession } from '../../lib/session';
import { useTableState } from '../../lib/table-state';
import { notifySuccess, notifyFailure } from '../../lib/notify';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const REFETCH = { refetchQueries: ['OrganisationPeople', 'SharedPersonOptions'] };
const FILTERS = ['search', 'unit', 'status'] as const;

function PersonForm({ person, onClose }: { person: OrganisationPersonFragment | null; onClose: () => void }) {
  const [create, creating] = useMutation(OrganisationCreatePersonDocument, REFETCH);
  const [update, updating] = useMutation(OrganisationUpdatePersonDocument, REFETCH);
  const [failure, setFailure] = useState<unknown>(null);
  const [manager, setManager] = useState<PersonOption | null>(person?.manager ?? null);
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      name: person?.name ?? '',
      email: person?.email ?? '',
      unitId: person?.unit?.id ?? (null as string | null),
      managerId: person?.manager?.id ?? (null as string | null),
      jobRole: person?.jobRole ?? '',
      externalId: person?.externalId ?? '',
    },
    validate: {
      name: (v) => (v.trim() === '' ? 'Enter the name' : v.trim().length > 200 ? 'At most 200 characters' : null),
      email: (v) => (!EMAIL.test(v.trim()) ? 'Enter an e-mail address' : null),
      managerId: (v) => (person && v === person.id ? 'Someone cannot be their own manager' : null),
      jobRole: (v) => (v.trim().length > 200 ? 'At most 200 characters' : null),
      externalId: (v) => (v.trim().length > 200 ? 'At most 200 characters' : null),
    },
  });
  const submit = form.onSubmit(async (v) => {
    setFailure(null);
    const fields = { name: v.name.trim(), email: v.email.trim(), unitId: v.unitId, managerId: v.managerId, jobRole: v.jobRole.trim() || null, externalId: v.externalId.trim() || null };
    try {
      if (person) await update({ variables: { input: { id: person.id, ...fields } } });
      else await create({ variables: { input: fields } });
      notifySuccess(person ? 'Person changed' : 'Person added', fields.name);
      onClose();
    } catch (e) {
      form.setErrors(serverFieldErrors(e));
      setFailure(e);
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {failure ? <ErrorAlert title={person ? 'The person was not changed' : 'The person was not added'} error={failure} /> : null}
        <TextInput label="Name" required data-autofocus {...form.getInputProps('name')} />
        <TextInput label="E-mail" type="email" required description="They sign in with this address." {...form.getInputProps('email')} />
        <UnitSelect label="Unit" {...form.getInputProps('unitId')} />
        <PersonSelect
          label="Manager"
          selected={manager}
          value={form.values.managerId}
          error={form.errors['managerId']}
          onChange={(id, chosen) => {
            setManager(chosen);
            form.setFieldValue('managerId', id);
          }}
        />
        <TextInput label="Job role" description="Policies can be addressed to a job role." {...form.getInputProps('jobRole')} />
        <TextInput label="External id" description="The person's id in the HR system, if any." {...form.getInputProps('externalId')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={creating.loading || updating.loading}>
            {person ? 'Save' : 'Add person'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The people of the organisation, a page at a time from the server: search, filter by unit, add, change, deactivate. */
export function PeopleRoute() {
  const table = useTableState<'name'>({ sort: 'name', direction: 'asc', pageSize: 25, filters: FILTERS });
  const { search, unit, status } = table.filters as Record<(typeof FILTERS)[number], string>;
  const [searchText, setSearchText] = useState(search);
  const applySearch = useDebouncedCallback((value: string) => table.setFilter('search', value.trim()), 300);
  const active = status === 'all' ? null : status === 'deactivated' ? false : true;
  const { data, previousData, loading, error, refetch } = useQuery(OrganisationPeopleDocument, {
    variables: { first: table.pageSize, offset: (table.page - 1) * table.pageSize, search: search || null, unitId: unit || null, active },
  });
  const [deactivate] = useMutation(OrganisationDeactivatePersonDocument, REFETCH);
  const [reactivate] = useMutation(OrganisationReactivatePersonDocument, REFETCH);
  const { activeRole } = useSession();
  const mayEdit = roleMay(activeRole, PROGRAMME_MANAGERS);
  const [editing, setEditing] = useState<{ person: OrganisationPersonFragment | null } | null>(null);
  const page = (data ?? previousData)?.people;

  const toggle = (person: OrganisationPersonFragment) => {
    const run = () =>
      (person.active ? deactivate : reactivate)({ variables: { id: person.id } })
        .then(() => notifySuccess(person.active ? 'Person deactivated' : 'Person reactivated', person.name))
        .catch((e: unknown) => notifyFailure(`${person.name} was not ${person.active ? 'deactivated' : 'reactivated'}`, describeError(e).summary));
    if (!person.active) {
      void run();
      return;
    }
    modals.openConfirmModal({
      title: `Deactivate ${person.name}?`,
      children: <Text size="sm">A leaver is marked inactive: their history (risks owned, trainings, acknowledgements) stays, but they can no longer be chosen as an owner.</Text>,
      labels: { confirm: 'Deactivate', cancel: 'Cancel' },
      confirmProps: { color: 'red.9' },
      onConfirm: () => void run(),
    });
  };

  const columns: DataTableColumn<OrganisationPersonFragment>[] = [
    {
      id: 'name',
      header: 'Name',
      cell: (p) => (
        <Text size="sm" fw={600} data-testid="person-name">
          {p.name}
        </Text>
      ),
    },
    { id: 'email', header: 'E-mail', cell: (p) => p.email },
    { id: 'unit', header: 'Unit', cell: (p) => p.unit?.name ?? '—' },
    { id: 'jobRole', header: 'Job role', cell: (p) => p.jobRole ?? '—' },
    { id: 'manager', header: 'Manager', cell: (p) => p.manager?.name ?? '—' },
    {
      id: 'status',
      header: 'Status',
      cell: (p) =>
        p.active ? (
          <Badge color="teal.9" variant="outline">
            Active
          </Badge>
        ) : (
          <Badge color="gray.7" variant="outline">
            Deactivated
          </Badge>
        ),
    },
  ];
  if (mayEdit) {
    columns.push({
      id: 'actions',
      header: 'Change',
      width: 100,
      cell: (p) => (
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <Button size="compact-xs" variant="subtle" aria-label={`Actions for ${p.name}`}>
              Actions
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item onClick={() => setEditing({ person: p })}>Edit</Menu.Item>
            <Menu.Item color={p.active ? 'red' : undefined} onClick={() => toggle(p)}>
              {p.active ? 'Deactivate (leaver)' : 'Reactivate'}
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
      ),
    });
  }

  return (
    <Page
      title="People"
      description="Everyone in the organisation register: owners of risks and controls, trainees, auditees."
      actions={mayEdit && <Button onClick={() => setEditing({ person: null })}>Add a person</Button>}
    >
      <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened={editing !== null} onClose={() => setEditing(null)} title={editing?.person ? `Change ${editing.person.name}` : 'Add a person'} size="lg">
        {editing && <PersonForm person={editing.person} onClose={() => setEditing(null)} />}
      </Modal>
      <Group align="flex-end" wrap="wrap">
        <TextInput
          label="Search"
          placeholder="Name, e-mail or external id"
          w={300}
          value={searchText}
          onChange={(event) => {
            setSearchText(event.currentTarget.value);
            applySearch(event.currentTarget.value);
          }}
          data-testid="people-search"
        />
        <UnitSelect label="Unit (with its sub-units)" w={320} includeInactive value={unit || null} onChange={(value) => table.setFilter('unit', value ?? '')} placeholder="All units" />
        <Select
          label="Status"
          w={170}
          data={[
            { value: 'active', label: 'Active' },
            { value: 'deactivated', label: 'Deactivated' },
            { value: 'all', label: 'All' },
          ]}
          value={status || 'active'}
          allowDeselect={false}
          onChange={(value) => table.setFilter('status', !value || value === 'active' ? '' : value)}
        />
      </Group>
      {error && <ErrorAlert title="Could not load the people" error={error} onRetry={() => void refetch()} />}
      <DataTable
        label="People of the organisation"
        testId="people"
        columns={columns}
        rows={page?.nodes ?? []}
        rowId={(p) => p.id}
        rowProps={(p) => ({ 'data-person-name': p.name })}
        totalCount={page?.totalCount ?? 0}
        page={table.page}
        pageSize={table.pageSize}
        onPageChange={table.setPage}
        onPageSizeChange={table.setPageSize}
        loading={loading}
        empty={search || unit ? 'Nobody matches the search and filter.' : 'Nobody is in the register yet.'}
      />
    </Page>
  );
}
