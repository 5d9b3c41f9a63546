import { createHash, randomUUID } from 'node:crypto';
import { CLAIMS_HEADER, CLIENT_ADDRESS_HEADER, CLIENT_AGENT_HEADER, Claims, Role, signClaimsToken } from '@iso27001/authz';
import { EventData, OrgUnitUpserted, PersonUpserted, PolicyPublished } from '@iso27001/contracts';
import { deleteTopicsWithPrefix, eventually, startTestSubgraph, TestEventPublisher, testClaims, TestSubgraph, uniqueTopicPrefix } from '@iso27001/testing';
import { TrainingConfig } from '../src/config';
import { training } from '../src/subgraph';

const MINE = '{ myPendingPolicyAcknowledgements { id version versionId policyTitle status policy { id } person { id } } }';
const ACK = 'mutation($id: ID!) { acknowledgePolicy(acknowledgementId: $id) { id status acknowledgedAt } }';
const RATES = 'query($p: ID!, $v: ID!) { policyAcknowledgementRates(policyId: $p, versionId: $v) { version total acknowledged rate units { unitId total acknowledged rate } } }';

interface Person {
  id: string;
  email: string;
  name: string;
  unitId: string | null;
  jobRole: string | null;
  active: boolean;
}

const finance = randomUUID();
const engineering = randomUUID();
const sales = randomUUID();

