import { useMutation, useQuery } from '@apollo/client/react';
import { PROGRAMME_MANAGERS } from '@iso27001/authz/roles';
import { Alert, Button, Group, Modal, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect, useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { PersonSelect } from '../../components/person-select';
import { UnitSelect } from '../../components/unit-select';
import { RiskCreateDocument, RiskCreatorDocument, type RiskMethodologyScalesFragment, type RiskRegisterRowFragment } from '../../gql/graphql';
import { serverFieldErrors } from '../../lib/errors';
import { roleMay } from '../../lib/roles';
import { useSession } from '../../lib/session';
import { LevelBadge } from './level-badge';
import { levelAt } from './risk-level.rules';
import { ScaleSelect } from './scale-select';
import { notifySuccess } from '../../lib/notify';

interface CreateRiskValues {
  title: string;
  description: string;
  threat: string;
  vulnerability: string;
  ownerId: string | null;
  unitId: string | null;
  inherentLikelihood: string | null;
  inherentImpact: string | null;
  nextReviewOn: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Adds a risk to the register, assessed under the current methodology. A programme manager picks the owner by name;
 * anyone else registers the risk as its owner (the API lets only programme managers assign someone else).
 */
export function RiskCreateDialog({ opened, onClose, methodology, onCreated }: { opened: boolean; onClose: () => void; methodology: RiskMethodologyScalesFragment; onCreated: (risk: RiskRegisterRowFragment) => void }) {
  const [createRisk, { loading }] = useMutation(RiskCreateDocument);
  const [failure, setFailure] = useState<unknown>(null);
  const { activeRole } = useSession();
  const mayAssignOwner = roleMay(activeRole, PROGRAMME_MANAGERS);
  const creator = useQuery(RiskCreatorDocument, { skip: mayAssignOwner || !opened });
  const me = creator.data?.me ?? null;
  const form = useForm<CreateRiskValues>({
    mode: 'controlled',
    initialValues: { title: '', description: '', threat: '', vulnerability: '', ownerId: null, unitId: null, inherentLikelihood: null, inherentImpact: null, nextReviewOn: '' },
    validate: {
      title: (value) => (!value.trim() ? 'Give the risk a title' : value.trim().length > 300 ? 'Keep the title under 300 characters' : null),
      ownerId: (value) =>
        value
          ? null
          : mayAssignOwner
            ? 'Every risk needs an owner who is accountable for it (ISO/IEC 27001 6.1.2 c)'
            : 'You are not in the organisation register, so you cannot own a risk: ask your ISMS manager to add it',
      inherentLikelihood: (value) => (value ? null : 'Choose how likely the risk is before treatment'),
      inherentImpact: (value) => (value ? null : 'Choose the impact before treatment'),
      nextReviewOn: (value) => (value && !DATE.test(value) ? 'Give a date' : null),
      description: (value) => (value.length > 10_000 ? 'Keep the description under 10,000 characters' : null),
      threat: (value) => (value.length > 2_000 ? 'Keep the threat under 2,000 characters' : null),
      vulnerability: (value) => (value.length > 2_000 ? 'Keep the vulnerability under 2,000 characters' : null),
    },
  });
  const { values } = form;
  const setOwner = form.setFieldValue;
  useEffect(() => {
    if (!mayAssignOwner && me && values.ownerId !== me.id) setOwner('ownerId', me.id);
  }, [mayAssignOwner, me, values.ownerId, setOwner]);
  const level = levelAt(methodology.matrix, values.inherentLikelihood ? Number(values.inherentLikelihood) : null, values.inherentImpact ? Number(values.inherentImpact) : null);

  const close = () => {
    form.reset();
    setFailure(null);
    onClose();
  };

  const submit = form.onSubmit(async (v) => {
    setFailure(null);
    try {
      const result = await createRisk({
        variables: {
          input: {
            title: v.title.trim(),
            description: v.description.trim() || null,
            threat: v.threat.trim() || null,
            vulnerability: v.vulnerability.trim() || null,
            ownerId: v.ownerId,
            unitId: v.unitId,
            inherentLikelihood: Number(v.inherentLikelihood),
            inherentImpact: Number(v.inherentImpact),
            nextReviewOn: v.nextReviewOn || null,
          },
        },
      });
      const risk = result.data?.createRisk;
      if (!risk) return;
      notifySuccess('Risk added', `“${risk.title}” is in the register.`);
      onCreated(risk);
      close();
    } catch (error) {
      const fields = serverFieldErrors(error);
      if (Object.keys(fields).length > 0) form.setErrors(fields);
      else setFailure(error);
    }
  });

  return (
    <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened={opened} onClose={close} title="Add a risk" size="lg" data-testid="risk-create-dialog">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput label="Title" required placeholder="What could happen, to what, and why" {...form.getInputProps('title')} data-testid="risk-create-title" />
          <SimpleGrid cols={2}>
            {mayAssignOwner ? (
              <PersonSelect
                label="Owner"
                required
                description="Accountable for the risk and for accepting what remains"
                value={values.ownerId}
                onChange={(id) => form.setFieldValue('ownerId', id)}
                error={form.errors['ownerId']}
                data-testid="risk-create-owner"
              />
            ) : (
              <TextInput
                label="Owner"
                readOnly
                value={me ? `${me.name} (you)` : creator.loading ? 'Loading…' : 'Not in the organisation register'}
                description="You own the risks you register; a programme manager assigns other owners"
                error={form.errors['ownerId']}
                data-testid="risk-create-owner-fixed"
              />
            )}
            <UnitSelect label="Unit" description="Where the risk arises" value={values.unitId} onChange={(id) => form.setFieldValue('unitId', id)} error={form.errors['unitId']} data-testid="risk-create-unit" />
          </SimpleGrid>
          <Textarea label="Description" autosize minRows={2} {...form.getInputProps('description')} />
          <SimpleGrid cols={2}>
            <Textarea label="Threat" autosize minRows={1} {...form.getInputProps('threat')} />
            <Textarea label="Vulnerability" autosize minRows={1} {...form.getInputProps('vulnerability')} />
          </SimpleGrid>
          <Text size="sm" fw={600}>
            Inherent risk (before treatment), on methodology version {methodology.version}
          </Text>
          <SimpleGrid cols={2}>
            <ScaleSelect label="Likelihood" required scale={methodology.likelihoodScale} {...form.getInputProps('inherentLikelihood')} data-testid="risk-create-likelihood" />
            <ScaleSelect label="Impact" required scale={methodology.impactScale} {...form.getInputProps('inherentImpact')} data-testid="risk-create-impact" />
          </SimpleGrid>
          {level && (
            <Group gap="xs" data-testid="risk-create-level">
              <Text size="sm">Inherent level:</Text>
              <LevelBadge levels={methodology.levels} level={level} />
            </Group>
          )}
          <TextInput label="Next review" type="date" w={200} {...form.getInputProps('nextReviewOn')} />
          {failure !== null && <ErrorAlert title="The risk was not added" error={failure} />}
          {Object.keys(form.errors).length > 0 && (
            <Alert color="red" variant="light" p="xs">
              Some fields need your attention.
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={loading} data-testid="risk-create-submit">
              Add risk
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
