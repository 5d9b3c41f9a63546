import { randomBytes } from 'node:crypto';
import { controls } from '../../controls-service/src/subgraph';
import { isms } from '../../isms-service/src/subgraph';
import { risk } from '../../risk-service/src/subgraph';
import { training } from '../../training-service/src/subgraph';
import { deleteTopicsWithPrefix, eventually, startTestSubgraph, TestSubgraph, uniqueTopicPrefix } from '@iso27001/testing';
import { startTestGateway, type TestGateway } from './test-gateway';

interface GraphQLBody<T> {
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/** The platform as a user meets it: the gateway in front of real subgraphs, Kafka between them. */
describe('flows across services, through the gateway and the broker', () => {
  const prefix = uniqueTopicPrefix('flows');
  const secret = randomBytes(32).toString('hex');
  const subgraphs: TestSubgraph<never>[] = [];
  let gateway: TestGateway;
  let managerToken: string;
  let employeeToken: string;

  async function call<T>(query: string, variables: Record<string, unknown> = {}, token = managerToken): Promise<{ status: number; body: GraphQLBody<T> }> {
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, body: (await response.json()) as GraphQLBody<T> };
  }

  async function ok<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const { body } = await call<T>(query, variables);
    if (body.errors?.length) throw new Error(JSON.stringify(body.errors));
    return body.data as T;
  }

  beforeAll(async () => {
    const started = await Promise.all([isms, risk, controls, training].map((definition) => startTestSubgraph(definition as never, { topicPrefix: prefix, secret })));
    subgraphs.push(...(started as TestSubgraph<never>[]));
    const [ismsService, riskService, controlsService, trainingService] = started;
    gateway = await startTestGateway({
      secret,
      subgraphUrls: { isms: ismsService!.url, risk: riskService!.url, controls: controlsService!.url, training: trainingService!.url },
      maxQueryDepth: 3,
    });
    managerToken = await gateway.tokenFor('isms.manager@demo.example');
    employeeToken = await gateway.tokenFor('employee@demo.example');
  });

  afterAll(async () => {
    await gateway?.stop();
    await Promise.all(subgraphs.map((subgraph) => subgraph.close()));
    await deleteTopicsWithPrefix(prefix);
  });

