import { useMutation, useQuery } from '@apollo/client/react';
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { PoliciesFormOptionsDocument, PolicyUpdateSettingsDocument, type PolicyApproverRole, type PolicyDetailQuery } from '../../gql/graphql';
import { policyFieldErrors } from './policy.errors';
import { PolicySettingsFields, settingsErrors, settingsFieldErrors, toAudienceInput, type PolicySettingsValues } from './policy-settings.fields';
import { notifySuccess } from '../../lib/notify';

type Policy = NonNullable<PolicyDetailQuery['policy']>;

function SettingsForm({ policy, onClose }: { policy: Policy; onClose: () => void }) {
  const options = useQuery(PoliciesFormOptionsDocument);
  const [update, { error, loading }] = useMutation(PolicyUpdateSettingsDocument, { refetchQueries: ['PoliciesRegister'] });
  const form = useForm<PolicySettingsValues>({
    initialValues: {
      title: policy.title,
      approverRole: policy.approverRole,
      audience: policy.audience.everyone ? 'everyone' : 'selected',
      unitIds: policy.audience.unitIds,
      jobRoles: policy.audience.jobRoles,
      controlIds: policy.controls.map((control) => control.id),
      reviewIntervalMonths: policy.reviewIntervalMonths,
    },
    validate: settingsErrors,
  });
  if (options.loading && !options.data) return <Loading />;
  if (options.error && !options.data) return <ErrorAlert title="Could not load the units and controls" error={options.error} onRetry={() => void options.refetch()} />;
  const units = (options.data?.orgUnits ?? []).map((unit) => ({ value: unit.id, label: unit.name }));
  const controls = (options.data?.controls ?? []).map((control) => ({ value: control.id, label: `${control.id} ${control.title}` }));

  const submit = form.onSubmit(async (values) => {
    try {
      await update({
        variables: {
          id: policy.id,
          input: {
            title: values.title.trim(),
            approverRole: values.approverRole as PolicyApproverRole,
            audience: toAudienceInput(values),
            controlIds: values.controlIds,
            reviewIntervalMonths: Number(values.reviewIntervalMonths),
          },
        },
      });
      notifySuccess('Settings saved', `“${values.title.trim()}” applies them from its next publication.`);
      onClose();
    } catch (caught) {
      form.setErrors(settingsFieldErrors(policyFieldErrors(caught)));
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="sm">Changes apply from the next publication: the version in force keeps the audience it was published to.</Text>
        {error && Object.keys(settingsFieldErrors(policyFieldErrors(error))).length === 0 && <ErrorAlert title="The settings were not saved" error={error} />}
        <PolicySettingsFields form={form} units={units} controls={controls} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={loading} data-testid="policy-settings-save">
            Save settings
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Changes a policy's title, approver role, audience, controls and review interval (programme managers). */
export function PolicySettingsModal({ policy, opened, onClose }: { policy: Policy; opened: boolean; onClose: () => void }) {
  return (
    <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened={opened} onClose={onClose} title="Policy settings" size="lg">
      {opened && <SettingsForm policy={policy} onClose={onClose} />}
    </Modal>
  );
}
