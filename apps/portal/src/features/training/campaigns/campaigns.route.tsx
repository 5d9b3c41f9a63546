import { useLazyQuery, useMutation, useQuery } from '@apollo/client/react';
import { Anchor, Button, Checkbox, Group, Modal, NumberInput, Progress, Select, Stack, Table, TagsInput, Text, TextInput } from '@mantine/core';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ErrorAlert } from '../../../components/error-alert';
import { Loading } from '../../../components/loading';
import { Page } from '../../../components/page';
import { StatusBadge } from '../../../components/status-badge';
import { UnitMultiSelect, useUnitOptions } from '../../../components/unit-select';
import { CampaignAudiencePreviewDocument, CampaignCourseOptionsDocument, CampaignCreateDocument, CampaignsListDocument, type CampaignRecurrence } from '../../../gql/graphql';
import { describeError } from '../../../lib/errors';
import { notifyFailure, notifySuccess } from '../../../lib/notify';
import { audienceLabel, CAMPAIGN_STATUS_LABEL, progressPercent, recurrenceLabel } from './campaign.format';

/** The ISMS manager's training campaigns: each one's course, audience, status and enrolment; a new one from a form. */
export function CampaignsRoute() {
  const { data, loading, error, refetch } = useQuery(CampaignsListDocument);
  const { options } = useUnitOptions();
  const unitNames = useMemo(() => new Map(options.map((option) => [option.value, option.label])), [options]);
  const [creating, setCreating] = useState(false);

  let body;
  if (error && !data) body = <ErrorAlert title="Could not load the campaigns" error={error} onRetry={() => void refetch()} />;
  else if (loading && !data) body = <Loading label="Loading campaigns…" />;
  else if ((data?.campaigns ?? []).length === 0) body = <Text c="dimmed" size="sm">No campaign yet: create one to assign a course to a department, a job role or everyone.</Text>;
  else {
    body = (
      <Table striped withTableBorder data-testid="campaigns-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Campaign</Table.Th>
            <Table.Th>Course</Table.Th>
            <Table.Th>Audience</Table.Th>
            <Table.Th>Due</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Enrolled</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data?.campaigns.map((campaign) => {
            const status = CAMPAIGN_STATUS_LABEL[campaign.status] ?? { label: campaign.status, colour: 'gray' };
            return (
              <Table.Tr key={campaign.id} data-testid="campaign-row" data-campaign={campaign.name}>
                <Table.Td>
                  <Anchor component={Link} to={`/training/campaigns/${campaign.id}`}>
                    {campaign.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>{campaign.course.title}</Table.Td>
                <Table.Td>{audienceLabel(campaign, unitNames)}</Table.Td>
                <Table.Td>
                  {campaign.dueDays} days after enrolment · {recurrenceLabel(campaign.recurrence, campaign.recurrenceMonths)}
                </Table.Td>
                <Table.Td>
                  <StatusBadge colour={status.colour}>{status.label}</StatusBadge>
                </Table.Td>
                <Table.Td>
                  {campaign.status === 'DRAFT' ? '—' : `${campaign.enrolledCount} of ${campaign.targetCount}`}
                  {campaign.status === 'ENROLLING' && <Progress value={progressPercent(campaign)} size="sm" mt={4} aria-label={`Enrolment of ${campaign.name}`} />}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    );
  }
  return (
    <Page
      title="Training campaigns"
      description="Courses set for departments (with their sub-units), job roles or everyone; new joiners are enrolled as they arrive."
      actions={<Button onClick={() => setCreating(true)}>New campaign</Button>}
    >
      {body}
      <CreateCampaignModal opened={creating} onClose={() => setCreating(false)} />
    </Page>
  );
}

function CreateCampaignModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const navigate = useNavigate();
  const courses = useQuery(CampaignCourseOptionsDocument, { skip: !opened });
  const [name, setName] = useState('');
  const [courseId, setCourseId] = useState<string | null>(null);
  const [everyone, setEveryone] = useState(false);
  const [unitIds, setUnitIds] = useState<string[]>([]);
  const [jobRoles, setJobRoles] = useState<string[]>([]);
  const [dueDays, setDueDays] = useState<number | string>(30);
  const [recurrence, setRecurrence] = useState<CampaignRecurrence>('NONE');
  const [months, setMonths] = useState<number | string>(6);
  const [preview, previewed] = useLazyQuery(CampaignAudiencePreviewDocument, { fetchPolicy: 'network-only' });
  const [create, creation] = useMutation(CampaignCreateDocument, { refetchQueries: ['CampaignsList'] });
  const audience = { everyone, unitIds, jobRoles };
  const hasAudience = everyone || unitIds.length > 0 || jobRoles.length > 0;

  const submit = async () => {
    try {
      const result = await create({
        variables: {
          input: { name, courseId: courseId ?? '', ...audience, dueDays: Number(dueDays), recurrence, recurrenceMonths: recurrence === 'MONTHS' ? Number(months) : null },
        },
      });
      notifySuccess('Campaign created', `"${name}" is a draft: check its audience and launch it.`);
      onClose();
      if (result.data) void navigate(`/training/campaigns/${result.data.createCampaign.id}`);
    } catch (error) {
      notifyFailure('The campaign was not created', describeError(error).summary);
    }
  };

  return (
    <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened={opened} onClose={onClose} title="New campaign" size="lg">
      <Stack gap="sm">
        <TextInput data-testid="campaign-name" label="Name" required value={name} onChange={(event) => setName(event.currentTarget.value)} />
        <Select
          data-testid="campaign-course"
          label="Course"
          required
          searchable
          data={(courses.data?.courses ?? []).filter((course) => course.active).map((course) => ({ value: course.id, label: course.title }))}
          value={courseId}
          onChange={setCourseId}
        />
        <Checkbox label="Everyone in the organisation" checked={everyone} onChange={(event) => setEveryone(event.currentTarget.checked)} />
        {!everyone && (
          <>
            <UnitMultiSelect data-testid="campaign-units" label="Units (each with its sub-units)" value={unitIds} onChange={setUnitIds} />
            <TagsInput data-testid="campaign-job-roles" label="Job roles" description="Press Enter after each job role" value={jobRoles} onChange={setJobRoles} />
          </>
        )}
        <Group grow>
          <NumberInput data-testid="campaign-due-days" label="Due (days after enrolment)" min={1} max={3650} required value={dueDays} onChange={setDueDays} />
          <Select
            label="Recurrence"
            data={[
              { value: 'NONE', label: 'Once' },
              { value: 'YEARLY', label: 'Every year' },
              { value: 'MONTHS', label: 'Every N months' },
            ]}
            value={recurrence}
            onChange={(value) => setRecurrence((value as CampaignRecurrence | null) ?? 'NONE')}
            allowDeselect={false}
          />
          {recurrence === 'MONTHS' && <NumberInput label="Months" min={1} max={120} value={months} onChange={setMonths} />}
        </Group>
        <Group justify="space-between">
          <Button data-testid="campaign-preview" variant="default" disabled={!hasAudience} loading={previewed.loading} onClick={() => void preview({ variables: { audience } })}>
            Preview audience
          </Button>
          {previewed.data && (
            <Text size="sm" data-testid="campaign-head-count">
              {previewed.data.previewCampaignAudience.headCount} people
              {previewed.data.previewCampaignAudience.sample.length > 0 && ` (e.g. ${previewed.data.previewCampaignAudience.sample.slice(0, 3).map((member) => member.name).join(', ')})`}
            </Text>
          )}
        </Group>
        {previewed.error && <ErrorAlert title="Could not count the audience" error={previewed.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button data-testid="campaign-create-submit" onClick={() => void submit()} loading={creation.loading} disabled={!name.trim() || !courseId || !hasAudience || Number(dueDays) < 1}>
            Create draft
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
