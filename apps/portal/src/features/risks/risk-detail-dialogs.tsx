import { useMutation } from '@apollo/client/react';
import { PROGRAMME_MANAGERS } from '@iso27001/authz/roles';
import { Alert, Button, Group, Modal, Radio, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { PersonSelect } from '../../components/person-select';
import { UnitSelect } from '../../components/unit-select';
import {
  RiskAcceptResidualDocument,
  RiskReassessDocument,
  RiskTreatDocument,
  RiskUpdateDetailsDocument,
  type RiskAssessmentKind,
  type RiskDetailFieldsFragment,
  type RiskMethodologyScalesFragment,
  type RiskStatus,
  type RiskTreatment,
  type UpdateRiskInput,
} from '../../gql/graphql';
import { serverFieldErrors } from '../../lib/errors';
import { roleMay } from '../../lib/roles';
import { useSession } from '../../lib/session';
import { ControlMultiSelect } from './control-multi-select';
import { LevelBadge } from './level-badge';
import { STATUSES, TREATMENTS } from './risk-labels';
import { aboveAppetite, levelAt, levelLabel } from './risk-level.rules';
import { ScaleSelect } from './scale-select';
import { notifySuccess } from '../../lib/notify';

interface DialogProps {
  opened: boolean;
  onClose: () => void;
  risk: RiskDetailFieldsFragment;
  methodology: RiskMethodologyScalesFragment;
}

/** Puts the server's field messages on the form's fields, or returns the error to show above the buttons. */
function placeError(error: unknown, setErrors: (errors: Record<string, string>) => void): unknown {
  const fields = serverFieldErrors(error);
  if (Object.keys(fields).length > 0) {
    setErrors(fields);
    return null;
  }
  return error;
}

function Buttons({ onCancel, loading, submitLabel, testId }: { onCancel: () => void; loading: boolean; submitLabel: string; testId: string }) {
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onCancel}>
        Cancel
      </Button>
      <Button type="submit" loading={loading} data-testid={testId}>
        {submitLabel}
      </Button>
    </Group>
  );
}

