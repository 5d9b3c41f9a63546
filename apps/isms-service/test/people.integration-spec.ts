import { Role } from '@iso27001/authz';
import { envelopeSchema } from '@iso27001/contracts';
import { deleteTopicsWithPrefix, eventually, startTestSubgraph, testClaims, testKafka, TestSubgraph, uniqueTopicPrefix } from '@iso27001/testing';
import { IsmsConfig } from '../src/config';
import { isms } from '../src/subgraph';

const CREATE_UNIT = `mutation($input: CreateOrgUnitInput!) { createOrgUnit(input: $input) { id name kind parentId } }`;
const CREATE_PERSON = `mutation($input: CreatePersonInput!) { createPerson(input: $input) { id email name unitId active } }`;

describe('isms-service: organisation units and people', () => {
  const prefix = uniqueTopicPrefix('isms');
  let service: TestSubgraph<IsmsConfig>;

  beforeAll(async () => {
    service = await startTestSubgraph(isms, { topicPrefix: prefix });
  });
  afterAll(async () => {
    await service?.close();
    await deleteTopicsWithPrefix(prefix);
  });

  it('creates a unit hierarchy and people, and publishes each change on Kafka', async () => {
    const { createOrgUnit: bu } = await service.ok<{ createOrgUnit: { id: string } }>(CREATE_UNIT, { input: { name: 'Retail Banking', kind: 'BUSINESS_UNIT' } });
    const { createOrgUnit: dept } = await service.ok<{ createOrgUnit: { id: string; parentId: string } }>(CREATE_UNIT, {
      input: { name: 'Payments', kind: 'DEPARTMENT', parentId: bu.id },
    });
    expect(dept.parentId).toBe(bu.id);
    const { createPerson } = await service.ok<{ createPerson: { id: string; email: string } }>(CREATE_PERSON, {
      input: { email: 'Ada.Lovelace@Example.com', name: 'Ada Lovelace', unitId: dept.id, jobRole: 'Head of Payments' },
    });
    expect(createPerson.email).toBe('ada.lovelace@example.com');

    const listed = await service.ok<{ people: { totalCount: number; nodes: { name: string; unit: { name: string } }[] } }>(
      `{ people(first: 10) { totalCount nodes { name unit { name } } } }`,
    );
    expect(listed.people.totalCount).toBe(1);
    expect(listed.people.nodes[0]).toEqual({ name: 'Ada Lovelace', unit: { name: 'Payments' } });

    const consumer = testKafka().consumer({ groupId: `${prefix}check` });
    const seen: unknown[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic: `${prefix}isms.person.v1`, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void seen.push({ key: message.key?.toString(), value: JSON.parse(message.value!.toString()) }) });
    try {
      const [event] = await eventually('the person event on the broker', () => (seen.length > 0 ? seen : undefined));
      const { key, value } = event as { key: string; value: unknown };
      expect(key).toBe(createPerson.id);
      const envelope = envelopeSchema.parse(value);
      expect(envelope).toMatchObject({ type: 'isms.person.upserted', version: 1, source: 'isms-service', subjectId: createPerson.id });
      expect(envelope.data).toMatchObject({ email: 'ada.lovelace@example.com', unitId: dept.id, active: true });
    } finally {
      await consumer.disconnect();
    }
  });

  it('rejects bad input with a clear error and writes nothing', async () => {
    const before = await service.deps.dataSource.query('SELECT (SELECT count(*) FROM person) AS people, (SELECT count(*) FROM outbox_event) AS events');
    const badEmail = await service.request(CREATE_PERSON, { input: { email: 'not-an-email', name: 'X' } });
    expect(badEmail.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED', category: 'BAD_USER_INPUT' });
    expect(badEmail.errors?.[0]?.message).toContain('email must be an e-mail address');

    const unknownUnit = await service.request(CREATE_PERSON, { input: { email: 'x@example.com', name: 'X', unitId: '7c0e8a52-4b2b-4a63-9a43-9f0d3e2b1a11' } });
    expect(unknownUnit.errors?.[0]).toMatchObject({ message: expect.stringContaining('does not exist'), extensions: { code: 'UNIT_NOT_FOUND' } });

    await service.ok(CREATE_PERSON, { input: { email: 'dup@example.com', name: 'First' } });
    const duplicate = await service.request(CREATE_PERSON, { input: { email: 'DUP@example.com', name: 'Second' } });
    expect(duplicate.errors?.[0]?.extensions).toMatchObject({ code: 'EMAIL_TAKEN', category: 'CONFLICT' });

    const after = await service.deps.dataSource.query('SELECT (SELECT count(*) FROM person) AS people, (SELECT count(*) FROM outbox_event) AS events');
    expect(Number(after[0].people) - Number(before[0].people)).toBe(1);
    expect(Number(after[0].events) - Number(before[0].events)).toBe(1);
  });

  it('checks who is asking: an employee cannot create people, and a call without gateway claims is refused', async () => {
    const denied = await service.request(CREATE_PERSON, { input: { email: 'e@example.com', name: 'E' } }, testClaims([Role.Employee]));
    expect(denied.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });

    const direct = await fetch(service.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ orgUnits { id } }' }) });
    expect(direct.status).toBe(401);

    const forged = await fetch(service.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-iso-claims': 'eyJhbGciOiJub25lIn0.eyJjbGFpbXMiOnt9fQ.' },
      body: JSON.stringify({ query: '{ orgUnits { id } }' }),
    });
    expect(forged.status).toBe(401);
  });

  it('answers "me" with the person record of whoever asks, matched by e-mail, and null for someone not in the register', async () => {
    const { createPerson } = await service.ok<{ createPerson: { id: string } }>(CREATE_PERSON, { input: { email: 'Grace.Hopper@Example.com', name: 'Grace Hopper' } });
    const mine = await service.request<{ me: { id: string; name: string } | null }>('{ me { id name } }', {}, testClaims([Role.Employee], { email: 'grace.hopper@example.com' }));
    expect(mine.errors).toBeUndefined();
    expect(mine.data?.me).toEqual({ id: createPerson.id, name: 'Grace Hopper' });

    const auditor = await service.request<{ me: unknown }>('{ me { id } }', {}, testClaims([Role.ExternalAuditor], { email: 'auditor@firm.example' }));
    expect(auditor.errors).toBeUndefined();
    expect(auditor.data?.me).toBeNull();

    // Another organisation's person with the same e-mail is not "me".
    const elsewhere = await service.request<{ me: unknown }>('{ me { id } }', {}, testClaims([Role.Employee], { email: 'grace.hopper@example.com', organisationId: '00000000-0000-4000-8000-000000000999' }));
    expect(elsewhere.data?.me).toBeNull();
  });
});

