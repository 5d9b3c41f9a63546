import { useMutation } from '@apollo/client/react';
import { Alert, Button, Checkbox, Group, Modal, NumberInput, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMemo, useState } from 'react';
import { UnitSelect } from '../../components/unit-select';
import { ConfigureEvidenceCollectorDocument, type EvidenceCollectorsPageQuery } from '../../gql/graphql';
import { notifySuccess } from '../../lib/notify';
import { configFieldsOf, configFromValues, initialConfigValues, type ConfigField } from './collector-config.rules';
import { evidenceRefusal } from './evidence.errors';

type Collector = EvidenceCollectorsPageQuery['evidenceCollectors'][number];

interface Props {
  opened: boolean;
  collectors: Collector[];
  onClose: () => void;
}

function SettingField({ field, value, error, onChange }: { field: ConfigField; value: string | boolean; error?: string; onChange: (value: string | boolean) => void }) {
  const common = { label: field.label, description: field.hint ?? undefined, error, required: field.required, 'data-setting': field.key };
  switch (field.kind) {
    case 'boolean':
      return <Checkbox {...common} checked={value === true} onChange={(event) => onChange(event.currentTarget.checked)} />;
    case 'choice':
      return <Select {...common} allowDeselect={!field.required} data={field.options} value={String(value) || null} onChange={(next) => onChange(next ?? '')} />;
    case 'integer':
    case 'number':
      return (
        <NumberInput
          {...common}
          allowDecimal={field.kind === 'number'}
          min={field.minimum ?? undefined}
          max={field.maximum ?? undefined}
          value={String(value)}
          onChange={(next) => onChange(String(next))}
        />
      );
    case 'json':
      return <Textarea {...common} autosize minRows={1} maxRows={6} value={String(value)} onChange={(event) => onChange(event.currentTarget.value)} />;
    default:
      return <TextInput {...common} value={String(value)} onChange={(event) => onChange(event.currentTarget.value)} />;
  }
}

/**
 * Configures a collector of the registry for a department: its name, schedule and the settings its configuration
 * schema asks for (one field each, checked here and again by the API, which names any setting it refuses).
 */
export function CollectorConfigureModal({ opened, collectors, onClose }: Props) {
  const [configure, { loading }] = useMutation(ConfigureEvidenceCollectorDocument, { refetchQueries: ['EvidenceCollectorsPage'] });
  const [collectorId, setCollectorId] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [unitId, setUnitId] = useState<string | null>(null);
  const [schedule, setSchedule] = useState('');
  const [enabled, setEnabled] = useState(true);
  const [values, setValues] = useState<Record<string, string | boolean>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [refusal, setRefusal] = useState<string | null>(null);
  const collector = collectors.find((entry) => entry.id === collectorId) ?? null;
  const fields = useMemo(() => (collector ? configFieldsOf(collector.configSchema) : []), [collector]);

  const pick = (id: string | null) => {
    setCollectorId(id);
    const chosen = collectors.find((entry) => entry.id === id);
    setValues(chosen ? initialConfigValues(configFieldsOf(chosen.configSchema)) : {});
    setSchedule(chosen?.defaultSchedule ?? '');
    setErrors({});
    setRefusal(null);
  };

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setRefusal(null);
    const found: Record<string, string> = {};
    if (!collector) found['collector'] = 'Choose the collector to configure';
    if (!unitId) found['unit'] = 'Choose the department its evidence belongs to';
    if (schedule.trim() && schedule.trim().split(/\s+/).length !== 5) found['schedule'] = 'A cron expression of 5 fields (minute hour day month weekday), in UTC';
    const built = configFromValues(fields, values);
    Object.assign(found, built.errors);
    setErrors(found);
    if (Object.keys(found).length > 0 || !collector || !unitId) return;
    try {
      await configure({ variables: { input: { collectorId: collector.id, name: name.trim() || null, unitId, schedule: schedule.trim() || null, enabled, config: JSON.stringify(built.config) } } });
      notifySuccess('Collector configured', `${name.trim() || collector.title} collects on its schedule; run it now to see its first evidence.`);
      pick(null);
      setName('');
      setUnitId(null);
      onClose();
    } catch (caught) {
      setRefusal(evidenceRefusal(caught));
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} size="lg" title="Configure a collector" closeButtonProps={{ 'aria-label': 'Close' }}>
      <form onSubmit={(event) => void submit(event)} noValidate data-testid="collector-configure-form">
        <Stack>
          {refusal && (
            <Alert color="red" variant="light" role="alert" title="The collector was not configured" data-testid="collector-configure-refusal">
              {refusal}
            </Alert>
          )}
          <Select
            label="Collector"
            required
            searchable
            data={collectors.map((entry) => ({ value: entry.id, label: `${entry.title} (${entry.id})` }))}
            value={collectorId}
            onChange={pick}
            error={errors['collector']}
          />
          {collector && (
            <Text size="sm" c="dimmed" data-testid="collector-description">
              {collector.description ?? collector.title} · evidence for {[...collector.controlIds, ...collector.clauses].join(', ') || 'no control'} · version {collector.version} ({collector.source})
            </Text>
          )}
          <TextInput label="Name" description="Tells configurations of one collector apart; the collector's title when empty." value={name} onChange={(event) => setName(event.currentTarget.value)} />
          <UnitSelect label="Department" required value={unitId} onChange={setUnitId} error={errors['unit']} />
          <TextInput label="Schedule (cron, UTC)" description="minute hour day month weekday, e.g. 0 6 * * * for 06:00 every day" value={schedule} onChange={(event) => setSchedule(event.currentTarget.value)} error={errors['schedule']} />
          <Checkbox label="Enabled (runs on its schedule)" checked={enabled} onChange={(event) => setEnabled(event.currentTarget.checked)} />
          {fields.length > 0 && (
            <Stack gap="sm" data-testid="collector-settings">
              <Text fw={600} size="sm">
                Settings
              </Text>
              {fields.map((field) => (
                <SettingField key={field.key} field={field} value={values[field.key] ?? field.initial} error={errors[field.key]} onChange={(value) => setValues((current) => ({ ...current, [field.key]: value }))} />
              ))}
            </Stack>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={loading} data-testid="collector-configure-submit">
              Save configuration
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