/** Records a new inherent or residual assessment under the current methodology, with a note for the history. */
export function ReassessDialog({ opened, onClose, risk, methodology, kind: initialKind }: DialogProps & { kind: RiskAssessmentKind }) {
  const [reassess, { loading }] = useMutation(RiskReassessDocument);
  const [failure, setFailure] = useState<unknown>(null);
  const current = (kind: RiskAssessmentKind) => {
    const sameVersion = kind === 'INHERENT' ? risk.inherentVersion === methodology.version : risk.residualVersion === methodology.version;
    const likelihood = kind === 'INHERENT' ? risk.inherentLikelihood : risk.residualLikelihood;
    const impact = kind === 'INHERENT' ? risk.inherentImpact : risk.residualImpact;
    return { likelihood: sameVersion && likelihood != null ? String(likelihood) : null, impact: sameVersion && impact != null ? String(impact) : null };
  };
  const form = useForm<{ kind: RiskAssessmentKind; likelihood: string | null; impact: string | null; note: string }>({
    mode: 'controlled',
    initialValues: { kind: initialKind, ...current(initialKind), note: '' },
    validate: {
      likelihood: (v) => (v ? null : 'Choose the likelihood'),
      impact: (v) => (v ? null : 'Choose the impact'),
      note: (v) => (!v.trim() ? 'Say what the assessment is based on: it stays in the history' : v.length > 5_000 ? 'Keep the note under 5,000 characters' : null),
    },
  });
  const { values } = form;
  const level = levelAt(methodology.matrix, values.likelihood ? Number(values.likelihood) : null, values.impact ? Number(values.impact) : null);
  const close = () => {
    form.reset();
    setFailure(null);
    onClose();
  };
  const submit = form.onSubmit(async (v) => {
    setFailure(null);
    try {
      await reassess({ variables: { input: { riskId: risk.id, kind: v.kind, likelihood: Number(v.likelihood), impact: Number(v.impact), note: v.note.trim() } } });
      notifySuccess('Assessment recorded', `The ${v.kind === 'INHERENT' ? 'inherent' : 'residual'} risk of “${risk.title}” is ${levelLabel(methodology.levels, level)}.`);
      close();
    } catch (error) {
      setFailure(placeError(error, form.setErrors));
    }
  });
  return (
    <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened={opened} onClose={close} title="Reassess the risk" size="lg" data-testid="risk-reassess-dialog">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <div>
            <Text size="sm" fw={500} mb={4} id="reassess-kind-label">
              Assessment
            </Text>
            <SegmentedControl
              aria-labelledby="reassess-kind-label"
              data={[
                { value: 'INHERENT', label: 'Inherent (before treatment)' },
                { value: 'RESIDUAL', label: 'Residual (after treatment)' },
              ]}
              value={values.kind}
              onChange={(value) => form.setValues({ kind: value as RiskAssessmentKind, ...current(value as RiskAssessmentKind) })}
              data-testid="risk-reassess-kind"
            />
          </div>
          <Text size="sm">Under methodology version {methodology.version}; earlier assessments stay in the history.</Text>
          <SimpleGrid cols={2}>
            <ScaleSelect label="Likelihood" required scale={methodology.likelihoodScale} {...form.getInputProps('likelihood')} data-testid="risk-reassess-likelihood" />
            <ScaleSelect label="Impact" required scale={methodology.impactScale} {...form.getInputProps('impact')} data-testid="risk-reassess-impact" />
          </SimpleGrid>
          {level && (
            <Group gap="xs">
              <Text size="sm">Level:</Text>
              <LevelBadge levels={methodology.levels} level={level} testId="risk-reassess-level" />
              {values.kind === 'RESIDUAL' && aboveAppetite(methodology.levels, methodology.appetite, level) && (
                <Text size="sm">above the appetite ({levelLabel(methodology.levels, methodology.appetite)}): the owner will need to accept it, or treat it further.</Text>
              )}
            </Group>
          )}
          {values.kind === 'RESIDUAL' && risk.acceptance && (
            <Alert color="yellow" variant="light">
              A new residual assessment voids the acceptance {risk.acceptance.person.name} signed; they will be asked to accept again if it is above appetite.
            </Alert>
          )}
          <Textarea label="Note" required autosize minRows={2} placeholder="What the assessment is based on (tests, incidents, controls in place)" {...form.getInputProps('note')} data-testid="risk-reassess-note" />
          {failure !== null && <ErrorAlert title="The assessment was not recorded" error={failure} />}
          <Buttons onCancel={close} loading={loading} submitLabel="Record assessment" testId="risk-reassess-submit" />
        </Stack>
      </form>
    </Modal>
  );
}

/** Records the treatment decision: one of the four options, its rationale and, to modify, the controls that do. */
export function TreatDialog({ opened, onClose, risk }: Omit<DialogProps, 'methodology'>) {
  const [treat, { loading }] = useMutation(RiskTreatDocument);
  const [failure, setFailure] = useState<unknown>(null);
  const form = useForm<{ treatment: RiskTreatment | ''; controlIds: string[]; rationale: string }>({
    mode: 'controlled',
    initialValues: { treatment: risk.treatment ?? '', controlIds: risk.controls.map((c) => c.id), rationale: risk.treatmentRationale ?? '' },
    validate: {
      treatment: (v) => (v ? null : 'Choose a treatment option'),
      controlIds: (v, all) => (all.treatment === 'MODIFY' && v.length === 0 ? 'Choose at least one Annex A control that modifies the risk' : null),
      rationale: (v) => (!v.trim() ? 'Say why this treatment was chosen' : v.length > 10_000 ? 'Keep the rationale under 10,000 characters' : null),
    },
  });
  const close = () => {
    form.reset();
    setFailure(null);
    onClose();
  };
  const submit = form.onSubmit(async (v) => {
    setFailure(null);
    try {
      await treat({ variables: { input: { riskId: risk.id, treatment: v.treatment as RiskTreatment, rationale: v.rationale.trim(), controlIds: v.treatment === 'MODIFY' ? v.controlIds : [] } } });
      notifySuccess('Treatment recorded', `“${risk.title}”: ${TREATMENTS.find((t) => t.value === v.treatment)?.label ?? v.treatment}.`);
      close();
    } catch (error) {
      setFailure(placeError(error, form.setErrors));
    }
  });
  return (
    <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened={opened} onClose={close} title="Treat the risk" size="lg" data-testid="risk-treat-dialog">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Radio.Group label="Treatment option" required {...form.getInputProps('treatment')} data-testid="risk-treat-option">
            <Stack gap="xs" mt="xs">
              {TREATMENTS.map((option) => (
                <Radio key={option.value} value={option.value} label={option.label} description={option.description} data-testid={`risk-treat-${option.value.toLowerCase()}`} />
              ))}
            </Stack>
          </Radio.Group>
          {form.values.treatment === 'MODIFY' && (
            <ControlMultiSelect label="Controls that modify the risk" required description="Annex A controls of ISO/IEC 27001:2022; the Statement of Applicability follows" {...form.getInputProps('controlIds')} data-testid="risk-treat-controls" />
          )}
          <Textarea label="Rationale" required autosize minRows={3} placeholder="Why this option, and how it brings the risk within appetite" {...form.getInputProps('rationale')} data-testid="risk-treat-rationale" />
          {failure !== null && <ErrorAlert title="The treatment was not recorded" error={failure} />}
          <Buttons onCancel={close} loading={loading} submitLabel="Record treatment" testId="risk-treat-submit" />
        </Stack>
      </form>
    </Modal>
  );
}

