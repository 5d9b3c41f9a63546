import { useMutation, useQuery } from '@apollo/client/react';
import { BarChart, LineChart } from '@mantine/charts';
import { Anchor, Button, Group, Modal, Pagination, Progress, Stack, Table, Text, Textarea, VisuallyHidden } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../../components/error-alert';
import { Loading } from '../../../components/loading';
import { Page, Section } from '../../../components/page';
import { StatusBadge } from '../../../components/status-badge';
import { useUnitOptions } from '../../../components/unit-select';
import {
  CampaignAssignmentsDocument,
  CampaignCloseDocument,
  CampaignCompletionDetailDocument,
  CampaignDetailDocument,
  CampaignExemptDocument,
  CampaignLaunchDocument,
  CampaignSnapshotDocument,
} from '../../../gql/graphql';
import { describeError } from '../../../lib/errors';
import { notifyFailure, notifySuccess } from '../../../lib/notify';
import { audienceLabel, CAMPAIGN_STATUS_LABEL, progressPercent, recurrenceLabel } from './campaign.format';

/** One campaign: its settings, launch and enrolment progress, completion by unit and over time, and its assignments. */
export function CampaignDetailRoute() {
  const { campaignId = '' } = useParams();
  const { data, loading, error, refetch, startPolling, stopPolling } = useQuery(CampaignDetailDocument, { variables: { id: campaignId } });
  const { options } = useUnitOptions();
  const unitNames = useMemo(() => new Map(options.map((option) => [option.value, option.label])), [options]);
  const [launch, launching] = useMutation(CampaignLaunchDocument);
  const [close, closing] = useMutation(CampaignCloseDocument);
  const status = data?.campaign.status;

  // While a round enrols, read its progress twice a second.
  useEffect(() => {
    if (status === 'ENROLLING') startPolling(500);
    else stopPolling();
    return () => stopPolling();
  }, [status, startPolling, stopPolling]);

  if (loading && !data) return <Loading />;
  if (error && !data) {
    return (
      <Page title="Campaign">
        <ErrorAlert title="Could not load the campaign" error={error} onRetry={() => void refetch()} />
      </Page>
    );
  }
  const campaign = data?.campaign;
  if (!campaign) return <Page title="Campaign not found">{null}</Page>;
  const badge = CAMPAIGN_STATUS_LABEL[campaign.status] ?? { label: campaign.status, colour: 'gray' };

  const onLaunch = async () => {
    try {
      await launch({ variables: { id: campaign.id } });
      await refetch();
    } catch (failure) {
      notifyFailure('The campaign was not launched', describeError(failure).summary);
    }
  };
  const onClose = async () => {
    try {
      await close({ variables: { id: campaign.id } });
      notifySuccess('Campaign closed', 'Nobody more is enrolled; open assignments stay owed.');
    } catch (failure) {
      notifyFailure('The campaign was not closed', describeError(failure).summary);
    }
  };

  return (
    <Page
      title={campaign.name}
      description={
        <>
          <Anchor component={Link} to="/training/campaigns" underline="always">
            Campaigns
          </Anchor>{' '}
          · {campaign.course.title} · {audienceLabel(campaign, unitNames)} · due {campaign.dueDays} days after enrolment · {recurrenceLabel(campaign.recurrence, campaign.recurrenceMonths)}
        </>
      }
      actions={
        <>
          {campaign.status === 'DRAFT' && (
            <Button data-testid="campaign-launch" onClick={() => void onLaunch()} loading={launching.loading}>
              Launch
            </Button>
          )}
          {campaign.status === 'LAUNCHED' && (
            <Button variant="default" onClick={() => void onClose()} loading={closing.loading}>
              Close campaign
            </Button>
          )}
        </>
      }
    >
      <Group gap="sm">
        <StatusBadge colour={badge.colour} data-testid="campaign-status">
          {badge.label}
        </StatusBadge>
        {campaign.round > 0 && <Text size="sm">Round {campaign.round}</Text>}
        {campaign.nextRoundOn && <Text size="sm">Next round on {campaign.nextRoundOn}</Text>}
      </Group>
      {campaign.status !== 'DRAFT' && (
        <Stack gap={4} data-testid="campaign-progress">
          <Text size="sm" data-testid="campaign-enrolled">
            {campaign.enrolledCount} of {campaign.targetCount} people enrolled
          </Text>
          <Progress value={progressPercent(campaign)} aria-label="Enrolment progress" />
        </Stack>
      )}
      {campaign.status !== 'DRAFT' && <CompletionSection campaignId={campaign.id} />}
      {campaign.status !== 'DRAFT' && <AssignmentsSection campaignId={campaign.id} />}
    </Page>
  );
}

