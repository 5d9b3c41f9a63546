import { useMutation, useQuery } from '@apollo/client/react';
import { FINDING_JUDGES, PROGRAMME_MANAGERS } from '@iso27001/authz/roles';
import { Alert, Button, Card, Group, List, Modal, Select, SimpleGrid, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { Page, Section } from '../../components/page';
import { StatusBadge } from '../../components/status-badge';
import {
  AuditCertificationDocument,
  AuditCreateCertificationCycleDocument,
  AuditCurrentScopeDocument,
  AuditLinkCycleEngagementDocument,
  AuditRecommendCertificationDocument,
  AuditRecordCertificateDocument,
  type AuditCertificationQuery,
  type CalendarEntryKind,
  type CertificationStatus,
  type CycleStage,
  type EngagementType,
} from '../../gql/graphql';
import { serverFieldErrors } from '../../lib/errors';
import { formatDate, todayIso } from '../../lib/format';
import { notifySuccess } from '../../lib/notify';
import { roleMay } from '../../lib/roles';
import { useSession } from '../../lib/session';

type Cycle = AuditCertificationQuery['certificationCycles'][number];
type Engagement = AuditCertificationQuery['engagements'][number];

const STATUS_LABEL: Record<CertificationStatus, string> = { PLANNED: 'Audits under way', RECOMMENDED: 'Recommended for certification', CERTIFIED: 'Certified' };
const STATUS_COLOUR: Record<CertificationStatus, string> = { PLANNED: 'blue', RECOMMENDED: 'violet', CERTIFIED: 'teal' };
const KIND_LABEL: Record<CalendarEntryKind, string> = {
  STAGE_1: 'Stage 1',
  STAGE_2: 'Stage 2',
  SURVEILLANCE_1: 'Surveillance 1',
  SURVEILLANCE_2: 'Surveillance 2',
  RECERTIFICATION: 'Recertification',
  EXPIRY: 'Expiry',
  ENGAGEMENT: 'Audit',
};
const STAGES: { stage: CycleStage; label: string; type: EngagementType; field: keyof Cycle }[] = [
  { stage: 'STAGE_1', label: 'Stage 1 (documentation review)', type: 'STAGE_1', field: 'stage1EngagementId' },
  { stage: 'STAGE_2', label: 'Stage 2 (operating effectiveness)', type: 'STAGE_2', field: 'stage2EngagementId' },
  { stage: 'SURVEILLANCE_1', label: 'First surveillance audit', type: 'SURVEILLANCE', field: 'surveillance1EngagementId' },
  { stage: 'SURVEILLANCE_2', label: 'Second surveillance audit', type: 'SURVEILLANCE', field: 'surveillance2EngagementId' },
  { stage: 'RECERTIFICATION', label: 'Recertification audit', type: 'RECERTIFICATION', field: 'recertificationEngagementId' },
];
const REFETCH = ['AuditCertification'];

function inYears(years: number): string {
  const date = new Date();
  date.setUTCFullYear(date.getUTCFullYear() + years);
  return date.toISOString().slice(0, 10);
}

function NewCycleForm({ onClose }: { onClose: () => void }) {
  const scope = useQuery(AuditCurrentScopeDocument);
  const [create, { loading, error }] = useMutation(AuditCreateCertificationCycleDocument, { refetchQueries: REFETCH, awaitRefetchQueries: true });
  const form = useForm({ initialValues: { certificationBody: '' }, validate: { certificationBody: (value) => (value.trim() ? null : 'Name the certification body.') } });
  const current = scope.data?.currentIsmsScope;
  const submit = form.onSubmit(async (values) => {
    if (!current) return;
    try {
      await create({ variables: { input: { certificationBody: values.certificationBody.trim(), scopeId: current.id } } });
      notifySuccess('Certification cycle started', `Scope version ${current.version} is to be certified.`);
      onClose();
    } catch (caught) {
      form.setErrors(serverFieldErrors(caught));
    }
  });
  if (scope.loading && !scope.data) return <Loading />;
  if (!current) return <Alert color="orange">No ISMS scope is approved yet: top management approves the scope before it can be certified.</Alert>;
  return (
    <form onSubmit={submit} noValidate data-testid="cycle-form">
      <Stack gap="sm">
        {error && Object.keys(serverFieldErrors(error)).length === 0 && <ErrorAlert title="The cycle was not started" error={error} />}
        <Text size="sm">
          Certifies the approved ISMS scope in force: version {current.version}, approved {formatDate(current.approvedAt)}.
        </Text>
        <TextInput label="Certification body" withAsterisk maxLength={200} {...form.getInputProps('certificationBody')} data-testid="cycle-body" />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={loading} data-testid="cycle-submit">
            Start the cycle
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function LinkStage({ cycle, stage, engagements }: { cycle: Cycle; stage: (typeof STAGES)[number]; engagements: Engagement[] }) {
  const [link, { loading, error }] = useMutation(AuditLinkCycleEngagementDocument, { refetchQueries: REFETCH, awaitRefetchQueries: true });
  const [choice, setChoice] = useState<string | null>(null);
  const options = engagements.filter((engagement) => engagement.type === stage.type).map((engagement) => ({ value: engagement.id, label: `${engagement.title} (${formatDate(engagement.startsOn)})` }));
  return (
    <Stack gap={4}>
      <Group gap="xs" align="flex-end">
        <Select label={`Link the ${stage.label.toLowerCase()}`} placeholder={options.length ? 'Choose an engagement' : 'No engagement of this type yet'} data={options} value={choice} onChange={setChoice} w={320} data-testid={`cycle-link-${stage.stage}`} />
        <Button
          variant="light"
          disabled={!choice}
          loading={loading}
          onClick={() =>
            void link({ variables: { input: { cycleId: cycle.id, stage: stage.stage, engagementId: choice! } } })
              .then(() => notifySuccess('Engagement linked', `It is the ${stage.label.toLowerCase()} of this cycle.`))
              .catch(() => undefined)
          }
          data-testid={`cycle-link-${stage.stage}-submit`}
        >
          Link
        </Button>
      </Group>
      {error && <ErrorAlert title="The engagement was not linked" error={error} />}
    </Stack>
  );
}

function RecommendForm({ cycle }: { cycle: Cycle }) {
  const [recommend, { loading, error }] = useMutation(AuditRecommendCertificationDocument, { refetchQueries: REFETCH, awaitRefetchQueries: true });
  const form = useForm({ initialValues: { comment: '' }, validate: { comment: (value) => (value.trim() ? null : 'Say on what the recommendation rests.') } });
  const submit = form.onSubmit(async (values) => {
    try {
      await recommend({ variables: { input: { cycleId: cycle.id, comment: values.comment.trim() } } });
      notifySuccess('Certification recommended', 'The certification body now issues the certificate.');
    } catch (caught) {
      form.setErrors(serverFieldErrors(caught));
    }
  });
  return (
    <form onSubmit={submit} noValidate data-testid="recommend-form">
      <Stack gap="xs">
        {error && Object.keys(serverFieldErrors(error)).length === 0 && <ErrorAlert title="Certification was not recommended" error={error} />}
        <Textarea label="Recommendation" withAsterisk autosize minRows={2} maxLength={4000} {...form.getInputProps('comment')} data-testid="recommend-comment" />
        <Group justify="flex-end">
          <Button type="submit" loading={loading} data-testid="recommend-submit">
            Recommend certification
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function CertificateForm({ cycle }: { cycle: Cycle }) {
  const [record, { loading, error }] = useMutation(AuditRecordCertificateDocument, { refetchQueries: REFETCH, awaitRefetchQueries: true });
  const form = useForm({
    initialValues: { certificateNumber: '', issuedOn: todayIso() },
    validate: { certificateNumber: (value) => (value.trim() ? null : 'The number on the certificate.'), issuedOn: (value) => (value ? null : 'The date on the certificate.') },
  });
  const submit = form.onSubmit(async (values) => {
    try {
      await record({ variables: { input: { cycleId: cycle.id, certificateNumber: values.certificateNumber.trim(), issuedOn: values.issuedOn } } });
      notifySuccess('Certificate recorded', 'Surveillance and recertification dates are set and reminded.');
    } catch (caught) {
      form.setErrors(serverFieldErrors(caught));
    }
  });
  return (
    <form onSubmit={submit} noValidate data-testid="certificate-form">
      <Stack gap="xs">
        {error && Object.keys(serverFieldErrors(error)).length === 0 && <ErrorAlert title="The certificate was not recorded" error={error} />}
        <Group grow>
          <TextInput label="Certificate number" withAsterisk maxLength={100} {...form.getInputProps('certificateNumber')} data-testid="certificate-number" />
          <TextInput type="date" label="Issued on" withAsterisk {...form.getInputProps('issuedOn')} data-testid="certificate-issued" />
        </Group>
        <Group justify="flex-end">
          <Button type="submit" loading={loading} data-testid="certificate-submit">
            Record the certificate
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function CycleCard({ cycle, engagements, managing, judging }: { cycle: Cycle; engagements: Engagement[]; managing: boolean; judging: boolean }) {
  const title = (id: string | null | undefined) => (id ? (engagements.find((engagement) => engagement.id === id)?.title ?? 'An engagement outside your access') : null);
  return (
    <Card withBorder data-testid="cycle-card">
      <Stack gap="sm">
        <Group justify="space-between">
          <div>
            <Text fw={700}>{cycle.certificationBody}</Text>
            <Text size="sm" c="dimmed">
              {cycle.standard}, ISMS scope version {cycle.scopeVersion}
            </Text>
          </div>
          <StatusBadge colour={STATUS_COLOUR[cycle.status]} data-testid="cycle-status">
            {STATUS_LABEL[cycle.status]}
          </StatusBadge>
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <List size="sm" spacing={2} data-testid="cycle-stages">
            {STAGES.map((stage) => (
              <List.Item key={stage.stage}>
                {stage.label}: {title(cycle[stage.field] as string | null) ?? <Text span c="dimmed">not linked</Text>}
              </List.Item>
            ))}
          </List>
          {cycle.certificateNumber ? (
            <List size="sm" spacing={2} data-testid="cycle-certificate">
              <List.Item>
                Certificate {cycle.certificateNumber}, issued {formatDate(cycle.issuedOn)}, expires {formatDate(cycle.expiresOn)}
              </List.Item>
              <List.Item>First surveillance by {formatDate(cycle.surveillance1DueOn)}</List.Item>
              <List.Item>Second surveillance by {formatDate(cycle.surveillance2DueOn)}</List.Item>
              <List.Item>Recertification by {formatDate(cycle.recertificationDueOn)}</List.Item>
            </List>
          ) : (
            <Text size="sm" c="dimmed">
              No certificate yet.
            </Text>
          )}
        </SimpleGrid>
        {cycle.status === 'PLANNED' && cycle.recommendationBlockers.length > 0 && (
          <Alert color="red" title="What blocks the certification recommendation" data-testid="cycle-blockers">
            <List size="sm">
              {cycle.recommendationBlockers.map((blocker) => (
                <List.Item key={blocker}>{blocker}</List.Item>
              ))}
            </List>
          </Alert>
        )}
        {cycle.recommendationComment && (
          <Text size="sm">
            Recommended {formatDate(cycle.recommendedAt)}: {cycle.recommendationComment}
          </Text>
        )}
        {managing &&
          STAGES.filter((stage) => {
            // Stage 1 and Stage 2 while the audits run; surveillance and recertification once certified.
            const certificationAudit = stage.stage === 'STAGE_1' || stage.stage === 'STAGE_2';
            return !cycle[stage.field] && (cycle.status === 'PLANNED' ? certificationAudit : cycle.status === 'CERTIFIED' && !certificationAudit);
          }).map((stage) => <LinkStage key={stage.stage} cycle={cycle} stage={stage} engagements={engagements} />)}
        {judging && cycle.status === 'PLANNED' && <RecommendForm cycle={cycle} />}
        {managing && cycle.status === 'RECOMMENDED' && <CertificateForm cycle={cycle} />}
      </Stack>
    </Card>
  );
}

/** The certification cycle: its audits, what blocks the recommendation, the certificate, and the calendar of every date. */
export function CertificationRoute() {
  const { activeRole } = useSession();
  const [from] = useState(() => todayIso());
  const [to] = useState(() => inYears(4));
  const [creating, setCreating] = useState(false);
  const { data, loading, error, refetch } = useQuery(AuditCertificationDocument, { variables: { from, to }, fetchPolicy: 'cache-and-network' });
  const managing = roleMay(activeRole, PROGRAMME_MANAGERS);
  const judging = roleMay(activeRole, FINDING_JUDGES);
  if (loading && !data) return <Loading />;
  return (
    <Page
      title="Certification"
      description="Stage 1, Stage 2, the certificate (three years), surveillance in years one and two, and recertification."
      actions={
        managing ? (
          <Button onClick={() => setCreating(true)} data-testid="cycle-new">
            Start a certification cycle
          </Button>
        ) : undefined
      }
    >
      {error && !data && <ErrorAlert title="Could not load the certification cycles" error={error} onRetry={() => void refetch()} />}
      {data && data.certificationCycles.length === 0 && <Text c="dimmed">No certification cycle has been started.</Text>}
      {data?.certificationCycles.map((cycle) => <CycleCard key={cycle.id} cycle={cycle} engagements={data.engagements} managing={managing} judging={judging} />)}
      {data && (
        <Section title="Calendar" testId="audit-calendar">
          {data.auditCalendar.length === 0 ? (
            <Text c="dimmed">Nothing is planned in the next four years.</Text>
          ) : (
            <Table striped aria-label="Audit calendar">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Date</Table.Th>
                  <Table.Th>What</Table.Th>
                  <Table.Th>Title</Table.Th>
                  <Table.Th>Done</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.auditCalendar.map((entry) => (
                  <Table.Tr key={`${entry.kind}-${entry.date}-${entry.title}`} data-testid="calendar-row">
                    <Table.Td>{formatDate(entry.date)}</Table.Td>
                    <Table.Td>{KIND_LABEL[entry.kind]}</Table.Td>
                    <Table.Td>{entry.title}</Table.Td>
                    <Table.Td>{entry.done ? 'Yes' : '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Section>
      )}
      <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened={creating} onClose={() => setCreating(false)} title="Start a certification cycle">
        {creating && <NewCycleForm onClose={() => setCreating(false)} />}
      </Modal>
    </Page>
  );
}
