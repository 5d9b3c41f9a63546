import { useMutation, useQuery } from '@apollo/client/react';
import { Button, Card, Group, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { Page, Section } from '../../components/page';
import { PoliciesCreateDocument, PoliciesFormOptionsDocument, type PolicyApproverRole } from '../../gql/graphql';
import { EMPTY_CONTENT, PolicyContentEditor, type PolicyContentValues } from './policy-content.editor';
import { contentErrors, toContentInput } from './policy-content.rules';
import { approverRoleLabel } from './policy.format';
import { policyFieldErrors } from './policy.errors';
import { EMPTY_SETTINGS, PolicySettingsFields, settingsErrors, settingsFieldErrors, toAudienceInput, type PolicySettingsValues } from './policy-settings.fields';
import { notifySuccess } from '../../lib/notify';

/** Creates a policy with its approver, audience, linked controls, review interval and first draft (version 1.0). */
export function PolicyCreateRoute() {
  const navigate = useNavigate();
  const options = useQuery(PoliciesFormOptionsDocument);
  const [createPolicy, { error }] = useMutation(PoliciesCreateDocument, { refetchQueries: ['PoliciesRegister'] });
  const [submitting, setSubmitting] = useState(false);
  const [content, setContent] = useState<PolicyContentValues>(EMPTY_CONTENT);
  const [contentFieldErrors, setContentFieldErrors] = useState<Record<string, string>>({});
  const form = useForm<PolicySettingsValues>({ initialValues: EMPTY_SETTINGS, validate: settingsErrors });

  if (options.loading && !options.data) return <Loading />;
  if (options.error && !options.data) {
    return (
      <Page title="New policy">
        <ErrorAlert title="Could not load the units and controls to choose from" error={options.error} onRetry={() => void options.refetch()} />
      </Page>
    );
  }
  const units = (options.data?.orgUnits ?? []).map((unit) => ({ value: unit.id, label: unit.name }));
  const controls = (options.data?.controls ?? []).map((control) => ({ value: control.id, label: `${control.id} ${control.title}` }));

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const settings = form.validate();
    const contentProblems = contentErrors(content);
    setContentFieldErrors(contentProblems);
    if (settings.hasErrors || Object.keys(contentProblems).length > 0) return;
    const values = form.getValues();
    setSubmitting(true);
    try {
      const contentInput = await toContentInput(content);
      if (!contentInput) return;
      const result = await createPolicy({
        variables: {
          input: {
            title: values.title.trim(),
            approverRole: values.approverRole as PolicyApproverRole,
            audience: toAudienceInput(values),
            controlIds: values.controlIds,
            reviewIntervalMonths: Number(values.reviewIntervalMonths),
            content: contentInput,
          },
        },
      });
      const policy = result.data?.createPolicy;
      if (!policy) return;
      notifySuccess('Policy created', `“${policy.title}” 1.0 is a draft; approval by ${approverRoleLabel(values.approverRole as PolicyApproverRole).toLowerCase()} comes next.`);
      void navigate(`/policies/${policy.id}`);
    } catch (caught) {
      const fields = policyFieldErrors(caught);
      form.setErrors(settingsFieldErrors(fields));
      setContentFieldErrors(Object.fromEntries(Object.entries(fields).filter(([key]) => ['body', 'file', 'changeSummary'].includes(key))));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Page title="New policy" description="A policy starts as a draft, version 1.0. Its approver role approves it; you then publish it and its audience is asked to acknowledge it.">
      <form onSubmit={(event) => void submit(event)} noValidate data-testid="policy-create-form">
        <Stack gap="lg" maw={880}>
          {error && Object.keys(policyFieldErrors(error)).length === 0 && <ErrorAlert title="The policy was not created" error={error} />}
          <Section title="Settings">
            <Card withBorder>
              <PolicySettingsFields form={form} units={units} controls={controls} />
            </Card>
          </Section>
          <Section title="First draft (version 1.0)">
            <Card withBorder>
              <PolicyContentEditor values={content} onChange={(changes) => setContent((current) => ({ ...current, ...changes }))} errors={contentFieldErrors} />
            </Card>
          </Section>
          <Group>
            <Button type="submit" loading={submitting} data-testid="policy-create-submit">
              Create policy
            </Button>
            <Button component={Link} to="/policies" variant="default">
              Cancel
            </Button>
          </Group>
        </Stack>
      </form>
    </Page>
  );
}
