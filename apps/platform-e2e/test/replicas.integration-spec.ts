import { Role, signClaimsToken, CLAIMS_HEADER } from '@iso27001/authz';
import { bootSubgraph, RunningSubgraph } from '@iso27001/platform';
import { createTestDatabase, deleteTopicsWithPrefix, testClaims, testSecret, testSubgraphEnv, uniqueTopicPrefix } from '@iso27001/testing';
import { IsmsConfig } from '../../isms-service/src/config';
import { isms } from '../../isms-service/src/subgraph';

/** Several replicas of one service on one database: migrations run once, both answer, writes are shared. */
describe('replicas of a service', () => {
  const prefix = uniqueTopicPrefix('replicas');
  const secret = testSecret();
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  const replicas: RunningSubgraph<IsmsConfig>[] = [];

  beforeAll(async () => {
    database = await createTestDatabase('replicas');
    const env = testSubgraphEnv(database, { topicPrefix: prefix, secret });
    replicas.push(...(await Promise.all([bootSubgraph(isms, { env, handleSignals: false }), bootSubgraph(isms, { env, handleSignals: false })])));
  });

  afterAll(async () => {
    await Promise.all(replicas.map((replica) => replica.stop()));
    await database?.drop();
    await deleteTopicsWithPrefix(prefix);
  });

  it('start together on a fresh database, run each migration once, and serve the same data', async () => {
    const migrations: { name: string; count: string }[] = await replicas[0]!.deps.dataSource.query('SELECT name, count(*) FROM schema_migrations GROUP BY name');
    expect(migrations.length).toBeGreaterThan(1);
    expect(migrations.every((m) => Number(m.count) === 1)).toBe(true);

    const token = await signClaimsToken(testClaims([Role.IsmsManager]), secret);
    const call = async (url: string, query: string) =>
      (await (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', [CLAIMS_HEADER]: token }, body: JSON.stringify({ query }) })).json()) as {
        data: Record<string, unknown>;
        errors?: unknown[];
      };
    const created = await call(replicas[0]!.url, 'mutation { createOrgUnit(input: { name: "Treasury", kind: DEPARTMENT }) { id } }');
    expect(created.errors).toBeUndefined();
    expect((await call(replicas[1]!.url, '{ orgUnits { name } }')).data).toEqual({ orgUnits: [{ name: 'Treasury' }] });
  });
});
