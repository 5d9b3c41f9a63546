import { randomBytes } from 'node:crypto';
import { deleteTopicsWithPrefix, startTestSubgraph, TestSubgraph, uniqueTopicPrefix } from '@iso27001/testing';
import { risk } from '../../risk-service/src/subgraph';
import { startTestGateway, type TestGateway } from './test-gateway';

interface Body {
  data?: Record<string, unknown> | null;
  errors?: { message: string; path?: unknown[]; extensions?: Record<string, unknown> }[];
}

/** What a caller of the gateway sees of a subgraph's refusal of malformed input: the argument named, nothing internal. */
describe('malformed ids and control characters through the gateway', () => {
  const prefix = uniqueTopicPrefix('input-gateway');
  const secret = randomBytes(32).toString('hex');
  let riskService: TestSubgraph<never>;
  let gateway: TestGateway;
  let token: string;

  async function call(query: string, variables: Record<string, unknown> = {}): Promise<{ status: number; body: Body }> {
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, body: (await response.json()) as Body };
  }

  beforeAll(async () => {
    riskService = (await startTestSubgraph(risk as never, { topicPrefix: prefix, secret })) as TestSubgraph<never>;
    gateway = await startTestGateway({ secret, subgraphUrls: { risk: riskService.url }, maxQueryDepth: 8 });
    token = await gateway.tokenFor('isms.manager@demo.example');
  });
  afterAll(async () => {
    await gateway?.stop();
    await riskService?.close();
    await deleteTopicsWithPrefix(prefix);
  });

  it('answers a non-UUID owner filter with VALIDATION_FAILED naming filter.ownerId, as the portal reads it', async () => {
    const { status, body } = await call('query($f: RiskFilterInput) { riskRegister(filter: $f) { totalCount } }', { f: { ownerId: 'not-a-uuid' } });
    expect(status).toBe(200);
    expect(body.errors).toHaveLength(1);
    expect(body.errors?.[0]).toMatchObject({
      message: 'invalid input: filter.ownerId: ownerId must be a UUID',
      extensions: { code: 'VALIDATION_FAILED', category: 'BAD_USER_INPUT', fields: [{ field: 'filter.ownerId', problems: ['ownerId must be a UUID'] }] },
    });
    expect(JSON.stringify(body)).not.toMatch(/stacktrace|serviceName|127\.0\.0\.1|INTERNAL_SERVER_ERROR/);
  });

  it('refuses a NUL byte in a variable and in the document itself, writing nothing', async () => {
    const [before] = await riskService.deps.dataSource.query('SELECT count(*)::int AS n FROM risk');
    const inVariable = await call('mutation($i: CreateRiskInput!) { createRisk(input: $i) { id } }', { i: { title: 'Ransom\u0000ware', inherentLikelihood: 3, inherentImpact: 3 } });
    expect(inVariable.body.errors?.[0]).toMatchObject({ extensions: { code: 'VALIDATION_FAILED', category: 'BAD_USER_INPUT', fields: [{ field: 'input.title' }] } });
    const inDocument = await call('{ risk(id: "7b0f2a6e-3c1d-4e5f-8a9b-0c1d2e3f4a5b\\u0000") { id } }');
    expect(inDocument.body.errors?.[0]).toMatchObject({ message: expect.stringMatching(/^invalid input: id: id must not contain the control character U\+0000/), extensions: { code: 'VALIDATION_FAILED' } });
    expect(await riskService.deps.dataSource.query('SELECT count(*)::int AS n FROM risk')).toEqual([before]);
  });
});
