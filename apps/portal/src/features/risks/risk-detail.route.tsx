import { useQuery } from '@apollo/client/react';
import { RISK_ACCEPTANCE_SIGNERS, RISK_EDITORS } from '@iso27001/authz/roles';
import { Alert, Anchor, Blockquote, Button, Card, Group, List, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import { Loading } from '../../components/loading';
import { Page, Section } from '../../components/page';
import { RiskDetailDocument, type RiskAssessmentKind, type RiskDetailFieldsFragment, type RiskMethodologyScalesFragment } from '../../gql/graphql';
import { enumLabel, formatDate, formatDateTime } from '../../lib/format';
import { roleMay } from '../../lib/roles';
import { useSession } from '../../lib/session';
import { tokenSubject } from '../../lib/token';
import { controlName } from './control-multi-select';
import { LevelBadge } from './level-badge';
import { acceptanceBlock } from './risk-acceptance.rules';
import { RiskActions } from './risk-actions';
import { AcceptDialog, EditDetailsDialog, ReassessDialog, TreatDialog } from './risk-detail-dialogs';
import { statusLabel, treatmentLabel, TREATMENTS } from './risk-labels';
import { aboveAppetite, levelLabel, scaleLabel } from './risk-level.rules';
import { isRecordId } from './url-params';

type Dialog = { kind: 'edit' } | { kind: 'treat' } | { kind: 'accept' } | { kind: 'reassess'; assessment: RiskAssessmentKind };

function Field({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div>
      <Text size="xs" fw={700} c="dimmed" tt="uppercase">
        {label}
      </Text>
      <Text size="sm" component="div" data-testid={testId}>
        {children}
      </Text>
    </div>
  );
}

function AssessmentCard({ title, risk, kind, methodology, testId }: { title: string; risk: RiskDetailFieldsFragment; kind: RiskAssessmentKind; methodology: RiskMethodologyScalesFragment; testId: string }) {
  const inherent = kind === 'INHERENT';
  const level = inherent ? risk.inherentLevel : risk.residualLevel;
  const likelihood = inherent ? risk.inherentLikelihood : risk.residualLikelihood;
  const impact = inherent ? risk.inherentImpact : risk.residualImpact;
  const version = inherent ? risk.inherentVersion : risk.residualVersion;
  const sameVersion = version === methodology.version;
  return (
    <Card withBorder padding="md" data-testid={testId}>
      <Title order={3} size="h5" mb="xs">
        {title}
      </Title>
      {level ? (
        <Stack gap={6}>
          <Group gap="xs">
            <LevelBadge levels={methodology.levels} level={level} testId={`${testId}-level`} />
            <Text size="sm">score {(likelihood ?? 0) * (impact ?? 0)}</Text>
          </Group>
          <Text size="sm" data-testid={`${testId}-scores`}>
            Likelihood {sameVersion ? scaleLabel(methodology.likelihoodScale, likelihood) : likelihood} × impact {sameVersion ? scaleLabel(methodology.impactScale, impact) : impact}
          </Text>
          <Text size="xs" c="dimmed">
            Methodology version {version}
            {!sameVersion && ` (the current one is ${methodology.version}: reassess to score it on the current scales)`}
          </Text>
        </Stack>
      ) : (
        <Text size="sm" data-testid={`${testId}-level`}>
          Not assessed yet. Assess the residual risk once the treatment is decided.
        </Text>
      )}
    </Card>
  );
}

function Acceptance({
  risk,
  methodology,
  isOwner,
  mayAccept,
  me,
  onAccept,
}: {
  risk: RiskDetailFieldsFragment;
  methodology: RiskMethodologyScalesFragment;
  isOwner: boolean;
  mayAccept: boolean;
  me: string | null;
  onAccept: () => void;
}) {
  const appetite = levelLabel(methodology.levels, methodology.appetite);
  const ownerName = risk.owner?.name;
  if (risk.acceptance) {
    return (
      <Stack gap="xs" data-testid="risk-acceptance" data-state="accepted">
        <Text size="sm" fw={600} data-testid="risk-acceptance-by">
          Accepted by {risk.acceptance.person.name} on {formatDateTime(risk.acceptance.acceptedAt)}
        </Text>
        {risk.acceptance.note && (
          <Blockquote p="sm" color="gray" data-testid="risk-acceptance-note">
            {risk.acceptance.note}
          </Blockquote>
        )}
      </Stack>
    );
  }
  if (!risk.residualLevel) {
    return (
      <Text size="sm" data-testid="risk-acceptance" data-state="not-assessed">
        The residual risk is not assessed yet. Once it is, a residual level above the appetite ({appetite}) must be accepted by the risk owner or treated further.
      </Text>
    );
  }
  const above = aboveAppetite(methodology.levels, methodology.appetite, risk.residualLevel);
  // Segregation of duties, as the API enforces it: the owner signs someone else's assessment made since they own it.
  const block = isOwner && mayAccept ? acceptanceBlock(me, risk) : null;
  const ownerButton = isOwner && mayAccept && !block && (
    <div>
      <Button onClick={onAccept} color={above ? 'red' : undefined} data-testid="risk-accept">
        Accept the residual risk
      </Button>
    </div>
  );
  const explanation = !ownerName ? (
    <Text size="sm">This risk has no owner. Assign one: only the owner may accept the residual risk.</Text>
  ) : isOwner && !mayAccept ? (
    <Text size="sm">You own this risk, but your current role may not sign acceptances. Switch to the role you hold as risk owner.</Text>
  ) : block === 'RESIDUAL_PREDATES_OWNER' ? (
    <Text size="sm" data-testid="risk-acceptance-blocked">
      The residual risk was assessed before you became its owner. Ask for it to be re-assessed (by the ISMS manager or a colleague), then accept what it finds.
    </Text>
  ) : block === 'SELF_ASSESSED_RESIDUAL' ? (
    <Text size="sm" data-testid="risk-acceptance-blocked">
      You recorded the residual assessment yourself. Someone else assesses the residual risk before you accept it (segregation of duties).
    </Text>
  ) : isOwner ? null : (
    <Text size="sm" data-testid="risk-acceptance-who">
      Only the risk owner, {ownerName}, may accept the residual risk: they sign it in the portal, under My risks. Nobody signs for someone else.
    </Text>
  );
  if (risk.needsAcceptance || above) {
    return (
      <Alert color="red" variant="light" title="Above the risk appetite" data-testid="risk-acceptance" data-state="needs-acceptance">
        <Stack gap="xs">
          <Text size="sm">
            The residual level {levelLabel(methodology.levels, risk.residualLevel)} is above the appetite ({appetite}). Treat the risk further, or the owner accepts what remains (ISO/IEC 27001 6.1.3 f).
          </Text>
          {explanation}
          {ownerButton}
        </Stack>
      </Alert>
    );
  }
  return (
    <Stack gap="xs" data-testid="risk-acceptance" data-state="within-appetite">
      <Text size="sm">
        The residual level {levelLabel(methodology.levels, risk.residualLevel)} is within the appetite ({appetite}): no acceptance is needed. {isOwner && mayAccept ? 'You may still record that you accept it.' : ''}
      </Text>
      {ownerButton}
    </Stack>
  );
}

function History({ risk, methodology }: { risk: RiskDetailFieldsFragment; methodology: RiskMethodologyScalesFragment }) {
  const assessments = [...risk.assessments].reverse();
  if (assessments.length === 0) return <Text size="sm">No assessment is recorded.</Text>;
  return (
    <Table striped data-testid="risk-history">
      <caption style={{ captionSide: 'top', textAlign: 'left' }}>
        <Text span size="sm" c="dimmed">
          Every assessment of “{risk.title}”, newest first; assessments are never rewritten
        </Text>
      </caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>When</Table.Th>
          <Table.Th>Assessment</Table.Th>
          <Table.Th>Likelihood</Table.Th>
          <Table.Th>Impact</Table.Th>
          <Table.Th>Level</Table.Th>
          <Table.Th>Methodology</Table.Th>
          <Table.Th>Note</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {assessments.map((a) => (
          <Table.Tr key={a.id} data-testid="risk-history-row">
            <Table.Td>{formatDateTime(a.assessedAt)}</Table.Td>
            <Table.Td>{a.kind === 'INHERENT' ? 'Inherent' : 'Residual'}</Table.Td>
            <Table.Td>{a.methodologyVersion === methodology.version ? scaleLabel(methodology.likelihoodScale, a.likelihood) : a.likelihood}</Table.Td>
            <Table.Td>{a.methodologyVersion === methodology.version ? scaleLabel(methodology.impactScale, a.impact) : a.impact}</Table.Td>
            <Table.Td>
              <LevelBadge levels={methodology.levels} level={a.level} />
            </Table.Td>
            <Table.Td>Version {a.methodologyVersion}</Table.Td>
            <Table.Td>{a.note ?? '—'}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** One risk: its assessments, treatment, actions and the owner's acceptance of what remains. */
export function RiskDetailRoute() {
  const { riskId = '' } = useParams();
  const { session, activeRole } = useSession();
  const validId = isRecordId(riskId);
  const { data, loading, error, refetch } = useQuery(RiskDetailDocument, { variables: { id: riskId }, skip: !validId });
  const [dialog, setDialog] = useState<Dialog | null>(null);

  if (validId && loading && !data) return <Loading label="Loading the risk…" />;
  if (error && !data) {
    return (
      <Page title="Risk">
        <ErrorAlert title="Could not load the risk" error={error} onRetry={() => void refetch()} />
      </Page>
    );
  }
  const risk = data?.risk;
  const methodology = data?.riskMethodology;
  if (!risk || !methodology) {
    return (
      <Page title="Risk not found">
        <Alert color="gray" variant="light" data-testid="not-found">
          There is no risk at this address. It may have been removed, or the link may be mistyped.{' '}
          <Anchor component={Link} to="/risks">
            Open the risk register
          </Anchor>
        </Alert>
      </Page>
    );
  }

  const mayEdit = roleMay(activeRole, RISK_EDITORS);
  const isOwner = Boolean(data.me && risk.owner && data.me.id === risk.owner.id);
  const mayAccept = roleMay(activeRole, RISK_ACCEPTANCE_SIGNERS);
  const close = () => setDialog(null);
  const treatment = TREATMENTS.find((t) => t.value === risk.treatment);

  return (
    <Page
      title={risk.title}
      description={
        <span data-testid="risk-summary">
          Owned by {risk.owner?.name ?? 'nobody yet'}
          {risk.unit ? ` · ${risk.unit.name}` : ''} · {statusLabel(risk.status)} · next review {formatDate(risk.nextReviewOn)}
        </span>
      }
      actions={
        mayEdit && (
          <>
            <Button variant="default" onClick={() => setDialog({ kind: 'edit' })} data-testid="risk-edit">
              Edit details
            </Button>
            <Button variant="default" onClick={() => setDialog({ kind: 'reassess', assessment: risk.treatment ? 'RESIDUAL' : 'INHERENT' })} data-testid="risk-reassess">
              Reassess
            </Button>
            <Button onClick={() => setDialog({ kind: 'treat' })} data-testid="risk-treat">
              {risk.treatment ? 'Change treatment' : 'Treat'}
            </Button>
          </>
        )
      }
    >
      <Anchor component={Link} to="/risks" size="sm">
        ← Risk register
      </Anchor>
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        <AssessmentCard title="Inherent risk (before treatment)" risk={risk} kind="INHERENT" methodology={methodology} testId="risk-inherent" />
        <AssessmentCard title="Residual risk (after treatment)" risk={risk} kind="RESIDUAL" methodology={methodology} testId="risk-residual" />
        <Card withBorder padding="md" data-testid="risk-treatment">
          <Title order={3} size="h5" mb="xs">
            Treatment
          </Title>
          <Text size="sm" fw={600} data-testid="risk-treatment-option">
            {treatmentLabel(risk.treatment)}
          </Text>
          {treatment && (
            <Text size="xs" c="dimmed">
              {treatment.description}
            </Text>
          )}
          {risk.treatmentRationale && (
            <Text size="sm" mt="xs" data-testid="risk-treatment-rationale">
              {risk.treatmentRationale}
            </Text>
          )}
          {risk.controls.length > 0 && (
            <List size="sm" mt="xs" data-testid="risk-controls">
              {risk.controls.map((control) => (
                <List.Item key={control.id}>{controlName(control)}</List.Item>
              ))}
            </List>
          )}
          {!risk.treatment && mayEdit && (
            <Text size="sm" mt="xs">
              Decide how to treat this risk: modify, avoid, transfer or accept it.
            </Text>
          )}
        </Card>
      </SimpleGrid>

      <Section title="Acceptance of the residual risk">
        <Acceptance risk={risk} methodology={methodology} isOwner={isOwner} mayAccept={mayAccept} me={tokenSubject(session?.accessToken)} onAccept={() => setDialog({ kind: 'accept' })} />
      </Section>

      <RiskActions risk={risk} mayEdit={mayEdit} onChanged={() => void refetch()} />

      <Section title="Details">
        <SimpleGrid cols={{ base: 1, md: 3 }}>
          <Field label="Owner" testId="risk-owner">
            {risk.owner ? `${risk.owner.name}${risk.owner.unit ? `, ${risk.owner.unit.name}` : ''}` : 'No owner'}
          </Field>
          <Field label="Unit">{risk.unit?.name ?? '—'}</Field>
          <Field label="Status">{statusLabel(risk.status)}</Field>
          <Field label="Threat">{risk.threat ?? '—'}</Field>
          <Field label="Vulnerability">{risk.vulnerability ?? '—'}</Field>
          <Field label="Next review">{formatDate(risk.nextReviewOn)}</Field>
          <Field label="Assets">{risk.assets.length === 0 ? '—' : risk.assets.map((asset) => `${asset.name} (${enumLabel(asset.type)})`).join(', ')}</Field>
          <Field label="Recorded">{formatDate(risk.createdAt)}</Field>
          <Field label="Last changed">{formatDateTime(risk.updatedAt)}</Field>
        </SimpleGrid>
        {risk.description && (
          <Field label="Description">
            <span style={{ whiteSpace: 'pre-wrap' }}>{risk.description}</span>
          </Field>
        )}
      </Section>

      <Section title="History of assessments">
        <History risk={risk} methodology={methodology} />
      </Section>

      {dialog?.kind === 'edit' && <EditDetailsDialog opened onClose={close} risk={risk} />}
      {dialog?.kind === 'treat' && <TreatDialog opened onClose={close} risk={risk} />}
      {dialog?.kind === 'reassess' && <ReassessDialog opened onClose={close} risk={risk} methodology={methodology} kind={dialog.assessment} />}
      {dialog?.kind === 'accept' && <AcceptDialog opened onClose={close} risk={risk} methodology={methodology} />}
    </Page>
  );
}
