import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { createTestDatabase, deleteTopicsWithPrefix, startTestSubgraph, TestSubgraph, uniqueTopicPrefix } from '@iso27001/testing';
import { EvidenceConfig } from '../../evidence-service/src/config';
import { evidence } from '../../evidence-service/src/subgraph';
import { DEMO_ORGANISATION_ID } from '../../gateway/src/oidc/demo-users';
import { training } from '../../training-service/src/subgraph';
import { startTestGateway, TestGateway } from './test-gateway';

interface Body<T> {
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}
type Run = { id: string; outcome: string; reason: string | null; evidenceIds: string[] };

const CONFIGURE = `mutation($input: ConfigureCollectorInput!) { configureCollector(input: $input) { id } }`;
const RUN_NOW = `mutation($id: ID!) { runCollectorNow(configurationId: $id) { id outcome reason evidenceIds } }`;
const ITEM = `query($id: ID!) { evidenceItem(id: $id) { id source controlIds versionNumber versions { number payload assertionPassed } } }`;
const day = (offset = 0) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Collectors over the real gateway and services: the gateway writes each API request to its access log in its own
 * database, and evidence-service's access-log collector reads the day's figures from the gateway's internal endpoint
 * into A.8.15 evidence; platform documents are asked of the service that owns their data.
 */
