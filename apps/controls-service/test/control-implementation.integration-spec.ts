import { randomUUID } from 'node:crypto';
import { Role } from '@iso27001/authz';
import { EvidenceItemChanged, FindingRaised } from '@iso27001/contracts';
import { deleteTopicsWithPrefix, eventually, startTestSubgraph, testClaims, TestEventPublisher, TestSubgraph, uniqueTopicPrefix } from '@iso27001/testing';
import { ControlsConfig } from '../src/config';
import { controls } from '../src/subgraph';
import { approveScope, counts, publishPerson } from './soa-test-events';

const CREATE = `mutation($input: CreateControlImplementationInput!) { createControlImplementation(input: $input) {
  id control { id } unit { id } owner { id } status maturity description testProcedure testFrequency lastTestedOn } }`;
const UPDATE = `mutation($id: ID!, $input: ControlImplementationFieldsInput!) { updateControlImplementation(id: $id, input: $input) { id status maturity lastTestedOn } }`;
const DELETE = `mutation($id: ID!) { deleteControlImplementation(id: $id) { id } }`;
const STATUS = `{ statementOfApplicability { control { id operatingStatus { status reason since } } operatingStatus { status reason since } } }`;

interface OperatingStatus {
  status: string;
  reason: string;
  since: string | null;
}

