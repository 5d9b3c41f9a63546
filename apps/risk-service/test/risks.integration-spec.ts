import { randomUUID } from 'node:crypto';
import { Role } from '@iso27001/authz';
import { envelopeSchema, RiskUpserted } from '@iso27001/contracts';
import { eventually, testClaims, testKafka, TestSubgraph } from '@iso27001/testing';
import { RiskConfig } from '../src/config';
import { RiskTestKit } from './risk-test-kit';

const RISK_FIELDS = 'id title description threat vulnerability inherentLikelihood inherentImpact inherentScore treatment treatmentRationale status owner { id } controls { id }';
const CREATE_RISK = `mutation($input: CreateRiskInput!) { createRisk(input: $input) { ${RISK_FIELDS} } }`;
const TREAT_RISK = `mutation($input: TreatRiskInput!) { treatRisk(input: $input) { ${RISK_FIELDS} } }`;

interface RiskResult {
  id: string;
  title: string;
  inherentScore: number;
  treatment: string | null;
  treatmentRationale: string | null;
  status: string;
  owner: { id: string } | null;
  controls: { id: string }[];
}

describe('risk-service: the risk register and treatment decisions', () => {
  const kit = new RiskTestKit('risk');
  const prefix = kit.prefix;
  let service: TestSubgraph<RiskConfig>;

  beforeAll(async () => {
    await kit.start();
    service = kit.service;
  });
  afterAll(async () => {
    await kit.stop();
  });

  async function counts(): Promise<{ risks: number; events: number }> {
    const all = await kit.counts();
    return { risks: all['risk'] ?? 0, events: all['outbox_event'] ?? 0 };
  }

  it('creates and treats risks, lists them by inherent score, and publishes RiskUpserted on Kafka', async () => {
    const { id: ownerId } = await kit.person('Rafael Ortiz');
    const { createRisk: ransomware } = await service.ok<{ createRisk: RiskResult }>(CREATE_RISK, {
      input: {
        title: 'Ransomware encrypts the payments platform',
        threat: 'Ransomware',
        vulnerability: 'Unpatched servers',
        ownerId,
        inherentLikelihood: 4,
        inherentImpact: 5,
      },
    });
    expect(ransomware).toMatchObject({ inherentScore: 20, treatment: null, status: 'OPEN', owner: { id: ownerId }, controls: [] });
    // A risk owner adds risks to a unit of theirs (without a unit only an organisation-wide role may).
    const facilities = randomUUID();
    await service.ok(CREATE_RISK, { input: { title: 'Badge cloning', unitId: facilities, inherentLikelihood: 2, inherentImpact: 3 } }, testClaims([Role.RiskOwner], { unitIds: [facilities] }));
    await service.ok(CREATE_RISK, { input: { title: 'Accidental disclosure by e-mail', inherentLikelihood: 3, inherentImpact: 2 } }, testClaims([Role.Admin]));

    const { treatRisk } = await service.ok<{ treatRisk: RiskResult }>(TREAT_RISK, {
      input: { riskId: ransomware.id, treatment: 'MODIFY', rationale: 'Backups and patching bring it within appetite', controlIds: ['A.8.13', 'A.8.8', 'A.8.13'] },
    });
    expect(treatRisk).toMatchObject({
      treatment: 'MODIFY',
      treatmentRationale: 'Backups and patching bring it within appetite',
      controls: [{ id: 'A.8.13' }, { id: 'A.8.8' }],
    });

    const { risks } = await service.ok<{ risks: RiskResult[] }>(`{ risks { title inherentScore } }`, {}, testClaims([Role.InternalAuditor]));
    expect(risks).toEqual([
      { title: 'Ransomware encrypts the payments platform', inherentScore: 20 },
      { title: 'Accidental disclosure by e-mail', inherentScore: 6 },
      { title: 'Badge cloning', inherentScore: 6 },
    ]);
    const { risk } = await service.ok<{ risk: RiskResult }>(`query($id: ID!) { risk(id: $id) { ${RISK_FIELDS} } }`, { id: ransomware.id });
    expect(risk.controls).toEqual([{ id: 'A.8.13' }, { id: 'A.8.8' }]);
    const missing = await service.ok<{ risk: RiskResult | null }>(`query($id: ID!) { risk(id: $id) { id } }`, { id: randomUUID() });
    expect(missing.risk).toBeNull();

    const consumer = testKafka().consumer({ groupId: `${prefix}check` });
    const seen: { key: string | undefined; value: unknown }[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic: `${prefix}${RiskUpserted.topic}`, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void seen.push({ key: message.key?.toString(), value: JSON.parse(message.value?.toString() ?? 'null') }) });
    try {
      const events = await eventually('both events of the treated risk on the broker', () => {
        const mine = seen.filter((event) => event.key === ransomware.id);
        return mine.length >= 2 ? mine : undefined;
      });
      const treated = envelopeSchema.parse(events[1].value);
      expect(treated).toMatchObject({ type: 'risk.risk.upserted', version: 1, source: 'risk-service', subjectId: ransomware.id });
      expect(RiskUpserted.schema.parse(treated.data)).toMatchObject({
        id: ransomware.id,
        title: 'Ransomware encrypts the payments platform',
        ownerId,
        treatment: 'MODIFY',
        controlIds: ['A.8.13', 'A.8.8'],
        inherentLikelihood: 4,
        inherentImpact: 5,
        status: 'OPEN',
        inherentVersion: 1,
        inherentLevel: 'CRITICAL',
        residualLevel: null,
        needsAcceptance: false,
      });
      await eventually('all four events on the broker', () => seen.length >= 4);
    } finally {
      await consumer.disconnect();
    }
  });

  it('rejects bad input with a clear error and writes nothing', async () => {
    const { createRisk } = await service.ok<{ createRisk: RiskResult }>(CREATE_RISK, { input: { title: 'Supplier breach', inherentLikelihood: 3, inherentImpact: 4 } });
    const before = await counts();

    const notPositive = await service.request(CREATE_RISK, { input: { title: 'X', inherentLikelihood: 0, inherentImpact: -1 } });
    expect(notPositive.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', category: 'BAD_USER_INPUT' });
    expect(notPositive.errors?.[0]?.message).toContain('inherentLikelihood: likelihood and impact are positive integers');
    const outOfScale = await service.request(CREATE_RISK, { input: { title: 'X', inherentLikelihood: 6, inherentImpact: 3 } });
    expect(outOfScale.errors?.[0]).toMatchObject({
      message: 'likelihood 6 is not on the 5-level scale (1, 2, 3, 4, 5) of methodology v1',
      extensions: { code: 'VALUE_NOT_ON_SCALE', category: 'BAD_USER_INPUT' },
    });
    const unknownOwner = await service.request(CREATE_RISK, { input: { title: 'X', inherentLikelihood: 1, inherentImpact: 1, ownerId: randomUUID() } });
    expect(unknownOwner.errors?.[0]).toMatchObject({ message: expect.stringContaining('not active people of the organisation'), extensions: { code: 'UNKNOWN_PERSON' } });

    const blankTitle = await service.request(CREATE_RISK, { input: { title: '   ', inherentLikelihood: 1, inherentImpact: 1 } });
    expect(blankTitle.errors?.[0]?.extensions).toMatchObject({ code: 'TITLE_REQUIRED' });

    const noControls = await service.request(TREAT_RISK, { input: { riskId: createRisk.id, treatment: 'MODIFY', rationale: 'Controls will do', controlIds: [] } });
    expect(noControls.errors?.[0]).toMatchObject({ message: expect.stringContaining('at least one Annex A control'), extensions: { code: 'CONTROLS_REQUIRED' } });

    const unknown = await service.request(TREAT_RISK, {
      input: { riskId: createRisk.id, treatment: 'MODIFY', rationale: 'Controls will do', controlIds: ['A.5.19', 'A.5.99', 'A.14.2.1'] },
    });
    expect(unknown.errors?.[0]).toMatchObject({
      message: 'not ISO/IEC 27001:2022 Annex A controls: A.5.99, A.14.2.1',
      extensions: { code: 'UNKNOWN_CONTROLS', category: 'BAD_USER_INPUT', details: { controlIds: ['A.5.99', 'A.14.2.1'] } },
    });

    const noRationale = await service.request(TREAT_RISK, { input: { riskId: createRisk.id, treatment: 'ACCEPT', rationale: '  ', controlIds: [] } });
    expect(noRationale.errors?.[0]?.extensions).toMatchObject({ code: 'RATIONALE_REQUIRED' });
    const emptyRationale = await service.request(TREAT_RISK, { input: { riskId: createRisk.id, treatment: 'ACCEPT', rationale: '', controlIds: [] } });
    expect(emptyRationale.errors?.[0]).toMatchObject({ message: expect.stringContaining('rationale is required'), extensions: { code: 'VALIDATION_FAILED' } });

    const unknownRisk = await service.request(TREAT_RISK, { input: { riskId: randomUUID(), treatment: 'ACCEPT', rationale: 'Within appetite', controlIds: [] } });
    expect(unknownRisk.errors?.[0]?.extensions).toMatchObject({ code: 'RISK_NOT_FOUND', category: 'NOT_FOUND' });

    const otherOrganisation = await service.request(
      TREAT_RISK,
      { input: { riskId: createRisk.id, treatment: 'ACCEPT', rationale: 'Within appetite', controlIds: [] } },
      testClaims([Role.IsmsManager], { organisationId: randomUUID() }),
    );
    expect(otherOrganisation.errors?.[0]?.extensions).toMatchObject({ code: 'RISK_NOT_FOUND' });

    expect(await counts()).toEqual(before);
    const { risk } = await service.ok<{ risk: RiskResult }>(`query($id: ID!) { risk(id: $id) { ${RISK_FIELDS} } }`, { id: createRisk.id });
    expect(risk).toMatchObject({ treatment: null, treatmentRationale: null, controls: [] });
  });

  it('checks who is asking: only admins, ISMS managers and risk owners change the register', async () => {
    const before = await counts();
    for (const role of [Role.Employee, Role.Executive, Role.ControlOwner, Role.InternalAuditor, Role.ExternalAuditor]) {
      const denied = await service.request(CREATE_RISK, { input: { title: 'Not mine to add', inherentLikelihood: 1, inherentImpact: 1 } }, testClaims([role]));
      expect(denied.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    }
    const employeeRead = await service.request(`{ risks { id } }`, {}, testClaims([Role.Employee]));
    expect(employeeRead.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(await counts()).toEqual(before);

    const direct = await fetch(service.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ risks { id } }' }) });
    expect(direct.status).toBe(401);
  });

  it('resolves Risk references in one batch, scoped to the caller organisation', async () => {
    const { createRisk: a } = await service.ok<{ createRisk: RiskResult }>(CREATE_RISK, { input: { title: 'Reference A', inherentLikelihood: 1, inherentImpact: 2 } });
    const { createRisk: b } = await service.ok<{ createRisk: RiskResult }>(CREATE_RISK, { input: { title: 'Reference B', inherentLikelihood: 2, inherentImpact: 2 } });
    const query = `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Risk { id title inherentScore } } }`;
    const representations = [a.id, randomUUID(), b.id, 'not-a-uuid'].map((id) => ({ __typename: 'Risk', id }));
    const { _entities } = await service.ok<{ _entities: unknown[] }>(query, { representations }, testClaims([Role.Executive]));
    expect(_entities).toEqual([{ id: a.id, title: 'Reference A', inherentScore: 2 }, null, { id: b.id, title: 'Reference B', inherentScore: 4 }, null]);
    const foreign = await service.ok<{ _entities: unknown[] }>(query, { representations }, testClaims([Role.Executive], { organisationId: randomUUID() }));
    expect(foreign._entities).toEqual([null, null, null, null]);
  });
});