/** The owner signs the acceptance of the residual risk, saying why it is acceptable. */
export function AcceptDialog({ opened, onClose, risk, methodology }: DialogProps) {
  const [accept, { loading }] = useMutation(RiskAcceptResidualDocument);
  const [failure, setFailure] = useState<unknown>(null);
  const form = useForm<{ note: string }>({
    mode: 'controlled',
    initialValues: { note: '' },
    validate: { note: (v) => (!v.trim() ? 'Say why the residual risk is acceptable: your reason is kept with your signature' : v.length > 5_000 ? 'Keep the note under 5,000 characters' : null) },
  });
  const close = () => {
    form.reset();
    setFailure(null);
    onClose();
  };
  const submit = form.onSubmit(async (v) => {
    setFailure(null);
    try {
      await accept({ variables: { input: { riskId: risk.id, note: v.note.trim() } } });
      notifySuccess('Residual risk accepted', `Your acceptance of “${risk.title}” is recorded.`);
      close();
    } catch (error) {
      setFailure(placeError(error, form.setErrors));
    }
  });
  return (
    <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened={opened} onClose={close} title="Accept the residual risk" size="lg" data-testid="risk-accept-dialog">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Group gap="xs">
            <Text size="sm">Residual level</Text>
            <LevelBadge levels={methodology.levels} level={risk.residualLevel} />
            <Text size="sm">(likelihood {risk.residualLikelihood}, impact {risk.residualImpact}); the appetite is {levelLabel(methodology.levels, methodology.appetite)}.</Text>
          </Group>
          <Text size="sm">As the risk owner you accept that this risk remains at this level (ISO/IEC 27001 6.1.3 f). Your name and the time are recorded.</Text>
          <Textarea label="Why the residual risk is acceptable" required autosize minRows={3} {...form.getInputProps('note')} data-testid="risk-accept-note" />
          {failure !== null && <ErrorAlert title="The acceptance was not recorded" error={failure} />}
          <Buttons onCancel={close} loading={loading} submitLabel="Sign the acceptance" testId="risk-accept-submit" />
        </Stack>
      </form>
    </Modal>
  );
}

interface EditValues {
  title: string;
  description: string;
  threat: string;
  vulnerability: string;
  ownerId: string | null;
  unitId: string | null;
  nextReviewOn: string;
  status: RiskStatus;
}

