import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { Claims, Role } from '@iso27001/authz';
import { OrgUnitUpserted, RoleAssignmentChanged } from '@iso27001/contracts';
import { deleteTopicsWithPrefix, eventually, startTestSubgraph, testClaims, TestEventPublisher, TestSubgraph, uniqueTopicPrefix } from '@iso27001/testing';
import { ControlsConfig } from '../src/config';
import { controls } from '../src/subgraph';
import { approveScope, counts, publishPerson } from './soa-test-events';

const CREATE = `mutation($input: CreateControlImplementationInput!) { createControlImplementation(input: $input) { id unit { id } } }`;
const UPDATE = `mutation($id: ID!, $input: ControlImplementationFieldsInput!) { updateControlImplementation(id: $id, input: $input) { id maturity } }`;
const DELETE = `mutation($id: ID!) { deleteControlImplementation(id: $id) { id } }`;
const LIST = `{ controlImplementations { id control { id } unit { id } } }`;
const PAGE = `query($first: Int) { controlImplementationPage(first: $first) { totalCount nodes { id unit { id } } } }`;
const SOA = `{ statementOfApplicability { control { id implementations { unit { id } } } implementations { unit { id } owner { id } } } }`;
const POLICY = `query($id: ID!) { policy(id: $id) { id controls { id implementations { id description unit { id } owner { id } } } } }`;
const POLICY_TITLES = `query($id: ID!) { policy(id: $id) { id controls { id title } } }`;
const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Control { id implementations { unit { id } } } ... on Policy { id title } } }`;
const EXPORT = `query { exportStatementOfApplicability(format: CSV) { base64 } }`;

type Implementation = { id: string; control: { id: string }; unit: { id: string } };

/**
 * Control implementations are unit records: a control owner (by the units in the token or by role assignments over
 * a unit subtree) sees, counts and changes only those of their units and those they own; every other way in (the SoA,
 * a policy's controls, references, the export) gives the same rows; organisation-wide roles see all.
 */
describe('controls-service: implementations per unit, within the caller’s reach', () => {
  const prefix = uniqueTopicPrefix('controls-scope');
  let service: TestSubgraph<ControlsConfig>;
  let events: TestEventPublisher;
  const [unitA, unitA1, unitB] = [randomUUID(), randomUUID(), randomUUID()];
  const manager = testClaims([Role.IsmsManager]);
  let ownerA: Claims; // control owner of unitA by the token, and a person of the register
  let ownerB: Claims; // an employee whose role assignment makes them control owner of unitB
  let ownerAPerson: string;
  const ids: Record<string, string> = {};
  const query = (sql: string) => service.deps.dataSource.query(sql);
  const input = (controlId: string, unitId: string, extra: Record<string, unknown> = {}) => ({
    controlId,
    unitId,
    status: 'IMPLEMENTED',
    maturity: 3,
    description: `${controlId} done in ${unitId}`,
    ...extra,
  });
  const unitsOf = (rows: { unit: { id: string } }[]) => rows.map((row) => row.unit.id).sort();

  beforeAll(async () => {
    service = await startTestSubgraph(controls, { topicPrefix: prefix, env: { PERSON_REPLICA_WAIT_MS: '0' } });
    events = await TestEventPublisher.connect(prefix, 'stand-in');
    await events.publishAs(OrgUnitUpserted, { id: unitA, name: 'IT Operations', kind: 'DEPARTMENT', parentId: null });
    await events.publishAs(OrgUnitUpserted, { id: unitA1, name: 'Service Desk', kind: 'TEAM', parentId: unitA });
    await events.publishAs(OrgUnitUpserted, { id: unitB, name: 'Payments', kind: 'DEPARTMENT', parentId: null });
    const alma = await publishPerson(events, service, 'Alma Owner');
    const bruno = await publishPerson(events, service, 'Bruno Payments');
    ownerAPerson = alma.id;
    ownerA = testClaims([Role.ControlOwner], { unitIds: [unitA], email: 'alma.owner@bank.example' });
    ownerB = testClaims([Role.Employee], { email: 'bruno.payments@bank.example' });
    await events.publishAs(RoleAssignmentChanged, { id: randomUUID(), personId: bruno.id, group: null, role: Role.ControlOwner, unitId: unitB, active: true });
    await eventually('units and the assignment replicated', async () => {
      const [row] = await query(`SELECT (SELECT count(*) FROM unit_replica)::int AS units, (SELECT count(*) FROM role_assignment_replica)::int AS assignments`);
      return row.units === 3 && row.assignments === 1 ? true : undefined;
    });
    await approveScope(events, [unitA, unitA1, unitB]);
    await eventually('scope approved', async () => ((await service.ok<{ soaScope: unknown }>('{ soaScope { id } }')).soaScope ? true : undefined));
    for (const [key, controlId, unitId, extra] of [
      ['a', 'A.8.13', unitA, {}],
      ['a1', 'A.8.13', unitA1, {}],
      ['b', 'A.8.13', unitB, {}],
      // A record of unitB that ownerA owns personally: theirs wherever it is.
      ['bOwnedByA', 'A.5.15', unitB, { ownerId: ownerAPerson }],
    ] as const) {
      ids[key] = (await service.ok<{ createControlImplementation: { id: string } }>(CREATE, { input: input(controlId, unitId, extra) }, manager)).createControlImplementation.id;
    }
  });
  afterAll(async () => {
    await events?.disconnect();
    await service?.close();
    await deleteTopicsWithPrefix(prefix);
  });

  it('lists and counts only the implementations of the caller’s units (sub-units included) and those they own', async () => {
    const all = await service.ok<{ controlImplementations: Implementation[] }>(LIST, {}, testClaims([Role.InternalAuditor]));
    expect(all.controlImplementations).toHaveLength(4);

    const ofA = await service.ok<{ controlImplementations: Implementation[] }>(LIST, {}, ownerA);
    expect(ofA.controlImplementations.map((row) => row.id).sort()).toEqual([ids['a'], ids['a1'], ids['bOwnedByA']].sort());
    const pageA = await service.ok<{ controlImplementationPage: { totalCount: number; nodes: unknown[] } }>(PAGE, { first: 1 }, ownerA);
    expect(pageA.controlImplementationPage).toMatchObject({ totalCount: 3, nodes: [expect.anything()] });

    // The role and the unit come from the role assignment: the token names neither.
    const ofB = await service.ok<{ controlImplementations: Implementation[] }>(LIST, {}, ownerB);
    expect(ofB.controlImplementations.map((row) => row.id).sort()).toEqual([ids['b'], ids['bOwnedByA']].sort());
    expect((await service.ok<{ controlImplementationPage: { totalCount: number } }>(PAGE, {}, ownerB)).controlImplementationPage.totalCount).toBe(2);

    // Empty units mean nothing: an external auditor or a service account without units sees no implementation.
    for (const role of [Role.ExternalAuditor, Role.ServiceAccount]) {
      expect((await service.ok<{ controlImplementationPage: { totalCount: number } }>(PAGE, {}, testClaims([role]))).controlImplementationPage.totalCount).toBe(0);
      const withUnit = await service.ok<{ controlImplementations: Implementation[] }>(LIST, {}, testClaims([role], { unitIds: [unitA1] }));
      expect(withUnit.controlImplementations.map((row) => row.id)).toEqual([ids['a1']]);
    }
  });

  it('refuses writes outside the caller’s reach with OUT_OF_SCOPE and writes nothing; inside it they succeed', async () => {
    const tables = ['control_implementation'];
    const before = await counts(query, tables);
    const storedB = await query(`SELECT maturity, description, updated_at FROM control_implementation WHERE id = '${ids['b']}'`);
    const refusals = [
      [CREATE, { input: input('A.5.1', unitB) }, ownerA, `unit ${unitB} is not one of your units`],
      [UPDATE, { id: ids['b'], input: { status: 'PLANNED', maturity: 0, description: 'taken over' } }, ownerA, `control implementation ${ids['b']}`],
      [DELETE, { id: ids['b'] }, ownerA, `control implementation ${ids['b']}`],
      [CREATE, { input: input('A.5.1', unitA) }, ownerB, `unit ${unitA} is not one of your units`],
      [DELETE, { id: ids['a1'] }, ownerB, `control implementation ${ids['a1']}`],
      [CREATE, { input: input('A.5.1', unitA) }, testClaims([Role.ControlOwner]), `unit ${unitA} is not one of your units`],
    ] as const;
    for (const [mutation, variables, claims, message] of refusals) {
      const result = await service.request(mutation, variables, claims);
      expect(result.data).toBeNull();
      expect(result.errors?.[0]).toMatchObject({ message: expect.stringContaining(message), extensions: { code: 'OUT_OF_SCOPE', category: 'FORBIDDEN' } });
    }
    expect(await counts(query, tables)).toEqual(before);
    expect(await query(`SELECT maturity, description, updated_at FROM control_implementation WHERE id = '${ids['b']}'`)).toEqual(storedB);

    // The demo control owner's case: a unit of their assignment (and a sub-unit of their token's unit) is theirs.
    const inB = await service.ok<{ createControlImplementation: { unit: { id: string } } }>(CREATE, { input: input('A.5.1', unitB) }, ownerB);
    expect(inB.createControlImplementation.unit).toEqual({ id: unitB });
    const inA1 = await service.ok<{ createControlImplementation: { id: string } }>(CREATE, { input: input('A.5.1', unitA1) }, ownerA);
    // A record ownerA owns in unitB is theirs to change.
    const owned = await service.ok<{ updateControlImplementation: { maturity: number } }>(UPDATE, { id: ids['bOwnedByA'], input: { status: 'IMPLEMENTED', maturity: 4, description: 'reviewed', ownerId: ownerAPerson } }, ownerA);
    expect(owned.updateControlImplementation.maturity).toBe(4);
    await service.ok(DELETE, { id: inA1.createControlImplementation.id }, ownerA);
    await service.ok(DELETE, { id: (await query(`SELECT id FROM control_implementation WHERE control_id = 'A.5.1' AND unit_id = '${unitB}'`))[0].id }, manager);
  });

  it('filters the SoA’s and the controls’ implementations the same way', async () => {
    type Row = { control: { id: string; implementations: { unit: { id: string } }[] }; implementations: { unit: { id: string }; owner: { id: string } | null }[] };
    const soaOf = async (claims: Claims) => (await service.ok<{ statementOfApplicability: Row[] }>(SOA, {}, claims)).statementOfApplicability.find((row) => row.control.id === 'A.8.13')!;
    const forA = await soaOf(ownerA);
    expect(unitsOf(forA.implementations)).toEqual([unitA, unitA1].sort());
    expect(unitsOf(forA.control.implementations)).toEqual([unitA, unitA1].sort());
    expect(unitsOf((await soaOf(ownerB)).implementations)).toEqual([unitB]);
    expect(unitsOf((await soaOf(manager)).implementations)).toEqual([unitA, unitA1, unitB].sort());
  });

  it('gives a policy’s controls only the implementations of the caller’s units, and an employee none at all', async () => {
    const author = testClaims([Role.IsmsManager], { name: 'Ines Author' });
    const created = await service.ok<{ createPolicy: { id: string; versions: { id: string }[] } }>(
      `mutation($input: CreatePolicyInput!) { createPolicy(input: $input) { id versions { id } } }`,
      { input: { title: 'Backup policy', approverRole: 'EXECUTIVE', audience: { everyone: true }, controlIds: ['A.8.13'], content: { body: '# Backup policy\n\nWe back up.' } } },
      author,
    );
    const { id: policyId, versions } = created.createPolicy;
    const employee = testClaims([Role.Employee]);
    // Before publication an employee gets no policy, by the root field or by reference.
    expect((await service.ok<{ policy: unknown }>(POLICY_TITLES, { id: policyId }, employee)).policy).toBeNull();
    expect((await service.ok<{ _entities: unknown[] }>(ENTITIES, { r: [{ __typename: 'Policy', id: policyId }] }, employee))._entities).toEqual([null]);

    await service.ok(`mutation($id: ID!) { submitPolicyVersionForApproval(versionId: $id) { id } }`, { id: versions[0]!.id }, author);
    await service.ok(`mutation($id: ID!) { approvePolicyVersion(versionId: $id) { id } }`, { id: versions[0]!.id }, testClaims([Role.Executive]));
    await service.ok(`mutation($id: ID!) { publishPolicyVersion(versionId: $id) { id } }`, { id: versions[0]!.id }, author);

    // The published policy and its controls' titles are the employee's to read ...
    expect((await service.ok<{ policy: unknown }>(POLICY_TITLES, { id: policyId }, employee)).policy).toEqual({ id: policyId, controls: [{ id: 'A.8.13', title: expect.any(String) }] });
    // ... but the implementations beneath are refused as on the root field, and no implementation comes back.
    const probe = await service.request<{ policy: unknown }>(POLICY, { id: policyId }, employee);
    expect(probe.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(JSON.stringify(probe.data ?? null)).not.toContain('done in');

    type Probe = { policy: { controls: { implementations: { id: string; unit: { id: string } }[] }[] } };
    const asB = await service.ok<Probe>(POLICY, { id: policyId }, ownerB);
    expect(unitsOf(asB.policy.controls[0]!.implementations)).toEqual([unitB]);
    const asA = await service.ok<Probe>(POLICY, { id: policyId }, ownerA);
    expect(unitsOf(asA.policy.controls[0]!.implementations)).toEqual([unitA, unitA1].sort());
    const asManager = await service.ok<Probe>(POLICY, { id: policyId }, manager);
    expect(asManager.policy.controls[0]!.implementations).toHaveLength(3);
  });

  it('filters a Control reference’s implementations, and refuses them to an employee', async () => {
    const representations = [{ __typename: 'Control', id: 'A.8.13' }];
    type Entities = { _entities: { id: string; implementations: { unit: { id: string } }[] }[] };
    expect(unitsOf((await service.ok<Entities>(ENTITIES, { r: representations }, ownerA))._entities[0]!.implementations)).toEqual([unitA, unitA1].sort());
    expect(unitsOf((await service.ok<Entities>(ENTITIES, { r: representations }, testClaims([Role.ExternalAuditor], { unitIds: [unitB] })))._entities[0]!.implementations)).toEqual([unitB]);
    const employee = await service.request<Entities>(ENTITIES, { r: representations }, testClaims([Role.Employee]));
    expect(employee.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(JSON.stringify(employee.data ?? null)).not.toContain(unitA);
  });

  it('exports the SoA with the implementations of the caller’s units only', async () => {
    const implementedIn = async (claims: Claims) => {
      const { exportStatementOfApplicability } = await service.ok<{ exportStatementOfApplicability: { base64: string } }>(EXPORT, {}, claims);
      const [header, ...rows]: string[][] = parse(Buffer.from(exportStatementOfApplicability.base64, 'base64'), { bom: true });
      return rows.find((row) => row[0] === 'A.8.13')?.[header!.indexOf('Implemented in units')];
    };
    expect(await implementedIn(manager)).toBe('3');
    expect(await implementedIn(ownerA)).toBe('2');
    expect(await implementedIn(ownerB)).toBe('1');
    expect(await implementedIn(testClaims([Role.ExternalAuditor]))).toBe('0');
  });
});
