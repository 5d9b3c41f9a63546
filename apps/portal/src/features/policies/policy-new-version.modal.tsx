import { useMutation } from '@apollo/client/react';
import { Button, Group, Modal, Radio, Stack } from '@mantine/core';
import { useState } from 'react';
import { PolicyDraftVersionDocument, type PolicyVersionBump, type PolicyVersionFieldsFragment } from '../../gql/graphql';
import { PolicyContentEditor, type PolicyContentValues } from './policy-content.editor';
import { contentErrors, toContentInput } from './policy-content.rules';
import { policyFieldErrors } from './policy.errors';
import { PolicyRefusalAlert } from './policy-refusal.alert';
import { notifySuccess } from '../../lib/notify';

interface Props {
  policy: { id: string; title: string };
  /** The newest version: its text is where the next one starts. */
  latest: PolicyVersionFieldsFragment;
  opened: boolean;
  onClose: () => void;
}

function nextNumber(latest: { major: number; minor: number }, bump: PolicyVersionBump): string {
  return bump === 'MAJOR' ? `${latest.major + 1}.0` : `${latest.major}.${latest.minor + 1}`;
}

function NewVersionForm({ policy, latest, onClose }: Omit<Props, 'opened'>) {
  const [bump, setBump] = useState<PolicyVersionBump>('MAJOR');
  const [content, setContent] = useState<PolicyContentValues>({ kind: latest.file ? 'file' : 'markdown', body: latest.body ?? '', file: null, changeSummary: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [submitting, setSubmitting] = useState(false);
  const [draft, { error }] = useMutation(PolicyDraftVersionDocument, { refetchQueries: ['PolicyDetail', 'PoliciesRegister'] });

  const submit = async () => {
    const problems = contentErrors(content, { changeSummaryRequired: true });
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    setSubmitting(true);
    try {
      const input = await toContentInput(content);
      if (!input) return;
      const result = await draft({ variables: { input: { policyId: policy.id, bump, content: input } } });
      notifySuccess('Draft started', `“${policy.title}” ${result.data?.draftPolicyVersion.version ?? ''} is a draft awaiting approval.`);
      onClose();
    } catch (caught) {
      setErrors(policyFieldErrors(caught));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Stack gap="md">
      {error && Object.keys(policyFieldErrors(error)).length === 0 && <PolicyRefusalAlert title="The draft was not started" error={error} />}
      <Radio.Group label="What kind of change" value={bump} onChange={(value) => setBump(value as PolicyVersionBump)} withAsterisk>
        <Stack gap={6} mt={6}>
          <Radio value="MAJOR" label={`Major, version ${nextNumber(latest, 'MAJOR')}: everyone in the audience must acknowledge it again`} data-testid="bump-major" />
          <Radio value="MINOR" label={`Minor, version ${nextNumber(latest, 'MINOR')}: a correction, no new acknowledgement`} data-testid="bump-minor" />
        </Stack>
      </Radio.Group>
      <PolicyContentEditor values={content} onChange={(changes) => setContent((current) => ({ ...current, ...changes }))} errors={errors} changeSummaryRequired />
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          Cancel
        </Button>
        <Button onClick={() => void submit()} loading={submitting} data-testid="policy-new-version-submit">
          Start the draft
        </Button>
      </Group>
    </Stack>
  );
}

/** Starts the next version of a policy as a draft, from the text of the newest one (programme managers). */
export function PolicyNewVersionModal(props: Props) {
  return (
    <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened={props.opened} onClose={props.onClose} title={`New version of “${props.policy.title}”`} size="xl">
      {props.opened && <NewVersionForm policy={props.policy} latest={props.latest} onClose={props.onClose} />}
    </Modal>
  );
}