/** Changes the risk's details; only what changed is sent. */
export function EditDetailsDialog({ opened, onClose, risk }: Omit<DialogProps, 'methodology'>) {
  const { activeRole } = useSession();
  // Ownership is assigned by a programme manager (the API refuses anyone else): others see the owner, not a picker.
  const mayAssignOwner = roleMay(activeRole, PROGRAMME_MANAGERS);
  const [update, { loading }] = useMutation(RiskUpdateDetailsDocument);
  const [failure, setFailure] = useState<unknown>(null);
  const initial: EditValues = {
    title: risk.title,
    description: risk.description ?? '',
    threat: risk.threat ?? '',
    vulnerability: risk.vulnerability ?? '',
    ownerId: risk.owner?.id ?? null,
    unitId: risk.unit?.id ?? null,
    nextReviewOn: risk.nextReviewOn ?? '',
    status: risk.status,
  };
  const form = useForm<EditValues>({
    mode: 'controlled',
    initialValues: initial,
    validate: {
      title: (v) => (!v.trim() ? 'Give the risk a title' : v.trim().length > 300 ? 'Keep the title under 300 characters' : null),
      ownerId: (v) => (v || !mayAssignOwner ? null : 'Every risk needs an owner'),
      description: (v) => (v.length > 10_000 ? 'Keep the description under 10,000 characters' : null),
      threat: (v) => (v.length > 2_000 ? 'Keep the threat under 2,000 characters' : null),
      vulnerability: (v) => (v.length > 2_000 ? 'Keep the vulnerability under 2,000 characters' : null),
    },
  });
  const close = () => {
    form.reset();
    setFailure(null);
    onClose();
  };
  const submit = form.onSubmit(async (v) => {
    setFailure(null);
    const input: UpdateRiskInput = { riskId: risk.id };
    const text = (value: string) => value.trim() || null;
    if (v.title.trim() !== initial.title) input.title = v.title.trim();
    if (text(v.description) !== (risk.description ?? null)) input.description = text(v.description);
    if (text(v.threat) !== (risk.threat ?? null)) input.threat = text(v.threat);
    if (text(v.vulnerability) !== (risk.vulnerability ?? null)) input.vulnerability = text(v.vulnerability);
    if (mayAssignOwner && v.ownerId !== initial.ownerId) input.ownerId = v.ownerId;
    if (v.unitId !== initial.unitId) input.unitId = v.unitId;
    if (v.nextReviewOn !== initial.nextReviewOn) input.nextReviewOn = v.nextReviewOn || null;
    if (v.status !== initial.status) input.status = v.status;
    if (Object.keys(input).length === 1) {
      close();
      return;
    }
    try {
      await update({ variables: { input } });
      notifySuccess('Risk updated', `“${v.title.trim()}” is saved.`);
      close();
    } catch (error) {
      setFailure(placeError(error, form.setErrors));
    }
  });
  const ownerChanged = form.values.ownerId !== initial.ownerId;
  return (
    <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened={opened} onClose={close} title="Edit the risk" size="lg" data-testid="risk-edit-dialog">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput label="Title" required {...form.getInputProps('title')} data-testid="risk-edit-title" />
          <SimpleGrid cols={2}>
            {mayAssignOwner ? (
              <PersonSelect
                label="Owner"
                required
                value={form.values.ownerId}
                selected={risk.owner ? { id: risk.owner.id, name: risk.owner.name } : null}
                onChange={(id) => form.setFieldValue('ownerId', id)}
                error={form.errors['ownerId']}
                data-testid="risk-edit-owner"
              />
            ) : (
              <TextInput
                label="Owner"
                readOnly
                value={risk.owner?.name ?? 'No owner yet'}
                description="Only a programme manager assigns the owner"
                error={form.errors['ownerId']}
                data-testid="risk-edit-owner-fixed"
              />
            )}
            <UnitSelect label="Unit" value={form.values.unitId} onChange={(id) => form.setFieldValue('unitId', id)} error={form.errors['unitId']} />
          </SimpleGrid>
          {ownerChanged && risk.acceptance && (
            <Alert color="yellow" variant="light">
              A new owner voids the acceptance {risk.acceptance.person.name} signed: the new owner decides for themselves.
            </Alert>
          )}
          <Textarea label="Description" autosize minRows={2} {...form.getInputProps('description')} />
          <SimpleGrid cols={2}>
            <Textarea label="Threat" autosize minRows={1} {...form.getInputProps('threat')} />
            <Textarea label="Vulnerability" autosize minRows={1} {...form.getInputProps('vulnerability')} />
          </SimpleGrid>
          <SimpleGrid cols={2}>
            <TextInput label="Next review" type="date" {...form.getInputProps('nextReviewOn')} />
            <Select label="Status" allowDeselect={false} data={STATUSES.map((s) => ({ value: s.value, label: s.label }))} {...form.getInputProps('status')} />
          </SimpleGrid>
          {failure !== null && <ErrorAlert title="The risk was not saved" error={failure} />}
          <Buttons onCancel={close} loading={loading} submitLabel="Save" testId="risk-edit-submit" />
        </Stack>
      </form>
    </Modal>
  );
}
