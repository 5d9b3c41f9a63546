import { isms } from '../../isms-service/src/subgraph';
import { deleteTopicsWithPrefix, restoreTestDatabase, startTestSubgraph, takeDownTestDatabase, TestSubgraph, uniqueTopicPrefix } from '@iso27001/testing';
import { IsmsConfig } from '../../isms-service/src/config';

/** A service whose database is down says so, in words a caller can act on, and recovers by itself. */
describe('a subgraph while its database is unavailable', () => {
  const prefix = uniqueTopicPrefix('availability');
  let service: TestSubgraph<IsmsConfig>;

  beforeAll(async () => {
    service = await startTestSubgraph(isms, { topicPrefix: prefix });
  });

  afterAll(async () => {
    await restoreTestDatabase(service.deps.config.DATABASE_NAME).catch(() => undefined);
    await service?.close();
    await deleteTopicsWithPrefix(prefix);
  });

  it('refuses reads and writes as SERVICE_UNAVAILABLE (retryable), reports not ready, and serves again once the database is back', async () => {
    const create = 'mutation($name: String!) { createOrgUnit(input: { name: $name, kind: DEPARTMENT }) { id name } }';
    const database = service.deps.config.DATABASE_NAME;
    const readyz = service.url.replace(/\/graphql$/, '/readyz');
    await takeDownTestDatabase(database);
    try {
      const refused = await service.request(create, { name: 'Treasury' });
      expect(refused.data?.['createOrgUnit'] ?? null).toBeNull();
      expect(refused.errors).toEqual([
        expect.objectContaining({
          message: 'the service is unavailable: its database cannot be reached right now; the call may be retried',
          extensions: { code: 'SERVICE_UNAVAILABLE', retryable: true },
        }),
      ]);
      const read = await service.request('{ orgUnits { name } }');
      expect(read.errors?.[0]?.extensions?.['code']).toBe('SERVICE_UNAVAILABLE');
      const probe = await fetch(readyz);
      expect(probe.status).toBe(503);
      expect(JSON.stringify(await probe.json())).not.toMatch(/postgres|5432|127\.0\.0\.1|test_/);
    } finally {
      await restoreTestDatabase(database);
    }
    expect((await fetch(readyz)).status).toBe(200);
    await service.ok(create, { name: 'Treasury' });
    expect(await service.ok('{ orgUnits { name } }')).toEqual({ orgUnits: [{ name: 'Treasury' }] });
  });
});