  it('refuses callers without a valid token, checks roles behind the gateway and limits query depth', async () => {
    const anonymous = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ orgUnits { id } }"}' });
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as GraphQLBody<never>).errors?.[0]?.message).toMatch(/missing bearer token/);

    const forged = await call('{ orgUnits { id } }', {}, `${managerToken.slice(0, -4)}AAAA`);
    expect(forged.status).toBe(401);

    const denied = await call('mutation { createOrgUnit(input: { name: "X", kind: DEPARTMENT }) { id } }', {}, employeeToken);
    expect(denied.body.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');

    const tooDeep = await call('{ people { nodes { unit { name } } } }');
    expect(tooDeep.body.errors?.[0]?.message).toBe("the operation's depth is 4; the limit is 3 (MAX_QUERY_DEPTH)");
    expect(tooDeep.body.data).toBeUndefined();
  });

  it('a risk treated by "modify" makes its controls applicable in the SoA, and unlinking removes them (flow 1)', async () => {
    const { createOrgUnit } = await ok<{ createOrgUnit: { id: string } }>('mutation { createOrgUnit(input: { name: "Payments", kind: DEPARTMENT }) { id } }');
    const { createPerson } = await ok<{ createPerson: { id: string } }>('mutation($u: ID) { createPerson(input: { email: "owner@bank.example", name: "Rafael Ortiz", unitId: $u }) { id } }', {
      u: createOrgUnit.id,
    });
    const { createRisk } = await ok<{ createRisk: { id: string } }>(
      'mutation($o: ID) { createRisk(input: { title: "Card data exposed through weak access control", ownerId: $o, inherentLikelihood: 4, inherentImpact: 5 }) { id } }',
      { o: createPerson.id },
    );
    const treated = Date.now();
    await ok('mutation($r: ID!) { treatRisk(input: { riskId: $r, treatment: MODIFY, rationale: "Enforce MFA and least privilege", controlIds: ["A.5.15", "A.8.5"] }) { id } }', {
      r: createRisk.id,
    });

    // One query, three subgraphs: risk-service owns the risk, isms-service the owner, controls-service the controls.
    const { risks } = await ok<{ risks: { id: string; owner: { name: string } | null; controls: { id: string; title: string }[] }[] }>(
      '{ risks { id owner { name } controls { id title } } }',
    );
    expect(risks).toEqual([{ id: createRisk.id, owner: { name: 'Rafael Ortiz' }, controls: [{ id: 'A.5.15', title: 'Access control' }, { id: 'A.8.5', title: 'Secure authentication' }] }]);

    type Soa = { statementOfApplicability: { control: { id: string }; applicable: boolean; reasons: string[]; riskIds: string[] }[] };
    const soaQuery = '{ statementOfApplicability { control { id } applicable reasons riskIds } }';
    const applicable = await eventually('A.5.15 and A.8.5 applicable through the risk', async () => {
      const { statementOfApplicability } = await ok<Soa>(soaQuery);
      const rows = statementOfApplicability.filter((row) => row.applicable);
      return rows.length === 2 ? rows : undefined;
    });
    const lagMs = Date.now() - treated;
    expect(applicable).toEqual([
      { control: { id: 'A.5.15' }, applicable: true, reasons: ['RISK_TREATMENT'], riskIds: [createRisk.id] },
      { control: { id: 'A.8.5' }, applicable: true, reasons: ['RISK_TREATMENT'], riskIds: [createRisk.id] },
    ]);

    await ok('mutation($r: ID!) { treatRisk(input: { riskId: $r, treatment: MODIFY, rationale: "MFA covers it", controlIds: ["A.5.15"] }) { id } }', { r: createRisk.id });
    await eventually('A.8.5 no longer applicable once unlinked', async () => {
      const { statementOfApplicability } = await ok<Soa>(soaQuery);
      const row = statementOfApplicability.find((r) => r.control.id === 'A.8.5');
      return row && !row.applicable && row.riskIds.length === 0;
    });
    process.stderr.write(`flow 1 (risk treated -> SoA applicable, through gateway and Kafka): ${lagMs} ms\n`);
  });

  it('a person created in isms-service can be assigned a course in training-service (flow 7)', async () => {
    const { createCourse } = await ok<{ createCourse: { id: string } }>(
      'mutation { createCourse(input: { title: "Security awareness 2026", kind: AWARENESS, durationMinutes: 30 }) { id } }',
    );
    const created = Date.now();
    const { createPerson } = await ok<{ createPerson: { id: string } }>('mutation { createPerson(input: { email: "new.joiner@bank.example", name: "New Joiner" }) { id } }');
    const assignment = await eventually(
      'the course assignable once the person is replicated',
      async () => {
        const { body } = await call<{ assignCourse: { id: string } }>('mutation($c: ID!, $p: ID!) { assignCourse(input: { courseId: $c, personId: $p, dueOn: "2027-01-31" }) { id } }', {
          c: createCourse.id,
          p: createPerson.id,
        });
        if (body.errors?.length) {
          expect(body.errors[0]?.extensions?.['code']).toBe('PERSON_NOT_FOUND');
          return undefined;
        }
        return body.data?.assignCourse;
      },
      { intervalMs: 200 },
    );
    const lagMs = Date.now() - created;
    expect(assignment.id).toBeTruthy();
    const { assignments } = await ok<{ assignments: { person: { name: string; email: string }; course: { title: string }; status: string }[] }>(
      '{ assignments { status person { name email } course { title } } }',
    );
    expect(assignments).toEqual([{ status: 'ASSIGNED', person: { name: 'New Joiner', email: 'new.joiner@bank.example' }, course: { title: 'Security awareness 2026' } }]);
    process.stderr.write(`flow 7 (person created -> assignable in training): ${lagMs} ms\n`);
  });
});
