import { randomUUID } from 'node:crypto';
import { Query, Resolver } from 'type-graphql';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { EventData, OrgUnitUpserted, PersonUpserted } from '@iso27001/contracts';
import { baseConfigSchema, BaseConfig, createDataSource, createLogger, SubgraphDefinition } from '@iso27001/platform';
import { buildEnvelope, createTestDatabase, deleteTopicsWithPrefix, eventually, startTestSubgraph, TEST_ORGANISATION_ID, TestEventPublisher, TestSubgraph, uniqueTopicPrefix } from '@iso27001/testing';
import {
  OrgReplica1764300006000,
  orgReplicaEntities,
  orgReplicaHandlers,
  PersonReplicaChange,
  PersonReplicaService,
  UnitReplicaChange,
  UnitReplicaService,
  unknownPeople,
} from '../src';

/** A subgraph needs one query; the replica itself has no API. */
@Resolver()
class ProbeResolver {
  @Query(() => String)
  probe(): string {
    return 'ok';
  }
}

const changes: { people: PersonReplicaChange[]; units: UnitReplicaChange[] } = { people: [], units: [] };

/** A service that only keeps the organisation replica, and records what its hooks were told. */
const replicaOnly: SubgraphDefinition<BaseConfig> = {
  name: 'org-replica-service',
  configSchema: baseConfigSchema,
  entities: orgReplicaEntities,
  migrations: [OrgReplica1764300006000],
  resolvers: [ProbeResolver],
  produces: [],
  handlers: (deps) =>
    orgReplicaHandlers(deps, {
      async personChanged(_manager, change) {
        changes.people.push(change);
      },
      async unitChanged(_manager, change) {
        changes.units.push(change);
      },
    }),
};

const at = (minutes: number) => new Date(Date.UTC(2026, 0, 1, 9, minutes)).toISOString();

