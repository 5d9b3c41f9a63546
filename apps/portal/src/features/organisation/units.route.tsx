import { useMutation, useQuery } from '@apollo/client/react';
import { PROGRAMME_MANAGERS } from '@iso27001/authz/roles';
import { Badge, Button, Group, Menu, Modal, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { modals } from '@mantine/modals';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { Page } from '../../components/page';
import { UnitSelect } from '../../components/unit-select';
import {
  OrganisationCreateUnitDocument,
  OrganisationDeactivateUnitDocument,
  OrganisationMoveUnitDocument,
  OrganisationReactivateUnitDocument,
  OrganisationUnitsDocument,
  OrganisationUpdateUnitDocument,
  type OrganisationUnitFragment,
  type OrgUnitKind,
} from '../../gql/graphql';
import { serverFieldErrors } from '../../lib/errors';
import { roleMay } from '../../lib/roles';
import { useSession } from '../../lib/session';
import { buildOrgUnitTree, type OrgUnitNode } from './org-unit-tree.builder';
import { notifySuccess } from '../../lib/notify';

const KINDS: { value: OrgUnitKind; label: string }[] = [
  { value: 'BUSINESS_UNIT', label: 'Business unit' },
  { value: 'DEPARTMENT', label: 'Department' },
  { value: 'TEAM', label: 'Team' },
];
const kindLabel = (kind: string) => KINDS.find((k) => k.value === kind)?.label ?? kind;
const REFETCH = { refetchQueries: ['OrganisationUnits', 'SharedUnitOptions'] };

/** The ids of a unit and every unit below it: where it may not be moved. */
function selfAndDescendants(id: string, units: readonly OrganisationUnitFragment[]): Set<string> {
  const children = new Map<string, string[]>();
  for (const unit of units) if (unit.parentId) children.set(unit.parentId, [...(children.get(unit.parentId) ?? []), unit.id]);
  const result = new Set<string>();
  const stack = [id];
  while (stack.length > 0) {
    const current = stack.pop() as string;
    if (result.has(current)) continue;
    result.add(current);
    stack.push(...(children.get(current) ?? []));
  }
  return result;
}

function UnitForm({ unit, parentId, onClose }: { unit: OrganisationUnitFragment | null; parentId: string | null; onClose: () => void }) {
  const [create, creating] = useMutation(OrganisationCreateUnitDocument, REFETCH);
  const [update, updating] = useMutation(OrganisationUpdateUnitDocument, REFETCH);
  const [failure, setFailure] = useState<unknown>(null);
  const form = useForm({
    mode: 'controlled',
    initialValues: { name: unit?.name ?? '', kind: (unit?.kind ?? 'DEPARTMENT') as OrgUnitKind, parentId, externalId: unit?.externalId ?? '' },
    validate: {
      name: (v) => (v.trim() === '' ? 'Give the unit a name' : v.trim().length > 200 ? 'At most 200 characters' : null),
      externalId: (v) => (v.trim().length > 200 ? 'At most 200 characters' : null),
    },
  });
  const submit = form.onSubmit(async (v) => {
    setFailure(null);
    try {
      if (unit) {
        await update({ variables: { input: { id: unit.id, name: v.name.trim(), kind: v.kind, externalId: v.externalId.trim() || null } } });
        notifySuccess('Unit changed', v.name.trim());
      } else {
        await create({ variables: { input: { name: v.name.trim(), kind: v.kind, parentId: v.parentId, externalId: v.externalId.trim() || null } } });
        notifySuccess('Unit created', v.name.trim());
      }
      onClose();
    } catch (e) {
      form.setErrors(serverFieldErrors(e));
      setFailure(e);
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {failure ? <ErrorAlert title={unit ? 'The unit was not changed' : 'The unit was not created'} error={failure} /> : null}
        <TextInput label="Name" required data-autofocus {...form.getInputProps('name')} />
        <Select label="Kind" data={KINDS} allowDeselect={false} {...form.getInputProps('kind')} />
        {!unit && <UnitSelect label="Part of" description="Leave empty for a top-level unit." placeholder="Top level" {...form.getInputProps('parentId')} />}
        <TextInput label="External id" description="The unit's id in the HR system, if it has one." {...form.getInputProps('externalId')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={creating.loading || updating.loading}>
            {unit ? 'Save' : 'Create unit'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function MoveForm({ unit, units, onClose }: { unit: OrganisationUnitFragment; units: readonly OrganisationUnitFragment[]; onClose: () => void }) {
  const [move, { loading }] = useMutation(OrganisationMoveUnitDocument, REFETCH);
  const [failure, setFailure] = useState<unknown>(null);
  const [parentId, setParentId] = useState<string | null>(unit.parentId);
  const blocked = useMemo(() => {
    const reasons = new Map<string, string>();
    for (const id of selfAndDescendants(unit.id, units)) reasons.set(id, id === unit.id ? 'the unit itself' : `below ${unit.name}`);
    return reasons;
  }, [unit, units]);
  const submit = async () => {
    setFailure(null);
    try {
      await move({ variables: { input: { id: unit.id, parentId } } });
      const parent = units.find((u) => u.id === parentId);
      notifySuccess('Unit moved', parent ? `${unit.name} is now part of ${parent.name}` : `${unit.name} is now a top-level unit`);
      onClose();
    } catch (e) {
      setFailure(e);
    }
  };
  return (
    <Stack>
      {failure ? <ErrorAlert title={`${unit.name} was not moved`} error={failure} /> : null}
      <Text size="sm">
        {unit.name} moves with all its sub-units. It cannot move under itself or under one of its own sub-units: that would make a cycle.
      </Text>
      <UnitSelect label="New parent" placeholder="Top level" description="Leave empty to make it a top-level unit." value={parentId} onChange={setParentId} disabledUnits={blocked} />
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          Cancel
        </Button>
        <Button onClick={() => void submit()} loading={loading} disabled={parentId === unit.parentId}>
          Move
        </Button>
      </Group>
    </Stack>
  );
}

type Editing = { kind: 'create'; parentId: string | null } | { kind: 'edit'; unit: OrganisationUnitFragment } | { kind: 'move'; unit: OrganisationUnitFragment };

function UnitTree({
  nodes,
  depth,
  mayEdit,
  onEdit,
  onToggleActive,
}: {
  nodes: OrgUnitNode[];
  depth: number;
  mayEdit: boolean;
  onEdit: (editing: Editing) => void;
  onToggleActive: (unit: OrganisationUnitFragment) => void;
}) {
  return (
    <ul style={{ listStyle: 'none', margin: 0, paddingLeft: depth === 0 ? 0 : 24 }} aria-label={depth === 0 ? 'Organisation units' : undefined}>
      {nodes.map((node) => {
        const unit = node.unit as OrganisationUnitFragment;
        return (
          <li key={unit.id} data-testid="unit-node" data-unit-name={unit.name}>
            <Group gap="sm" py={6} style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }} wrap="nowrap">
              <Text fw={depth === 0 ? 700 : 500} size="sm" data-testid="unit-name" td={unit.active ? undefined : 'line-through'}>
                {unit.name}
              </Text>
              <Badge variant="outline" color="gray.7" size="sm">
                {kindLabel(unit.kind)}
              </Badge>
              {!unit.active && (
                <Badge variant="outline" color="grape.9" size="sm">
                  Deactivated
                </Badge>
              )}
              {mayEdit && (
                <Menu position="bottom-end" withinPortal>
                  <Menu.Target>
                    <Button size="compact-xs" variant="subtle" aria-label={`Actions for ${unit.name}`} ml="auto">
                      Actions
                    </Button>
                  </Menu.Target>
                  <Menu.Dropdown>
                    {unit.active && <Menu.Item onClick={() => onEdit({ kind: 'create', parentId: unit.id })}>Add a sub-unit</Menu.Item>}
                    <Menu.Item onClick={() => onEdit({ kind: 'edit', unit })}>Rename or change kind</Menu.Item>
                    <Menu.Item onClick={() => onEdit({ kind: 'move', unit })}>Move</Menu.Item>
                    <Menu.Item color={unit.active ? 'red' : undefined} onClick={() => onToggleActive(unit)}>
                      {unit.active ? 'Deactivate' : 'Reactivate'}
                    </Menu.Item>
                  </Menu.Dropdown>
                </Menu>
              )}
            </Group>
            {node.children.length > 0 && <UnitTree nodes={node.children} depth={depth + 1} mayEdit={mayEdit} onEdit={onEdit} onToggleActive={onToggleActive} />}
          </li>
        );
      })}
    </ul>
  );
}

/** The organisation's units as a tree: create, rename, move, deactivate and reactivate them. */
export function UnitsRoute() {
  const { data, loading, error, refetch } = useQuery(OrganisationUnitsDocument);
  const [deactivate] = useMutation(OrganisationDeactivateUnitDocument, REFETCH);
  const [reactivate] = useMutation(OrganisationReactivateUnitDocument, REFETCH);
  const [params, setParams] = useSearchParams();
  const showInactive = params.get('deactivated') === 'shown';
  const { activeRole } = useSession();
  const mayEdit = roleMay(activeRole, PROGRAMME_MANAGERS);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [failure, setFailure] = useState<{ title: string; error: unknown } | null>(null);

  const units = useMemo(() => data?.orgUnits ?? [], [data]);
  const tree = useMemo(() => buildOrgUnitTree(showInactive ? units : units.filter((u) => u.active)), [units, showInactive]);

  if (loading && !data) {
    return (
      <Page title="Units">
        <Loading />
      </Page>
    );
  }
  if (error && !data) {
    return (
      <Page title="Units">
        <ErrorAlert title="Could not load the organisation units" error={error} onRetry={() => void refetch()} />
      </Page>
    );
  }
  const inactiveCount = units.filter((u) => !u.active).length;

  const toggleActive = (unit: OrganisationUnitFragment) => {
    setFailure(null);
    if (!unit.active) {
      reactivate({ variables: { id: unit.id } })
        .then(() => notifySuccess('Unit reactivated', unit.name))
        .catch((e: unknown) => setFailure({ title: `${unit.name} was not reactivated`, error: e }));
      return;
    }
    modals.openConfirmModal({
      title: `Deactivate ${unit.name}?`,
      children: <Text size="sm">A deactivated unit keeps its history but cannot be chosen for people, risks or the scope. A unit with active sub-units or people cannot be deactivated.</Text>,
      labels: { confirm: 'Deactivate', cancel: 'Cancel' },
      confirmProps: { color: 'red.9' },
      onConfirm: () => {
        deactivate({ variables: { id: unit.id } })
          .then(() => notifySuccess('Unit deactivated', unit.name))
          .catch((e: unknown) => setFailure({ title: `${unit.name} was not deactivated`, error: e }));
      },
    });
  };
  const close = () => setEditing(null);
  const modalTitle =
    editing?.kind === 'create'
      ? editing.parentId
        ? `Add a unit under ${units.find((u) => u.id === editing.parentId)?.name ?? ''}`
        : 'Create a unit'
      : editing?.kind === 'edit'
        ? `Change ${editing.unit.name}`
        : editing?.kind === 'move'
          ? `Move ${editing.unit.name}`
          : '';

  return (
    <Page
      title="Units"
      description="Business units, departments and teams: people, risks, control implementations and the ISMS scope refer to them."
      actions={mayEdit && <Button onClick={() => setEditing({ kind: 'create', parentId: null })}>Create a unit</Button>}
    >
      <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened={editing !== null} onClose={close} title={modalTitle} size="lg">
        {editing?.kind === 'create' && <UnitForm unit={null} parentId={editing.parentId} onClose={close} />}
        {editing?.kind === 'edit' && <UnitForm unit={editing.unit} parentId={editing.unit.parentId} onClose={close} />}
        {editing?.kind === 'move' && <MoveForm unit={editing.unit} units={units} onClose={close} />}
      </Modal>
      {failure && (
        <ErrorAlert title={failure.title} error={failure.error} testId="unit-error">
          <Button size="xs" variant="light" color="red" onClick={() => setFailure(null)}>
            Dismiss
          </Button>
        </ErrorAlert>
      )}
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {units.length - inactiveCount} active unit{units.length - inactiveCount === 1 ? '' : 's'}
          {inactiveCount > 0 ? `, ${inactiveCount} deactivated` : ''}
        </Text>
        <Switch
          label="Show deactivated units"
          checked={showInactive}
          onChange={(event) => {
            const checked = event.currentTarget.checked;
            setParams((current) => {
              const next = new URLSearchParams(current);
              if (checked) next.set('deactivated', 'shown');
              else next.delete('deactivated');
              return next;
            });
          }}
        />
      </Group>
      {tree.length === 0 ? (
        <Text size="sm">No unit yet. {mayEdit ? 'Create the first one, or import them from a file.' : ''}</Text>
      ) : (
        <div data-testid="unit-tree">
          <UnitTree nodes={tree} depth={0} mayEdit={mayEdit} onEdit={setEditing} onToggleActive={toggleActive} />
        </div>
      )}
    </Page>
  );
}
