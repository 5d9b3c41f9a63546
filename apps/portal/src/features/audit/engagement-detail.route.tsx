import { useMutation, useQuery } from '@apollo/client/react';
import { CombinedGraphQLErrors } from '@apollo/client';
import { AUDIT_GRANT_READERS, FINDING_JUDGES, FINDING_RAISERS, PROGRAMME_MANAGERS } from '@iso27001/authz/roles';
import { Anchor, Button, Card, Group, Modal, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { modals } from '@mantine/modals';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { StatusBadge } from '../../components/status-badge';
import { DataTable, type DataTableColumn } from '../../components/data-table';
import { ErrorAlert } from '../../components/error-alert';
import { PersonSelect } from '../../components/person-select';
import { Loading } from '../../components/loading';
import { Page, Section } from '../../components/page';
import {
  AuditEngagementDocument,
  AuditCloseFindingDocument,
  AuditFindingOptionsDocument,
  AuditRaiseFindingDocument,
  AuditSetEngagementStatusDocument,
  type AuditEngagementQuery,
  type EngagementStatus,
  type FindingSeverity,
} from '../../gql/graphql';
import { serverFieldErrors } from '../../lib/errors';
import { formatDate, formatDateTime } from '../../lib/format';
import { roleMay } from '../../lib/roles';
import { useSession } from '../../lib/session';
import { tokenSubject } from '../../lib/token';
import { notifySuccess } from '../../lib/notify';
import {
  CLAUSE_PATTERN,
  ENGAGEMENT_STATUS_COLOUR,
  ENGAGEMENT_STATUS_LABEL,
  ENGAGEMENT_TYPE_LABEL,
  NEXT_ENGAGEMENT_STATUSES,
  SEVERITIES,
  SEVERITY_COLOUR,
  SEVERITY_LABEL,
} from './audit.format';
import { CORRECTIVE_ACTION_STATUS_COLOUR, CORRECTIVE_ACTION_STATUS_LABEL } from './corrective-action.format';
import { EngagementRequests } from './audit-requests';
import { EngagementGrants } from './engagement-grants';

/** Closing a finding: the auditor's comment; a nonconformity only once its corrective action was found effective. */
function CloseFindingForm({ finding, onClose }: { finding: Finding; onClose: () => void }) {
  const [close, { loading, error }] = useMutation(AuditCloseFindingDocument, { refetchQueries: ['AuditEngagement'], awaitRefetchQueries: true });
  const form = useForm({ initialValues: { comment: '' }, validate: { comment: (value) => (value.trim() ? null : 'Say why the finding can be closed.') } });
  const submit = form.onSubmit(async (values) => {
    try {
      await close({ variables: { input: { findingId: finding.id, comment: values.comment.trim() } } });
      notifySuccess('Finding closed', 'Its control no longer counts as nonconforming for it.');
      onClose();
    } catch (caught) {
      form.setErrors(serverFieldErrors(caught));
    }
  });
  return (
    <form onSubmit={submit} noValidate data-testid="finding-close-form">
      <Stack gap="sm">
        {error && Object.keys(serverFieldErrors(error)).length === 0 && <ErrorAlert title="The finding was not closed" error={error} />}
        <Textarea label="Closing comment" withAsterisk autosize minRows={3} maxLength={4000} {...form.getInputProps('comment')} data-testid="finding-close-comment" />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={loading} data-testid="finding-close-submit">
            Close the finding
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

type Finding = AuditEngagementQuery['findings'][number];

interface FindingValues {
  severity: FindingSeverity | '';
  clause: string;
  controlId: string | null;
  description: string;
  ownerId: string | null;
  dueOn: string;
}

const NONCONFORMITIES: readonly (FindingSeverity | '')[] = ['MAJOR_NONCONFORMITY', 'MINOR_NONCONFORMITY'];

function codeOf(error: unknown): string | null {
  if (!CombinedGraphQLErrors.is(error)) return null;
  const code = error.errors[0]?.extensions?.['code'];
  return typeof code === 'string' ? code : null;
}

function RaiseFindingForm({ engagementId, onClose }: { engagementId: string; onClose: () => void }) {
  const options = useQuery(AuditFindingOptionsDocument);
  const [raise, { error, loading }] = useMutation(AuditRaiseFindingDocument, { refetchQueries: ['AuditEngagement', 'AuditEngagements'], awaitRefetchQueries: true });
  const form = useForm<FindingValues>({
    initialValues: { severity: '', clause: '', controlId: null, description: '', ownerId: null, dueOn: '' },
    validate: {
      severity: (value) => (value ? null : 'Choose how serious the finding is.'),
      clause: (value) => (!value.trim() || CLAUSE_PATTERN.test(value.trim()) ? null : 'A clause of ISO/IEC 27001:2022 from 4 to 10, e.g. 9.2 or 7.5.3.'),
      description: (value) => (!value.trim() ? 'Describe the finding: what was seen, against which requirement.' : value.length > 10_000 ? 'At most 10,000 characters.' : null),
    },
  });
  const controls = (options.data?.controls ?? []).map((control) => ({ value: control.id, label: `${control.id} ${control.title}` }));
  const submit = form.onSubmit(async (values) => {
    try {
      await raise({
        variables: {
          input: {
            engagementId,
            severity: values.severity as FindingSeverity,
            clause: values.clause.trim() || null,
            controlId: values.controlId,
            description: values.description.trim(),
            ...(NONCONFORMITIES.includes(values.severity) ? { correctiveActionOwnerId: values.ownerId, correctiveActionDueOn: values.dueOn || null } : {}),
          },
        },
      });
      notifySuccess('Finding raised', `${SEVERITY_LABEL[values.severity as FindingSeverity]} recorded on this engagement.`);
      onClose();
    } catch (caught) {
      const fields = serverFieldErrors(caught);
      if (codeOf(caught) === 'UNKNOWN_CONTROL') fields['controlId'] = 'Not a control of ISO/IEC 27001:2022 Annex A.';
      form.setErrors(fields);
    }
  });
  const fieldErrors = error ? serverFieldErrors(error) : {};
  return (
    <form onSubmit={submit} noValidate data-testid="finding-form">
      <Stack gap="sm">
        {error && Object.keys(fieldErrors).length === 0 && codeOf(error) !== 'UNKNOWN_CONTROL' && <ErrorAlert title="The finding was not raised" error={error} />}
        <Select label="Severity" withAsterisk data={SEVERITIES.map((value) => ({ value, label: SEVERITY_LABEL[value] }))} {...form.getInputProps('severity')} data-testid="finding-severity" />
        <Group grow align="flex-start">
          <TextInput label="Clause" description="Of ISO/IEC 27001:2022, e.g. 9.2 (optional)." {...form.getInputProps('clause')} data-testid="finding-clause" />
          <Select
            label="Annex A control"
            description="The control concerned (optional)."
            data={controls}
            searchable
            clearable
            nothingFoundMessage={options.loading ? 'Loading the controls…' : 'No control matches'}
            {...form.getInputProps('controlId')}
            data-testid="finding-control"
          />
        </Group>
        <Textarea
          label="Description"
          description="What was seen, the evidence, and the requirement it falls short of."
          withAsterisk
          autosize
          minRows={4}
          maxLength={10_000}
          {...form.getInputProps('description')}
          data-testid="finding-description"
        />
        {NONCONFORMITIES.includes(form.values.severity) && (
          <Group grow align="flex-start">
            <PersonSelect
              label="Corrective action owner"
              description="Who remedies it (can be named later by the ISMS manager)."
              value={form.values.ownerId}
              onChange={(id) => form.setFieldValue('ownerId', id)}
              error={form.errors['correctiveActionOwnerId']}
              data-testid="finding-ca-owner"
            />
            <TextInput
              type="date"
              label="Corrective action due"
              description="Default: 30 days for a major, 90 for a minor."
              {...form.getInputProps('dueOn')}
              error={form.errors['correctiveActionDueOn']}
              data-testid="finding-ca-due"
            />
          </Group>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={loading} data-testid="finding-submit">
            Raise the finding
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function StatusControl({ engagement }: { engagement: NonNullable<AuditEngagementQuery['engagement']> }) {
  const next = NEXT_ENGAGEMENT_STATUSES[engagement.status];
  const [choice, setChoice] = useState<EngagementStatus | null>(next[0] ?? null);
  const [setStatus, { loading, error }] = useMutation(AuditSetEngagementStatusDocument, { refetchQueries: ['AuditEngagements'] });
  if (next.length === 0) return null;
  const apply = () => {
    if (!choice) return;
    modals.openConfirmModal({
      closeButtonProps: { 'aria-label': 'Close' },
      title: `Mark “${engagement.title}” as ${ENGAGEMENT_STATUS_LABEL[choice].toLowerCase()}?`,
      children: (
        <Text size="sm">
          {choice === 'CLOSED' ? 'Once closed, no more findings can be raised on it, and it cannot be reopened.' : 'The audit is under way: findings are raised as they are found.'}
        </Text>
      ),
      labels: { confirm: `Mark as ${ENGAGEMENT_STATUS_LABEL[choice].toLowerCase()}`, cancel: 'Cancel' },
      onConfirm: () => {
        void setStatus({ variables: { input: { id: engagement.id, status: choice } } })
          .then(() => notifySuccess('Status changed', `“${engagement.title}” is ${ENGAGEMENT_STATUS_LABEL[choice].toLowerCase()}.`))
          .catch(() => undefined);
      },
    });
  };
  return (
    <Stack gap="xs">
      <Group gap="sm" align="flex-end">
        <Select
          label="Move to"
          data={next.map((value) => ({ value, label: ENGAGEMENT_STATUS_LABEL[value] }))}
          value={choice}
          onChange={(value) => setChoice(value as EngagementStatus | null)}
          allowDeselect={false}
          w={180}
          data-testid="engagement-next-status"
        />
        <Button variant="default" onClick={apply} loading={loading} data-testid="engagement-set-status">
          Change status
        </Button>
      </Group>
      {error && <ErrorAlert title="The status was not changed" error={error} />}
    </Stack>
  );
}

/** One engagement: its dates, lead auditor and status, the findings raised in it, and raising a new one. */
export function EngagementDetailRoute() {
  const { engagementId = '' } = useParams();
  const { session, activeRole } = useSession();
  const me = tokenSubject(session?.accessToken);
  const [raising, setRaising] = useState(false);
  const [closing, setClosing] = useState<Finding | null>(null);
  const { data, loading, error, refetch } = useQuery(AuditEngagementDocument, { variables: { id: engagementId }, fetchPolicy: 'cache-and-network' });

  if (loading && !data) return <Loading />;
  if (error && !data) {
    return (
      <Page title="Audit engagement">
        <ErrorAlert title="Could not load the engagement" error={error} onRetry={() => void refetch()}>
          <Button component={Link} to="/audit/engagements" size="xs" variant="light" color="red">
            All engagements
          </Button>
        </ErrorAlert>
      </Page>
    );
  }
  if (!data) return null;
  const { engagement, findings } = data;
  const mayRaise = roleMay(activeRole, FINDING_RAISERS) && engagement.status !== 'CLOSED';
  const mayJudge = roleMay(activeRole, FINDING_JUDGES);

  const columns: DataTableColumn<Finding>[] = [
    {
      id: 'severity',
      header: 'Severity',
      width: 230,
      cell: (finding) => (
        <StatusBadge colour={SEVERITY_COLOUR[finding.severity]}>
          {SEVERITY_LABEL[finding.severity]}
        </StatusBadge>
      ),
    },
    {
      id: 'description',
      header: 'Finding',
      cell: (finding) => (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="finding-text">
          {finding.description}
        </Text>
      ),
    },
    { id: 'clause', header: 'Clause', cell: (finding) => finding.clause ?? '—' },
    { id: 'control', header: 'Control', cell: (finding) => (finding.control ? `${finding.control.id} ${finding.control.title}` : '—') },
    {
      id: 'action',
      header: 'Corrective action',
      cell: (finding) =>
        finding.correctiveAction ? (
          <Stack gap={2}>
            <Anchor component={Link} to={`/audit/corrective-actions/${finding.correctiveAction.id}`} size="sm">
              <StatusBadge colour={CORRECTIVE_ACTION_STATUS_COLOUR[finding.correctiveAction.status]}>{CORRECTIVE_ACTION_STATUS_LABEL[finding.correctiveAction.status]}</StatusBadge>
            </Anchor>
            <Text size="xs" c={finding.correctiveAction.overdue ? 'red' : 'dimmed'}>
              {finding.correctiveAction.owner?.name ?? 'No owner yet'} · due {formatDate(finding.correctiveAction.dueOn)}
              {finding.correctiveAction.overdue ? ' (overdue)' : ''}
            </Text>
          </Stack>
        ) : (
          '—'
        ),
    },
    {
      id: 'status',
      header: 'Status',
      cell: (finding) =>
        finding.status === 'CLOSED' ? (
          <Text size="sm" title={finding.closureComment ?? undefined}>
            Closed {formatDate(finding.closedAt)}
          </Text>
        ) : mayJudge && (!finding.correctiveAction || finding.correctiveAction.status === 'EFFECTIVE') ? (
          <Button size="compact-xs" variant="light" onClick={() => setClosing(finding)} data-testid="finding-close">
            Close
          </Button>
        ) : (
          'Open'
        ),
    },
    { id: 'raised', header: 'Raised', cell: (finding) => `${formatDateTime(finding.raisedAt)}${finding.raisedBy === me ? ' by you' : ''}` },
  ];

  return (
    <Page
      title={engagement.title}
      description={ENGAGEMENT_TYPE_LABEL[engagement.type]}
      actions={
        mayRaise ? (
          <Button onClick={() => setRaising(true)} data-testid="finding-new">
            Raise a finding
          </Button>
        ) : undefined
      }
    >
      <Card withBorder>
        <SimpleGrid cols={{ base: 1, sm: 4 }}>
          <div>
            <Text size="xs" c="dimmed" fw={600} tt="uppercase">
              Status
            </Text>
            <StatusBadge colour={ENGAGEMENT_STATUS_COLOUR[engagement.status]} data-testid="engagement-status">
              {ENGAGEMENT_STATUS_LABEL[engagement.status]}
            </StatusBadge>
          </div>
          <div>
            <Text size="xs" c="dimmed" fw={600} tt="uppercase">
              Dates
            </Text>
            <Text size="sm">
              {formatDate(engagement.startsOn)} – {formatDate(engagement.endsOn)}
            </Text>
          </div>
          <div>
            <Text size="xs" c="dimmed" fw={600} tt="uppercase">
              Lead auditor
            </Text>
            <Text size="sm">{engagement.leadAuditor}</Text>
          </div>
          {roleMay(activeRole, PROGRAMME_MANAGERS) && <StatusControl key={engagement.status} engagement={engagement} />}
        </SimpleGrid>
      </Card>
      {engagement.status === 'CLOSED' && <Text size="sm">This engagement is closed: its findings are final and no more can be raised.</Text>}
      <Section title={`Findings (${findings.length})`} testId="findings">
        <DataTable
          label={`Findings of ${engagement.title}`}
          testId="findings-table"
          columns={columns}
          rows={findings}
          rowId={(finding) => finding.id}
          empty="No finding has been raised in this engagement yet."
        />
      </Section>
      <EngagementRequests engagementId={engagement.id} closed={engagement.status === 'CLOSED'} />
      {roleMay(activeRole, AUDIT_GRANT_READERS) && <EngagementGrants engagementId={engagement.id} closed={engagement.status === 'CLOSED'} />}
      <Text size="sm">
        <Anchor component={Link} to="/audit/engagements">
          All engagements
        </Anchor>
      </Text>
      <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened={closing !== null} onClose={() => setClosing(null)} title="Close the finding" size="lg">
        {closing && <CloseFindingForm finding={closing} onClose={() => setClosing(null)} />}
      </Modal>
      <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened={raising} onClose={() => setRaising(false)} title={`Raise a finding in “${engagement.title}”`} size="lg">
        {raising && <RaiseFindingForm engagementId={engagement.id} onClose={() => setRaising(false)} />}
      </Modal>
    </Page>
  );
}