describe('organisation replica: people and units from isms-service', () => {
  const prefix = uniqueTopicPrefix('org-replica');
  let service: TestSubgraph<BaseConfig>;
  let events: TestEventPublisher;
  const logger = createLogger('org-replica-test', 'warn');
  const people = new PersonReplicaService({ logger });
  const units = new UnitReplicaService({ logger });
  const manager = () => service.deps.dataSource.manager;
  const consumed = async (eventId: string) => (await manager().query('SELECT 1 FROM consumed_event WHERE event_id = $1', [eventId])).length > 0 || undefined;

  function personData(overrides: Partial<EventData<typeof PersonUpserted>> = {}): EventData<typeof PersonUpserted> {
    const id = overrides.id ?? randomUUID();
    return { id, email: `${id.slice(0, 8)}@bank.example`, name: 'Someone', unitId: null, managerId: null, jobRole: null, active: true, ...overrides };
  }
  function unitData(name: string, parentId: string | null, overrides: Partial<EventData<typeof OrgUnitUpserted>> = {}): EventData<typeof OrgUnitUpserted> {
    return { id: randomUUID(), name, kind: parentId ? 'DEPARTMENT' : 'BUSINESS_UNIT', parentId, ...overrides };
  }
  async function sendPerson(data: EventData<typeof PersonUpserted>, occurredAt = new Date().toISOString()) {
    const envelope = await events.publishAs(PersonUpserted, data, { occurredAt });
    await eventually(`person event ${envelope.id} handled`, () => consumed(envelope.id));
    return data;
  }
  async function sendUnit(data: EventData<typeof OrgUnitUpserted>, occurredAt = new Date().toISOString()) {
    const envelope = await events.publishAs(OrgUnitUpserted, data, { occurredAt });
    await eventually(`unit event ${envelope.id} handled`, () => consumed(envelope.id));
    return data;
  }
  const names = (rows: { name: string }[]) => rows.map((row) => row.name).sort();

  beforeAll(async () => {
    service = await startTestSubgraph(replicaOnly, { topicPrefix: prefix });
    events = await TestEventPublisher.connect(prefix);
  });
  afterAll(async () => {
    await events?.disconnect();
    await service?.close();
    await deleteTopicsWithPrefix(prefix);
  });

  it('never lets an older event overwrite a newer state, and tells the hook only about real changes', async () => {
    const ann = personData({ name: 'Ann', email: 'Ann.Lee@Bank.Example', jobRole: 'Analyst', externalId: 'HR-1' });
    await sendPerson(ann, at(10));
    await sendPerson({ ...ann, name: 'Ann Old', jobRole: 'Trainee' }, at(5)); // a late redelivery of an older state
    const stored = await people.byId(manager(), TEST_ORGANISATION_ID, ann.id);
    expect(stored).toMatchObject({ name: 'Ann', email: 'ann.lee@bank.example', jobRole: 'Analyst', externalId: 'HR-1', updatedAt: new Date(at(10)) });
    expect(await people.byEmail(manager(), TEST_ORGANISATION_ID, 'ANN.LEE@bank.example')).toMatchObject({ personId: ann.id });

    // The same state again, later: the row's time moves on, the hook hears nothing. A real change is reported.
    await sendPerson(ann, at(11));
    const { externalId: _omitted, ...withoutExternalId } = ann; // an older producer: the stored external id stays
    await sendPerson({ ...withoutExternalId, jobRole: 'Lead Analyst' }, at(12));
    const mine = changes.people.filter((change) => change.after.personId === ann.id);
    expect(mine.map((change) => change.changed)).toEqual([['email', 'name', 'unitId', 'managerId', 'jobRole', 'externalId', 'active'], ['jobRole']]);
    expect(mine[1]).toMatchObject({ before: { jobRole: 'Analyst' }, after: { jobRole: 'Lead Analyst', externalId: 'HR-1' } });

    const finance = unitData('Finance', null, { active: true });
    await sendUnit(finance, at(20));
    await sendUnit({ ...finance, name: 'Finance (old name)', active: false }, at(15));
    expect((await units.byIds(manager(), TEST_ORGANISATION_ID, [finance.id])).get(finance.id)).toMatchObject({ name: 'Finance', active: true, updatedAt: new Date(at(20)) });
  });

  it('walks a unit down to all its sub-units, for one root or several, and survives a cycle', async () => {
    const group = await sendUnit(unitData('Group', null));
    const division = await sendUnit(unitData('Division', group.id));
    const team = await sendUnit(unitData('Team', division.id, { kind: 'TEAM' }));
    const squad = await sendUnit(unitData('Squad', team.id, { kind: 'TEAM', active: false }));
    const other = await sendUnit(unitData('Other', null));
    const elsewhere = await sendUnit(unitData('Elsewhere', other.id));

    expect(names(await units.subtree(manager(), TEST_ORGANISATION_ID, [division.id]))).toEqual(['Division', 'Squad', 'Team']);
    expect(names(await units.subtree(manager(), TEST_ORGANISATION_ID, [team.id, other.id]))).toEqual(['Elsewhere', 'Other', 'Squad', 'Team']);
    expect(await units.ancestorIds(manager(), TEST_ORGANISATION_ID, squad.id)).toEqual([squad.id, team.id, division.id, group.id]);
    // A root the replica does not know yet still counts, so its own people are found.
    const unknown = randomUUID();
    expect((await units.subtreeIds(manager(), TEST_ORGANISATION_ID, [unknown, elsewhere.id])).sort()).toEqual([unknown, elsewhere.id].sort());

    // Moves delivered out of order can leave a cycle for a moment: the walk still ends.
    await sendUnit({ ...other, parentId: elsewhere.id });
    expect(names(await units.subtree(manager(), TEST_ORGANISATION_ID, [other.id]))).toEqual(['Elsewhere', 'Other']);
    expect(await units.ancestorIds(manager(), TEST_ORGANISATION_ID, other.id)).toEqual([other.id, elsewhere.id]);
  });

  it('finds the people of a subtree (active ones unless asked), also when their units arrive after them', async () => {
    const region = unitData('Region', null);
    const branch = unitData('Branch', region.id);
    const desk = unitData('Desk', branch.id, { kind: 'TEAM' });
    // People first: their units are not known yet.
    const bea = await sendPerson(personData({ name: 'Bea', unitId: desk.id }));
    const cal = await sendPerson(personData({ name: 'Cal', unitId: branch.id }));
    const dan = await sendPerson(personData({ name: 'Dan', unitId: desk.id, active: false }));
    const eli = await sendPerson(personData({ name: 'Eli', unitId: region.id }));
    await sendPerson(personData({ name: 'Fin', unitId: randomUUID() }));
    expect(names(await people.ofSubtree(manager(), TEST_ORGANISATION_ID, [region.id]))).toEqual(['Eli']);

    const before = changes.units.length;
    await sendUnit(desk);
    await sendUnit(branch);
    await sendUnit(region);
    expect(changes.units.slice(before).map((change) => [change.after.name, change.before])).toEqual([['Desk', null], ['Branch', null], ['Region', null]]);

    expect(names(await people.ofSubtree(manager(), TEST_ORGANISATION_ID, [region.id]))).toEqual(['Bea', 'Cal', 'Eli']);
    expect(names(await people.ofSubtree(manager(), TEST_ORGANISATION_ID, [branch.id], { includeInactive: true }))).toEqual(['Bea', 'Cal', 'Dan']);
    expect(names(await people.ofSubtree(manager(), TEST_ORGANISATION_ID, [desk.id, region.id]))).toEqual(['Bea', 'Cal', 'Eli']);
    const byIds = await people.byIds(manager(), TEST_ORGANISATION_ID, [bea.id, cal.id.toUpperCase(), dan.id, randomUUID()]);
    expect([...byIds.keys()].sort()).toEqual([bea.id, cal.id, dan.id].sort());
    expect(await unknownPeople(manager(), TEST_ORGANISATION_ID, [bea.id, dan.id, eli.id, null], 0)).toEqual([dan.id]);
  });

  it('applies a batch of person events in one go as applying them one by one would', async () => {
    const envelope = (data: EventData<typeof PersonUpserted>, minute: number) => buildEnvelope(PersonUpserted, data, { occurredAt: at(minute) });
    const kim = personData({ name: 'Kim', externalId: 'HR-7' });
    const lou = personData({ name: 'Lou' });
    const max = personData({ name: 'Max' });
    const { externalId: _omitted, ...kimFromOlderProducer } = kim;
    const first = await service.deps.dataSource.transaction((tx) =>
      people.applyMany(tx, [
        envelope(kim, 1),
        envelope(lou, 2),
        envelope({ ...kimFromOlderProducer, name: 'Kim Park' }, 3), // newest for Kim; keeps the external id it had
        envelope({ ...kim, name: 'Kim (late, older)' }, 0),
        envelope(max, 1),
      ]),
    );
    expect(first.map((change) => change.after.name)).toEqual(['Lou', 'Kim Park', 'Max']);
    expect(first.every((change) => change.before === null)).toBe(true);
    const stored = await people.byIds(manager(), TEST_ORGANISATION_ID, [kim.id, lou.id, max.id]);
    expect(stored.get(kim.id)).toMatchObject({ name: 'Kim Park', updatedAt: new Date(at(3)) });
    expect(stored.get(lou.id)).toMatchObject({ name: 'Lou', updatedAt: new Date(at(2)) });

    // An older state changes nothing; the same state again changes nothing; a real change is reported with before.
    const second = await service.deps.dataSource.transaction((tx) =>
      people.applyMany(tx, [envelope({ ...kim, name: 'Kim Old' }, 2), envelope(lou, 9), envelope({ ...max, jobRole: 'Teller' }, 9)]),
    );
    expect(second).toEqual([expect.objectContaining({ changed: ['jobRole'], before: expect.objectContaining({ jobRole: null }), after: expect.objectContaining({ name: 'Max', jobRole: 'Teller' }) })]);
    expect((await people.byId(manager(), TEST_ORGANISATION_ID, kim.id))?.name).toBe('Kim Park');
  });

  it('waits briefly for a person who has not arrived yet', async () => {
    const late = personData({ name: 'Late' });
    const waiting = unknownPeople(manager(), TEST_ORGANISATION_ID, [late.id], 20_000);
    await events.publishAs(PersonUpserted, late);
    expect(await waiting).toEqual([]);
    expect(await unknownPeople(manager(), TEST_ORGANISATION_ID, [randomUUID()], 0)).toHaveLength(1);
  });
});

