import { useQuery } from '@apollo/client/react';
import { PROGRAMME_MANAGERS, PUBLICATION_APPROVERS } from '@iso27001/authz/roles';
import { Alert, Anchor, Button, Checkbox, Group, Select, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { DataTable, type DataTableColumn } from '../../components/data-table';
import { ErrorAlert } from '../../components/error-alert';
import { StatusBadge } from '../../components/status-badge';
import { Loading } from '../../components/loading';
import { Page } from '../../components/page';
import { SoaEditorPageDocument, type ControlTheme, type ImplementationStatus } from '../../gql/graphql';
import { notifySuccess } from '../../lib/notify';
import { formatDate } from '../../lib/format';
import { roleMay } from '../../lib/roles';
import { useSession } from '../../lib/session';
import { useTableState } from '../../lib/table-state';
import { SoaBulkEdit } from './soa-bulk-edit';
import { SoaEntryForm, type SoaEntryRow } from './soa-entry-form';
import { PendingSubmission, SubmitVersionModal } from './soa-publication';
import { controlName, IMPLEMENTATION_COLOURS, IMPLEMENTATION_LABELS, OPERATING_COLOURS, OPERATING_LABELS, REASON_LABELS, THEME_LABELS } from './soa-labels';
import { explainOperatingReason, namesOf, type Names } from './soa-text.rules';

const FILTERS = ['q', 'theme', 'applicability', 'status', 'owner'] as const;

type Decision = 'applicable' | 'excluded' | 'undecided';

function decisionOf(entry: SoaEntryRow): Decision {
  if (entry.applicable) return 'applicable';
  return entry.justification ? 'excluded' : 'undecided';
}

const DECISION_BADGE: Record<Decision, { label: string; color: string }> = {
  applicable: { label: 'Applicable', color: 'green' },
  excluded: { label: 'Excluded', color: 'gray' },
  undecided: { label: 'Not decided', color: 'yellow' },
};

function Reasons({ entry, names }: { entry: SoaEntryRow; names: Names }) {
  if (entry.reasons.length === 0) return <Text size="sm">—</Text>;
  return (
    <Stack gap={2}>
      {entry.reasons.map((reason) => (
        <Text size="sm" key={reason} data-testid="soa-reason">
          {REASON_LABELS[reason]}
        </Text>
      ))}
      {entry.riskIds.length > 0 && (
        <Text size="xs" data-testid="soa-risks">
          Risks: {entry.riskIds.map((id) => `“${names.get(id) ?? 'a risk no longer in the register'}”`).join(', ')}
        </Text>
      )}
    </Stack>
  );
}

/** The Statement of Applicability: all 93 Annex A controls, decided one by one or several at once, published as versions. */
export function SoaRoute() {
  const { activeRole } = useSession();
  const mayEdit = roleMay(activeRole, PROGRAMME_MANAGERS);
  const mayApprove = roleMay(activeRole, PUBLICATION_APPROVERS);
  const { data, loading, error, refetch } = useQuery(SoaEditorPageDocument);
  const table = useTableState({ sort: 'control', direction: 'asc', filters: FILTERS });
  const [params, setParams] = useSearchParams();
  const openControl = params.get('control');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [bulkOpen, setBulkOpen] = useState(false);
  const [publishOpen, setPublishOpen] = useState(false);
  const [published, setPublished] = useState<{ number: number; note: string } | null>(null);
  const [submitted, setSubmitted] = useState<string | null>(null);

  const entries = useMemo(() => data?.statementOfApplicability ?? [], [data]);
  const riskNames = useMemo(() => namesOf((data?.statementOfApplicability ?? []).flatMap((entry) => entry.risks.filter((risk) => risk !== null))), [data]);
  const owners = useMemo(() => {
    const byId = new Map<string, string>();
    for (const entry of entries) for (const owner of entry.owners) byId.set(owner.id, owner.name);
    return [...byId].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label));
  }, [entries]);

  const { q, theme, applicability, status, owner } = table.filters;
  const shown = useMemo(() => {
    const query = (q ?? '').trim().toLowerCase();
    return entries.filter((entry) => {
      if (query && !`${entry.control.id} ${entry.control.title}`.toLowerCase().includes(query)) return false;
      if (theme && entry.control.theme !== theme) return false;
      if (applicability && decisionOf(entry) !== applicability) return false;
      if (status && entry.implementationStatus !== status) return false;
      if (owner === 'none' && entry.owners.length > 0) return false;
      if (owner && owner !== 'none' && !entry.owners.some((o) => o.id === owner)) return false;
      return true;
    });
  }, [entries, q, theme, applicability, status, owner]);

  const setOpenControl = (controlId: string | null) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      if (controlId) next.set('control', controlId);
      else next.delete('control');
      return next;
    });

  if (loading && !data) return <Loading label="Loading the Statement of Applicability…" />;
  if (error && !data) {
    return (
      <Page title="Statement of Applicability">
        <ErrorAlert title="Could not load the Statement of Applicability" error={error} onRetry={() => void refetch()} />
      </Page>
    );
  }
  if (!data) return null;

  const latest = data.soaVersions[0];
  const counts = { applicable: 0, excluded: 0, undecided: 0 };
  for (const entry of entries) counts[decisionOf(entry)] += 1;
  const editing = openControl ? entries.find((entry) => entry.control.id === openControl) : undefined;
  const selectedEntries = entries.filter((entry) => selected.has(entry.control.id));
  const toggle = (controlId: string, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(controlId);
      else next.delete(controlId);
      return next;
    });
  const allShownSelected = shown.length > 0 && shown.every((entry) => selected.has(entry.control.id));

  const columns: DataTableColumn<SoaEntryRow>[] = [
    ...(mayEdit
      ? [
          {
            id: 'select',
            header: 'Select',
            width: 60,
            cell: (entry: SoaEntryRow) => (
              <Checkbox aria-label={`Select ${controlName(entry.control)}`} checked={selected.has(entry.control.id)} onChange={(event) => toggle(entry.control.id, event.currentTarget.checked)} />
            ),
          },
        ]
      : []),
    {
      id: 'control',
      header: 'Control',
      cell: (entry) =>
        mayEdit ? (
          <UnstyledButton onClick={() => setOpenControl(entry.control.id)} data-testid="soa-open-entry" c="indigo.8" fw={600} fz="sm">
            {controlName(entry.control)}
          </UnstyledButton>
        ) : (
          <Text size="sm" fw={600}>
            {controlName(entry.control)}
          </Text>
        ),
    },
    {
      id: 'applicability',
      header: 'Applicability',
      cell: (entry) => {
        const badge = DECISION_BADGE[decisionOf(entry)];
        return (
          <StatusBadge colour={badge.color} data-testid="soa-applicability-badge">
            {badge.label}
          </StatusBadge>
        );
      },
    },
    { id: 'reasons', header: 'Reasons', cell: (entry) => <Reasons entry={entry} names={riskNames} /> },
    {
      id: 'justification',
      header: 'Justification',
      width: 260,
      cell: (entry) => (
        <Text size="sm" lineClamp={3} data-testid="soa-justification-text">
          {entry.justification ?? '—'}
        </Text>
      ),
    },
    {
      id: 'implementation',
      header: 'Implementation',
      cell: (entry) => (
        <StatusBadge colour={IMPLEMENTATION_COLOURS[entry.implementationStatus]}>
          {IMPLEMENTATION_LABELS[entry.implementationStatus]}
        </StatusBadge>
      ),
    },
    {
      id: 'owners',
      header: 'Owners',
      cell: (entry) => (
        <Text size="sm" data-testid="soa-owners-text">
          {entry.owners.length > 0 ? entry.owners.map((o) => o.name).join(', ') : '—'}
        </Text>
      ),
    },
    {
      id: 'operating',
      header: 'Operating',
      cell: (entry) => (
        <Stack gap={2} maw={220}>
          <StatusBadge colour={OPERATING_COLOURS[entry.operatingStatus.status]}>{OPERATING_LABELS[entry.operatingStatus.status]}</StatusBadge>
          <Text size="xs" lineClamp={2}>
            {explainOperatingReason(entry.operatingStatus.reason)}
          </Text>
        </Stack>
      ),
    },
  ];

  return (
    <Page
      title="Statement of Applicability"
      description={
        <span data-testid="soa-summary">
          {counts.applicable} applicable, {counts.excluded} excluded, {counts.undecided} not decided of {entries.length} Annex A controls.{' '}
          {latest ? (
            <span data-testid="soa-latest-version">
              Latest published: version {latest.number}, {formatDate(latest.approvedAt)}
              {latest.approvedByName ? ` by ${latest.approvedByName}` : ''}.
            </span>
          ) : (
            'Not published yet.'
          )}
        </span>
      }
      actions={
        <>
          <Button component={Link} to="/soa/versions" variant="default">
            Versions and exports
          </Button>
          {mayEdit && (
            <Button onClick={() => setPublishOpen(true)} disabled={!data.soaScope} title={data.soaScope ? undefined : 'An approved ISMS scope is needed first'} data-testid="soa-publish">
              Submit a version
            </Button>
          )}
        </>
      }
    >
      {!data.soaScope && (
        <Alert color="yellow" variant="light">
          No ISMS scope has been approved yet: the SoA can be edited, but it is published against the approved scope.
        </Alert>
      )}
      {mayApprove && (
        <PendingSubmission
          nextNumber={(latest?.number ?? 0) + 1}
          onPublished={(number, note) => {
            setSubmitted(null);
            setPublished({ number, note });
            notifySuccess(`Version ${number} published`, note);
          }}
        />
      )}
      {submitted && (
        <Alert color="blue" variant="light" title={`Version ${(latest?.number ?? 0) + 1} submitted for approval`} withCloseButton closeButtonLabel="Dismiss" onClose={() => setSubmitted(null)} data-testid="soa-submitted">
          “{submitted}”. It is published when someone else approves it.
        </Alert>
      )}
      {published && (
        <Alert
          color="green"
          variant="light"
          title={`Version ${published.number} published`}
          withCloseButton
          closeButtonLabel="Dismiss"
          onClose={() => setPublished(null)}
          styles={{ title: { color: '#1e6b32' } }}
          data-testid="soa-published"
        >
          “{published.note}”. Auditors now see version {published.number}. <Anchor component={Link} to={`/soa/versions?to=${published.number}`} c="indigo.9">Compare it with the previous version</Anchor>
        </Alert>
      )}
      <Group gap="sm" align="flex-end" wrap="wrap" role="search" aria-label="Filter the controls">
        <TextInput label="Find a control" placeholder="A.5.15 or access" value={q ?? ''} onChange={(event) => table.setFilter('q', event.currentTarget.value)} w={220} data-testid="soa-search" />
        <Select
          label="Theme"
          placeholder="All themes"
          clearable
          data={Object.entries(THEME_LABELS).map(([value, label]) => ({ value, label }))}
          value={theme || null}
          onChange={(value) => table.setFilter('theme', (value as ControlTheme | null) ?? '')}
          w={210}
          data-testid="soa-filter-theme"
        />
        <Select
          label="Applicability"
          placeholder="All"
          clearable
          data={[
            { value: 'applicable', label: 'Applicable' },
            { value: 'excluded', label: 'Excluded' },
            { value: 'undecided', label: 'Not decided' },
          ]}
          value={applicability || null}
          onChange={(value) => table.setFilter('applicability', value ?? '')}
          w={160}
          data-testid="soa-filter-applicability"
        />
        <Select
          label="Implementation"
          placeholder="Any status"
          clearable
          data={Object.entries(IMPLEMENTATION_LABELS).map(([value, label]) => ({ value, label }))}
          value={status || null}
          onChange={(value) => table.setFilter('status', (value as ImplementationStatus | null) ?? '')}
          w={200}
          data-testid="soa-filter-status"
        />
        <Select
          label="Owner"
          placeholder="Anyone"
          clearable
          searchable
          data={[{ value: 'none', label: 'No owner' }, ...owners]}
          value={owner || null}
          onChange={(value) => table.setFilter('owner', value ?? '')}
          w={200}
          data-testid="soa-filter-owner"
        />
      </Group>
      {mayEdit && (
        <Group gap="sm">
          <Button variant="default" size="xs" onClick={() => setSelected(allShownSelected ? new Set() : new Set([...selected, ...shown.map((entry) => entry.control.id)]))} data-testid="soa-select-shown">
            {allShownSelected ? 'Clear the selection' : `Select the ${shown.length} shown`}
          </Button>
          <Button size="xs" disabled={selected.size === 0} onClick={() => setBulkOpen(true)} data-testid="soa-bulk-open">
            Change {selected.size} selected
          </Button>
        </Group>
      )}
      <DataTable
        label="Annex A controls and their applicability"
        columns={columns}
        rows={shown}
        rowId={(entry) => entry.control.id}
        rowProps={(entry) => ({ 'data-control-id': entry.control.id })}
        empty="No control matches these filters."
        testId="soa-table"
        loading={loading}
      />
      <Text size="sm" c="dimmed" data-testid="soa-shown">
        {shown.length} of {entries.length} controls shown.
      </Text>
      {editing && <SoaEntryForm key={editing.control.id} entry={editing} riskTitles={editing.riskIds.map((id) => riskNames.get(id) ?? 'a risk no longer in the register')} names={riskNames} onClose={() => setOpenControl(null)} />}
      {bulkOpen && (
        <SoaBulkEdit
          entries={selectedEntries}
          names={riskNames}
          onClose={(saved) => {
            setBulkOpen(false);
            if (saved) setSelected(new Set());
          }}
        />
      )}
      {publishOpen && (
        <SubmitVersionModal
          nextNumber={(latest?.number ?? 0) + 1}
          onClose={() => setPublishOpen(false)}
          onSubmitted={(note) => {
            setPublishOpen(false);
            setSubmitted(note);
            notifySuccess(`Version ${(latest?.number ?? 0) + 1} submitted for approval`, note);
          }}
        />
      )}
    </Page>
  );
}
