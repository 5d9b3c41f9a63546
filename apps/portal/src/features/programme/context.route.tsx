import { useMutation, useQuery } from '@apollo/client/react';
import { PROGRAMME_MANAGERS } from '@iso27001/authz/roles';
import { Badge, Button, Group, List, Modal, Select, SimpleGrid, Stack, Table, Tabs, TagsInput, Text, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { Page } from '../../components/page';
import { PersonSelect, type PersonOption } from '../../components/person-select';
import { UnitSelect } from '../../components/unit-select';
import {
  ProgrammeContextPageDocument,
  ProgrammeCreateContextIssueDocument,
  ProgrammeCreateInterestedPartyDocument,
  ProgrammeCreateObligationDocument,
  ProgrammeUpdateContextIssueDocument,
  ProgrammeUpdateInterestedPartyDocument,
  ProgrammeUpdateObligationDocument,
  type IsmsContextIssueCategory,
  type IsmsObligationKind,
  type IsmsObligationStatus,
  type ProgrammeContextIssueFragment,
  type ProgrammeInterestedPartyFragment,
  type ProgrammeObligationFragment,
} from '../../gql/graphql';
import { serverFieldErrors } from '../../lib/errors';
import { enumLabel, formatDate, todayIso } from '../../lib/format';
import { roleMay } from '../../lib/roles';
import { useSession } from '../../lib/session';
import { notifySuccess } from '../../lib/notify';

const REFETCH = { refetchQueries: ['ProgrammeContextPage'] };
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const optionalDate = (v: string) => (v !== '' && !DATE.test(v) ? 'Enter a date' : null);
const required = (what: string, max: number) => (v: string) => (v.trim() === '' ? `Enter the ${what}` : v.length > max ? `At most ${max.toLocaleString('en-GB')} characters` : null);
const longText = (max: number) => (v: string) => (v.length > max ? `At most ${max.toLocaleString('en-GB')} characters` : null);

function inDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

function ReviewDate({ value }: { value: string | null }) {
  if (!value) return <Text size="sm" c="dimmed">Not set</Text>;
  const overdue = value < todayIso();
  return (
    <Group gap={4}>
      <Text size="sm">{formatDate(value)}</Text>
      {overdue && (
        <Badge color="red.9" variant="outline" size="sm">
          Overdue
        </Badge>
      )}
    </Group>
  );
}

function FormFrame({ failure, title, loading, onClose, submitLabel, children }: { failure: unknown; title: string; loading: boolean; onClose: () => void; submitLabel: string; children: ReactNode }) {
  return (
    <Stack>
      {failure ? <ErrorAlert title={title} error={failure} /> : null}
      {children}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          Cancel
        </Button>
        <Button type="submit" loading={loading}>
          {submitLabel}
        </Button>
      </Group>
    </Stack>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Issues (4.1)
// ---------------------------------------------------------------------------------------------------------------

function IssueForm({ issue, onClose }: { issue: ProgrammeContextIssueFragment | null; onClose: () => void }) {
  const [create, creating] = useMutation(ProgrammeCreateContextIssueDocument, REFETCH);
  const [update, updating] = useMutation(ProgrammeUpdateContextIssueDocument, REFETCH);
  const [failure, setFailure] = useState<unknown>(null);
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      title: issue?.title ?? '',
      category: (issue?.category ?? 'INTERNAL') as IsmsContextIssueCategory,
      description: issue?.description ?? '',
      impact: issue?.impact ?? '',
      unitId: issue?.unit?.id ?? (null as string | null),
      reviewDate: issue?.reviewDate ?? '',
    },
    validate: { title: required('title', 300), description: longText(5000), impact: longText(5000), reviewDate: optionalDate },
  });
  const submit = form.onSubmit(async (v) => {
    setFailure(null);
    const fields = { title: v.title.trim(), category: v.category, description: v.description.trim(), impact: v.impact.trim(), unitId: v.unitId, reviewDate: v.reviewDate || null };
    try {
      if (issue) await update({ variables: { input: { id: issue.id, ...fields } } });
      else await create({ variables: { input: fields } });
      notifySuccess(issue ? 'Issue updated' : 'Issue recorded', fields.title);
      onClose();
    } catch (e) {
      form.setErrors(serverFieldErrors(e));
      setFailure(e);
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <FormFrame failure={failure} title="The issue was not saved" loading={creating.loading || updating.loading} onClose={onClose} submitLabel={issue ? 'Save' : 'Record the issue'}>
        <TextInput label="Title" required {...form.getInputProps('title')} />
        <Select label="Kind" data={[{ value: 'INTERNAL', label: 'Internal issue' }, { value: 'EXTERNAL', label: 'External issue' }]} allowDeselect={false} {...form.getInputProps('category')} />
        <Textarea label="Description" autosize minRows={2} {...form.getInputProps('description')} />
        <Textarea label="How it affects the ISMS" autosize minRows={2} {...form.getInputProps('impact')} />
        <UnitSelect label="Unit concerned" {...form.getInputProps('unitId')} />
        <TextInput label="Next review" type="date" {...form.getInputProps('reviewDate')} />
      </FormFrame>
    </form>
  );
}

function IssuesTable({ issues, mayEdit, onEdit }: { issues: ProgrammeContextIssueFragment[]; mayEdit: boolean; onEdit: (issue: ProgrammeContextIssueFragment) => void }) {
  return (
    <Table verticalSpacing="xs" aria-label="Internal and external issues" data-testid="context-issues">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Issue</Table.Th>
          <Table.Th>Kind</Table.Th>
          <Table.Th>Impact on the ISMS</Table.Th>
          <Table.Th>Unit</Table.Th>
          <Table.Th>Next review</Table.Th>
          {mayEdit && <Table.Th>Change</Table.Th>}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {issues.map((issue) => (
          <Table.Tr key={issue.id} data-testid="context-issue">
            <Table.Td>
              <Text size="sm" fw={600}>
                {issue.title}
              </Text>
              {issue.description && <Text size="xs" c="dimmed">{issue.description}</Text>}
            </Table.Td>
            <Table.Td>
              <Badge variant="outline" color={issue.category === 'INTERNAL' ? 'indigo' : 'grape'}>
                {enumLabel(issue.category)}
              </Badge>
            </Table.Td>
            <Table.Td>{issue.impact || '—'}</Table.Td>
            <Table.Td>{issue.unit?.name ?? 'Whole organisation'}</Table.Td>
            <Table.Td>
              <ReviewDate value={issue.reviewDate} />
            </Table.Td>
            {mayEdit && (
              <Table.Td>
                <Button size="xs" variant="subtle" onClick={() => onEdit(issue)} aria-label={`Edit ${issue.title}`}>
                  Edit
                </Button>
              </Table.Td>
            )}
          </Table.Tr>
        ))}
        {issues.length === 0 && (
          <Table.Tr>
            <Table.Td colSpan={6}>
              <Text size="sm" c="dimmed">
                No issue recorded yet.
              </Text>
            </Table.Td>
          </Table.Tr>
        )}
      </Table.Tbody>
    </Table>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Interested parties (4.2)
// ---------------------------------------------------------------------------------------------------------------

function PartyForm({ party, onClose }: { party: ProgrammeInterestedPartyFragment | null; onClose: () => void }) {
  const [create, creating] = useMutation(ProgrammeCreateInterestedPartyDocument, REFETCH);
  const [update, updating] = useMutation(ProgrammeUpdateInterestedPartyDocument, REFETCH);
  const [failure, setFailure] = useState<unknown>(null);
  const form = useForm({
    mode: 'controlled',
    initialValues: { name: party?.name ?? '', description: party?.description ?? '', requirements: [...(party?.requirements ?? [])], reviewDate: party?.reviewDate ?? '' },
    validate: {
      name: required('name of the party', 300),
      description: longText(5000),
      requirements: (v: string[]) => (v.some((r) => r.length > 1000) ? 'Each requirement at most 1,000 characters' : null),
      reviewDate: optionalDate,
    },
  });
  const submit = form.onSubmit(async (v) => {
    setFailure(null);
    const fields = { name: v.name.trim(), description: v.description.trim(), requirements: v.requirements.map((r) => r.trim()).filter(Boolean), reviewDate: v.reviewDate || null };
    try {
      if (party) await update({ variables: { input: { id: party.id, ...fields } } });
      else await create({ variables: { input: fields } });
      notifySuccess(party ? 'Interested party updated' : 'Interested party recorded', fields.name);
      onClose();
    } catch (e) {
      form.setErrors(serverFieldErrors(e));
      setFailure(e);
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <FormFrame failure={failure} title="The interested party was not saved" loading={creating.loading || updating.loading} onClose={onClose} submitLabel={party ? 'Save' : 'Record the party'}>
        <TextInput label="Name" required {...form.getInputProps('name')} />
        <Textarea label="Description" autosize minRows={2} {...form.getInputProps('description')} />
        <TagsInput label="Requirements" description="What this party requires of the ISMS. Press Enter after each one." {...form.getInputProps('requirements')} />
        <TextInput label="Next review" type="date" {...form.getInputProps('reviewDate')} />
      </FormFrame>
    </form>
  );
}

function PartiesTable({ parties, mayEdit, onEdit }: { parties: ProgrammeInterestedPartyFragment[]; mayEdit: boolean; onEdit: (party: ProgrammeInterestedPartyFragment) => void }) {
  return (
    <Table verticalSpacing="xs" aria-label="Interested parties and their requirements" data-testid="interested-parties">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Party</Table.Th>
          <Table.Th>Requirements</Table.Th>
          <Table.Th>Next review</Table.Th>
          {mayEdit && <Table.Th>Change</Table.Th>}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {parties.map((party) => (
          <Table.Tr key={party.id} data-testid="interested-party">
            <Table.Td>
              <Text size="sm" fw={600}>
                {party.name}
              </Text>
              {party.description && <Text size="xs" c="dimmed">{party.description}</Text>}
            </Table.Td>
            <Table.Td>
              {party.requirements.length === 0 ? (
                <Text size="sm" c="dimmed">None recorded</Text>
              ) : (
                <List size="sm" spacing={2}>
                  {party.requirements.map((r) => (
                    <List.Item key={r}>{r}</List.Item>
                  ))}
                </List>
              )}
            </Table.Td>
            <Table.Td>
              <ReviewDate value={party.reviewDate} />
            </Table.Td>
            {mayEdit && (
              <Table.Td>
                <Button size="xs" variant="subtle" onClick={() => onEdit(party)} aria-label={`Edit ${party.name}`}>
                  Edit
                </Button>
              </Table.Td>
            )}
          </Table.Tr>
        ))}
        {parties.length === 0 && (
          <Table.Tr>
            <Table.Td colSpan={4}>
              <Text size="sm" c="dimmed">No interested party recorded yet.</Text>
            </Table.Td>
          </Table.Tr>
        )}
      </Table.Tbody>
    </Table>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Obligations
// ---------------------------------------------------------------------------------------------------------------

const OBLIGATION_KINDS: { value: IsmsObligationKind; label: string }[] = [
  { value: 'LEGAL', label: 'Legal' },
  { value: 'REGULATORY', label: 'Regulatory' },
  { value: 'CONTRACTUAL', label: 'Contractual' },
];
const OBLIGATION_STATUSES: { value: IsmsObligationStatus; label: string; color: string }[] = [
  { value: 'IDENTIFIED', label: 'Identified', color: 'gray.7' },
  { value: 'COMPLIANT', label: 'Compliant', color: 'teal.9' },
  { value: 'PARTIALLY_COMPLIANT', label: 'Partially compliant', color: 'grape.9' },
  { value: 'NON_COMPLIANT', label: 'Not compliant', color: 'red.9' },
  { value: 'RETIRED', label: 'Retired', color: 'gray.7' },
];

function ObligationForm({ obligation, parties, onClose }: { obligation: ProgrammeObligationFragment | null; parties: ProgrammeInterestedPartyFragment[]; onClose: () => void }) {
  const [create, creating] = useMutation(ProgrammeCreateObligationDocument, REFETCH);
  const [update, updating] = useMutation(ProgrammeUpdateObligationDocument, REFETCH);
  const [failure, setFailure] = useState<unknown>(null);
  const [owner, setOwner] = useState<PersonOption | null>(obligation?.owner ?? null);
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      title: obligation?.title ?? '',
      kind: (obligation?.kind ?? 'LEGAL') as IsmsObligationKind,
      source: obligation?.source ?? '',
      description: obligation?.description ?? '',
      ownerId: obligation?.owner?.id ?? (null as string | null),
      reviewDate: obligation?.reviewDate ?? '',
      status: (obligation?.status ?? 'IDENTIFIED') as IsmsObligationStatus,
      interestedPartyId: obligation?.interestedPartyId ?? (null as string | null),
    },
    validate: { title: required('title', 300), source: required('jurisdiction or source', 300), description: longText(5000), reviewDate: optionalDate },
  });
  const submit = form.onSubmit(async (v) => {
    setFailure(null);
    const fields = {
      title: v.title.trim(),
      kind: v.kind,
      source: v.source.trim(),
      description: v.description.trim(),
      ownerId: v.ownerId,
      reviewDate: v.reviewDate || null,
      status: v.status,
      interestedPartyId: v.interestedPartyId,
    };
    try {
      if (obligation) await update({ variables: { input: { id: obligation.id, ...fields } } });
      else await create({ variables: { input: fields } });
      notifySuccess(obligation ? 'Obligation updated' : 'Obligation recorded', fields.title);
      onClose();
    } catch (e) {
      form.setErrors(serverFieldErrors(e));
      setFailure(e);
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <FormFrame failure={failure} title="The obligation was not saved" loading={creating.loading || updating.loading} onClose={onClose} submitLabel={obligation ? 'Save' : 'Record the obligation'}>
        <TextInput label="Title" required {...form.getInputProps('title')} />
        <SimpleGrid cols={2}>
          <Select label="Kind" data={OBLIGATION_KINDS} allowDeselect={false} {...form.getInputProps('kind')} />
          <Select label="Status" data={OBLIGATION_STATUSES.map(({ value, label }) => ({ value, label }))} allowDeselect={false} {...form.getInputProps('status')} />
        </SimpleGrid>
        <TextInput label="Jurisdiction or source" description="A statute, a regulator, a contract." required {...form.getInputProps('source')} />
        <Textarea label="Description" autosize minRows={2} {...form.getInputProps('description')} />
        <PersonSelect
          label="Owner"
          selected={owner}
          value={form.values.ownerId}
          error={form.errors['ownerId']}
          onChange={(id, person) => {
            setOwner(person);
            form.setFieldValue('ownerId', id);
          }}
        />
        <Select
          label="Interested party"
          clearable
          clearButtonProps={{ 'aria-label': 'Clear the interested party' }}
          searchable
          placeholder="None"
          data={parties.map((p) => ({ value: p.id, label: p.name }))}
          {...form.getInputProps('interestedPartyId')}
        />
        <TextInput label="Next review" type="date" {...form.getInputProps('reviewDate')} />
      </FormFrame>
    </form>
  );
}

function ObligationsTable({
  obligations,
  mayEdit,
  onEdit,
}: {
  obligations: ProgrammeObligationFragment[];
  mayEdit: boolean;
  onEdit: (obligation: ProgrammeObligationFragment) => void;
}) {
  return (
    <Table verticalSpacing="xs" aria-label="Legal, regulatory and contractual obligations" data-testid="obligations">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Obligation</Table.Th>
          <Table.Th>Kind</Table.Th>
          <Table.Th>Owner</Table.Th>
          <Table.Th>Status</Table.Th>
          <Table.Th>Next review</Table.Th>
          {mayEdit && <Table.Th>Change</Table.Th>}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {obligations.map((o) => {
          const status = OBLIGATION_STATUSES.find((s) => s.value === o.status);
          return (
            <Table.Tr key={o.id} data-testid="obligation">
              <Table.Td>
                <Text size="sm" fw={600}>
                  {o.title}
                </Text>
                <Text size="xs" c="dimmed">
                  {o.source}
                  {o.interestedParty ? ` · ${o.interestedParty.name}` : ''}
                </Text>
              </Table.Td>
              <Table.Td>{enumLabel(o.kind)}</Table.Td>
              <Table.Td data-testid="obligation-owner">{o.owner?.name ?? <Text size="sm" c="dimmed">No owner</Text>}</Table.Td>
              <Table.Td>
                <Badge variant="outline" color={status?.color ?? 'gray'}>
                  {status?.label ?? enumLabel(o.status)}
                </Badge>
              </Table.Td>
              <Table.Td>
                <ReviewDate value={o.status === 'RETIRED' ? null : o.reviewDate} />
              </Table.Td>
              {mayEdit && (
                <Table.Td>
                  <Button size="xs" variant="subtle" onClick={() => onEdit(o)} aria-label={`Edit ${o.title}`}>
                    Edit
                  </Button>
                </Table.Td>
              )}
            </Table.Tr>
          );
        })}
        {obligations.length === 0 && (
          <Table.Tr>
            <Table.Td colSpan={6}>
              <Text size="sm" c="dimmed">No obligation recorded yet.</Text>
            </Table.Td>
          </Table.Tr>
        )}
      </Table.Tbody>
    </Table>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// The screen
// ---------------------------------------------------------------------------------------------------------------

type Editing =
  | { kind: 'issue'; record: ProgrammeContextIssueFragment | null }
  | { kind: 'party'; record: ProgrammeInterestedPartyFragment | null }
  | { kind: 'obligation'; record: ProgrammeObligationFragment | null };

const TABS = ['issues', 'parties', 'obligations', 'reviews'] as const;
type Tab = (typeof TABS)[number];
const WINDOWS = [
  { value: '30', label: 'Within 30 days' },
  { value: '90', label: 'Within 90 days' },
  { value: '365', label: 'Within a year' },
];

/** The context of the organisation (clauses 4.1 and 4.2) and the register of obligations, with the reviews due. */
export function ContextRoute() {
  const [params, setParams] = useSearchParams();
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'issues';
  const window = WINDOWS.some((w) => w.value === params.get('within')) ? (params.get('within') as string) : '30';
  const { data, loading, error, refetch } = useQuery(ProgrammeContextPageDocument, { variables: { reviewBefore: inDays(Number(window)) } });
  const { activeRole } = useSession();
  const mayEdit = roleMay(activeRole, PROGRAMME_MANAGERS);
  const [editing, setEditing] = useState<Editing | null>(null);
  const set = (changes: Record<string, string | null>) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      for (const [k, v] of Object.entries(changes)) {
        if (v === null) next.delete(k);
        else next.set(k, v);
      }
      return next;
    });

  if (loading && !data) {
    return (
      <Page title="Context">
        <Loading />
      </Page>
    );
  }
  if (error && !data) {
    return (
      <Page title="Context">
        <ErrorAlert title="Could not load the context of the organisation" error={error} onRetry={() => void refetch()} />
      </Page>
    );
  }
  const issues = data?.contextIssues ?? [];
  const parties = data?.interestedParties ?? [];
  const obligations = data?.obligations ?? [];
  const due = data?.contextReviewsDue;
  const dueCount = (due?.issues.length ?? 0) + (due?.interestedParties.length ?? 0) + (due?.obligations.length ?? 0);
  const close = () => setEditing(null);
  const createLabel = { issues: 'Record an issue', parties: 'Record an interested party', obligations: 'Record an obligation', reviews: null }[tab];

  return (
    <Page
      title="Context"
      description="Internal and external issues (4.1), interested parties and their requirements (4.2), and the legal, regulatory and contractual obligations."
      actions={
        mayEdit &&
        createLabel && (
          <Button onClick={() => setEditing(tab === 'issues' ? { kind: 'issue', record: null } : tab === 'parties' ? { kind: 'party', record: null } : { kind: 'obligation', record: null })}>
            {createLabel}
          </Button>
        )
      }
    >
      <Modal
        closeButtonProps={{ 'aria-label': 'Close' }}
        opened={editing !== null}
        onClose={close}
        size="lg"
        title={
          editing?.kind === 'issue'
            ? editing.record
              ? `Change “${editing.record.title}”`
              : 'Record an issue'
            : editing?.kind === 'party'
              ? editing.record
                ? `Change “${editing.record.name}”`
                : 'Record an interested party'
              : editing?.record
                ? `Change “${editing.record.title}”`
                : 'Record an obligation'
        }
      >
        {editing?.kind === 'issue' && <IssueForm issue={editing.record} onClose={close} />}
        {editing?.kind === 'party' && <PartyForm party={editing.record} onClose={close} />}
        {editing?.kind === 'obligation' && <ObligationForm obligation={editing.record} parties={parties} onClose={close} />}
      </Modal>
      <Tabs value={tab} onChange={(value) => set({ tab: value === 'issues' ? null : value })} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="issues">Issues ({issues.length})</Tabs.Tab>
          <Tabs.Tab value="parties">Interested parties ({parties.length})</Tabs.Tab>
          <Tabs.Tab value="obligations">Obligations ({obligations.length})</Tabs.Tab>
          <Tabs.Tab value="reviews">Reviews due ({dueCount})</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="issues" pt="md">
          <IssuesTable issues={issues} mayEdit={mayEdit} onEdit={(record) => setEditing({ kind: 'issue', record })} />
        </Tabs.Panel>
        <Tabs.Panel value="parties" pt="md">
          <PartiesTable parties={parties} mayEdit={mayEdit} onEdit={(record) => setEditing({ kind: 'party', record })} />
        </Tabs.Panel>
        <Tabs.Panel value="obligations" pt="md">
          <ObligationsTable obligations={obligations} mayEdit={mayEdit} onEdit={(record) => setEditing({ kind: 'obligation', record })} />
        </Tabs.Panel>
        <Tabs.Panel value="reviews" pt="md">
          <Stack data-testid="context-reviews-due">
            <Select label="Reviews due" data={WINDOWS} value={window} allowDeselect={false} w={220} onChange={(value) => value && set({ within: value === '30' ? null : value })} />
            {dueCount === 0 ? (
              <Text size="sm">Nothing is due for review in this period.</Text>
            ) : (
              <Table verticalSpacing="xs" aria-label="Context items due for review">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Item</Table.Th>
                    <Table.Th>Register</Table.Th>
                    <Table.Th>Owner</Table.Th>
                    <Table.Th>Review due</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {[
                    ...(due?.issues ?? []).map((i) => ({ id: i.id, name: i.title, register: 'Issue', owner: '—', date: i.reviewDate })),
                    ...(due?.interestedParties ?? []).map((p) => ({ id: p.id, name: p.name, register: 'Interested party', owner: '—', date: p.reviewDate })),
                    ...(due?.obligations ?? []).map((o) => ({ id: o.id, name: o.title, register: 'Obligation', owner: o.owner?.name ?? 'No owner', date: o.reviewDate })),
                  ]
                    .sort((a, b) => (a.date ?? '').localeCompare(b.date ?? ''))
                    .map((row) => (
                      <Table.Tr key={`${row.register}-${row.id}`} data-testid="review-due">
                        <Table.Td>{row.name}</Table.Td>
                        <Table.Td>{row.register}</Table.Td>
                        <Table.Td>{row.owner}</Table.Td>
                        <Table.Td>
                          <ReviewDate value={row.date} />
                        </Table.Td>
                      </Table.Tr>
                    ))}
                </Table.Tbody>
              </Table>
            )}
          </Stack>
        </Tabs.Panel>
      </Tabs>
    </Page>
  );
}