/** The shape risk-service's replica had before the library (no job role, manager or external id). */
class RiskShapedReplica1764300000001 implements MigrationInterface {
  name = 'RiskShapedReplica1764300000001';
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE person_replica (
        organisation_id uuid NOT NULL, person_id uuid NOT NULL, email text NOT NULL, name text NOT NULL, unit_id uuid,
        active boolean NOT NULL, updated_at timestamptz NOT NULL, PRIMARY KEY (organisation_id, person_id))`);
    await queryRunner.query('CREATE INDEX person_replica_email ON person_replica (organisation_id, email)');
    await queryRunner.query(`INSERT INTO person_replica VALUES ('${TEST_ORGANISATION_ID}', '${randomUUID()}', 'Old.Row@Bank.Example', 'Old Row', NULL, true, now())`);
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE person_replica');
  }
}

describe('organisation replica migration', () => {
  it('upgrades a replica table that predates it, keeping its rows', async () => {
    const database = await createTestDatabase('org_replica_upgrade');
    const dataSource = createDataSource({ serverUrl: database.serverUrl, database: database.name, entities: orgReplicaEntities, migrations: [RiskShapedReplica1764300000001, OrgReplica1764300006000] });
    try {
      await dataSource.initialize();
      await dataSource.runMigrations({ transaction: 'each' });
      const [row] = await dataSource.query('SELECT email, job_role, manager_id, external_id FROM person_replica');
      expect(row).toEqual({ email: 'old.row@bank.example', job_role: null, manager_id: null, external_id: null });
      const indexes: { indexname: string }[] = await dataSource.query("SELECT indexname FROM pg_indexes WHERE tablename IN ('person_replica', 'unit_replica') ORDER BY indexname");
      expect(indexes.map((index) => index.indexname)).toEqual(['person_replica_email', 'person_replica_org_unit', 'person_replica_pkey', 'unit_replica_org_parent', 'unit_replica_pkey']);
    } finally {
      await dataSource.destroy().catch(() => undefined);
      await database.drop();
    }
  });
});
