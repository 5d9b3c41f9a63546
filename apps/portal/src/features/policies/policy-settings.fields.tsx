import { MultiSelect, NumberInput, SegmentedControl, Select, Stack, TagsInput, Text, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { PolicyApproverRole, PolicyAudienceInput } from '../../gql/graphql';
import { APPROVER_ROLES, approverRoleLabel } from './policy.format';

/** A policy's settings as its forms hold them. */
export interface PolicySettingsValues {
  title: string;
  approverRole: PolicyApproverRole | '';
  audience: 'everyone' | 'selected';
  unitIds: string[];
  jobRoles: string[];
  controlIds: string[];
  reviewIntervalMonths: number | string;
}

export const EMPTY_SETTINGS: PolicySettingsValues = { title: '', approverRole: '', audience: 'everyone', unitIds: [], jobRoles: [], controlIds: [], reviewIntervalMonths: 12 };

/** What is wrong with the settings before they are sent, by field. */
export function settingsErrors(values: PolicySettingsValues): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!values.title.trim()) errors['title'] = 'Give the policy a title.';
  else if (values.title.trim().length > 200) errors['title'] = 'A title has at most 200 characters.';
  if (!values.approverRole) errors['approverRole'] = 'Choose the role whose holder approves this policy.';
  if (values.audience === 'selected' && values.unitIds.length === 0 && values.jobRoles.length === 0) {
    errors['unitIds'] = 'Choose at least one unit or job role, or make the policy apply to everyone.';
  }
  const months = Number(values.reviewIntervalMonths);
  if (!Number.isInteger(months) || months < 1 || months > 36) errors['reviewIntervalMonths'] = 'Reviews are 1 to 36 months apart.';
  return errors;
}

export function toAudienceInput(values: PolicySettingsValues): PolicyAudienceInput {
  const selected = values.audience === 'selected';
  return { everyone: !selected, unitIds: selected ? values.unitIds : [], jobRoles: selected ? values.jobRoles : [] };
}

/** Server field errors keyed by input field ("audience.unitIds" arrives as "unitIds"), kept to the settings fields. */
export function settingsFieldErrors(fields: Record<string, string>): Record<string, string> {
  const keys: (keyof PolicySettingsValues)[] = ['title', 'approverRole', 'unitIds', 'jobRoles', 'controlIds', 'reviewIntervalMonths'];
  return Object.fromEntries(Object.entries(fields).filter(([key]) => (keys as string[]).includes(key)));
}

interface Props {
  form: UseFormReturnType<PolicySettingsValues>;
  units: { value: string; label: string }[];
  controls: { value: string; label: string }[];
}

/** Title, approver role, audience (everyone, or units by name and job roles), linked controls, review interval. */
export function PolicySettingsFields({ form, units, controls }: Props) {
  return (
    <Stack gap="sm">
      <TextInput label="Title" withAsterisk maxLength={200} {...form.getInputProps('title')} data-testid="policy-title" />
      <Select
        label="Approved by"
        description="The role whose holder approves each version (never the version's author)."
        withAsterisk
        data={APPROVER_ROLES.map((role) => ({ value: role, label: approverRoleLabel(role) }))}
        {...form.getInputProps('approverRole')}
        data-testid="policy-approver-role"
      />
      <div>
        <Text size="sm" fw={500} id="policy-audience-label">
          Who must acknowledge it
        </Text>
        <SegmentedControl
          aria-labelledby="policy-audience-label"
          data={[
            { value: 'everyone', label: 'Everyone' },
            { value: 'selected', label: 'Selected units or job roles' },
          ]}
          {...form.getInputProps('audience')}
          data-testid="policy-audience"
        />
      </div>
      {form.getValues().audience === 'selected' && (
        <>
          <MultiSelect
            label="Units"
            description="Their people, and the people of the units below them."
            data={units}
            searchable
            nothingFoundMessage="No unit matches"
            {...form.getInputProps('unitIds')}
            data-testid="policy-units"
          />
          <TagsInput
            label="Job roles"
            description="As recorded on people, e.g. “Customer service agent”; press Enter after each."
            {...form.getInputProps('jobRoles')}
            data-testid="policy-job-roles"
          />
        </>
      )}
      <MultiSelect
        label="Annex A controls it supports"
        data={controls}
        searchable
        nothingFoundMessage="No control matches"
        {...form.getInputProps('controlIds')}
        data-testid="policy-controls"
      />
      <NumberInput
        label="Review every (months)"
        min={1}
        max={36}
        allowDecimal={false}
        withAsterisk
        {...form.getInputProps('reviewIntervalMonths')}
        data-testid="policy-review-interval"
      />
    </Stack>
  );
}
