import { useMutation, useQuery } from '@apollo/client/react';
import { PROGRAMME_MANAGERS } from '@iso27001/authz/roles';
import { Anchor, Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { StatusBadge } from '../../components/status-badge';
import { DataTable, type DataTableColumn } from '../../components/data-table';
import { ErrorAlert } from '../../components/error-alert';
import { Page } from '../../components/page';
import { AuditCreateEngagementDocument, AuditEngagementsDocument, type AuditEngagementsQuery, type EngagementStatus, type EngagementType } from '../../gql/graphql';
import { serverFieldErrors } from '../../lib/errors';
import { formatDate, todayIso } from '../../lib/format';
import { roleMay } from '../../lib/roles';
import { useSession } from '../../lib/session';
import { useTableState } from '../../lib/table-state';
import { ENGAGEMENT_STATUS_COLOUR, ENGAGEMENT_STATUS_LABEL, ENGAGEMENT_TYPE_LABEL } from './audit.format';
import { notifySuccess } from '../../lib/notify';

type Engagement = AuditEngagementsQuery['engagements'][number];

interface EngagementValues {
  type: EngagementType | '';
  title: string;
  startsOn: string;
  endsOn: string;
  leadAuditor: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function CreateEngagementForm({ onClose }: { onClose: () => void }) {
  const navigate = useNavigate();
  const [create, { error, loading }] = useMutation(AuditCreateEngagementDocument, { refetchQueries: ['AuditEngagements'] });
  const form = useForm<EngagementValues>({
    initialValues: { type: 'INTERNAL', title: '', startsOn: todayIso(), endsOn: '', leadAuditor: '' },
    validate: {
      type: (value) => (value ? null : 'Choose the kind of audit.'),
      title: (value) => (!value.trim() ? 'Give the engagement a title.' : value.trim().length > 200 ? 'A title has at most 200 characters.' : null),
      startsOn: (value) => (DATE.test(value) ? null : 'Give the first day of the audit.'),
      endsOn: (value, values) => (!DATE.test(value) ? 'Give the last day of the audit.' : value < values.startsOn ? 'The audit cannot end before it starts.' : null),
      leadAuditor: (value) => (!value.trim() ? 'Name the lead auditor (and their firm, for an external audit).' : value.trim().length > 200 ? 'At most 200 characters.' : null),
    },
  });
  const submit = form.onSubmit(async (values) => {
    try {
      const result = await create({ variables: { input: { type: values.type as EngagementType, title: values.title.trim(), startsOn: values.startsOn, endsOn: values.endsOn, leadAuditor: values.leadAuditor.trim() } } });
      const engagement = result.data?.createEngagement;
      if (!engagement) return;
      notifySuccess('Engagement planned', `“${engagement.title}” is planned.`);
      onClose();
      void navigate(`/audit/engagements/${engagement.id}`);
    } catch (caught) {
      const fields = serverFieldErrors(caught);
      form.setErrors(fields);
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {error && Object.keys(serverFieldErrors(error)).length === 0 && <ErrorAlert title="The engagement was not created" error={error} />}
        <Select label="Kind of audit" withAsterisk data={(Object.keys(ENGAGEMENT_TYPE_LABEL) as EngagementType[]).map((value) => ({ value, label: ENGAGEMENT_TYPE_LABEL[value] }))} {...form.getInputProps('type')} />
        <TextInput label="Title" withAsterisk maxLength={200} {...form.getInputProps('title')} data-testid="engagement-title" />
        <Group grow>
          <TextInput type="date" label="Starts on" withAsterisk {...form.getInputProps('startsOn')} />
          <TextInput type="date" label="Ends on" withAsterisk {...form.getInputProps('endsOn')} />
        </Group>
        <TextInput label="Lead auditor" description="Name, and firm for a certification body audit." withAsterisk maxLength={200} {...form.getInputProps('leadAuditor')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={loading}>
            Plan the engagement
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

const FILTERS = ['status'] as const;

/** The audit engagements (internal audits and certification body audits), latest first, with their open findings. */
export function EngagementsListRoute() {
  const { activeRole } = useSession();
  const [creating, setCreating] = useState(false);
  const table = useTableState<'startsOn'>({ sort: 'startsOn', direction: 'desc', pageSize: 25, filters: FILTERS });
  const { data, loading, error, refetch } = useQuery(AuditEngagementsDocument, { fetchPolicy: 'cache-and-network' });
  const status = table.filters['status'] ?? '';
  const filtered = (data?.engagements ?? []).filter((engagement) => !status || engagement.status === status);
  const sorted = [...filtered].sort((a, b) => (table.direction === 'asc' ? a.startsOn.localeCompare(b.startsOn) : b.startsOn.localeCompare(a.startsOn)));
  const rows = sorted.slice((table.page - 1) * table.pageSize, table.page * table.pageSize);

  const columns: DataTableColumn<Engagement>[] = [
    {
      id: 'title',
      header: 'Engagement',
      cell: (engagement) => (
        <Anchor component={Link} to={`/audit/engagements/${engagement.id}`} fw={600} size="sm" data-testid="engagement-link">
          {engagement.title}
        </Anchor>
      ),
    },
    { id: 'type', header: 'Kind', cell: (engagement) => ENGAGEMENT_TYPE_LABEL[engagement.type] },
    { id: 'dates', header: 'Dates', sortKey: 'startsOn', cell: (engagement) => `${formatDate(engagement.startsOn)} – ${formatDate(engagement.endsOn)}` },
    { id: 'lead', header: 'Lead auditor', cell: (engagement) => engagement.leadAuditor },
    {
      id: 'status',
      header: 'Status',
      cell: (engagement) => (
        <StatusBadge colour={ENGAGEMENT_STATUS_COLOUR[engagement.status]}>
          {ENGAGEMENT_STATUS_LABEL[engagement.status]}
        </StatusBadge>
      ),
    },
    {
      id: 'findings',
      header: 'Open findings',
      align: 'right',
      cell: (engagement) => {
        const open = engagement.findings.filter((finding) => finding.status === 'OPEN');
        const nonconformities = open.filter((finding) => finding.severity === 'MAJOR_NONCONFORMITY' || finding.severity === 'MINOR_NONCONFORMITY').length;
        return (
          <Text size="sm">
            {open.length}
            {nonconformities > 0 && ` (${nonconformities} nonconformit${nonconformities === 1 ? 'y' : 'ies'})`}
          </Text>
        );
      },
    },
  ];

  return (
    <Page
      title="Audit engagements"
      description="Internal audits (clause 9.2) and certification body audits, with the findings raised in them."
      actions={
        roleMay(activeRole, PROGRAMME_MANAGERS) ? (
          <Button onClick={() => setCreating(true)} data-testid="engagement-new">
            Plan an engagement
          </Button>
        ) : undefined
      }
    >
      <Select
        label="Status"
        placeholder="Any status"
        clearable
        w={220}
        data={(Object.keys(ENGAGEMENT_STATUS_LABEL) as EngagementStatus[]).map((value) => ({ value, label: ENGAGEMENT_STATUS_LABEL[value] }))}
        value={status || null}
        onChange={(value) => table.setFilter('status', value ?? '')}
      />
      {error && !data && <ErrorAlert title="Could not load the engagements" error={error} onRetry={() => void refetch()} />}
      <DataTable
        label="Audit engagements"
        testId="engagements-table"
        columns={columns}
        rows={rows}
        rowId={(engagement) => engagement.id}
        rowProps={(engagement) => ({ 'data-engagement': engagement.title })}
        totalCount={filtered.length}
        page={table.page}
        pageSize={table.pageSize}
        onPageChange={table.setPage}
        onPageSizeChange={table.setPageSize}
        sort={table.sort}
        direction={table.direction}
        onSortChange={(_, direction) => table.setSort('startsOn', direction)}
        loading={loading && !data}
        empty={status ? 'No engagement has this status.' : 'No engagement is planned yet.'}
      />
      <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened={creating} onClose={() => setCreating(false)} title="Plan an audit engagement" size="lg">
        {creating && <CreateEngagementForm onClose={() => setCreating(false)} />}
      </Modal>
    </Page>
  );
}