describe('evidence collectors through the gateway', () => {
  const prefix = uniqueTopicPrefix('collectors-e2e');
  const secret = randomBytes(32).toString('hex');
  let gateway: TestGateway;
  let gatewayDb: { name: string; serverUrl: string; drop(): Promise<void> };
  let evidenceService: TestSubgraph<EvidenceConfig>;
  let trainingService: TestSubgraph<never>;
  const unit = '7a1c2f7e-1b0a-4d55-9d0c-4f6a0b9e2c11';
  let token = '';

  async function call<T>(query: string, variables: Record<string, unknown> = {}, bearer: string | null = token): Promise<{ status: number; body: Body<T> }> {
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, body: (await response.json()) as Body<T> };
  }
  async function ok<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const { body } = await call<T>(query, variables);
    if (body.errors?.length) throw new Error(JSON.stringify(body.errors));
    return body.data as T;
  }

  beforeAll(async () => {
    const evidencePort = await freePort();
    gatewayDb = await createTestDatabase('gateway_access');
    trainingService = (await startTestSubgraph(training, { topicPrefix: prefix, secret })) as unknown as TestSubgraph<never>;
    gateway = await startTestGateway({
      secret,
      maxQueryDepth: 12,
      subgraphUrls: { evidence: `http://127.0.0.1:${evidencePort}/graphql`, training: trainingService.url },
      env: { DATABASE_URL: gatewayDb.serverUrl, DATABASE_NAME: gatewayDb.name },
    });
    evidenceService = await startTestSubgraph(evidence, {
      topicPrefix: prefix,
      secret,
      env: { PORT: String(evidencePort), EVIDENCE_GATEWAY_URL: new URL(gateway.url).origin, DOCUMENT_SOURCES: `training=${new URL(trainingService.url).origin}` },
    });
    await evidenceService.deps.dataSource.query(`INSERT INTO unit_replica (organisation_id, unit_id, name, kind, parent_id, active, updated_at) VALUES ($1, $2, 'Bank', 'DEPARTMENT', NULL, true, now())`, [
      DEMO_ORGANISATION_ID,
      unit,
    ]);
    token = await gateway.tokenFor('isms.manager@demo.example');
  });
  afterAll(async () => {
    await gateway?.stop();
    await evidenceService?.close();
    await trainingService?.close();
    await gatewayDb?.drop().catch(() => undefined);
    await deleteTopicsWithPrefix(prefix);
  });

  it('the access-log collector records the requests made through the gateway today, and finds the days without records', async () => {
    // Three requests through the gateway: one refused without a token, two by the ISMS manager.
    expect((await call('{ evidenceCollectors { id } }', {}, null)).status).toBe(401);
    const { evidenceCollectors } = await ok<{ evidenceCollectors: { id: string }[] }>('{ evidenceCollectors { id } }');
    expect(evidenceCollectors.map((c) => c.id)).toContain('gateway.access-log');
    const { configureCollector } = await ok<{ configureCollector: { id: string } }>(CONFIGURE, {
      input: { collectorId: 'gateway.access-log', unitId: unit, config: JSON.stringify({ periodDays: 1 }) },
    });

    const { runCollectorNow: run } = await ok<{ runCollectorNow: Run }>(RUN_NOW, { id: configureCollector.id });
    expect(run).toMatchObject({ outcome: 'SUCCEEDED', reason: null });
    const { evidenceItem } = await ok<{ evidenceItem: { source: string; controlIds: string[]; versions: { payload: string; assertionPassed: boolean }[] } }>(ITEM, { id: run.evidenceIds[0] });
    expect(evidenceItem).toMatchObject({ source: 'COLLECTOR', controlIds: ['A.8.15'] });
    const payload = JSON.parse(evidenceItem.versions[0]!.payload);
    // The run's own request is still being answered when the collector reads, so it is not in today's figures yet.
    expect(payload.data.days).toEqual([{ day: day(), records: 3, requests: 2, refusals: 0, auditorRequests: 0, unauthenticatedRefusals: 1 }]);
    expect(payload.assertion).toEqual({ passed: true, reason: `logging continuous: every day from ${day()} to ${day()} has access records` });
    expect(evidenceItem.versions[0]!.assertionPassed).toBe(true);

    // Over three days, the two before today have no records (the gateway's log began today): the assertion fails.
    await ok(CONFIGURE, { input: { id: configureCollector.id, collectorId: 'gateway.access-log', unitId: unit, config: JSON.stringify({ periodDays: 3 }) } });
    const { runCollectorNow: wider } = await ok<{ runCollectorNow: Run }>(RUN_NOW, { id: configureCollector.id });
    expect(wider.evidenceIds).toEqual(run.evidenceIds);
    const { evidenceItem: again } = await ok<{ evidenceItem: { versionNumber: number; versions: { payload: string; assertionPassed: boolean }[] } }>(ITEM, { id: run.evidenceIds[0] });
    expect(again.versionNumber).toBe(2);
    expect(again.versions[0]!.assertionPassed).toBe(false);
    const days = JSON.parse(again.versions[0]!.payload).data.days as { day: string; records: number; requests: number }[];
    expect(days.map((d) => [d.day, d.records > 0])).toEqual([
      [day(-2), false],
      [day(-1), false],
      [day(), true],
    ]);
    expect(days[2]!.requests).toBe(5); // the first run, the reconfiguration, and the earlier two
    expect(JSON.parse(again.versions[0]!.payload).assertion.reason).toBe(`logging not continuous: no access records on 2 day(s) of ${day(-2)} to ${day()} (${day(-2)}, ${day(-1)})`);
  });

  it('the internal access-log endpoint refuses a caller without the internal token', async () => {
    const response = await fetch(new URL('/internal/access-log/daily', gateway.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ organisationId: DEMO_ORGANISATION_ID, from: day(), to: day() }),
    });
    expect(response.status).toBe(401);
  });

  it('a platform document its source cannot render gives a FAILED run with the reason and no evidence', async () => {
    const { configureCollector } = await ok<{ configureCollector: { id: string } }>(CONFIGURE, { input: { collectorId: 'documents.policy-acknowledgements', unitId: unit } });
    const { runCollectorNow: run } = await ok<{ runCollectorNow: Run }>(RUN_NOW, { id: configureCollector.id });
    expect(run.outcome).toBe('FAILED');
    expect(run.evidenceIds).toEqual([]);
    // training-service holds no acknowledgements of this organisation: either it has no data for the report, or
    // (where it serves no such document) the document cannot be generated; both are named in the reason.
    expect(run.reason).toMatch(/^1 of 1 items not recorded: policy-acknowledgements: (there is no data for policy-acknowledgements yet|"Policy acknowledgement report" could not be generated)/);
    const [row] = await evidenceService.deps.dataSource.query(`SELECT count(*)::int AS n FROM evidence_item WHERE source = 'GENERATED'`);
    expect(row.n).toBe(0);
  });
});
