import { Client } from 'pg';
import { databaseUrl } from '@iso27001/platform';
import { createTestDatabase } from '@iso27001/testing';
import { createRateLimit, RateLimit } from '../src/hardening/rate-limit';

/**
 * The rate limit as two gateway replicas share it, counted in a real PostgreSQL: together they never admit more than
 * the limit, while most requests are admitted without a write to the shared counter.
 */
describe('the rate limit shared by replicas in PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let replicas: RateLimit[] = [];
  let client: Client;
  const LIMIT = 200;

  beforeAll(async () => {
    database = await createTestDatabase('gateway_rate');
    const settings = { requests: LIMIT, windowSeconds: 600, serverUrl: database.serverUrl, database: database.name };
    replicas = [await createRateLimit(settings), await createRateLimit(settings)];
    client = new Client({ connectionString: databaseUrl(database.serverUrl, database.name) });
    await client.connect();
  });

  afterAll(async () => {
    await client?.end();
    for (const replica of replicas) await replica.close();
    await database?.drop();
  });

  const counted = async (identity: string): Promise<number> =>
    Number((await client.query<{ points: number }>('SELECT points FROM rate_limits WHERE key = $1', [`graphql:${identity}`])).rows[0]?.points ?? 0);

  it('admits at most the limit across both replicas, a few fewer at worst', async () => {
    const [first, second] = replicas as [RateLimit, RateLimit];
    const decisions = [];
    for (let i = 0; i < 3 * LIMIT; i++) decisions.push(await (i % 3 === 0 ? second : first).take('sub:busy'));
    const admitted = decisions.filter((decision) => decision.allowed).length;
    expect(admitted).toBeLessThanOrEqual(LIMIT);
    expect(admitted).toBeGreaterThanOrEqual(LIMIT - 2 * (LIMIT / 50 - 1));
    expect(await counted('sub:busy')).toBeGreaterThan(LIMIT);
    const refused = decisions.at(-1);
    expect(refused).toEqual({ allowed: false, retryAfterSeconds: expect.any(Number) });
    expect(refused && !refused.allowed && refused.retryAfterSeconds).toBeGreaterThan(500);
  });

  it('counts every admitted request in the shared table before admitting it, but not one write per request', async () => {
    const [first] = replicas as [RateLimit];
    let writes = 0;
    let before = await counted('sub:steady');
    for (let admitted = 1; admitted <= 60; admitted++) {
      expect(await first.take('sub:steady')).toEqual({ allowed: true });
      const now = await counted('sub:steady');
      if (now !== before) writes++;
      before = now;
      expect(now).toBeGreaterThanOrEqual(admitted);
    }
    expect(writes).toBeLessThan(60 / 2);
  });
});
