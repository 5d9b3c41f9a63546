import { randomUUID } from 'node:crypto';
import { Role } from '@iso27001/authz';
import { deleteTopicsWithPrefix, startTestSubgraph, testClaims, TestEventPublisher, TestSubgraph, uniqueTopicPrefix } from '@iso27001/testing';
import { ControlsConfig } from '../src/config';
import { controls } from '../src/subgraph';
import { counts, publishPerson } from './soa-test-events';

const SET = `mutation($input: SetControlApplicabilityInput!) { setControlApplicability(input: $input) { applicable } }`;
const UPDATE = `mutation($input: UpdateSoaEntryInput!) { updateSoaEntry(input: $input) { control { id } implementationStatus owner { id } owners { id } } }`;
const SOA = `{ statementOfApplicability { control { id } implementationStatus owner { id } owners { id } } }`;

type Entry = { control: { id: string }; implementationStatus: string; owner: { id: string } | null; owners: { id: string }[] };

/** Owners of SoA entries are people isms-service knows: refused otherwise, and left out if stored before that. */
describe('controls-service: SoA owners are active people of the organisation', () => {
  const prefix = uniqueTopicPrefix('soa-owners');
  let service: TestSubgraph<ControlsConfig>;
  let events: TestEventPublisher;
  const manager = testClaims([Role.IsmsManager]);
  const query = (sql: string) => service.deps.dataSource.query(sql);
  const written = () => counts(query, ['soa_entry', 'soa_change']);
  const entryRow = (controlId: string) => service.deps.dataSource.query('SELECT owner_id, owner_ids, implementation_status FROM soa_entry WHERE control_id = $1', [controlId]);
  const entryOf = async (controlId: string) => (await service.ok<{ statementOfApplicability: Entry[] }>(SOA, {}, testClaims([Role.ExternalAuditor]))).statementOfApplicability.find((row) => row.control.id === controlId);

  beforeAll(async () => {
    // No waiting for people who never arrive: refusals answer at once (the wait has its own test below).
    service = await startTestSubgraph(controls, { topicPrefix: prefix, env: { PERSON_REPLICA_WAIT_MS: '0' } });
    events = await TestEventPublisher.connect(prefix, 'isms-service-stand-in');
    for (const controlId of ['A.5.15', 'A.8.13', 'A.8.5']) {
      await service.ok(SET, { input: { controlId, applicable: true, reasons: ['LEGAL'], changeReason: 'Required by the banking regulator' } }, manager);
    }
  });
  afterAll(async () => {
    await events?.disconnect();
    await service?.close();
    await deleteTopicsWithPrefix(prefix);
  });

  it('refuses an owner isms-service has not told it about, naming the id on the owners field, and writes nothing', async () => {
    const olga = await publishPerson(events, service, 'Olga Owner');
    const elsewhere = await publishPerson(events, service, 'Otto Othercorp', { organisationId: randomUUID() });
    const typo = randomUUID();
    const before = await written();
    const rowBefore = await entryRow('A.5.15');

    const refused = await service.request(UPDATE, { input: { controlId: 'A.5.15', ownerIds: [olga.id, typo], implementationStatus: 'PLANNED', changeReason: 'Owners named' } }, manager);
    expect(refused.data).toBeNull();
    expect(refused.errors?.[0]).toMatchObject({
      message: `ownerIds: not active people of the organisation (as known from isms-service): ${typo}`,
      extensions: { code: 'UNKNOWN_PERSON', category: 'BAD_USER_INPUT', details: { field: 'ownerIds', personIds: [typo] } },
    });
    // A person of another organisation is no owner here either.
    const foreign = await service.request(UPDATE, { input: { controlId: 'A.5.15', ownerIds: [elsewhere.id], changeReason: 'Owners named' } }, manager);
    expect(foreign.errors?.[0]?.extensions).toMatchObject({ code: 'UNKNOWN_PERSON', details: { field: 'ownerIds', personIds: [elsewhere.id] } });

    expect(await written()).toEqual(before); // no soa_change row, no outbox event
    expect(await entryRow('A.5.15')).toEqual(rowBefore);
    expect(await entryOf('A.5.15')).toEqual({ control: { id: 'A.5.15' }, implementationStatus: 'NOT_STARTED', owner: null, owners: [] });

    const { updateSoaEntry } = await service.ok<{ updateSoaEntry: Entry }>(UPDATE, { input: { controlId: 'A.5.15', ownerIds: [olga.id], changeReason: 'Owner named' } }, manager);
    expect(updateSoaEntry).toMatchObject({ owner: { id: olga.id }, owners: [{ id: olga.id }] });
  });

  it('refuses a person who has left (deactivated in isms-service)', async () => {
    const leaver = await publishPerson(events, service, 'Lea Leaver', { active: false });
    const before = await written();
    const refused = await service.request(UPDATE, { input: { controlId: 'A.8.13', ownerIds: [leaver.id], changeReason: 'Owner named' } }, manager);
    expect(refused.errors?.[0]).toMatchObject({
      message: expect.stringContaining(leaver.id),
      extensions: { code: 'UNKNOWN_PERSON', details: { field: 'ownerIds', personIds: [leaver.id] } },
    });
    expect(await written()).toEqual(before);
  });

  it('keeps an owner who has since left: the entry can still change status and owners, and still names them', async () => {
    const [pia, sam] = [await publishPerson(events, service, 'Pia Primary'), await publishPerson(events, service, 'Sam Second')];
    await service.ok(UPDATE, { input: { controlId: 'A.8.13', ownerIds: [pia.id, sam.id], changeReason: 'Owners named' } }, manager);
    await publishPerson(events, service, 'Pia Primary', { id: pia.id, active: false });

    const { updateSoaEntry: implemented } = await service.ok<{ updateSoaEntry: Entry }>(UPDATE, { input: { controlId: 'A.8.13', implementationStatus: 'IMPLEMENTED', changeReason: 'Backups run nightly' } }, manager);
    expect(implemented).toEqual({ control: { id: 'A.8.13' }, implementationStatus: 'IMPLEMENTED', owner: { id: pia.id }, owners: [{ id: pia.id }, { id: sam.id }] });
    // Sending the owners back as they are (as the portal's form does), or with a new one added, keeps her too.
    const ted = await publishPerson(events, service, 'Ted Third');
    const { updateSoaEntry: added } = await service.ok<{ updateSoaEntry: Entry }>(
      UPDATE,
      { input: { controlId: 'A.8.13', ownerIds: [sam.id, pia.id, ted.id], implementationStatus: 'PARTIALLY_IMPLEMENTED', changeReason: 'Sam leads now' } },
      manager,
    );
    expect(added.owners).toEqual([{ id: sam.id }, { id: pia.id }, { id: ted.id }]);
    expect(await entryRow('A.8.13')).toEqual([{ owner_id: sam.id, owner_ids: [sam.id, pia.id, ted.id], implementation_status: 'PARTIALLY_IMPLEMENTED' }]);
  });

  it('still answers the SoA with an owner id stored before owners were checked, leaving only that id out', async () => {
    const [ana, ben] = [await publishPerson(events, service, 'Ana Access'), await publishPerson(events, service, 'Ben Backup')];
    const stale = randomUUID();
    await service.deps.dataSource.query("UPDATE soa_entry SET owner_id = $1, owner_ids = ARRAY[$1, $2, $3]::uuid[] WHERE control_id = 'A.8.5'", [stale, ana.id, ben.id]);
    expect(await entryOf('A.8.5')).toEqual({ control: { id: 'A.8.5' }, implementationStatus: 'NOT_STARTED', owner: { id: ana.id }, owners: [{ id: ana.id }, { id: ben.id }] });

    // The stored id is not being added, so it does not block changing the entry.
    const { updateSoaEntry } = await service.ok<{ updateSoaEntry: Entry }>(UPDATE, { input: { controlId: 'A.8.5', implementationStatus: 'PLANNED', changeReason: 'MFA rollout planned' } }, manager);
    expect(updateSoaEntry).toEqual({ control: { id: 'A.8.5' }, implementationStatus: 'PLANNED', owner: { id: ana.id }, owners: [{ id: ana.id }, { id: ben.id }] });
  });

  describe('a person created a moment ago in isms-service', () => {
    const patientPrefix = uniqueTopicPrefix('soa-owners-wait');
    let patient: TestSubgraph<ControlsConfig>;
    let patientEvents: TestEventPublisher;

    beforeAll(async () => {
      // Waits long for people: the test ends as soon as the person arrives.
      patient = await startTestSubgraph(controls, { topicPrefix: patientPrefix, env: { PERSON_REPLICA_WAIT_MS: '20000' } });
      patientEvents = await TestEventPublisher.connect(patientPrefix, 'isms-service-stand-in');
      await patient.ok(SET, { input: { controlId: 'A.5.15', applicable: true, reasons: ['LEGAL'] } }, manager);
    });
    afterAll(async () => {
      await patientEvents?.disconnect();
      await patient?.close();
      await deleteTopicsWithPrefix(patientPrefix);
    });

    it('is accepted as owner when their event arrives while the change waits', async () => {
      const newcomer = randomUUID();
      const change = patient.request<{ updateSoaEntry: Entry }>(UPDATE, { input: { controlId: 'A.5.15', ownerIds: [newcomer], changeReason: 'New joiner owns access control' } }, manager);
      await publishPerson(patientEvents, patient, 'Nia Newcomer', { id: newcomer });
      const result = await change;
      expect(result.errors).toBeUndefined();
      expect(result.data?.updateSoaEntry).toMatchObject({ owner: { id: newcomer }, owners: [{ id: newcomer }] });
    });
  });
});
