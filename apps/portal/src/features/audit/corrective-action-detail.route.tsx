import { useMutation, useQuery } from '@apollo/client/react';
import { FINDING_JUDGES, PROGRAMME_MANAGERS } from '@iso27001/authz/roles';
import { Anchor, Button, Card, Group, List, SegmentedControl, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { Page, Section } from '../../components/page';
import { PersonSelect } from '../../components/person-select';
import { StatusBadge } from '../../components/status-badge';
import {
  AuditCheckCorrectiveActionDocument,
  AuditCorrectiveActionDocument,
  AuditImplementCorrectiveActionDocument,
  AuditMyCorrectiveActionsDocument,
  AuditPlanCorrectiveActionDocument,
  type CorrectiveActionFieldsFragment,
} from '../../gql/graphql';
import { serverFieldErrors } from '../../lib/errors';
import { formatDate, formatDateTime } from '../../lib/format';
import { notifySuccess } from '../../lib/notify';
import { roleMay } from '../../lib/roles';
import { useSession } from '../../lib/session';
import { SEVERITY_COLOUR, SEVERITY_LABEL } from './audit.format';
import { CORRECTIVE_ACTION_STATUS_COLOUR, CORRECTIVE_ACTION_STATUS_LABEL, MAY_PLAN } from './corrective-action.format';
import { EvidencePicker } from './evidence-picker';

type Action = CorrectiveActionFieldsFragment;

const REFETCH = ['AuditCorrectiveAction', 'AuditMyCorrectiveActions', 'AuditCorrectiveActions', 'AuditEngagement'];

function PlanForm({ action, managing }: { action: Action; managing: boolean }) {
  const [plan, { loading, error }] = useMutation(AuditPlanCorrectiveActionDocument, { refetchQueries: REFETCH, awaitRefetchQueries: true });
  const form = useForm({
    initialValues: {
      correction: action.correction ?? '',
      rootCause: action.rootCause ?? '',
      actionPlan: action.actionPlan ?? '',
      ownerPersonId: action.owner?.id ?? null,
      dueOn: action.dueOn as string | null,
    },
    validate: {
      correction: (value) => (value.trim() ? null : 'Say what was done at once to contain the nonconformity.'),
      rootCause: (value) => (value.trim() ? null : 'Say why it happened: the root cause.'),
      actionPlan: (value) => (value.trim() ? null : 'Say what will remove the root cause.'),
      ownerPersonId: (value) => (value ? null : 'Name who owns the action.'),
    },
  });
  const submit = form.onSubmit(async (values) => {
    try {
      await plan({
        variables: {
          input: {
            correctiveActionId: action.id,
            correction: values.correction.trim(),
            rootCause: values.rootCause.trim(),
            actionPlan: values.actionPlan.trim(),
            ...(managing ? { ownerPersonId: values.ownerPersonId, dueOn: values.dueOn } : {}),
          },
        },
      });
      notifySuccess('Corrective action planned', 'Record what was done, with its evidence, once it is done.');
    } catch (caught) {
      form.setErrors(serverFieldErrors(caught));
    }
  });
  return (
    <form onSubmit={submit} noValidate data-testid="ca-plan-form">
      <Stack gap="sm">
        {error && Object.keys(serverFieldErrors(error)).length === 0 && <ErrorAlert title="The plan was not saved" error={error} />}
        <Textarea label="Correction" description="What was done at once to contain it." withAsterisk autosize minRows={2} maxLength={4000} {...form.getInputProps('correction')} data-testid="ca-correction" />
        <Textarea label="Root cause" withAsterisk autosize minRows={2} maxLength={4000} {...form.getInputProps('rootCause')} data-testid="ca-root-cause" />
        <Textarea label="Action" description="What removes the root cause, so it does not happen again." withAsterisk autosize minRows={2} maxLength={4000} {...form.getInputProps('actionPlan')} data-testid="ca-action" />
        {managing && (
          <Group grow align="flex-start">
            <PersonSelect label="Owner" withAsterisk value={form.values.ownerPersonId} selected={action.owner} onChange={(id) => form.setFieldValue('ownerPersonId', id)} error={form.errors['ownerPersonId']} data-testid="ca-owner" />
            <TextInput type="date" label="Due" {...form.getInputProps('dueOn')} value={form.values.dueOn ?? ''} data-testid="ca-due" />
          </Group>
        )}
        <Group justify="flex-end">
          <Button type="submit" loading={loading} data-testid="ca-plan-submit">
            Save the plan
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function ImplementForm({ action }: { action: Action }) {
  const [implement, { loading, error }] = useMutation(AuditImplementCorrectiveActionDocument, { refetchQueries: REFETCH, awaitRefetchQueries: true });
  const form = useForm({
    initialValues: { completionNote: '', evidenceIds: [] as string[] },
    validate: {
      completionNote: (value) => (value.trim() ? null : 'Say what was done.'),
      evidenceIds: (value) => (value.length > 0 ? null : 'Choose at least one evidence item that shows it was done.'),
    },
  });
  const submit = form.onSubmit(async (values) => {
    try {
      await implement({ variables: { input: { correctiveActionId: action.id, completionNote: values.completionNote.trim(), evidenceIds: values.evidenceIds } } });
      notifySuccess('Recorded as implemented', 'An auditor now checks whether it was effective.');
    } catch (caught) {
      form.setErrors(serverFieldErrors(caught));
    }
  });
  return (
    <form onSubmit={submit} noValidate data-testid="ca-implement-form">
      <Stack gap="sm">
        {error && Object.keys(serverFieldErrors(error)).length === 0 && <ErrorAlert title="It was not recorded as implemented" error={error} />}
        <Textarea label="What was done" withAsterisk autosize minRows={2} maxLength={4000} {...form.getInputProps('completionNote')} data-testid="ca-completion-note" />
        <EvidencePicker label="Evidence that it was done" withAsterisk value={form.values.evidenceIds} onChange={(ids) => form.setFieldValue('evidenceIds', ids)} error={form.errors['evidenceIds']} data-testid="ca-evidence" />
        <Group justify="flex-end">
          <Button type="submit" loading={loading} data-testid="ca-implement-submit">
            Record as implemented
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function CheckForm({ action }: { action: Action }) {
  const [check, { loading, error }] = useMutation(AuditCheckCorrectiveActionDocument, { refetchQueries: REFETCH, awaitRefetchQueries: true });
  const form = useForm({
    initialValues: { effective: 'yes', note: '' },
    validate: { note: (value) => (value.trim() ? null : 'Say what you checked and what you found.') },
  });
  const submit = form.onSubmit(async (values) => {
    try {
      await check({ variables: { input: { correctiveActionId: action.id, effective: values.effective === 'yes', note: values.note.trim() } } });
      notifySuccess('Effectiveness recorded', values.effective === 'yes' ? 'The finding can now be closed.' : 'The owner is asked to plan it again.');
    } catch (caught) {
      form.setErrors(serverFieldErrors(caught));
    }
  });
  return (
    <form onSubmit={submit} noValidate data-testid="ca-check-form">
      <Stack gap="sm">
        {error && Object.keys(serverFieldErrors(error)).length === 0 && <ErrorAlert title="The check was not recorded" error={error} />}
        <SegmentedControl
          aria-label="Was the action effective?"
          data={[
            { value: 'yes', label: 'Effective' },
            { value: 'no', label: 'Not effective' },
          ]}
          {...form.getInputProps('effective')}
          data-testid="ca-effective"
        />
        <Textarea label="What you checked" withAsterisk autosize minRows={2} maxLength={4000} {...form.getInputProps('note')} data-testid="ca-check-note" />
        <Group justify="flex-end">
          <Button type="submit" loading={loading} data-testid="ca-check-submit">
            Record the check
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {label}
      </Text>
      <Text size="sm" component="div" style={{ whiteSpace: 'pre-wrap' }}>
        {children}
      </Text>
    </div>
  );
}

/**
 * One corrective action (clause 10.2): the nonconformity it remedies, its plan, its implementation with evidence and
 * the auditor's effectiveness check; the step that is due is offered to whoever may take it.
 */
export function CorrectiveActionDetailRoute() {
  const { correctiveActionId = '' } = useParams();
  const { activeRole } = useSession();
  const { data, loading, error, refetch } = useQuery(AuditCorrectiveActionDocument, { variables: { id: correctiveActionId }, fetchPolicy: 'cache-and-network' });
  const mine = useQuery(AuditMyCorrectiveActionsDocument, { fetchPolicy: 'cache-and-network' });
  if (loading && !data) return <Loading />;
  if (error && !data) {
    return (
      <Page title="Corrective action">
        <ErrorAlert title="Could not load the corrective action" error={error} onRetry={() => void refetch()} />
      </Page>
    );
  }
  if (!data) return null;
  const action = data.correctiveAction;
  const managing = roleMay(activeRole, PROGRAMME_MANAGERS);
  const owning = (mine.data?.myCorrectiveActions ?? []).some((candidate) => candidate.id === action.id);
  const mayWork = managing || owning;
  const mayJudge = roleMay(activeRole, FINDING_JUDGES);
  const against = action.finding.controlId ?? (action.finding.clause ? `Clause ${action.finding.clause}` : 'The management system');
  return (
    <Page title={`Corrective action: ${against}`} description={SEVERITY_LABEL[action.finding.severity]}>
      <Card withBorder>
        <SimpleGrid cols={{ base: 1, sm: 4 }}>
          <Field label="Status">
            <StatusBadge colour={CORRECTIVE_ACTION_STATUS_COLOUR[action.status]} data-testid="ca-status">
              {CORRECTIVE_ACTION_STATUS_LABEL[action.status]}
            </StatusBadge>
          </Field>
          <Field label="Due">
            <span data-testid="ca-due-on">{formatDate(action.dueOn)}</span>
            {action.overdue && (
              <StatusBadge colour="red" ml="xs">
                Overdue
              </StatusBadge>
            )}
          </Field>
          <Field label="Owner">{action.owner?.name ?? 'Not named yet'}</Field>
          <Field label="Finding">
            <StatusBadge colour={SEVERITY_COLOUR[action.finding.severity]}>{SEVERITY_LABEL[action.finding.severity]}</StatusBadge>
          </Field>
        </SimpleGrid>
        <Text size="sm" mt="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="ca-finding">
          {action.finding.description}
        </Text>
      </Card>

      {action.plannedAt && (
        <Section title="Plan" testId="ca-plan">
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Field label="Correction">{action.correction}</Field>
            <Field label="Root cause">{action.rootCause}</Field>
            <Field label="Action">{action.actionPlan}</Field>
          </SimpleGrid>
          <Text size="xs" c="dimmed">
            Planned {formatDateTime(action.plannedAt)}
          </Text>
        </Section>
      )}
      {action.implementedAt && (
        <Section title="Implementation" testId="ca-implementation">
          <Field label="What was done">{action.completionNote}</Field>
          <List size="sm" data-testid="ca-evidence-list">
            {action.evidence.map((item, index) =>
              item ? (
                <List.Item key={item.id}>
                  <Anchor component={Link} to={`/evidence/${item.id}`}>
                    {item.title}
                  </Anchor>{' '}
                  ({item.status.toLowerCase()})
                </List.Item>
              ) : (
                <List.Item key={`hidden-${index}`}>An evidence item you may not open</List.Item>
              ),
            )}
          </List>
          <Text size="xs" c="dimmed">
            Implemented {formatDateTime(action.implementedAt)}
          </Text>
        </Section>
      )}
      {action.effectivenessCheckedAt && (
        <Section title="Effectiveness check" testId="ca-check">
          <Field label={action.status === 'EFFECTIVE' ? 'Found effective' : 'Found not effective'}>{action.effectivenessNote}</Field>
          <Text size="xs" c="dimmed">
            Checked {formatDateTime(action.effectivenessCheckedAt)}
          </Text>
        </Section>
      )}

      {mayWork && MAY_PLAN.includes(action.status) && (
        <Section title={action.status === 'NOT_EFFECTIVE' ? 'Plan it again' : action.plannedAt ? 'Revise the plan' : 'Plan the corrective action'}>
          <PlanForm key={action.status} action={action} managing={managing} />
        </Section>
      )}
      {mayWork && action.status === 'PLANNED' && (
        <Section title="Record it as implemented">
          <ImplementForm action={action} />
        </Section>
      )}
      {mayJudge && action.status === 'IMPLEMENTED' && (
        <Section title="Check its effectiveness">
          <Text size="sm" c="dimmed">
            Only an auditor who neither owns, planned nor implemented the action may judge it.
          </Text>
          <CheckForm action={action} />
        </Section>
      )}
      <Group gap="md">
        {owning && (
          <Anchor component={Link} to="/my/corrective-actions" size="sm">
            My corrective actions
          </Anchor>
        )}
        {roleMay(activeRole, FINDING_JUDGES) || managing ? (
          <Anchor component={Link} to="/audit/corrective-actions" size="sm">
            All corrective actions
          </Anchor>
        ) : null}
      </Group>
    </Page>
  );
}
