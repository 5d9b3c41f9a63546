import { randomUUID } from 'node:crypto';
import { Claims, Role } from '@iso27001/authz';
import { deleteTopicsWithPrefix, eventually, startTestSubgraph, testClaims, TestSubgraph, uniqueTopicPrefix } from '@iso27001/testing';
import { controls } from '../../controls-service/src/subgraph';
import { isms } from '../../isms-service/src/subgraph';

interface Errors {
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

const ASSIGN = `mutation($input: AssignRoleInput!) { assignRole(input: $input) { id role group personId unitId active grantedBy unit { name } person { name } } }`;
const MY_ACCESS = '{ myAccess { roles organisationWide unitCount units { name } } }';

/**
 * Responsibility per department: an administrator gives a role over a unit subtree in isms-service; every service
 * learns it from the broker and scopes the caller by it on the next request.
 */
describe('role assignments, from isms-service to every service', () => {
  const prefix = uniqueTopicPrefix('roles');
  let ismsService: TestSubgraph<never>;
  let controlsService: TestSubgraph<never>;
  const admin = testClaims([Role.Admin], { email: 'admin@bank.example' });
  const manager = testClaims([Role.IsmsManager], { email: 'manager@bank.example' });
  let units: Record<'corporate' | 'it' | 'desk' | 'payments', string>;
  let chen: { id: string; claims: Claims };

  async function ok<T>(service: TestSubgraph<never>, query: string, variables: Record<string, unknown>, claims: Claims): Promise<T> {
    return service.ok<T>(query, variables, claims);
  }

  beforeAll(async () => {
    [ismsService, controlsService] = (await Promise.all([isms, controls].map((definition) => startTestSubgraph(definition as never, { topicPrefix: prefix })))) as TestSubgraph<never>[];
    const unit = async (name: string, kind: string, parentId: string | null) =>
      (await ok<{ createOrgUnit: { id: string } }>(ismsService, 'mutation($i: CreateOrgUnitInput!) { createOrgUnit(input: $i) { id } }', { i: { name, kind, parentId } }, manager)).createOrgUnit.id;
    const corporate = await unit('Corporate', 'BUSINESS_UNIT', null);
    const it = await unit('IT Operations', 'DEPARTMENT', corporate);
    const desk = await unit('Service desk', 'TEAM', it);
    const payments = await unit('Payments', 'DEPARTMENT', corporate);
    units = { corporate, it, desk, payments };
    const person = await ok<{ createPerson: { id: string } }>(
      ismsService,
      'mutation($i: CreatePersonInput!) { createPerson(input: $i) { id } }',
      { i: { email: 'chen.wei@bank.example', name: 'Chen Wei', unitId: it } },
      manager,
    );
    // Chen's token says only "employee": the control-owner role and its units come from the product.
    chen = { id: person.createPerson.id, claims: testClaims([Role.Employee], { email: 'Chen.Wei@bank.example' }) };
  });

  afterAll(async () => {
    await Promise.all([ismsService, controlsService].map((service) => service?.close()));
    await deleteTopicsWithPrefix(prefix);
  });

  it('refuses bad assignments with a reason and writes nothing', async () => {
    const refused = async (input: Record<string, unknown>, claims: Claims, code: string) => {
      const result = await ismsService.request<Errors>(ASSIGN, { input }, claims);
      expect(result.errors?.[0]?.extensions?.['code']).toBe(code);
      return result.errors?.[0]?.message ?? '';
    };
    expect(await refused({ personId: chen.id, role: 'CONTROL_OWNER', unitId: units.it }, manager, 'FORBIDDEN')).toMatch(/access denied|not authori[sz]ed/i);
    expect(await refused({ personId: chen.id, group: 'it-ops', role: 'CONTROL_OWNER', unitId: units.it }, admin, 'ASSIGNMENT_SUBJECT_REQUIRED')).toMatch(/exactly one/);
    expect(await refused({ role: 'CONTROL_OWNER', unitId: units.it }, admin, 'ASSIGNMENT_SUBJECT_REQUIRED')).toMatch(/exactly one/);
    expect(await refused({ personId: chen.id, role: 'ISMS_MANAGER', unitId: units.it }, admin, 'ROLE_NOT_ASSIGNABLE')).toMatch(/organisation-wide roles come from the identity provider/);
    expect(await refused({ personId: randomUUID(), role: 'RISK_OWNER', unitId: units.it }, admin, 'ASSIGNEE_NOT_FOUND')).toMatch(/no person/);
    expect(await refused({ personId: chen.id, role: 'RISK_OWNER', unitId: randomUUID() }, admin, 'ASSIGNMENT_UNIT_NOT_FOUND')).toMatch(/no unit/);

    const adminPerson = await ok<{ createPerson: { id: string } }>(ismsService, 'mutation { createPerson(input: { email: "admin@bank.example", name: "Alex Admin" }) { id } }', {}, manager);
    expect(await refused({ personId: adminPerson.createPerson.id, role: 'RISK_OWNER', unitId: units.it }, admin, 'SELF_ASSIGNMENT')).toMatch(/themselves/);

    const stored = await ok<{ roleAssignments: { totalCount: number } }>(ismsService, '{ roleAssignments(includeRevoked: true) { totalCount } }', {}, admin);
    expect(stored.roleAssignments.totalCount).toBe(0);
    const [outbox] = await ismsService.deps.dataSource.query(`SELECT count(*)::int AS n FROM outbox_event WHERE type = 'isms.role-assignment.changed'`);
    expect(outbox.n).toBe(0);
  });

  it('gives the role over the unit and its sub-units: in isms-service at once, in controls-service once the event arrives', async () => {
    // Before: Chen is an employee, and controls-service refuses him the implementations.
    const before = await controlsService.request<Errors>('{ controlImplementations { id } }', {}, chen.claims);
    expect(before.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');

    const { assignRole } = await ok<{ assignRole: Record<string, unknown> }>(ismsService, ASSIGN, { input: { personId: chen.id, role: 'CONTROL_OWNER', unitId: units.it } }, admin);
    expect(assignRole).toMatchObject({ role: 'CONTROL_OWNER', group: null, personId: chen.id, active: true, unit: { name: 'IT Operations' }, person: { name: 'Chen Wei' } });
    const duplicate = await ismsService.request<Errors>(ASSIGN, { input: { personId: chen.id, role: 'CONTROL_OWNER', unitId: units.it } }, admin);
    expect(duplicate.errors?.[0]?.extensions?.['code']).toBe('ALREADY_ASSIGNED');

    const mine = await ok<{ myAccess: { roles: string[]; organisationWide: boolean; unitCount: number; units: { name: string }[] } }>(ismsService, MY_ACCESS, {}, chen.claims);
    expect(mine.myAccess).toEqual({ roles: ['EMPLOYEE', 'CONTROL_OWNER'], organisationWide: false, unitCount: 2, units: [{ name: 'IT Operations' }] });

    await eventually('controls-service lets Chen read implementations as a control owner', async () => {
      const after = await controlsService.request<Errors>('{ controlImplementations { id } }', {}, chen.claims);
      return after.errors === undefined;
    });
    const [row] = await controlsService.deps.dataSource.query('SELECT role, unit_id, active FROM role_assignment_replica WHERE person_id = $1', [chen.id]);
    expect(row).toEqual({ role: 'control_owner', unit_id: units.it, active: true });
  });

  it("narrows isms-service's lists to the units a person reaches: the unit tree and the people", async () => {
    await ok(ismsService, 'mutation($i: CreatePersonInput!) { createPerson(input: $i) { id } }', { i: { email: 'desk@bank.example', name: 'Dana Desk', unitId: units.desk } }, manager);
    await ok(ismsService, 'mutation($i: CreatePersonInput!) { createPerson(input: $i) { id } }', { i: { email: 'pay@bank.example', name: 'Pat Payments', unitId: units.payments } }, manager);
    const seen = await ok<{ orgUnits: { name: string }[]; people: { totalCount: number; nodes: { name: string }[] } }>(
      ismsService,
      '{ orgUnits { name } people { totalCount nodes { name } } }',
      {},
      chen.claims,
    );
    expect(seen.orgUnits.map((unit) => unit.name)).toEqual(['IT Operations', 'Service desk']);
    expect(seen.people).toEqual({ totalCount: 2, nodes: [{ name: 'Chen Wei' }, { name: 'Dana Desk' }] });
    const all = await ok<{ orgUnits: unknown[]; people: { totalCount: number } }>(ismsService, '{ orgUnits { name } people { totalCount } }', {}, manager);
    expect(all.orgUnits).toHaveLength(4);
    expect(all.people.totalCount).toBeGreaterThanOrEqual(4);
  });

  it('lets a group carry a role: whoever the identity provider puts in the group gets it', async () => {
    await ok(ismsService, ASSIGN, { input: { group: '/iso27001/risk-owners-payments', role: 'RISK_OWNER', unitId: units.payments } }, admin);
    const rafael = testClaims([Role.Employee], { email: 'rafael@bank.example', groups: ['/iso27001/risk-owners-payments'] });
    const outsider = testClaims([Role.Employee], { email: 'someone@bank.example', groups: ['/iso27001/other'] });
    const access = (claims: Claims) => ok<{ myAccess: { roles: string[]; unitCount: number; units: { name: string }[] } }>(ismsService, MY_ACCESS, {}, claims);
    expect((await access(rafael)).myAccess).toMatchObject({ roles: ['EMPLOYEE', 'RISK_OWNER'], unitCount: 1, units: [{ name: 'Payments' }] });
    expect((await access(outsider)).myAccess).toMatchObject({ roles: ['EMPLOYEE'], unitCount: 0, units: [] });
  });

  it('takes a revoked assignment away on the next request, and keeps it in the history', async () => {
    const { roleAssignments } = await ok<{ roleAssignments: { nodes: { id: string; personId: string | null }[] } }>(ismsService, '{ roleAssignments { nodes { id personId } } }', {}, manager);
    const chens = roleAssignments.nodes.find((node) => node.personId === chen.id);
    if (!chens) throw new Error("Chen's assignment is not listed");
    const revoked = await ok<{ revokeRoleAssignment: { active: boolean; revokedBy: string } }>(
      ismsService,
      'mutation($id: ID!) { revokeRoleAssignment(id: $id) { active revokedBy } }',
      { id: chens.id },
      admin,
    );
    expect(revoked.revokeRoleAssignment).toEqual({ active: false, revokedBy: admin.name });
    const again = await ismsService.request<Errors>('mutation($id: ID!) { revokeRoleAssignment(id: $id) { id } }', { id: chens.id }, admin);
    expect(again.errors?.[0]?.extensions?.['code']).toBe('ASSIGNMENT_REVOKED');

    expect((await ok<{ myAccess: { roles: string[] } }>(ismsService, MY_ACCESS, {}, chen.claims)).myAccess.roles).toEqual(['EMPLOYEE']);
    await eventually('controls-service refuses Chen again', async () => {
      const after = await controlsService.request<Errors>('{ controlImplementations { id } }', {}, chen.claims);
      return after.errors?.[0]?.extensions?.['code'] === 'FORBIDDEN';
    });
    const history = await ok<{ roleAssignments: { totalCount: number } }>(ismsService, '{ roleAssignments(includeRevoked: true) { totalCount } }', {}, admin);
    expect(history.roleAssignments.totalCount).toBe(2);
  });

  it('gives a leaver nothing: an inactive person matches no assignment', async () => {
    const person = await ok<{ createPerson: { id: string } }>(ismsService, 'mutation { createPerson(input: { email: "leaver@bank.example", name: "Lee Ver" }) { id } }', {}, manager);
    await ok(ismsService, ASSIGN, { input: { personId: person.createPerson.id, role: 'CONTROL_OWNER', unitId: units.desk } }, admin);
    await ok(ismsService, 'mutation($id: ID!) { deactivatePerson(id: $id) { id } }', { id: person.createPerson.id }, manager);
    const leaver = testClaims([Role.Employee], { email: 'leaver@bank.example' });
    expect((await ok<{ myAccess: { roles: string[]; unitCount: number } }>(ismsService, MY_ACCESS, {}, leaver)).myAccess).toMatchObject({ roles: ['EMPLOYEE'], unitCount: 0 });
  });
});