describe('controls-service: controls as implemented per unit, and their operating status', () => {
  const prefix = uniqueTopicPrefix('controls-impl');
  let service: TestSubgraph<ControlsConfig>;
  let events: TestEventPublisher;
  const [finance, itUnit, outOfScope, owner] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
  const manager = testClaims([Role.IsmsManager]);
  const financeOwner = testClaims([Role.ControlOwner], { unitIds: [finance] });
  const query = (sql: string) => service.deps.dataSource.query(sql);
  const valid = (overrides: Record<string, unknown> = {}) => ({
    controlId: 'A.8.13',
    unitId: finance,
    ownerId: owner,
    status: 'IMPLEMENTED',
    maturity: 3,
    description: 'Nightly encrypted backups to a second region',
    testProcedure: 'Restore one random system per quarter',
    testFrequency: 'QUARTERLY',
    lastTestedOn: '2026-09-30',
    ...overrides,
  });

  beforeAll(async () => {
    service = await startTestSubgraph(controls, { topicPrefix: prefix, env: { PERSON_REPLICA_WAIT_MS: '0' } });
    events = await TestEventPublisher.connect(prefix, 'stand-in');
    await publishPerson(events, service, 'Olga Owner', { id: owner });
  });
  afterAll(async () => {
    await events?.disconnect();
    await service?.close();
    await deleteTopicsWithPrefix(prefix);
  });

  async function statusOf(controlId: string): Promise<{ onControl: OperatingStatus; onEntry: OperatingStatus }> {
    const { statementOfApplicability } = await service.ok<{ statementOfApplicability: { control: { id: string; operatingStatus: OperatingStatus }; operatingStatus: OperatingStatus }[] }>(STATUS, {}, testClaims([Role.ExternalAuditor]));
    const row = statementOfApplicability.find((candidate) => candidate.control.id === controlId)!;
    return { onControl: row.control.operatingStatus, onEntry: row.operatingStatus };
  }

  it('refuses implementations before a scope is approved, writing nothing', async () => {
    const before = await counts(query, ['control_implementation']);
    const result = await service.request(CREATE, { input: valid() }, manager);
    expect(result.errors?.[0]).toMatchObject({ message: expect.stringContaining('no ISMS scope has been approved'), extensions: { code: 'SCOPE_NOT_APPROVED' } });
    expect(await counts(query, ['control_implementation'])).toEqual(before);
  });

  it('records how a control is done per unit of the scope, with validation and per-unit rights', async () => {
    await approveScope(events, [finance, itUnit]);
    await eventually('scope approved', async () => ((await service.ok<{ soaScope: unknown }>('{ soaScope { id } }')).soaScope ? true : undefined));

    const before = await counts(query, ['control_implementation']);
    const bad = [
      [valid({ controlId: 'A.8.35' }), 'UNKNOWN_CONTROL', 'A.8.35 is not an ISO/IEC 27001:2022 Annex A control'],
      [valid({ unitId: outOfScope }), 'UNIT_NOT_IN_SCOPE', `unit ${outOfScope} is not in the approved ISMS scope`],
      [valid({ maturity: 6 }), 'VALIDATION_FAILED', 'maturity'],
      [valid({ lastTestedOn: '2026-02-30' }), 'VALIDATION_FAILED', 'lastTestedOn must be a real calendar date'],
      [valid({ lastTestedOn: '2999-01-01' }), 'TESTED_IN_FUTURE', 'lastTestedOn 2999-01-01 is in the future'],
      [valid({ testProcedure: null }), 'TEST_PROCEDURE_REQUIRED', 'a test frequency (QUARTERLY) needs the test procedure'],
      [valid({ description: '  ' }), 'IMPLEMENTED_WITHOUT_DESCRIPTION', 'needs a description of how it is done'],
      [valid({ testFrequency: 'DAILY' }), 'BAD_USER_INPUT', 'Value "DAILY" does not exist in'],
    ] as const;
    for (const [input, code, message] of bad) {
      const result = await service.request(CREATE, { input }, manager);
      expect(result.errors?.[0]?.message).toContain(message);
      expect(result.errors?.[0]?.extensions?.['code']).toBe(code);
    }
    const notYours = await service.request(CREATE, { input: valid({ unitId: itUnit }) }, financeOwner);
    expect(notYours.errors?.[0]).toMatchObject({ message: expect.stringContaining(`unit ${itUnit} is not one of your units`), extensions: { code: 'OUT_OF_SCOPE', category: 'FORBIDDEN' } });
    for (const role of [Role.RiskOwner, Role.ExternalAuditor, Role.Employee]) {
      const denied = await service.request(CREATE, { input: valid() }, testClaims([role], { unitIds: [finance] }));
      expect(denied.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    }
    expect(await counts(query, ['control_implementation'])).toEqual(before);

    const { createControlImplementation: created } = await service.ok<{ createControlImplementation: { id: string } }>(CREATE, { input: valid() }, financeOwner);
    expect(created).toEqual({
      id: expect.any(String),
      control: { id: 'A.8.13' },
      unit: { id: finance },
      owner: { id: owner },
      status: 'IMPLEMENTED',
      maturity: 3,
      description: 'Nightly encrypted backups to a second region',
      testProcedure: 'Restore one random system per quarter',
      testFrequency: 'QUARTERLY',
      lastTestedOn: '2026-09-30',
    });
    const duplicate = await service.request(CREATE, { input: valid() }, manager);
    expect(duplicate.errors?.[0]).toMatchObject({ message: expect.stringContaining('already has an implementation in unit'), extensions: { code: 'ALREADY_IMPLEMENTED_IN_UNIT', details: { id: created.id } } });
    await service.ok(CREATE, { input: valid({ unitId: itUnit, status: 'PLANNED', maturity: 1, description: '', testProcedure: null, testFrequency: null, lastTestedOn: null }) }, manager);

    const { updateControlImplementation } = await service.ok<{ updateControlImplementation: unknown }>(UPDATE, { id: created.id, input: { ...valid({ maturity: 4, lastTestedOn: '2026-11-01' }), controlId: undefined, unitId: undefined } }, financeOwner);
    expect(updateControlImplementation).toEqual({ id: created.id, status: 'IMPLEMENTED', maturity: 4, lastTestedOn: '2026-11-01' });
    const missing = await service.request(UPDATE, { id: randomUUID(), input: { status: 'PLANNED', maturity: 0, description: '' } }, manager);
    expect(missing.errors?.[0]?.extensions).toMatchObject({ code: 'IMPLEMENTATION_NOT_FOUND', category: 'NOT_FOUND' });

    const listed = await service.ok<{ controlImplementations: { unit: { id: string }; maturity: number }[] }>(
      `query($c: ID) { controlImplementations(controlId: $c) { unit { id } maturity } }`,
      { c: 'A.8.13' },
      testClaims([Role.InternalAuditor]),
    );
    expect(listed.controlImplementations).toHaveLength(2);
    const viaSoa = await service.ok<{ statementOfApplicability: { control: { id: string; implementations: { maturity: number }[] }; implementations: { unit: { id: string } }[] }[] }>(
      '{ statementOfApplicability { control { id implementations { maturity } } implementations { unit { id } } } }',
    );
    const backup = viaSoa.statementOfApplicability.find((row) => row.control.id === 'A.8.13')!;
    expect(backup.implementations.map((row) => row.unit.id).sort()).toEqual([finance, itUnit].sort());
    expect(backup.control.implementations.map((row) => row.maturity).sort()).toEqual([1, 4]);

    const itImplementation = (await query(`SELECT id FROM control_implementation WHERE unit_id = '${itUnit}'`))[0].id;
    const deniedDelete = await service.request(DELETE, { id: itImplementation }, financeOwner);
    expect(deniedDelete.errors?.[0]?.extensions).toMatchObject({ code: 'OUT_OF_SCOPE' });
    await service.ok(DELETE, { id: itImplementation }, manager);
    expect(await query('SELECT count(*)::int AS n FROM control_implementation')).toEqual([{ n: 1 }]);
    const recorded = await query("SELECT envelope FROM outbox_event WHERE type = 'controls.implementation.changed' ORDER BY seq");
    expect(recorded.map((row: { envelope: { data: { unitId: string; maturity: number; removed: boolean } } }) => [row.envelope.data.unitId, row.envelope.data.maturity, row.envelope.data.removed])).toEqual([
      [finance, 3, false],
      [itUnit, 1, false],
      [finance, 4, false],
      [itUnit, 1, true],
    ]);
  });

  /*
   * Contract tests of controls-service as a consumer of EvidenceItemChanged and FindingRaised: a stand-in producer
   * publishes whatever the contracts allow, including the older one-control shape of EvidenceItemChanged (no
   * `controlIds`). Flow 3 end to end (evidence-service's review and expiry job) is in platform-e2e's evidence flows.
   */
  describe('consumer contract of evidence and audit events (stand-in producer)', () => {
    it('contract: collected and approved evidence, open and closed findings and expired evidence each set the operating status', async () => {
      expect((await statusOf('A.8.13')).onEntry).toEqual({ status: 'EVIDENCE_MISSING', reason: 'no approved evidence', since: null });

      const evidenceId = randomUUID();
      await events.publishAs(EvidenceItemChanged, { id: evidenceId, controlId: 'A.8.13', status: 'COLLECTED', validUntil: null });
      await eventually('collected', async () => ((await statusOf('A.8.13')).onEntry.since ? true : undefined));
      expect((await statusOf('A.8.13')).onEntry).toMatchObject({ status: 'EVIDENCE_MISSING', reason: `no approved evidence (awaiting review: ${evidenceId})` });

      await events.publishAs(EvidenceItemChanged, { id: evidenceId, controlId: 'A.8.13', status: 'APPROVED', validUntil: '2027-12-31' });
      await eventually('effective', async () => ((await statusOf('A.8.13')).onEntry.status === 'EFFECTIVE' ? true : undefined));
      const effective = await statusOf('A.8.13');
      expect(effective.onEntry).toEqual({ status: 'EFFECTIVE', reason: `approved evidence: ${evidenceId}`, since: expect.any(String) });
      expect(effective.onControl).toEqual(effective.onEntry);

      const findingId = randomUUID();
      const engagementId = randomUUID();
      await events.publishAs(FindingRaised, { id: findingId, engagementId, controlId: 'A.8.13', severity: 'MAJOR_NONCONFORMITY', status: 'OPEN' });
      await eventually('nonconforming', async () => ((await statusOf('A.8.13')).onEntry.status === 'NONCONFORMING' ? true : undefined));
      expect((await statusOf('A.8.13')).onEntry.reason).toBe(`open major nonconformity: finding ${findingId}`);

      // An observation changes nothing; closing the nonconformity restores the evidence-based status.
      const observation = randomUUID();
      await events.publishAs(FindingRaised, { id: observation, engagementId, controlId: 'A.8.13', severity: 'OBSERVATION', status: 'OPEN' });
      await events.publishAs(FindingRaised, { id: findingId, engagementId, controlId: 'A.8.13', severity: 'MAJOR_NONCONFORMITY', status: 'CLOSED' });
      await eventually('restored', async () => ((await statusOf('A.8.13')).onEntry.status === 'EFFECTIVE' ? true : undefined));

      await events.publishAs(EvidenceItemChanged, { id: evidenceId, controlId: 'A.8.13', status: 'EXPIRED', validUntil: '2026-01-01' });
      await eventually('expired', async () => ((await statusOf('A.8.13')).onEntry.status === 'EVIDENCE_EXPIRED' ? true : undefined));
      expect((await statusOf('A.8.13')).onEntry.reason).toBe(`evidence expired: ${evidenceId}`);

      const changes = await query("SELECT envelope FROM outbox_event WHERE type = 'controls.operating-status.changed' ORDER BY seq");
      expect(changes.map((row: { envelope: { data: { status: string; previousStatus: string | null } } }) => [row.envelope.data.previousStatus, row.envelope.data.status])).toEqual([
        [null, 'EVIDENCE_MISSING'],
        ['EVIDENCE_MISSING', 'EFFECTIVE'],
        ['EFFECTIVE', 'NONCONFORMING'],
        ['NONCONFORMING', 'EFFECTIVE'],
        ['EFFECTIVE', 'EVIDENCE_EXPIRED'],
      ]);
      // Another control is untouched.
      expect((await statusOf('A.5.1')).onEntry).toEqual({ status: 'EVIDENCE_MISSING', reason: 'no approved evidence', since: null });
    });

    it('contract: parks evidence naming a control outside Annex A, changing nothing', async () => {
      const evidenceId = randomUUID();
      const before = await counts(query, ['control_evidence', 'control_operating_status']);
      const bad = await events.publishAs(EvidenceItemChanged, { id: evidenceId, controlId: 'A.9.9', status: 'APPROVED', validUntil: null });
      // A later event on the same key (same partition, handled after it) tells when the bad one has been seen.
      const marker = await events.publishAs(EvidenceItemChanged, { id: evidenceId, controlId: null, clause: '7.2', status: 'APPROVED', validUntil: null });
      await eventually('marker handled', async () => ((await query(`SELECT 1 FROM consumed_event WHERE event_id = '${marker.id}'`)).length > 0 ? true : undefined));
      expect(await query(`SELECT 1 FROM consumed_event WHERE event_id = '${bad.id}'`)).toEqual([]);
      const after = await counts(query, ['control_evidence', 'control_operating_status']);
      expect({ ...after, outbox_event: 0 }).toEqual({ ...before, outbox_event: 0 });
    });

    it('contract: one item mapped to many controls counts for each; a newer unreviewed version, a remap and a late older state are applied as documented', async () => {
      const evidenceId = randomUUID();
      const approvedAt = new Date(Date.now() - 60_000).toISOString();
      const state = { id: evidenceId, controlId: 'A.5.17', clause: '9.1', validUntil: '2099-12-31', clauses: ['9.1'], versionNumber: 1 };
      await events.publishAs(EvidenceItemChanged, { ...state, status: 'APPROVED', controlIds: ['A.5.17', 'A.8.2'] }, { occurredAt: approvedAt });
      await eventually('both controls effective', async () =>
        (await statusOf('A.5.17')).onEntry.status === 'EFFECTIVE' && (await statusOf('A.8.2')).onEntry.status === 'EFFECTIVE' ? true : undefined,
      );
      expect((await statusOf('A.8.2')).onEntry.reason).toBe(`approved evidence: ${evidenceId}`);

      // Unmapped from A.8.2: that control no longer counts the item, A.5.17 still does.
      await events.publishAs(EvidenceItemChanged, { ...state, status: 'APPROVED', controlIds: ['A.5.17'] }, { occurredAt: new Date(Date.now() - 30_000).toISOString() });
      await eventually('A.8.2 without evidence', async () => ((await statusOf('A.8.2')).onEntry.status === 'EVIDENCE_MISSING' ? true : undefined));
      expect((await statusOf('A.5.17')).onEntry.status).toBe('EFFECTIVE');

      // A newer version awaiting review supersedes the approved one: the control waits for its review.
      await events.publishAs(EvidenceItemChanged, { ...state, status: 'COLLECTED', controlIds: ['A.5.17'], versionNumber: 2 });
      await eventually('A.5.17 awaiting review', async () => ((await statusOf('A.5.17')).onEntry.status === 'EVIDENCE_MISSING' ? true : undefined));
      expect((await statusOf('A.5.17')).onEntry.reason).toBe(`no approved evidence (awaiting review: ${evidenceId})`);

      // The first state delivered again, late: nothing changes back.
      const late = await events.publishAs(EvidenceItemChanged, { ...state, status: 'APPROVED', controlIds: ['A.5.17', 'A.8.2'] }, { occurredAt: approvedAt });
      await eventually('late state handled', async () => ((await query(`SELECT 1 FROM consumed_event WHERE event_id = '${late.id}'`)).length > 0 ? true : undefined));
      expect((await statusOf('A.5.17')).onEntry.status).toBe('EVIDENCE_MISSING');
      expect((await statusOf('A.8.2')).onEntry.status).toBe('EVIDENCE_MISSING');
      expect(await query(`SELECT control_id, status FROM control_evidence WHERE evidence_id = '${evidenceId}'`)).toEqual([{ control_id: 'A.5.17', status: 'COLLECTED' }]);
    });
  });

  it('refuses an owner who is unknown or has left, keeps one who left since, and shows a stored unknown one as no owner', async () => {
    const leaver = await publishPerson(events, service, 'Lea Leaver', { active: false });
    const unknown = randomUUID();
    const input = (ownerId: string | null, overrides: Record<string, unknown> = {}) => valid({ controlId: 'A.5.15', unitId: itUnit, ownerId, ...overrides });
    const before = await counts(query, ['control_implementation']);
    for (const ownerId of [unknown, leaver.id]) {
      const refused = await service.request(CREATE, { input: input(ownerId) }, manager);
      expect(refused.data).toBeNull();
      expect(refused.errors?.[0]).toMatchObject({
        message: `ownerId: not an active person of the organisation (as known from isms-service): ${ownerId}`,
        extensions: { code: 'UNKNOWN_PERSON', category: 'BAD_USER_INPUT', details: { field: 'ownerId', personIds: [ownerId] } },
      });
    }
    expect(await counts(query, ['control_implementation'])).toEqual(before);

    const ian = await publishPerson(events, service, 'Ian Infra');
    const { createControlImplementation: created } = await service.ok<{ createControlImplementation: { id: string; owner: { id: string } } }>(CREATE, { input: input(ian.id) }, manager);
    expect(created.owner).toEqual({ id: ian.id });
    await publishPerson(events, service, 'Ian Infra', { id: ian.id, active: false });
    const fields = (ownerId: string | null, maturity: number) => ({ ...input(ownerId, { maturity }), controlId: undefined, unitId: undefined });
    const kept = await service.ok<{ updateControlImplementation: { maturity: number } }>(UPDATE, { id: created.id, input: fields(ian.id, 4) }, manager);
    expect(kept.updateControlImplementation.maturity).toBe(4);

    const unchanged = await counts(query, ['control_implementation']);
    const refused = await service.request(UPDATE, { id: created.id, input: fields(unknown, 5) }, manager);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'UNKNOWN_PERSON', details: { field: 'ownerId', personIds: [unknown] } });
    expect(await counts(query, ['control_implementation'])).toEqual(unchanged);
    expect(await query(`SELECT owner_id, maturity FROM control_implementation WHERE id = '${created.id}'`)).toEqual([{ owner_id: ian.id, maturity: 4 }]);

    // An owner id written before owners were checked: no owner, and the rest of the SoA reads as before.
    await query(`UPDATE control_implementation SET owner_id = '${unknown}' WHERE id = '${created.id}'`);
    const { controlImplementations } = await service.ok<{ controlImplementations: { id: string; owner: { id: string } | null }[] }>('{ controlImplementations(controlId: "A.5.15") { id owner { id } } }');
    expect(controlImplementations).toEqual([{ id: created.id, owner: null }]);
  });
});
