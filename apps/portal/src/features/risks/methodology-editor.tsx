import { useMutation } from '@apollo/client/react';
import { ActionIcon, Alert, Box, Button, Group, NativeSelect, NumberInput, Select, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { RiskMethodologyPendingDraftDocument, RiskSubmitMethodologyDocument, type RiskMethodologyFullFragment } from '../../gql/graphql';
import { cellKey, draftFrom, draftProblems, LEVELS_MAX, publishInput, SCALE_MAX, type MethodologyDraft } from './methodology-form.rules';
import { levelColour } from './risk-level.rules';
import { notifySuccess } from '../../lib/notify';

function useDraftForm(initial: MethodologyDraft) {
  return useForm<MethodologyDraft>({ mode: 'controlled', initialValues: initial, validate: draftProblems });
}

type DraftForm = ReturnType<typeof useDraftForm>;

function ScaleEditor({ form, name, title }: { form: DraftForm; name: 'likelihood' | 'impact'; title: string }) {
  const rows = form.values[name];
  return (
    <Stack gap="xs" data-testid={`methodology-edit-${name}`}>
      <Group justify="space-between">
        <Title order={3} size="h5">
          {title}
        </Title>
        <Button
          size="xs"
          variant="light"
          disabled={rows.length >= SCALE_MAX}
          onClick={() => form.insertListItem(name, { value: (Number(rows[rows.length - 1]?.value) || rows.length) + 1, label: '', description: '' })}
        >
          Add a level
        </Button>
      </Group>
      {form.errors[name] && (
        <Text size="sm" c="red.9">
          {form.errors[name]}
        </Text>
      )}
      <Table>
        <caption style={{ captionSide: 'top', textAlign: 'left' }}>
          <Text span size="xs" c="dimmed">
            {title}, lowest first
          </Text>
        </caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={90}>Value</Table.Th>
            <Table.Th>Label</Table.Th>
            <Table.Th>Description</Table.Th>
            <Table.Th w={50} aria-label="Remove" />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((_, index) => (
            <Table.Tr key={index}>
              <Table.Td>
                <NumberInput aria-label={`${title} level ${index + 1}: value`} min={1} allowDecimal={false} size="xs" {...form.getInputProps(`${name}.${index}.value`)} />
              </Table.Td>
              <Table.Td>
                <TextInput aria-label={`${title} level ${index + 1}: label`} size="xs" {...form.getInputProps(`${name}.${index}.label`)} />
              </Table.Td>
              <Table.Td>
                <TextInput aria-label={`${title} level ${index + 1}: description`} size="xs" {...form.getInputProps(`${name}.${index}.description`)} />
              </Table.Td>
              <Table.Td>
                <ActionIcon variant="subtle" color="red" aria-label={`Remove ${title.toLowerCase()} level ${index + 1}`} onClick={() => form.removeListItem(name, index)}>
                  ×
                </ActionIcon>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

/**
 * Drafts a new version of the methodology, starting from the current one, and submits it for approval (someone else
 * approves and so publishes it); validated before it is sent.
 */
export function MethodologyEditor({ current, onDone }: { current: RiskMethodologyFullFragment; onDone: (version: number) => void }) {
  const [publish, { loading }] = useMutation(RiskSubmitMethodologyDocument, { refetchQueries: [{ query: RiskMethodologyPendingDraftDocument }] });
  const [failure, setFailure] = useState<unknown>(null);
  const form = useDraftForm(draftFrom(current));
  const { values } = form;
  const levelKeys = values.levels.map((l) => l.key).filter(Boolean);

  const renameLevel = (index: number, next: string) => {
    const previous = values.levels[index]?.key ?? '';
    const key = next.toUpperCase();
    form.setFieldValue(`levels.${index}.key`, key);
    if (previous && previous !== key) {
      form.setFieldValue('matrix', Object.fromEntries(Object.entries(values.matrix).map(([cell, level]) => [cell, level === previous ? key : level])));
      if (values.appetite === previous) form.setFieldValue('appetite', key);
    }
  };

  const submit = form.onSubmit(
    async (draft) => {
      setFailure(null);
      try {
        const result = await publish({ variables: { input: publishInput(draft, current.version) } });
        const version = result.data?.submitRiskMethodology.proposed.version;
        notifySuccess('Methodology submitted for approval', `Version ${version} is published once someone else approves it.`);
        if (version) onDone(current.version);
      } catch (error) {
        setFailure(error);
      }
    },
    () => setFailure(null),
  );

  const ls = values.likelihood.map((r) => Number(r.value));
  const is = values.impact.map((r) => Number(r.value));
  const hasErrors = Object.keys(form.errors).length > 0;

  return (
    <form onSubmit={submit} noValidate data-testid="methodology-editor">
      <Stack gap="lg">
        <Text size="sm">
          The new version starts from version {current.version}. Once approved by someone else it is published and scores every new assessment; risks assessed under earlier versions keep their version until they are reassessed.
        </Text>
        <Group align="flex-start" grow wrap="wrap">
          <ScaleEditor form={form} name="likelihood" title="Likelihood scale" />
          <ScaleEditor form={form} name="impact" title="Impact scale" />
        </Group>

        <Stack gap="xs" data-testid="methodology-edit-levels">
          <Group justify="space-between">
            <Title order={3} size="h5">
              Risk levels, lowest first
            </Title>
            <Button size="xs" variant="light" disabled={values.levels.length >= LEVELS_MAX} onClick={() => form.insertListItem('levels', { key: '', label: '', description: '' })}>
              Add a level
            </Button>
          </Group>
          {form.errors['levels'] && (
            <Text size="sm" c="red.9">
              {form.errors['levels']}
            </Text>
          )}
          <Table>
            <caption style={{ captionSide: 'top', textAlign: 'left' }}>
              <Text span size="xs" c="dimmed">
                The order is the ranking: the last level is the highest
              </Text>
            </caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={160}>Key</Table.Th>
                <Table.Th>Label</Table.Th>
                <Table.Th>What it means</Table.Th>
                <Table.Th w={90} aria-label="Move or remove" />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {values.levels.map((level, index) => (
                <Table.Tr key={index}>
                  <Table.Td>
                    <TextInput aria-label={`Risk level ${index + 1}: key`} size="xs" {...form.getInputProps(`levels.${index}.key`)} onChange={(e) => renameLevel(index, e.currentTarget.value)} />
                  </Table.Td>
                  <Table.Td>
                    <TextInput aria-label={`Risk level ${index + 1}: label`} size="xs" {...form.getInputProps(`levels.${index}.label`)} />
                  </Table.Td>
                  <Table.Td>
                    <TextInput aria-label={`Risk level ${index + 1}: description`} size="xs" {...form.getInputProps(`levels.${index}.description`)} />
                  </Table.Td>
                  <Table.Td>
                    <Group gap={2} wrap="nowrap">
                      <ActionIcon variant="subtle" aria-label={`Move ${level.key || `level ${index + 1}`} down the ranking`} disabled={index === 0} onClick={() => form.reorderListItem('levels', { from: index, to: index - 1 })}>
                        ↑
                      </ActionIcon>
                      <ActionIcon variant="subtle" color="red" aria-label={`Remove ${level.key || `level ${index + 1}`}`} onClick={() => form.removeListItem('levels', index)}>
                        ×
                      </ActionIcon>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>

        <Stack gap="xs" data-testid="methodology-edit-matrix">
          <Title order={3} size="h5">
            Matrix: the level of each likelihood × impact
          </Title>
          {form.errors['matrix'] && (
            <Text size="sm" c="red.9" data-testid="methodology-matrix-error">
              {form.errors['matrix']}
            </Text>
          )}
          <Box style={{ display: 'grid', gridTemplateColumns: `auto repeat(${is.length}, minmax(90px, 1fr))`, gap: 4 }}>
            <span />
            {is.map((i, ii) => (
              <Text key={ii} size="xs" ta="center" fw={600}>
                Impact {Number.isFinite(i) ? i : '?'}
              </Text>
            ))}
            {[...ls].reverse().map((l, li) => (
              <Box key={li} style={{ display: 'contents' }}>
                <Text size="xs" fw={600} style={{ alignSelf: 'center' }}>
                  Likelihood {Number.isFinite(l) ? l : '?'}
                </Text>
                {is.map((i, ii) => {
                  const key = values.matrix[cellKey(l, i)] ?? '';
                  return (
                    <NativeSelect
                      key={ii}
                      size="xs"
                      aria-label={`Level at likelihood ${l}, impact ${i}`}
                      data={[{ value: '', label: '—' }, ...levelKeys.map((k) => ({ value: k, label: values.levels.find((lv) => lv.key === k)?.label || k }))]}
                      value={levelKeys.includes(key) ? key : ''}
                      onChange={(e) => form.setFieldValue('matrix', { ...values.matrix, [cellKey(l, i)]: e.currentTarget.value })}
                      styles={{ input: { background: `var(--mantine-color-${levelColour(values.levels.map((lv, rank) => ({ key: lv.key, label: lv.label, rank: rank + 1 })), key)}-1)` } }}
                    />
                  );
                })}
              </Box>
            ))}
          </Box>
        </Stack>

        <Group align="flex-start" grow>
          <Select
            label="Risk appetite"
            description="The highest level acceptable without treatment or the owner's acceptance"
            required
            allowDeselect={false}
            data={values.levels.filter((l) => l.key).map((l) => ({ value: l.key, label: l.label || l.key }))}
            {...form.getInputProps('appetite')}
            data-testid="methodology-edit-appetite"
          />
          <Textarea label="What changed, and why" autosize minRows={2} {...form.getInputProps('notes')} data-testid="methodology-edit-notes" />
        </Group>

        {hasErrors && (
          <Alert color="red" variant="light" data-testid="methodology-edit-problems">
            The draft cannot be submitted yet: correct the fields marked in red.
          </Alert>
        )}
        {failure !== null && <ErrorAlert title="The methodology was not submitted" error={failure} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={() => onDone(current.version)}>
            Discard the draft
          </Button>
          <Button type="submit" loading={loading} data-testid="methodology-publish">
            Submit version {current.version + 1} for approval
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
