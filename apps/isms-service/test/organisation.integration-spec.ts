import { Role } from '@iso27001/authz';
import { deleteTopicsWithPrefix, eventually, startTestSubgraph, testClaims, testKafka, TestSubgraph, uniqueTopicPrefix } from '@iso27001/testing';
import { IsmsConfig } from '../src/config';
import { isms } from '../src/subgraph';

const CREATE_UNIT = `mutation($input: CreateOrgUnitInput!) { createOrgUnit(input: $input) { id name parentId externalId active } }`;
const MOVE_UNIT = `mutation($input: MoveOrgUnitInput!) { moveOrgUnit(input: $input) { id parentId } }`;
const CREATE_PERSON = `mutation($input: CreatePersonInput!) { createPerson(input: $input) { id email externalId } }`;
const UPDATE_PERSON = `mutation($input: UpdatePersonInput!) { updatePerson(input: $input) { id unitId managerId name } }`;
const PEOPLE = `query($unitId: ID, $active: Boolean, $search: String, $includeSubUnits: Boolean = true) {
  people(first: 50, unitId: $unitId, active: $active, search: $search, includeSubUnits: $includeSubUnits) { totalCount nodes { email manager { email } } } }`;

describe('isms-service: units and people kept complete (update, move, deactivate, filters)', () => {
  const prefix = uniqueTopicPrefix('isms-org');
  let service: TestSubgraph<IsmsConfig>;
  const counts = async () =>
    (await service.deps.dataSource.query('SELECT (SELECT count(*) FROM org_unit)::int AS units, (SELECT count(*) FROM person)::int AS people, (SELECT count(*) FROM outbox_event)::int AS events'))[0];
  const unit = async (name: string, kind: string, parentId?: string, externalId?: string) =>
    (await service.ok<{ createOrgUnit: { id: string } }>(CREATE_UNIT, { input: { name, kind, parentId, externalId } })).createOrgUnit.id;
  const person = async (email: string, unitId?: string, managerId?: string, externalId?: string) =>
    (await service.ok<{ createPerson: { id: string } }>(CREATE_PERSON, { input: { email, name: email.split('@')[0], unitId, managerId, externalId } })).createPerson.id;

  beforeAll(async () => {
    service = await startTestSubgraph(isms, { topicPrefix: prefix });
  });
  afterAll(async () => {
    await service?.close();
    await deleteTopicsWithPrefix(prefix);
  });

  it('moves units, refuses a move that makes a cycle with the path named, and writes nothing then', async () => {
    const bank = await unit('Bank', 'BUSINESS_UNIT', undefined, 'B-1');
    const retail = await unit('Retail', 'DEPARTMENT', bank);
    const cards = await unit('Cards', 'TEAM', retail);
    const ops = await unit('Operations', 'DEPARTMENT', bank);

    const moved = await service.ok<{ moveOrgUnit: { parentId: string } }>(MOVE_UNIT, { input: { id: cards, parentId: ops } });
    expect(moved.moveOrgUnit.parentId).toBe(ops);

    const before = await counts();
    const cycle = await service.request(MOVE_UNIT, { input: { id: bank, parentId: cards } });
    expect(cycle.errors?.[0]).toMatchObject({ message: 'moving "Bank" under "Cards" would make a cycle: Bank -> Cards -> Operations -> Bank', extensions: { code: 'HIERARCHY_CYCLE' } });
    const duplicateExternal = await service.request(CREATE_UNIT, { input: { name: 'Other', kind: 'TEAM', externalId: 'B-1' } });
    expect(duplicateExternal.errors?.[0]).toMatchObject({ message: 'external id "B-1" is already used by unit "Bank"', extensions: { code: 'EXTERNAL_ID_TAKEN' } });
    const badId = await service.request(`mutation { deactivateOrgUnit(id: "nope") { id } }`);
    expect(badId.errors?.[0]?.extensions).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(await counts()).toEqual(before);

    const renamed = await service.ok<{ updateOrgUnit: { name: string; externalId: string } }>(
      `mutation { updateOrgUnit(input: { id: "${retail}", name: "Retail Banking", externalId: "R-1" }) { name externalId } }`,
    );
    expect(renamed.updateOrgUnit).toEqual({ name: 'Retail Banking', externalId: 'R-1' });

    // Each unit names its parent, as the hierarchy stands after the move.
    const { orgUnits } = await service.ok<{ orgUnits: { id: string; parent: { id: string; name: string } | null }[] }>('{ orgUnits { id parent { id name } } }', {}, testClaims([Role.InternalAuditor]));
    const parentOf = (id: string) => orgUnits.find((candidate) => candidate.id === id)?.parent;
    expect([parentOf(bank), parentOf(retail), parentOf(cards), parentOf(ops)]).toEqual([null, { id: bank, name: 'Bank' }, { id: ops, name: 'Operations' }, { id: bank, name: 'Bank' }]);
  });

  it('deactivates a unit only when nobody active is left in it, and filters people by unit with sub-units, active and search', async () => {
    const group = await unit('Group', 'BUSINESS_UNIT');
    const it = await unit('IT', 'DEPARTMENT', group);
    const sec = await unit('Security', 'TEAM', it);
    const cio = await person('cio@bank.test', it);
    const ciso = await person('ciso@bank.test', sec, cio, 'HR-77');
    await person('analyst@bank.test', sec, ciso);

    const all = await service.ok<{ people: { totalCount: number } }>(PEOPLE, { unitId: group });
    expect(all.people.totalCount).toBe(3);
    const onlyIt = await service.ok<{ people: { totalCount: number } }>(PEOPLE, { unitId: it, includeSubUnits: false });
    expect(onlyIt.people.totalCount).toBe(1);
    const byExternal = await service.ok<{ people: { nodes: { email: string; manager: { email: string } }[] } }>(PEOPLE, { search: 'hr-77' });
    expect(byExternal.people.nodes).toEqual([{ email: 'ciso@bank.test', manager: { email: 'cio@bank.test' } }]);

    const inUse = await service.request(`mutation { deactivateOrgUnit(id: "${sec}") { active } }`);
    expect(inUse.errors?.[0]).toMatchObject({ message: 'unit "Security" still has 0 active sub-unit(s) and 2 active person(s): move or deactivate them first', extensions: { code: 'UNIT_IN_USE' } });

    const analyst = (await service.deps.dataSource.query(`SELECT id FROM person WHERE email = 'analyst@bank.test'`))[0].id as string;
    const before = await counts();
    const loop = await service.request(UPDATE_PERSON, { input: { id: cio, managerId: analyst } });
    expect(loop.errors?.[0]).toMatchObject({
      message: 'making analyst the manager of cio would make a reporting cycle: cio -> analyst -> ciso -> cio',
      extensions: { code: 'MANAGER_CYCLE' },
    });
    expect(await counts()).toEqual(before);

    for (const id of [ciso, analyst]) await service.ok(`mutation { deactivatePerson(id: "${id}") { active } }`);
    const active = await service.ok<{ people: { totalCount: number } }>(PEOPLE, { unitId: group, active: true });
    expect(active.people.totalCount).toBe(1);
    const deactivated = await service.ok<{ deactivateOrgUnit: { active: boolean } }>(`mutation { deactivateOrgUnit(id: "${sec}") { active } }`);
    expect(deactivated.deactivateOrgUnit.active).toBe(false);
    const intoInactive = await service.request(UPDATE_PERSON, { input: { id: cio, unitId: sec } });
    expect(intoInactive.errors?.[0]).toMatchObject({ message: 'unit "Security" is deactivated: choose an active unit', extensions: { code: 'UNIT_INACTIVE' } });
  });

  it('publishes the full state for every change (move, deactivation) and nothing for a no-op', async () => {
    const dept = await unit('Legal', 'DEPARTMENT');
    const other = await unit('Compliance', 'DEPARTMENT');
    const lawyer = await person('lawyer@bank.test', dept, undefined, 'HR-1');
    const eventsBefore = (await counts()).events;
    await service.ok(UPDATE_PERSON, { input: { id: lawyer, name: 'lawyer' } }); // same name: no change, no event
    expect((await counts()).events).toBe(eventsBefore);
    await service.ok(UPDATE_PERSON, { input: { id: lawyer, unitId: other } });
    await service.ok(`mutation { deactivatePerson(id: "${lawyer}") { id } }`);

    const consumer = testKafka().consumer({ groupId: `${prefix}people` });
    const seen: { key: string; data: Record<string, unknown> }[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic: `${prefix}isms.person.v1`, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void seen.push({ key: String(message.key), data: JSON.parse(String(message.value)).data }) });
    try {
      const mine = await eventually('three events for the lawyer', () => {
        const events = seen.filter((e) => e.key === lawyer);
        return events.length >= 3 ? events : undefined;
      });
      expect(mine.map((e) => [e.data['unitId'], e.data['active'], e.data['externalId']])).toEqual([
        [dept, true, 'HR-1'],
        [other, true, 'HR-1'],
        [other, false, 'HR-1'],
      ]);
    } finally {
      await consumer.disconnect();
    }
  });

  it('refuses changes from an employee', async () => {
    const denied = await service.request(MOVE_UNIT, { input: { id: '7c0e8a52-4b2b-4a63-9a43-9f0d3e2b1a11', parentId: null } }, testClaims([Role.Employee]));
    expect(denied.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    const deniedUpdate = await service.request(UPDATE_PERSON, { input: { id: '7c0e8a52-4b2b-4a63-9a43-9f0d3e2b1a11', name: 'X' } }, testClaims([Role.InternalAuditor]));
    expect(deniedUpdate.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
  });
});