function CompletionSection({ campaignId }: { campaignId: string }) {
  const { data, error, refetch } = useQuery(CampaignCompletionDetailDocument, { variables: { id: campaignId }, fetchPolicy: 'cache-and-network' });
  const [snapshot, snapshotting] = useMutation(CampaignSnapshotDocument);
  if (error && !data) return <ErrorAlert title="Could not load the completion figures" error={error} onRetry={() => void refetch()} />;
  if (!data) return <Loading label="Loading completion…" />;
  const completion = data.campaignCompletion;
  const record = async () => {
    try {
      await snapshot();
      await refetch();
    } catch (failure) {
      notifyFailure("Today's figures were not recorded", describeError(failure).summary);
    }
  };
  return (
    <Section
      title="Completion"
      testId="campaign-completion"
      actions={
        <Button data-testid="campaign-snapshot" size="xs" variant="default" onClick={() => void record()} loading={snapshotting.loading}>
          Record today&apos;s figures
        </Button>
      }
    >
      <Stack gap="md">
        <Text size="sm" data-testid="campaign-completion-total">
          {completion.completed} of {completion.total} completed ({completion.rate} %) · {completion.overdue} overdue · {completion.exempt} exempt
        </Text>
        {completion.units.length > 0 && (
          <BarChart
            h={Math.max(160, completion.units.length * 32 + 60)}
            data={completion.units.map((unit) => ({ unit: unit.unitName, Completed: unit.completed, Open: unit.total - unit.completed }))}
            dataKey="unit"
            type="stacked"
            orientation="vertical"
            yAxisProps={{ width: 170 }}
            series={[
              { name: 'Completed', color: 'teal.7' },
              { name: 'Open', color: 'gray.5' },
            ]}
            withLegend
            aria-label="Completion per unit, sub-units included"
            role="img"
            data-testid="campaign-unit-chart"
          />
        )}
        <Table withTableBorder data-testid="campaign-unit-rates">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Unit (with sub-units)</Table.Th>
              <Table.Th style={{ textAlign: 'right' }}>Owed</Table.Th>
              <Table.Th style={{ textAlign: 'right' }}>Completed</Table.Th>
              <Table.Th style={{ textAlign: 'right' }}>Rate</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {completion.units.map((unit) => (
              <Table.Tr key={unit.unitId} data-testid="campaign-unit-rate" data-unit={unit.unitName}>
                <Table.Td>{unit.unitName}</Table.Td>
                <Table.Td style={{ textAlign: 'right' }}>{unit.total}</Table.Td>
                <Table.Td style={{ textAlign: 'right' }}>{unit.completed}</Table.Td>
                <Table.Td style={{ textAlign: 'right' }}>{unit.rate} %</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {data.campaignCompletionHistory.length > 0 ? (
          <LineChart
            h={200}
            data={data.campaignCompletionHistory.map((point) => ({ day: point.day, 'Completion %': point.rate }))}
            dataKey="day"
            series={[{ name: 'Completion %', color: 'indigo.7' }]}
            yAxisProps={{ domain: [0, 100] }}
            aria-label="Completion over time"
            role="img"
            data-testid="campaign-trend-chart"
          />
        ) : (
          <Text size="sm" c="dimmed">
            The trend appears once the daily figures are recorded.
          </Text>
        )}
      </Stack>
    </Section>
  );
}

const STATUS_WORDS: Record<string, string> = {
  ASSIGNED: 'Assigned',
  IN_PROGRESS: 'In progress',
  COMPLETED: 'Completed',
  OVERDUE: 'Overdue',
  EXEMPT: 'Exempt',
  WITHDRAWN: 'Withdrawn',
};

function AssignmentsSection({ campaignId }: { campaignId: string }) {
  const [page, setPage] = useState(1);
  const { data, error, refetch } = useQuery(CampaignAssignmentsDocument, { variables: { campaignId, offset: (page - 1) * 50 } });
  const [exempting, setExempting] = useState<{ id: string; name: string } | null>(null);
  if (error && !data) return <ErrorAlert title="Could not load the assignments" error={error} onRetry={() => void refetch()} />;
  if (!data) return <Loading label="Loading assignments…" />;
  const { totalCount, nodes } = data.assignmentPage;
  return (
    <Section title={`Assignments (${totalCount})`} testId="campaign-assignments">
      <Table striped withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Person</Table.Th>
            <Table.Th>Due</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Note</Table.Th>
            <Table.Th>
              <VisuallyHidden>Exemption</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {nodes.map((assignment) => {
            const name = assignment.person.name;
            const open = ['ASSIGNED', 'IN_PROGRESS', 'OVERDUE'].includes(assignment.status);
            return (
              <Table.Tr key={assignment.id} data-testid="campaign-assignment" data-person={name} data-status={assignment.status}>
                <Table.Td>{name}</Table.Td>
                <Table.Td>{assignment.dueOn}</Table.Td>
                <Table.Td>{assignment.overdue && assignment.status !== 'OVERDUE' ? 'Overdue' : (STATUS_WORDS[assignment.status] ?? assignment.status)}</Table.Td>
                <Table.Td data-testid="campaign-assignment-note">{assignment.exemptReason ?? (assignment.withdrawnAt ? `Left the audience ${assignment.withdrawnAt.slice(0, 10)}` : '')}</Table.Td>
                <Table.Td>
                  {open && (
                    <Button size="xs" variant="subtle" onClick={() => setExempting({ id: assignment.id, name })} aria-label={`Exempt ${name}`}>
                      Exempt
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      {totalCount > 50 && <Pagination mt="sm" total={Math.ceil(totalCount / 50)} value={page} onChange={setPage} />}
      <ExemptModal assignment={exempting} onClose={() => setExempting(null)} onDone={() => void refetch()} />
    </Section>
  );
}

function ExemptModal({ assignment, onClose, onDone }: { assignment: { id: string; name: string } | null; onClose: () => void; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const [exempt, exemption] = useMutation(CampaignExemptDocument, { refetchQueries: ['CampaignCompletionDetail'] });
  const tooShort = reason.trim().length < 3;
  const submit = async () => {
    if (!assignment) return;
    try {
      await exempt({ variables: { input: { assignmentId: assignment.id, reason } } });
      notifySuccess('Exemption granted', `${assignment.name} need not take this course.`);
      setReason('');
      onDone();
      onClose();
    } catch (failure) {
      notifyFailure('The exemption was not granted', describeError(failure).summary);
    }
  };
  return (
    <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened={assignment !== null} onClose={onClose} title={assignment ? `Exempt ${assignment.name}` : 'Exempt'}>
      <Stack gap="sm">
        <Textarea data-testid="exempt-reason" label="Reason" description="Required: why this person need not take the course" required value={reason} onChange={(event) => setReason(event.currentTarget.value)} autosize minRows={2} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button data-testid="exempt-submit" onClick={() => void submit()} disabled={tooShort} loading={exemption.loading}>
            Grant exemption
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