describe('training-service: policy acknowledgements (flow 6)', () => {
  const prefix = uniqueTopicPrefix('policy-ack');
  let service: TestSubgraph<TrainingConfig>;
  let events: TestEventPublisher;

  const people: Record<string, Person> = {};
  function person(name: string, unitId: string | null, jobRole: string | null, active = true): Person {
    const p = { id: randomUUID(), email: `${name.toLowerCase()}@example.test`, name, unitId, jobRole, active };
    people[name] = p;
    return p;
  }
  const claimsOf = (p: Person) => testClaims([Role.Employee], { email: p.email.toUpperCase(), name: p.name });

  async function sendPerson(p: Person): Promise<string> {
    return (await events.publishAs(PersonUpserted, { ...p, managerId: null })).id;
  }
  /** An organisation unit as isms-service publishes it (no parent: a business unit). */
  async function sendUnit(id: string, name: string, parentId: string | null): Promise<string> {
    return (await events.publishAs(OrgUnitUpserted, { id, name, kind: parentId ? 'DEPARTMENT' : 'BUSINESS_UNIT', parentId })).id;
  }
  async function sendPublished(data: EventData<typeof PolicyPublished>, id: string = randomUUID()): Promise<string> {
    return (await events.publishAs(PolicyPublished, data, { id, subjectId: data.policyId })).id;
  }
  const consumed = async (eventId: string) => (await service.deps.dataSource.query('SELECT 1 FROM consumed_event WHERE event_id = $1', [eventId])).length > 0;
  async function tasks(policyId: string): Promise<{ person: string; version: string; status: string }[]> {
    const rows: { person_id: string; version: string; status: string }[] = await service.deps.dataSource.query(
      'SELECT person_id, version, status FROM policy_acknowledgement WHERE policy_id = $1 ORDER BY version, person_id',
      [policyId],
    );
    const names = new Map(Object.values(people).map((p) => [p.id, p.name]));
    return rows.map((row) => ({ person: names.get(row.person_id)!, version: row.version, status: row.status })).sort((a, b) => (a.version + a.person).localeCompare(b.version + b.person));
  }
  const counts = async () => {
    const [row] = await service.deps.dataSource.query(
      "SELECT (SELECT count(*) FROM policy_acknowledgement) AS tasks, (SELECT count(*) FROM policy_acknowledgement WHERE status = 'ACKNOWLEDGED') AS acknowledged, (SELECT count(*) FROM outbox_event) AS outbox",
    );
    return { tasks: Number(row.tasks), acknowledged: Number(row.acknowledged), outbox: Number(row.outbox) };
  };
  function publication(policyId: string, version: string, major: boolean, audience: Partial<Pick<EventData<typeof PolicyPublished>, 'everyone' | 'unitIds' | 'jobRoles'>>): EventData<typeof PolicyPublished> {
    return { policyId, versionId: randomUUID(), version, major, title: 'Acceptable use policy', everyone: false, unitIds: [], jobRoles: [], publishedAt: new Date().toISOString(), ...audience };
  }

  beforeAll(async () => {
    service = await startTestSubgraph(training, { topicPrefix: prefix });
    events = await TestEventPublisher.connect(prefix, 'policy-ack-test');
    for (const p of [
      person('Fay', finance, 'Accountant'),
      person('Fred', finance, 'Developer'),
      person('Eve', engineering, ' developer '),
      person('Ed', engineering, 'Architect'),
      person('Sam', sales, 'Account Manager'),
      person('Nell', null, null),
      person('Gone', finance, 'Developer', false),
    ]) {
      await sendPerson(p);
    }
    await eventually('people replicated', async () => Number((await service.deps.dataSource.query('SELECT count(*) FROM person_replica'))[0].count) === 7);
  });
  afterAll(async () => {
    await events?.disconnect();
    await service?.close();
    await deleteTopicsWithPrefix(prefix);
  });

  it('opens tasks for the active people in the audience only (unit or job role), and a duplicate delivery changes nothing', async () => {
    const policyId = randomUUID();
    const v1 = publication(policyId, '1.0', true, { unitIds: [finance], jobRoles: ['Developer'] });
    const eventId = await sendPublished(v1);
    await eventually('tasks opened', async () => (await consumed(eventId)) || undefined);
    expect(await tasks(policyId)).toEqual([
      { person: 'Eve', version: '1.0', status: 'PENDING' },
      { person: 'Fay', version: '1.0', status: 'PENDING' },
      { person: 'Fred', version: '1.0', status: 'PENDING' },
    ]);
    const before = await counts();
    const again = await sendPublished(v1, eventId); // the same event redelivered
    const resent = await sendPublished(v1); // the same publication under a new event id
    await eventually('re-sent publication handled', async () => (await consumed(resent)) || undefined);
    expect(again).toBe(eventId);
    expect(await counts()).toEqual(before);
  });

  it('acknowledges by the person themself only, records the event, and reports rates per unit; minor versions need no new acknowledgement', async () => {
    const policyId = randomUUID();
    const v1 = publication(policyId, '1.0', true, { everyone: true });
    const v1Event = await sendPublished(v1);
    await eventually('v1 handled', async () => (await consumed(v1Event)) || undefined);
    const { myPendingPolicyAcknowledgements: fays } = await service.ok<{ myPendingPolicyAcknowledgements: { id: string; versionId: string; policy: { id: string }; person: { id: string } }[] }>(MINE, {}, claimsOf(people['Fay']!));
    const task = fays.find((t) => t.policy.id === policyId)!;
    expect(task).toMatchObject({ versionId: v1.versionId, person: { id: people['Fay']!.id } });

    const before = await counts();
    const stranger = await service.request(ACK, { id: task.id }, claimsOf(people['Fred']!));
    expect(stranger.errors?.[0]).toMatchObject({ message: 'only the person asked to acknowledge the policy can acknowledge it', extensions: { code: 'NOT_YOUR_ACKNOWLEDGEMENT' } });
    const manager = await service.request(ACK, { id: task.id }, testClaims([Role.IsmsManager]));
    expect(manager.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_YOUR_ACKNOWLEDGEMENT' });
    const auditor = await service.request(ACK, { id: task.id }, testClaims([Role.ExternalAuditor], { email: people['Fay']!.email }));
    expect(auditor.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    const unknown = await service.request(ACK, { id: randomUUID() }, claimsOf(people['Fay']!));
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'ACKNOWLEDGEMENT_NOT_FOUND' });
    expect(await counts()).toEqual(before);

    const { acknowledgePolicy } = await service.ok<{ acknowledgePolicy: { status: string; acknowledgedAt: string } }>(ACK, { id: task.id }, claimsOf(people['Fay']!));
    expect(acknowledgePolicy.status).toBe('ACKNOWLEDGED');
    const [event] = await service.deps.dataSource.query("SELECT envelope FROM outbox_event WHERE type = 'training.policy-acknowledgement.acknowledged' AND envelope->>'subjectId' = $1", [task.id]);
    expect(event.envelope.data).toEqual({
      id: task.id,
      policyId,
      versionId: v1.versionId,
      version: '1.0',
      personId: people['Fay']!.id,
      acknowledgedAt: acknowledgePolicy.acknowledgedAt,
      acknowledgedVersionId: v1.versionId,
      acknowledgedVersion: '1.0',
      contentSha256: null,
    });
    const twice = await service.request(ACK, { id: task.id }, claimsOf(people['Fay']!));
    expect(twice.errors?.[0]).toMatchObject({ message: expect.stringContaining('you acknowledged'), extensions: { code: 'ALREADY_ACKNOWLEDGED' } });
    const { myPendingPolicyAcknowledgements: after } = await service.ok<{ myPendingPolicyAcknowledgements: { policy: { id: string } }[] }>(MINE, {}, claimsOf(people['Fay']!));
    expect(after.some((t) => t.policy.id === policyId)).toBe(false);

    const rates = async (versionId: string) => (await service.ok<{ policyAcknowledgementRates: { version: string; total: number; acknowledged: number; rate: number; units: { unitId: string | null; total: number; acknowledged: number; rate: number }[] } }>(RATES, { p: policyId, v: versionId }, testClaims([Role.InternalAuditor]))).policyAcknowledgementRates;
    expect(await rates(v1.versionId)).toEqual({
      version: '1.0',
      total: 6,
      acknowledged: 1,
      rate: 0.1667,
      units: [
        ...[
          { unitId: finance, total: 2, acknowledged: 1, rate: 0.5 },
          { unitId: engineering, total: 2, acknowledged: 0, rate: 0 },
          { unitId: sales, total: 1, acknowledged: 0, rate: 0 },
        ].sort((a, b) => a.unitId.localeCompare(b.unitId)),
        { unitId: null, total: 1, acknowledged: 0, rate: 0 },
      ],
    });

    // A minor version: Fay's acknowledgement still holds and nobody gets a second task.
    const tasksBefore = await counts();
    const v11 = publication(policyId, '1.1', false, { everyone: true });
    const v11Event = await sendPublished(v11);
    await eventually('v1.1 handled', async () => (await consumed(v11Event)) || undefined);
    expect((await counts()).tasks).toBe(tasksBefore.tasks);
    expect(await rates(v11.versionId)).toMatchObject({ version: '1.1', total: 6, acknowledged: 1 });
    const refused = await service.request(RATES, { p: policyId, v: v1.versionId }, claimsOf(people['Fay']!));
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('records which text was acknowledged (version in force and its SHA-256), from where, and keeps the history across versions', async () => {
    const sha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
    /** A request as the gateway makes it: signed claims and the caller's address and user agent. */
    const viaGateway = async (query: string, variables: Record<string, unknown>, claims: Claims) =>
      (await (
        await fetch(service.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            [CLAIMS_HEADER]: await signClaimsToken(claims, service.secret),
            [CLIENT_ADDRESS_HEADER]: '203.0.113.7',
            [CLIENT_AGENT_HEADER]: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0',
          },
          body: JSON.stringify({ query, variables }),
        })
      ).json()) as { data?: Record<string, unknown>; errors?: { message: string; extensions: { code: string } }[] };
    const ACK_SHOWN = 'mutation($id: ID!, $sha: String) { acknowledgePolicy(acknowledgementId: $id, contentSha256: $sha) { id status version acknowledgedVersion contentSha256 acknowledgedAddress acknowledgedUserAgent } }';
    const HISTORY = 'query($person: ID!, $policy: ID) { policyAcknowledgementHistory(personId: $person, policyId: $policy) { version status acknowledgedVersion contentSha256 acknowledgedAddress } }';
    const policyId = randomUUID();
    const v1 = { ...publication(policyId, '1.0', true, { unitIds: [sales] }), contentSha256: sha('# Acceptable use\nv1') };
    const v1Event = await sendPublished(v1);
    await eventually('v1 handled', async () => (await consumed(v1Event)) || undefined);
    const sams = async () =>
      (await service.ok<{ myPendingPolicyAcknowledgements: { id: string; policy: { id: string } }[] }>(MINE, {}, claimsOf(people['Sam']!))).myPendingPolicyAcknowledgements.filter(
        (t) => t.policy.id === policyId,
      );
    const [task] = await sams();
    // A minor version is published while Sam reads 1.0: what Sam was shown is no longer in force.
    const v11 = { ...publication(policyId, '1.1', false, { unitIds: [sales] }), contentSha256: sha('# Acceptable use\nv1.1'), publishedAt: new Date(Date.now() + 1000).toISOString() };
    const v11Event = await sendPublished(v11);
    await eventually('v1.1 handled', async () => (await consumed(v11Event)) || undefined);
    const before = await counts();
    const stale = await viaGateway(ACK_SHOWN, { id: task!.id, sha: v1.contentSha256 }, claimsOf(people['Sam']!));
    expect(stale.errors?.[0]).toMatchObject({ message: expect.stringContaining('is not the text you were shown'), extensions: { code: 'POLICY_CONTENT_CHANGED' } });
    const malformed = await viaGateway(ACK_SHOWN, { id: task!.id, sha: 'not-a-hash' }, claimsOf(people['Sam']!));
    expect(malformed.errors?.[0]).toMatchObject({ message: expect.stringContaining('contentSha256'), extensions: { code: 'CONTENT_HASH_INVALID' } });
    expect(await counts()).toEqual(before);

    const acknowledged = await viaGateway(ACK_SHOWN, { id: task!.id, sha: v11.contentSha256.toUpperCase() }, claimsOf(people['Sam']!));
    expect(acknowledged.errors).toBeUndefined();
    expect(acknowledged.data!['acknowledgePolicy']).toMatchObject({
      status: 'ACKNOWLEDGED',
      version: '1.0',
      acknowledgedVersion: '1.1',
      contentSha256: v11.contentSha256,
      acknowledgedAddress: '203.0.113.7',
      acknowledgedUserAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0',
    });
    const [event] = await service.deps.dataSource.query("SELECT envelope FROM outbox_event WHERE type = 'training.policy-acknowledgement.acknowledged' AND envelope->>'subjectId' = $1", [task!.id]);
    expect(event.envelope.data).toMatchObject({ versionId: v1.versionId, acknowledgedVersionId: v11.versionId, acknowledgedVersion: '1.1', contentSha256: v11.contentSha256 });

    // A new major version: a second record; the history keeps both, in order.
    const v2 = { ...publication(policyId, '2.0', true, { unitIds: [sales] }), contentSha256: sha('# Acceptable use\nv2'), publishedAt: new Date(Date.now() + 2000).toISOString() };
    const v2Event = await sendPublished(v2);
    await eventually('v2 handled', async () => (await consumed(v2Event)) || undefined);
    const history = async (claims: Claims) => viaGateway(HISTORY, { person: people['Sam']!.id, policy: policyId }, claims);
    expect((await history(testClaims([Role.InternalAuditor]))).data!['policyAcknowledgementHistory']).toEqual([
      { version: '1.0', status: 'ACKNOWLEDGED', acknowledgedVersion: '1.1', contentSha256: v11.contentSha256, acknowledgedAddress: '203.0.113.7' },
      { version: '2.0', status: 'PENDING', acknowledgedVersion: null, contentSha256: null, acknowledgedAddress: null },
    ]);
    // Someone else's history: an employee has no reach over Sam; a Finance risk owner neither.
    expect((await history(claimsOf(people['Fay']!))).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    const financeOwner = testClaims([Role.RiskOwner], { unitIds: [finance] });
    expect((await history(financeOwner)).data!['policyAcknowledgementHistory']).toEqual([]);
  });

  it('asks everyone again for a new major version, superseding older pending tasks; late joiners get the version in force', async () => {
    const policyId = randomUUID();
    const v1 = publication(policyId, '1.0', true, { unitIds: [engineering] });
    const v1Event = await sendPublished(v1);
    await eventually('v1 handled', async () => (await consumed(v1Event)) || undefined);
    const [eds] = (await service.ok<{ myPendingPolicyAcknowledgements: { id: string; policy: { id: string } }[] }>(MINE, {}, claimsOf(people['Ed']!))).myPendingPolicyAcknowledgements.filter((t) => t.policy.id === policyId);
    await service.ok(ACK, { id: eds!.id }, claimsOf(people['Ed']!));

    const v2 = publication(policyId, '2.0', true, { unitIds: [engineering, sales] });
    const v2Event = await sendPublished(v2);
    await eventually('v2 handled', async () => (await consumed(v2Event)) || undefined);
    expect(await tasks(policyId)).toEqual([
      { person: 'Ed', version: '1.0', status: 'ACKNOWLEDGED' },
      { person: 'Eve', version: '1.0', status: 'SUPERSEDED' },
      { person: 'Ed', version: '2.0', status: 'PENDING' },
      { person: 'Eve', version: '2.0', status: 'PENDING' },
      { person: 'Sam', version: '2.0', status: 'PENDING' },
    ].sort((a, b) => (a.version + a.person).localeCompare(b.version + b.person)));
    const superseded = (await service.deps.dataSource.query("SELECT id FROM policy_acknowledgement WHERE policy_id = $1 AND status = 'SUPERSEDED'", [policyId]))[0].id;
    const stale = await service.request(ACK, { id: superseded }, claimsOf(people['Eve']!));
    expect(stale.errors?.[0]).toMatchObject({ message: expect.stringContaining('replaced by a new major version'), extensions: { code: 'ACKNOWLEDGEMENT_SUPERSEDED' } });

    // A person who joins sales after the publication, and one who joins elsewhere.
    const late = person('Lara', sales, null);
    const other = person('Otto', finance, 'Accountant');
    await sendPerson(late);
    await sendPerson(other);
    await eventually('Lara has her task', async () => (await tasks(policyId)).some((t) => t.person === 'Lara') || undefined);
    await eventually('Otto replicated', async () => (await service.deps.dataSource.query('SELECT 1 FROM person_replica WHERE person_id = $1', [other.id])).length > 0 || undefined);
    const all = await tasks(policyId);
    expect(all.filter((t) => t.person === 'Lara')).toEqual([{ person: 'Lara', version: '2.0', status: 'PENDING' }]);
    expect(all.some((t) => t.person === 'Otto')).toBe(false);
    // Her person record changing again (same audience) opens nothing new.
    await sendPerson({ ...late, name: 'Lara Late' });
    await eventually('Lara renamed', async () => (await service.deps.dataSource.query("SELECT 1 FROM person_replica WHERE person_id = $1 AND name = 'Lara Late'", [late.id])).length > 0 || undefined);
    expect((await tasks(policyId)).filter((t) => t.person === 'Lara')).toHaveLength(1);
  });

  it("addresses the people of an audience unit's sub-units too, and people who enter it by a move of their unit or of themselves", async () => {
    const [division, department, team, outside, late] = [randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    for (const [id, name, parentId] of [
      [division, 'Operations', null],
      [department, 'IT operations', division],
      [team, 'Service desk', department],
      [outside, 'Facilities', null],
    ] as const) {
      const eventId = await sendUnit(id, name, parentId);
      await eventually(`${name} replicated`, async () => (await consumed(eventId)) || undefined);
    }
    const newcomers = [person('Dora', division, null), person('Dov', department, null), person('Tia', team, null), person('Ozzy', outside, null), person('Tim', sales, null), person('Pia', late, null)];
    for (const p of newcomers) {
      const eventId = await sendPerson(p);
      await eventually(`${p.name} replicated`, async () => (await consumed(eventId)) || undefined);
    }

    const policyId = randomUUID();
    const v1 = publication(policyId, '1.0', true, { unitIds: [division] });
    const v1Event = await sendPublished(v1);
    await eventually('v1 handled', async () => (await consumed(v1Event)) || undefined);
    const names = async () => (await tasks(policyId)).map((t) => t.person).sort();
    expect(await names()).toEqual(['Dora', 'Dov', 'Tia']);

    // Facilities moves under IT operations: Ozzy is in the audience now.
    await sendUnit(outside, 'Facilities', department);
    await eventually('Ozzy has his task', async () => (await names()).includes('Ozzy') || undefined);
    // Pia's unit arrives after her, under the service desk; Tim moves from sales into the service desk.
    await sendUnit(late, 'Night shift', team);
    await sendPerson({ ...people['Tim']!, unitId: team });
    await eventually('Pia and Tim have their tasks', async () => ((await names()).includes('Pia') && (await names()).includes('Tim')) || undefined);
    expect(await tasks(policyId)).toEqual(['Dora', 'Dov', 'Ozzy', 'Pia', 'Tia', 'Tim'].map((name) => ({ person: name, version: '1.0', status: 'PENDING' })));

    // A unit renamed (no move) opens nothing; nor does a new unit outside every audience.
    const before = await counts();
    const renamed = await sendUnit(team, 'Service desk (24/7)', department);
    const elsewhere = await sendUnit(randomUUID(), 'Canteen', sales);
    await eventually('rename and new unit handled', async () => ((await consumed(renamed)) && (await consumed(elsewhere))) || undefined);
    expect(await counts()).toEqual(before);
  });
});
