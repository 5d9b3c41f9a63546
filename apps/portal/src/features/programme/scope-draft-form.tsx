import { useMutation } from '@apollo/client/react';
import { Button, Group, Stack, TagsInput, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { UnitMultiSelect } from '../../components/unit-select';
import { ProgrammeUpdateScopeDraftDocument, type ProgrammeScopeVersionFragment } from '../../gql/graphql';
import { serverFieldErrors } from '../../lib/errors';
import { notifySuccess } from '../../lib/notify';

interface DraftValues {
  statement: string;
  inScopeUnitIds: string[];
  locations: string[];
  systems: string[];
  interfaces: string[];
  exclusions: { item: string; justification: string }[];
}

const listProblem = (items: string[]) => (items.some((i) => i.trim().length > 500) ? 'Each entry at most 500 characters' : items.length > 500 ? 'At most 500 entries' : null);

/**
 * Edits a draft scope version. It asks for what approval will need (a statement and at least one unit in scope), and
 * a justification for every exclusion, before anything is sent.
 */
export function ScopeDraftForm({ draft, onClose, onSaved }: { draft: ProgrammeScopeVersionFragment; onClose: () => void; onSaved: () => void }) {
  const [save, { loading }] = useMutation(ProgrammeUpdateScopeDraftDocument);
  const [failure, setFailure] = useState<unknown>(null);
  const form = useForm<DraftValues>({
    mode: 'controlled',
    initialValues: {
      statement: draft.statement,
      inScopeUnitIds: [...draft.inScopeUnitIds],
      locations: [...draft.locations],
      systems: [...draft.systems],
      interfaces: [...draft.interfaces],
      exclusions: draft.exclusions.map((e) => ({ item: e.item, justification: e.justification })),
    },
    validate: {
      statement: (v) => (v.trim() === '' ? 'Write the scope statement as it should appear on the certificate' : v.length > 10_000 ? 'At most 10,000 characters' : null),
      inScopeUnitIds: (v) => (v.length === 0 ? 'Choose at least one unit in scope' : null),
      locations: listProblem,
      systems: listProblem,
      interfaces: listProblem,
      exclusions: {
        item: (v) => (v.trim() === '' ? 'Say what is excluded' : v.length > 500 ? 'At most 500 characters' : null),
        justification: (v) => (v.trim() === '' ? 'Every exclusion needs a justification' : v.length > 2000 ? 'At most 2,000 characters' : null),
      },
    },
  });

  const submit = form.onSubmit(async (values) => {
    setFailure(null);
    try {
      await save({
        variables: {
          input: {
            id: draft.id,
            statement: values.statement.trim(),
            inScopeUnitIds: values.inScopeUnitIds,
            locations: values.locations.map((l) => l.trim()).filter(Boolean),
            systems: values.systems.map((l) => l.trim()).filter(Boolean),
            interfaces: values.interfaces.map((l) => l.trim()).filter(Boolean),
            exclusions: values.exclusions.map((e) => ({ item: e.item.trim(), justification: e.justification.trim() })),
          },
        },
      });
      notifySuccess(`Draft version ${draft.version} saved`, 'It is waiting for approval by top management.');
      onSaved();
      onClose();
    } catch (e) {
      form.setErrors(serverFieldErrors(e));
      setFailure(e);
    }
  });

  return (
    <form onSubmit={submit} noValidate data-testid="scope-draft-form">
      <Stack>
        {failure ? <ErrorAlert title="The draft was not saved" error={failure} /> : null}
        <Textarea
          label="Scope statement"
          description="As it will appear on the certificate."
          required
          autosize
          minRows={3}
          maxRows={10}
          data-testid="scope-statement-input"
          {...form.getInputProps('statement')}
        />
        <UnitMultiSelect label="Units in scope" required {...form.getInputProps('inScopeUnitIds')} />
        <TagsInput label="Locations" description="Press Enter after each one." {...form.getInputProps('locations')} />
        <TagsInput label="Systems and asset categories" description="Press Enter after each one." {...form.getInputProps('systems')} />
        <TagsInput label="Interfaces and dependencies" description="Activities outside the scope the ISMS depends on. Press Enter after each one." {...form.getInputProps('interfaces')} />
        <div>
          <Group justify="space-between" mb="xs">
            <Title order={3} size="h6">
              Exclusions
            </Title>
            <Button size="xs" variant="light" onClick={() => form.insertListItem('exclusions', { item: '', justification: '' })}>
              Add an exclusion
            </Button>
          </Group>
          {form.values.exclusions.length === 0 && (
            <Text size="sm" c="dimmed">
              Nothing is excluded.
            </Text>
          )}
          <Stack gap="xs">
            {form.values.exclusions.map((_, index) => (
              <Group key={index} align="flex-start" wrap="nowrap">
                <TextInput label={`Exclusion ${index + 1}`} required style={{ flex: 1 }} {...form.getInputProps(`exclusions.${index}.item`)} />
                <Textarea label="Justification" required autosize style={{ flex: 2 }} {...form.getInputProps(`exclusions.${index}.justification`)} />
                <Button variant="subtle" color="red" size="xs" mt={28} onClick={() => form.removeListItem('exclusions', index)} aria-label={`Remove exclusion ${index + 1}`}>
                  Remove
                </Button>
              </Group>
            ))}
          </Stack>
        </div>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={loading} data-testid="save-scope-draft">
            Save the draft
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
