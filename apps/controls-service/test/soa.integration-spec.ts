import { randomUUID } from 'node:crypto';
import { Role } from '@iso27001/authz';
import { Envelope, EventData, RiskUpserted, SoaEntryChanged } from '@iso27001/contracts';
import { deadLetterTopic } from '@iso27001/platform';
import {
  buildEnvelope,
  deleteTopicsWithPrefix,
  eventually,
  startTestSubgraph,
  testClaims,
  testKafka,
  TestEventPublisher,
  TestSubgraph,
  uniqueTopicPrefix,
} from '@iso27001/testing';
import { ControlsConfig } from '../src/config';
import { controls } from '../src/subgraph';

interface SoaRow {
  control: { id: string; title: string; theme: string };
  applicable: boolean;
  reasons: string[];
  justification: string | null;
  riskIds: string[];
  implementationStatus: string;
  owner: { id: string } | null;
}

const SOA = `{ statementOfApplicability { control { id title theme } applicable reasons justification riskIds implementationStatus owner { id } } }`;
const SET = `mutation($input: SetControlApplicabilityInput!) { setControlApplicability(input: $input) { control { id } applicable reasons justification riskIds } }`;

const treatedRisk = (riskId: string, data: Partial<EventData<typeof RiskUpserted>>): EventData<typeof RiskUpserted> => ({
  id: riskId,
  title: 'Ransomware encrypts the payments platform',
  ownerId: null,
  treatment: 'MODIFY',
  controlIds: [],
  inherentLikelihood: 4,
  inherentImpact: 5,
  status: 'OPEN',
  ...data,
});

/** A RiskUpserted as risk-service's outbox would write it. */
const riskEvent = (riskId: string, data: Partial<EventData<typeof RiskUpserted>>) => buildEnvelope(RiskUpserted, treatedRisk(riskId, data));

