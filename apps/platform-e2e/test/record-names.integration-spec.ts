import { randomBytes, randomUUID } from 'node:crypto';
import { controls } from '../../controls-service/src/subgraph';
import { isms } from '../../isms-service/src/subgraph';
import { risk } from '../../risk-service/src/subgraph';
import { training } from '../../training-service/src/subgraph';
import { deleteTopicsWithPrefix, eventually, startTestSubgraph, TestSubgraph, uniqueTopicPrefix } from '@iso27001/testing';
import { startTestGateway, type TestGateway } from './test-gateway';

interface GraphQLBody<T> {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

/**
 * Records another service owns are shown by name: the gateway resolves the stubs one subgraph returns (an SoA
 * entry's risks, an implementation's unit, a trainee) in the subgraph that owns them.
 */
describe('records named across services, through the gateway', () => {
  const prefix = uniqueTopicPrefix('names');
  const secret = randomBytes(32).toString('hex');
  const subgraphs: TestSubgraph<never>[] = [];
  let controlsService: TestSubgraph<never>;
  let gateway: TestGateway;
  const tokens: Record<'manager' | 'ceo' | 'employee', string> = { manager: '', ceo: '', employee: '' };

  async function call<T>(query: string, variables: Record<string, unknown> = {}, token = tokens.manager): Promise<GraphQLBody<T>> {
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLBody<T>;
  }
  async function ok<T>(query: string, variables: Record<string, unknown> = {}, token = tokens.manager): Promise<T> {
    const body = await call<T>(query, variables, token);
    if (body.errors?.length) throw new Error(JSON.stringify(body.errors));
    return body.data as T;
  }

  beforeAll(async () => {
    const started = await Promise.all([isms, risk, controls, training].map((definition) => startTestSubgraph(definition as never, { topicPrefix: prefix, secret })));
    subgraphs.push(...(started as TestSubgraph<never>[]));
    const [ismsService, riskService, , trainingService] = started;
    controlsService = started[2] as TestSubgraph<never>;
    gateway = await startTestGateway({
      secret,
      subgraphUrls: { isms: ismsService!.url, risk: riskService!.url, controls: controlsService.url, training: trainingService!.url },
      maxQueryDepth: 6,
    });
    tokens.manager = await gateway.tokenFor('isms.manager@demo.example');
    tokens.ceo = await gateway.tokenFor('ceo@demo.example');
    tokens.employee = await gateway.tokenFor('employee@demo.example');
  });

  afterAll(async () => {
    await gateway?.stop();
    await Promise.all(subgraphs.map((subgraph) => subgraph.close()));
    await deleteTopicsWithPrefix(prefix);
  });

  it('an SoA entry names the risks that justify it, and a risk risk-service does not know leaves the others readable', async () => {
    const createRisk = async (title: string) =>
      (await ok<{ createRisk: { id: string } }>('mutation($t: String!) { createRisk(input: { title: $t, inherentLikelihood: 4, inherentImpact: 4 }) { id } }', { t: title })).createRisk.id;
    const ids = [await createRisk('Backups cannot be restored'), await createRisk('Ransomware encrypts the file servers')];
    for (const id of ids) {
      await ok('mutation($r: ID!) { treatRisk(input: { riskId: $r, treatment: MODIFY, rationale: "Tested, offline backups", controlIds: ["A.8.13"] }) { id } }', { r: id });
    }
    type Entry = { control: { id: string }; riskIds: string[]; risks: ({ id: string; title: string; status: string } | null)[] };
    const soa = () => call<{ statementOfApplicability: Entry[] }>('{ statementOfApplicability { control { id } riskIds risks { id title status } } }');
    const backup = (body: GraphQLBody<{ statementOfApplicability: Entry[] }>) => body.data?.statementOfApplicability.find((entry) => entry.control.id === 'A.8.13');
    await eventually('A.8.13 justified by both risks', async () => (backup(await soa())?.riskIds.length === 2 ? true : undefined));

    const named = await soa();
    expect(named.errors).toBeUndefined();
    const titles = new Map([[ids[0], 'Backups cannot be restored'], [ids[1], 'Ransomware encrypts the file servers']]);
    const entry = backup(named)!;
    expect(entry.risks).toEqual(entry.riskIds.map((id) => ({ id, title: titles.get(id), status: 'OPEN' })));

    // A risk id risk-service does not resolve (deleted there, or never known): null in its place, the rest intact.
    // (Were the items non-null, the gateway would null the whole statementOfApplicability for this one id.)
    const unknown = randomUUID();
    await controlsService.deps.dataSource.query("UPDATE soa_entry SET risk_ids = risk_ids || $1::uuid WHERE control_id = 'A.8.13'", [unknown]);
    const dangling = await soa();
    expect(dangling.data?.statementOfApplicability).toHaveLength(93);
    expect(backup(dangling)).toEqual({ control: { id: 'A.8.13' }, riskIds: [...entry.riskIds, unknown], risks: [...entry.risks, null] });
    expect(dangling.errors).toBeUndefined();

    const { riskTreatmentPlan } = await ok<{ riskTreatmentPlan: { title: string; controls: { id: string; title: string }[] }[] }>('{ riskTreatmentPlan { title controls { id title } } }');
    expect(riskTreatmentPlan.map((row) => row.controls)).toEqual([[{ id: 'A.8.13', title: 'Information backup' }], [{ id: 'A.8.13', title: 'Information backup' }]]);
  });

  it('implementations, assignments and acknowledgements name their units and people, a page at a time', async () => {
    const unit = async (name: string, kind: string, parentId: string | null) =>
      (await ok<{ createOrgUnit: { id: string } }>('mutation($n: String!, $k: OrgUnitKind!, $p: ID) { createOrgUnit(input: { name: $n, kind: $k, parentId: $p }) { id } }', { n: name, k: kind, p: parentId })).createOrgUnit.id;
    const operations = await unit('Operations', 'BUSINESS_UNIT', null);
    const serviceDesk = await unit('Service desk', 'TEAM', operations);
    const person = async (email: string, name: string, unitId: string) =>
      (await ok<{ createPerson: { id: string } }>('mutation($e: String!, $n: String!, $u: ID) { createPerson(input: { email: $e, name: $n, unitId: $u }) { id } }', { e: email, n: name, u: unitId })).createPerson.id;
    const emma = await person('employee@demo.example', 'Emma Jones', serviceDesk);
    const omar = await person('omar.ops@demo.example', 'Omar Okafor', operations);

    // Control implementations: the unit of the approved scope, by name.
    const { createIsmsScopeDraft } = await ok<{ createIsmsScopeDraft: { id: string } }>('mutation { createIsmsScopeDraft { id } }');
    await ok('mutation($input: UpdateIsmsScopeDraftInput!) { updateIsmsScopeDraft(input: $input) { id } }', { input: { id: createIsmsScopeDraft.id, statement: 'Customer service operations', inScopeUnitIds: [operations] } });
    await ok('mutation($id: ID!) { submitIsmsScopeForApproval(id: $id) { id } }', { id: createIsmsScopeDraft.id });
    await ok('mutation($id: ID!) { approveIsmsScope(id: $id) { id } }', { id: createIsmsScopeDraft.id }, tokens.ceo);
    await eventually('the scope reaches controls-service', async () => ((await ok<{ soaScope: { id: string } | null }>('{ soaScope { id } }')).soaScope ? true : undefined));
    await ok('mutation($u: ID!, $o: ID) { createControlImplementation(input: { controlId: "A.8.13", unitId: $u, ownerId: $o, status: PLANNED, maturity: 1, description: "" }) { id } }', { u: operations, o: omar });
    const { controlImplementationPage } = await ok<{ controlImplementationPage: unknown }>('{ controlImplementationPage(first: 10) { totalCount nodes { control { title } unit { name } owner { name } } } }');
    expect(controlImplementationPage).toEqual({ totalCount: 1, nodes: [{ control: { title: 'Information backup' }, unit: { name: 'Operations' }, owner: { name: 'Omar Okafor' } }] });

    // Training: the trainee and the course by name; the employee sees their own row only.
    const { createCourse } = await ok<{ createCourse: { id: string } }>('mutation { createCourse(input: { title: "Security awareness", kind: AWARENESS, durationMinutes: 30 }) { id } }');
    for (const personId of [emma, omar]) {
      await eventually('the person is assignable in training', async () => {
        const body = await call('mutation($c: ID!, $p: ID!) { assignCourse(input: { courseId: $c, personId: $p, dueOn: "2030-01-31" }) { id } }', { c: createCourse.id, p: personId });
        return body.errors?.length ? undefined : true;
      });
    }
    const assignmentQuery = '{ assignmentPage(first: 10) { totalCount nodes { person { name unit { name } } course { title } } } }';
    expect((await ok<{ assignmentPage: unknown }>(assignmentQuery)).assignmentPage).toEqual({
      totalCount: 2,
      nodes: expect.arrayContaining([
        { person: { name: 'Emma Jones', unit: { name: 'Service desk' } }, course: { title: 'Security awareness' } },
        { person: { name: 'Omar Okafor', unit: { name: 'Operations' } }, course: { title: 'Security awareness' } },
      ]),
    });
    expect((await ok<{ assignmentPage: unknown }>(assignmentQuery, {}, tokens.employee)).assignmentPage).toEqual({
      totalCount: 1,
      nodes: [{ person: { name: 'Emma Jones', unit: { name: 'Service desk' } }, course: { title: 'Security awareness' } }],
    });

    // A policy published to everyone: who has acknowledged it, by name, and the rates per unit by name.
    const { createPolicy } = await ok<{ createPolicy: { id: string; versions: { id: string }[] } }>(
      'mutation { createPolicy(input: { title: "Acceptable use policy", approverRole: EXECUTIVE, audience: { everyone: true }, content: { body: "# Acceptable use" } }) { id versions { id } } }',
    );
    const versionId = createPolicy.versions[0]!.id;
    await ok('mutation($v: ID!) { submitPolicyVersionForApproval(versionId: $v) { id } }', { v: versionId });
    await ok('mutation($v: ID!) { approvePolicyVersion(versionId: $v) { id } }', { v: versionId }, tokens.ceo);
    await ok('mutation($v: ID!) { publishPolicyVersion(versionId: $v) { id } }', { v: versionId });
    const mine = await eventually('Emma is asked to acknowledge it', async () => {
      const { myPendingPolicyAcknowledgements } = await ok<{ myPendingPolicyAcknowledgements: { id: string }[] }>('{ myPendingPolicyAcknowledgements { id } }', {}, tokens.employee);
      return myPendingPolicyAcknowledgements[0];
    });
    await ok('mutation($id: ID!) { acknowledgePolicy(acknowledgementId: $id) { id } }', { id: mine.id }, tokens.employee);

    const page = (variables: Record<string, unknown>) =>
      ok<{ policyAcknowledgementPage: unknown }>(
        'query($p: ID!, $v: ID!, $u: ID, $a: Boolean) { policyAcknowledgementPage(policyId: $p, versionId: $v, unitId: $u, acknowledged: $a) { totalCount nodes { status person { name } policy { title } } } }',
        { p: createPolicy.id, v: versionId, ...variables },
      );
    const byName = [
      { status: 'ACKNOWLEDGED', person: { name: 'Emma Jones' }, policy: { title: 'Acceptable use policy' } },
      { status: 'PENDING', person: { name: 'Omar Okafor' }, policy: { title: 'Acceptable use policy' } },
    ];
    expect((await page({})).policyAcknowledgementPage).toEqual({ totalCount: 2, nodes: byName });
    expect((await page({ u: operations, a: false })).policyAcknowledgementPage).toEqual({ totalCount: 1, nodes: [byName[1]] });
    expect((await page({ u: serviceDesk })).policyAcknowledgementPage).toEqual({ totalCount: 1, nodes: [byName[0]] });
    const { policyAcknowledgementRates } = await ok<{ policyAcknowledgementRates: { units: { unit: { name: string } | null; acknowledged: number; total: number }[] } }>(
      'query($p: ID!, $v: ID!) { policyAcknowledgementRates(policyId: $p, versionId: $v) { units { unit { name } acknowledged total } } }',
      { p: createPolicy.id, v: versionId },
    );
    expect(policyAcknowledgementRates.units).toEqual(
      expect.arrayContaining([
        { unit: { name: 'Operations' }, acknowledged: 0, total: 1 },
        { unit: { name: 'Service desk' }, acknowledged: 1, total: 1 },
      ]),
    );
    const refused = await call('query($p: ID!, $v: ID!) { policyAcknowledgementPage(policyId: $p, versionId: $v) { totalCount } }', { p: createPolicy.id, v: versionId }, tokens.employee);
    expect(refused.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
  });

  it('an SoA entry names its owners, and an owner id isms-service does not know leaves the SoA readable', async () => {
    const person = async (email: string, name: string) =>
      (await ok<{ createPerson: { id: string } }>('mutation($e: String!, $n: String!) { createPerson(input: { email: $e, name: $n }) { id } }', { e: email, n: name })).createPerson.id;
    const [ana, ben, cara] = [await person('ana.access@demo.example', 'Ana Access'), await person('ben.backup@demo.example', 'Ben Backup'), await person('cara.gone@demo.example', 'Cara Gone')];
    const setOwners = (ownerIds: string[]) =>
      call<{ updateSoaEntry: unknown }>('mutation($i: UpdateSoaEntryInput!) { updateSoaEntry(input: $i) { control { id } } }', { i: { controlId: 'A.5.15', ownerIds, changeReason: 'Owners named' } });
    await eventually('Ana and Ben can own controls', async () => ((await setOwners([ana, ben])).errors?.length ? undefined : true));

    // An owner id written before owners were checked (a typo, someone isms-service never had): left out, the rest named.
    // (Were it passed on, isms-service would resolve it to null and the gateway null the whole statementOfApplicability.)
    const stale = randomUUID();
    await controlsService.deps.dataSource.query("UPDATE soa_entry SET owner_id = $1, owner_ids = $1::uuid || owner_ids WHERE control_id = 'A.5.15'", [stale]);
    type Entry = { control: { id: string }; owner: { name: string } | null; owners: { id: string; name: string }[] };
    const soa = await call<{ statementOfApplicability: Entry[] }>('{ statementOfApplicability { control { id } owner { name } owners { id name } } }');
    expect(soa.errors).toBeUndefined();
    expect(soa.data?.statementOfApplicability).toHaveLength(93);
    const accessControl = { control: { id: 'A.5.15' }, owner: { name: 'Ana Access' }, owners: [{ id: ana, name: 'Ana Access' }, { id: ben, name: 'Ben Backup' }] };
    expect(soa.data?.statementOfApplicability.find((entry) => entry.control.id === 'A.5.15')).toEqual(accessControl);

    // Someone who has left is refused as a new owner, on the owners field, and the entry stays as it was.
    await ok('mutation($id: ID!) { deactivatePerson(id: $id) { id } }', { id: cara });
    await eventually('Cara has left, as controls-service knows', async () => {
      const rows: { active: boolean }[] = await controlsService.deps.dataSource.query('SELECT active FROM person_replica WHERE person_id = $1', [cara]);
      return rows[0]?.active === false;
    });
    const refused = await setOwners([ana, cara]);
    expect(refused.errors?.[0]).toMatchObject({
      message: expect.stringContaining(cara),
      extensions: { code: 'UNKNOWN_PERSON', category: 'BAD_USER_INPUT', details: { field: 'ownerIds', personIds: [cara] } },
    });
    const after = await ok<{ statementOfApplicability: Entry[] }>('{ statementOfApplicability { control { id } owner { name } owners { id name } } }');
    expect(after.statementOfApplicability.find((entry) => entry.control.id === 'A.5.15')).toEqual(accessControl);
  });
});