describe('controls-service: catalogue and Statement of Applicability', () => {
  const prefix = uniqueTopicPrefix('controls');
  let service: TestSubgraph<ControlsConfig>;
  let events: TestEventPublisher;

  beforeAll(async () => {
    service = await startTestSubgraph(controls, { topicPrefix: prefix });
    events = await TestEventPublisher.connect(prefix, 'risk-service-stand-in');
  });
  afterAll(async () => {
    await events?.disconnect();
    await service?.close();
    await deleteTopicsWithPrefix(prefix);
  });

  const publish = (event: Envelope<EventData<typeof RiskUpserted>>) => events.publishEnvelope(RiskUpserted, event);

  async function soa(): Promise<Map<string, SoaRow>> {
    const { statementOfApplicability } = await service.ok<{ statementOfApplicability: SoaRow[] }>(SOA);
    return new Map(statementOfApplicability.map((row) => [row.control.id, row]));
  }

  async function consumed(eventId: string): Promise<boolean> {
    const rows = await service.deps.dataSource.query('SELECT 1 FROM consumed_event WHERE event_id = $1', [eventId]);
    return rows.length > 0;
  }

  async function soaEvents(): Promise<{ subject: string; data: EventData<typeof SoaEntryChanged>; causationId: string | null }[]> {
    const rows: { envelope: { subjectId: string; data: EventData<typeof SoaEntryChanged>; causationId: string | null } }[] = await service.deps.dataSource.query(
      "SELECT envelope FROM outbox_event WHERE type = 'controls.soa-entry.changed' ORDER BY seq",
    );
    return rows.map(({ envelope }) => ({ subject: envelope.subjectId, data: envelope.data, causationId: envelope.causationId }));
  }

  it('serves the 93 Annex A controls and an SoA row for each, undecided until something decides it', async () => {
    const { controls: catalogue } = await service.ok<{ controls: { id: string; theme: string }[] }>(`{ controls { id title theme } }`, {}, testClaims([Role.ExternalAuditor]));
    expect(catalogue).toHaveLength(93);
    expect(catalogue[0]).toMatchObject({ id: 'A.5.1', theme: 'ORGANIZATIONAL' });
    expect(catalogue[92]).toMatchObject({ id: 'A.8.34', theme: 'TECHNOLOGICAL' });

    const { statementOfApplicability } = await service.ok<{ statementOfApplicability: SoaRow[] }>(SOA);
    expect(statementOfApplicability.map((row) => row.control.id)).toEqual(catalogue.map((control) => control.id));
    expect(statementOfApplicability[0]).toEqual({
      control: { id: 'A.5.1', title: 'Policies for information security', theme: 'ORGANIZATIONAL' },
      applicable: false,
      reasons: [],
      justification: null,
      riskIds: [],
      implementationStatus: 'NOT_STARTED',
      owner: null,
    });

    const entities = await service.ok<{ _entities: unknown[] }>(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Control { id title theme } } }`,
      { r: [{ __typename: 'Control', id: 'A.8.13' }, { __typename: 'Control', id: 'A.9.1' }] },
      testClaims([Role.ServiceAccount]),
    );
    expect(entities._entities).toEqual([{ id: 'A.8.13', title: 'Information backup', theme: 'TECHNOLOGICAL' }, null]);
  });

  it('follows risk treatment from RiskUpserted events: links make controls applicable, unlinks un-apply them, duplicates change nothing', async () => {
    const riskId = randomUUID();
    const first = riskEvent(riskId, { controlIds: ['A.8.13', 'A.8.8', 'A.5.24'] });
    await publish(first);
    await eventually('the treated risk in the SoA', async () => ((await soa()).get('A.5.24')?.applicable ? true : undefined));
    let rows = await soa();
    for (const controlId of ['A.8.13', 'A.8.8', 'A.5.24']) {
      expect(rows.get(controlId)).toMatchObject({ applicable: true, reasons: ['RISK_TREATMENT'], riskIds: [riskId], justification: null });
    }
    expect([...rows.values()].filter((row) => row.applicable)).toHaveLength(3);
    const afterFirst = await soaEvents();
    expect(afterFirst).toHaveLength(3);
    expect(afterFirst.every((event) => event.causationId === first.id)).toBe(true);

    const second = riskEvent(riskId, { controlIds: ['A.8.13', 'A.8.8'] });
    await publish(second);
    await eventually('A.5.24 un-applied', async () => ((await soa()).get('A.5.24')?.applicable === false ? true : undefined));
    rows = await soa();
    expect(rows.get('A.5.24')).toMatchObject({
      applicable: false,
      reasons: [],
      riskIds: [],
      justification: `No longer required by risk treatment (risk ${riskId} unlinked)`,
    });
    expect(rows.get('A.8.13')).toMatchObject({ applicable: true, riskIds: [riskId] });
    const afterSecond = await soaEvents();
    expect(afterSecond.slice(3)).toEqual([
      {
        subject: 'A.5.24',
        causationId: second.id,
        data: expect.objectContaining({ controlId: 'A.5.24', applicable: false, reasons: [], riskIds: [], justification: expect.stringContaining(riskId) }),
      },
    ]);

    // A redelivery of the first event (same id) must not re-link A.5.24. A later event on the same key (so the same
    // partition, handled after it) that changes nothing tells us when the duplicate has been seen.
    await publish(first);
    const marker = riskEvent(riskId, { controlIds: ['A.8.8', 'A.8.13'] });
    await publish(marker);
    await eventually('the marker event handled', () => consumed(marker.id));
    expect(await soa()).toEqual(rows);
    expect(await soaEvents()).toHaveLength(afterSecond.length);

    // Another MODIFY risk sharing A.8.13 keeps it applicable when the first risk is accepted instead.
    const otherRisk = randomUUID();
    await publish(riskEvent(otherRisk, { title: 'Database corruption', controlIds: ['A.8.13'] }));
    await eventually('both risks on A.8.13', async () => ((await soa()).get('A.8.13')?.riskIds.length === 2 ? true : undefined));
    await publish(riskEvent(riskId, { treatment: 'ACCEPT', controlIds: ['A.8.13', 'A.8.8'] }));
    await eventually('A.8.8 un-applied after ACCEPT', async () => ((await soa()).get('A.8.8')?.applicable === false ? true : undefined));
    rows = await soa();
    expect(rows.get('A.8.13')).toMatchObject({ applicable: true, reasons: ['RISK_TREATMENT'], riskIds: [otherRisk] });
  });

  it('parks malformed messages on the dead-letter topic with the reason', async () => {
    const dlq = `${prefix}${deadLetterTopic('controls-service')}`;
    expect(dlq).toBe(`${prefix}dlq.controls-service.v1`);
    const consumer = testKafka().consumer({ groupId: `${prefix}dlq-check` });
    const parked: { key: string | undefined; reason: string | undefined }[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic: dlq, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => void parked.push({ key: message.key?.toString(), reason: message.headers?.['dlq-reason']?.toString() }),
    });
    try {
      const badData = randomUUID();
      await events.publishRaw(RiskUpserted, [
        { key: 'not-json', value: '{ this is not json' },
        // data its own contract refuses, which risk-service's outbox would never write
        { key: badData, value: JSON.stringify({ ...riskEvent(badData, {}), data: treatedRisk(badData, { controlIds: ['A.8.13'], inherentImpact: -1 }) }) },
      ]);
      const unknownControl = randomUUID();
      await publish(riskEvent(unknownControl, { controlIds: ['A.8.99'] }));
      await eventually('three parked messages', () => (parked.length >= 3 ? parked : undefined));
      expect(parked.find((message) => message.key === 'not-json')?.reason).toBe('message is not JSON');
      expect(parked.find((message) => message.key === badData)?.reason).toMatch(/^risk\.risk\.upserted v1 data invalid: inherentImpact/);
      expect(parked.find((message) => message.key === unknownControl)?.reason).toContain('not in Annex A: A.8.99');
      const rows = await soa();
      expect(rows.get('A.8.99')).toBeUndefined();
      expect(await service.deps.dataSource.query('SELECT 1 FROM risk_control_link WHERE risk_id = ANY($1::uuid[])', [[badData, unknownControl]])).toEqual([]);
    } finally {
      await consumer.disconnect();
    }
  });

  it('lets ISMS managers include and exclude controls by hand, within the rules', async () => {
    const before = await service.deps.dataSource.query("SELECT (SELECT count(*) FROM soa_entry WHERE applicable) AS applicable, (SELECT count(*) FROM outbox_event) AS events");

    const noJustification = await service.request(SET, { input: { controlId: 'A.7.5', applicable: false, reasons: [], justification: '  ' } });
    expect(noJustification.errors?.[0]).toMatchObject({ message: expect.stringContaining('needs a justification'), extensions: { code: 'JUSTIFICATION_REQUIRED' } });
    const unknown = await service.request(SET, { input: { controlId: 'A.9.9', applicable: true, reasons: ['LEGAL'] } });
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'UNKNOWN_CONTROL', category: 'BAD_USER_INPUT' });
    const noReason = await service.request(SET, { input: { controlId: 'A.5.23', applicable: true, reasons: [] } });
    expect(noReason.errors?.[0]?.extensions).toMatchObject({ code: 'REASON_REQUIRED' });
    const fakeRiskReason = await service.request(SET, { input: { controlId: 'A.5.23', applicable: true, reasons: ['RISK_TREATMENT'] } });
    expect(fakeRiskReason.errors?.[0]?.extensions).toMatchObject({ code: 'RISK_TREATMENT_NOT_LINKED' });

    const [link] = await service.deps.dataSource.query("SELECT risk_id FROM risk_control_link WHERE control_id = 'A.8.13'");
    const requiredByRisk = await service.request(SET, { input: { controlId: 'A.8.13', applicable: false, reasons: [], justification: 'We do not back up' } });
    expect(requiredByRisk.errors?.[0]).toMatchObject({
      message: expect.stringContaining(link.risk_id),
      extensions: { code: 'REQUIRED_BY_RISKS', category: 'CONFLICT', details: { riskIds: [link.risk_id] } },
    });

    const denied = await service.request(SET, { input: { controlId: 'A.5.23', applicable: true, reasons: ['BUSINESS'] } }, testClaims([Role.RiskOwner]));
    expect(denied.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });

    const after = await service.deps.dataSource.query("SELECT (SELECT count(*) FROM soa_entry WHERE applicable) AS applicable, (SELECT count(*) FROM outbox_event) AS events");
    expect(after).toEqual(before);

    const excluded = await service.ok<{ setControlApplicability: unknown }>(SET, {
      input: { controlId: 'A.7.5', applicable: false, reasons: [], justification: 'All processing is in a certified cloud; no own premises' },
    });
    expect(excluded.setControlApplicability).toEqual({
      control: { id: 'A.7.5' },
      applicable: false,
      reasons: [],
      justification: 'All processing is in a certified cloud; no own premises',
      riskIds: [],
    });
    const legal = await service.ok<{ setControlApplicability: unknown }>(
      SET,
      { input: { controlId: 'A.8.13', applicable: true, reasons: ['LEGAL'], justification: 'Retention law' } },
      testClaims([Role.Admin]),
    );
    expect(legal.setControlApplicability).toMatchObject({ applicable: true, reasons: ['RISK_TREATMENT', 'LEGAL'], justification: 'Retention law', riskIds: [link.risk_id] });
    const events = await soaEvents();
    expect(events.slice(-2).map((event) => event.subject)).toEqual(['A.7.5', 'A.8.13']);
  });
});
