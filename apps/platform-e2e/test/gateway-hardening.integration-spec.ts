import { randomBytes, randomUUID } from 'node:crypto';
import { Role } from '@iso27001/authz';
import { createTestDatabase, deleteTopicsWithPrefix, eventually, startTestSubgraph, TestSubgraph, uniqueTopicPrefix } from '@iso27001/testing';
import { getIntrospectionQuery } from 'graphql';
import type { RunningGateway } from '../../gateway/src/gateway';
import { audit } from '../../audit-service/src/subgraph';
import { isms } from '../../isms-service/src/subgraph';
import { startTestGateway } from './test-gateway';
import { startTestIssuer, TestIssuer } from './test-issuer';

interface GraphQLError {
  message: string;
  path?: (string | number)[];
  extensions?: Record<string, unknown>;
}
interface Answer {
  status: number;
  headers: Headers;
  text: string;
  body: { data?: Record<string, unknown> | null; errors?: GraphQLError[] } | null;
}

/** Nothing a caller receives may show where the platform runs or how it is built. */
function expectNothingInternal(answer: Answer): void {
  expect(answer.text).not.toMatch(/127\.0\.0\.1|localhost|stacktrace|\/work\/|node_modules|\.ts:\d+|<html|<pre/i);
}

/**
 * The gateway as an attacker with a valid login meets it: real isms- and audit-service behind it, tokens from an OpenID
 * provider of the test's own (so it can sign what no real provider would), and every refusal checked for what it
 * says and for what it must not give away.
 */
describe('the hardened gateway', () => {
  const prefix = uniqueTopicPrefix('hardening');
  const secret = randomBytes(32).toString('hex');
  let issuer: TestIssuer;
  let ismsService: TestSubgraph<never>;
  let auditService: TestSubgraph<never>;
  /** The engagement the external auditor has a grant for. */
  let engagementId: string;
  const AUDITOR_EMAIL = 'olivia@certbody.example';
  /** The rate limit's tables: one for the main gateway, one the two replicas share. */
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let replicaDatabase: Awaited<ReturnType<typeof createTestDatabase>>;
  let gateway: RunningGateway;
  /** Two replicas with a small shared rate limit and introspection enabled. */
  const replicas: RunningGateway[] = [];
  const replica = (): string => (replicas[0] as RunningGateway).url;

  async function send(url: string, init: { body: string; token?: string; contentType?: string }): Promise<Answer> {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': init.contentType ?? 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
      body: init.body,
    });
    const text = await response.text();
    let body: Answer['body'] = null;
    try {
      body = JSON.parse(text) as Answer['body'];
    } catch {
      body = null;
    }
    return { status: response.status, headers: response.headers, text, body };
  }
  const call = (token: string, query: string, variables: Record<string, unknown> = {}, url = gateway.url): Promise<Answer> =>
    send(url, { token, body: JSON.stringify({ query, variables }) });

  beforeAll(async () => {
    issuer = await startTestIssuer();
    database = await createTestDatabase('gateway');
    replicaDatabase = await createTestDatabase('gateway_replicas');
    [ismsService, auditService] = (await Promise.all([isms, audit].map((definition) => startTestSubgraph(definition as never, { topicPrefix: prefix, secret })))) as TestSubgraph<never>[];
    const env = (extra: Record<string, string>, on = database) => ({
      EMBEDDED_OIDC: 'false',
      OIDC_ISSUER: issuer.issuer,
      DATABASE_URL: on.serverUrl,
      DATABASE_NAME: on.name,
      ...extra,
    });
    const subgraphUrls = { isms: ismsService.url, audit: auditService.url };
    // controls-service is stood in for by a server that answers 404 with a body of its own: an upstream failure.
    gateway = await startTestGateway({ secret, subgraphUrls: { ...subgraphUrls, controls: `${issuer.issuer}/graphql` }, maxQueryDepth: 15, env: env({ RATE_LIMIT_REQUESTS: '1000' }) });
    for (let i = 0; i < 2; i++) {
      replicas.push(
        await startTestGateway({
          secret,
          subgraphUrls,
          maxQueryDepth: 15,
          env: env({ RATE_LIMIT_REQUESTS: '4', RATE_LIMIT_WINDOW_SECONDS: '600', GATEWAY_INTROSPECTION: 'true' }, replicaDatabase),
        }),
      );
    }
    // An external auditor with a grant for one engagement and one unit (the gateway checks it on every request).
    const manager = await issuer.token({ roles: [Role.IsmsManager] });
    const ok = async <T>(query: string, variables: Record<string, unknown>): Promise<T> => {
      const answer = await call(manager, query, variables);
      if (answer.body?.errors) throw new Error(JSON.stringify(answer.body.errors));
      return answer.body?.data as T;
    };
    const { createOrgUnit } = await ok<{ createOrgUnit: { id: string } }>('mutation { createOrgUnit(input: { name: "Payments", kind: DEPARTMENT }) { id } }', {});
    ({
      createEngagement: { id: engagementId },
    } = await ok<{ createEngagement: { id: string } }>('mutation { createEngagement(input: { type: STAGE_1, title: "Stage 1", startsOn: "2026-07-01", endsOn: "2026-07-03", leadAuditor: "Olivia Brandt" }) { id } }', {}));
    await eventually('audit-service knows the unit', async () => ((await auditService.deps.dataSource.query('SELECT count(*)::int AS n FROM unit_replica'))[0].n === 1 ? true : undefined));
    await ok('mutation($i: GrantAuditorAccessInput!) { grantAuditorAccess(input: $i) { id } }', {
      i: { engagementId, auditorName: 'Olivia Brandt', auditorEmail: AUDITOR_EMAIL, firm: 'CertBody Ltd', unitIds: [createOrgUnit.id], periodStart: '2026-01-01', periodEnd: '2026-06-30', expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString() },
    });
  });

  afterAll(async () => {
    for (const running of [gateway, ...replicas]) await running?.stop();
    await Promise.all([ismsService, auditService].map((service) => service?.close()));
    await issuer?.close();
    await database?.drop();
    await replicaDatabase?.drop();
    await deleteTopicsWithPrefix(prefix);
  });

  describe('an external auditor', () => {
    const auditorToken = () => issuer.token({ roles: [Role.ExternalAuditor], claims: { email: AUDITOR_EMAIL } });
    const units = async () => Number((await ismsService.deps.dataSource.query('SELECT count(*)::int AS n FROM org_unit'))[0].n);
    const create = 'createOrgUnit(input: { name: "Shadow IT", kind: BUSINESS_UNIT }) { id }';

    it('is refused a mutation outside the allow-list however it is written, with 403 FORBIDDEN, and nothing is written', async () => {
      const auditor = await auditorToken();
      const before = await units();
      for (const query of [
        `mutation { ${create} }`,
        `mutation { ... on Mutation { ${create} } }`,
        `mutation { ...Sneaky } fragment Sneaky on Mutation { ... on Mutation { ${create} } }`,
        `mutation { raiseFinding: ${create} }`,
        `mutation { ${create.replace('{ id }', '@skip(if: true) { id }')} }`,
      ]) {
        const answer = await call(auditor, query);
        expect({ query, status: answer.status, errors: answer.body?.errors }).toEqual({
          query,
          status: 403,
          errors: [{ message: 'an external auditor has read-only access; not allowed: createOrgUnit', extensions: { code: 'FORBIDDEN', category: 'FORBIDDEN' } }],
        });
        expectNothingInternal(answer);
      }
      expect(await units()).toBe(before);

      // The same mutation as an ISMS manager is written: the refusal above was the auditor check, nothing else.
      const manager = await issuer.token({ roles: [Role.IsmsManager] });
      const written = await call(manager, `mutation { ...M } fragment M on Mutation { ${create} }`);
      expect(written.body?.errors).toBeUndefined();
      expect(await units()).toBe(before + 1);
    });

    it('runs an allowed mutation of the engagement, also through nested fragments', async () => {
      const auditor = await auditorToken();
      const answer = await call(
        auditor,
        'mutation($e: ID!) { ... on Mutation { ...F } } fragment F on Mutation { raiseFinding(input: { engagementId: $e, description: "Access reviews are not recorded", severity: OBSERVATION }) { id } }',
        { e: engagementId },
      );
      expect(answer.status).toBe(200);
      expect(answer.body?.errors).toBeUndefined();
      const [row] = await auditService.deps.dataSource.query('SELECT count(*)::int AS n FROM finding WHERE engagement_id = $1', [engagementId]);
      expect(row.n).toBe(1);
    });

    it('cannot send a batch: it is refused as a whole before any operation runs', async () => {
      const auditor = await auditorToken();
      const before = await units();
      const answer = await send(gateway.url, {
        token: auditor,
        body: JSON.stringify([{ query: '{ __typename }' }, { query: `mutation { ${create} }` }]),
      });
      expect(answer.status).toBe(400);
      expect(answer.body).toEqual({ errors: [expect.objectContaining({ message: expect.stringMatching(/batch/i), extensions: { code: 'BAD_REQUEST' } })] });
      expect(await units()).toBe(before);
    });
  });

  describe('errors', () => {
    it('never carry a stack trace, an internal address or an upstream body; an invalid variable gets the subgraph\'s own error', async () => {
      const manager = await issuer.token({ roles: [Role.IsmsManager] });
      const unknownField = await call(manager, '{ noSuchField }');
      expect(unknownField.status).toBe(400);
      expect(unknownField.body?.errors?.[0]?.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED' });
      expectNothingInternal(unknownField);

      // The gateway takes any value for a custom scalar; isms-service refuses it with HTTP 400.
      const badDate = await call(manager, 'mutation($input: RecordObjectiveMeasurementInput!) { recordObjectiveMeasurement(input: $input) { id } }', {
        input: { objectiveId: randomUUID(), value: 1, measuredAt: 'not a date' },
      });
      expect(badDate.body?.errors).toEqual([
        expect.objectContaining({ message: expect.stringMatching(/measuredAt|DateTimeISO|date/i), extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }),
      ]);
      expect(badDate.body?.errors?.[0]?.extensions).not.toHaveProperty('response');
      expectNothingInternal(badDate);

      // A subgraph that is down: SERVICE_UNAVAILABLE, without the address the gateway tried.
      const down = await call(manager, '{ courses { id } }');
      expect(down.body?.errors?.[0]).toMatchObject({ message: 'the training service is unavailable right now; the call may be retried', extensions: { code: 'SERVICE_UNAVAILABLE', retryable: true } });
      expectNothingInternal(down);

      // A subgraph that fails in a way nobody meant for the caller: "internal error" and the request id to quote.
      const failed = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${manager}`, 'x-request-id': 'req-hardening-1' },
        body: JSON.stringify({ query: '{ controls { id } }' }),
      });
      const failedText = await failed.text();
      expect(JSON.parse(failedText).errors).toEqual([{ message: 'internal error', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'req-hardening-1' } }]);
      expect(failedText).not.toMatch(/not found|404|127\.0\.0\.1/);
    });

    it("keep a subgraph's coded errors whole", async () => {
      const manager = await issuer.token({ roles: [Role.IsmsManager] });
      const answer = await call(manager, 'mutation { createOrgUnit(input: { name: "", kind: TEAM }) { id } }');
      expect(answer.body?.errors?.[0]?.extensions).toEqual(expect.objectContaining({ category: 'BAD_USER_INPUT' }));
      expect(answer.body?.errors?.[0]?.extensions?.['code']).toEqual(expect.any(String));
      expect(Object.keys(answer.body?.errors?.[0]?.extensions ?? {}).filter((key) => !['code', 'category', 'details', 'fields'].includes(key))).toEqual([]);
    });

    it('answer malformed JSON, a wrong content type and a body over the limit as JSON with 400 and 413', async () => {
      const token = await issuer.token({ roles: [Role.Employee] });
      const malformed = await send(gateway.url, { token, body: '{"query": "{ __typename }"' });
      expect([malformed.status, malformed.body]).toEqual([400, { errors: [{ message: 'the request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] }]);
      expectNothingInternal(malformed);
      // Not even a token is needed to be answered cleanly.
      const anonymous = await send(gateway.url, { body: '{' });
      expect([anonymous.status, anonymous.body?.errors?.[0]?.extensions]).toEqual([400, { code: 'BAD_REQUEST' }]);
      const text = await send(gateway.url, { token, body: 'query { __typename }', contentType: 'text/plain' });
      expect([text.status, text.body?.errors?.[0]?.extensions]).toEqual([400, { code: 'BAD_REQUEST' }]);
      const huge = await send(gateway.url, { token, body: JSON.stringify({ query: '{ __typename }', variables: { x: 'x'.repeat(6 * 1024 * 1024) } }) });
      expect([huge.status, huge.body?.errors?.[0]?.extensions]).toEqual([413, { code: 'BAD_REQUEST' }]);
      expectNothingInternal(huge);
    });
  });

  describe('limits', () => {
    it('refuse 1,000 aliases, too many aliases, tokens or directives, naming the limit and the value', async () => {
      const token = await issuer.token({ roles: [Role.IsmsManager] });
      const aliased = (count: number) => `{ ${Array.from({ length: count }, (_, i) => `u${i}: orgUnits { id name }`).join(' ')} }`;
      // 1,000 aliases are too long a document before they are counted; 25 are short enough to be counted.
      const thousand = await call(token, aliased(1000));
      expect([thousand.status, thousand.body?.errors?.[0]?.extensions?.['limit']]).toEqual([400, 'MAX_TOKENS']);
      const aliases = await call(token, aliased(25));
      expect(aliases.status).toBe(400);
      expect(aliases.body?.errors?.map((e) => e.message)).toEqual(["the operation's number of aliases is 25; the limit is 20 (MAX_ALIASES)"]);
      expect((await call(token, aliased(20))).body?.errors).toBeUndefined();
      const tokens = await call(token, `{ ${'__typename '.repeat(2500)} }`);
      expect([tokens.status, tokens.body?.errors?.[0]?.message]).toEqual([400, 'the document has more than 2000 tokens; the limit is 2000 (MAX_TOKENS)']);
      const directives = await call(token, `{ __typename ${'@include(if: true) '.repeat(30)} }`);
      expect(directives.body?.errors?.map((e) => e.message)).toContain("the operation's number of directives is 30; the limit is 20 (MAX_DIRECTIVES)");
      for (const answer of [thousand, aliases, tokens, directives]) expectNothingInternal(answer);
    });

    it('keep introspection off unless enabled, and count it in the depth limit when it is on', async () => {
      const token = await issuer.token({ roles: [Role.IsmsManager] });
      const off = await call(token, '{ __schema { queryType { name } } }');
      expect(off.status).toBe(400);
      expect(off.body?.errors?.[0]?.message).toMatch(/introspection is not allowed/i);
      expect((await call(token, '{ __typename }')).body).toEqual({ data: { __typename: 'Query' } });

      const replicaToken = await issuer.token({ roles: [Role.IsmsManager] });
      const on = await call(replicaToken, getIntrospectionQuery(), {}, replica());
      expect(on.body?.errors).toBeUndefined();
      expect((on.body?.data?.['__schema'] as { types: unknown[] }).types.length).toBeGreaterThan(100);
      const nested = (depth: number): string => (depth === 0 ? 'name' : `fields { type { ${nested(depth - 1)} } }`);
      const deep = await call(replicaToken, `{ __schema { types { ${nested(7)} } } }`, {}, replica());
      // graphql-js adds its own guard against nested introspection lists.
      expect(deep.body?.errors?.map((e) => e.message)).toContain("the operation's depth is 17; the limit is 15 (MAX_QUERY_DEPTH)");
    });

    it('limit requests per identity across replicas: 429 with Retry-After, and another identity is not affected', async () => {
      const sub = randomUUID();
      const token = await issuer.token({ roles: [Role.Employee], sub });
      const [first, second] = replicas as [RunningGateway, RunningGateway];
      const statuses: number[] = [];
      for (const url of [first.url, second.url, first.url, second.url]) statuses.push((await call(token, '{ __typename }', {}, url)).status);
      expect(statuses).toEqual([200, 200, 200, 200]);
      // The fifth request is over the limit of 4, on whichever replica it lands; a new token of the same subject too.
      for (const url of [first.url, second.url]) {
        const refused = await call(await issuer.token({ roles: [Role.Employee], sub }), '{ __typename }', {}, url);
        expect(refused.status).toBe(429);
        expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
        expect(refused.body?.errors?.[0]).toEqual({
          message: expect.stringMatching(/^too many requests: at most 4 per 600 s for one caller \(RATE_LIMIT_REQUESTS\); retry after \d+ s$/),
          extensions: { code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) },
        });
      }
      const other = await issuer.token({ roles: [Role.Employee] });
      expect((await call(other, '{ __typename }', {}, second.url)).status).toBe(200);
    });

    it('count requests without a valid token by client address', async () => {
      // The replicas' counter for 127.0.0.1 is fresh: four refusals for a bad token, then 429 instead of 401.
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await call('not-a-token', '{ __typename }', {}, (replicas[i % 2] as RunningGateway).url)).status);
      expect(statuses).toEqual([401, 401, 401, 401, 429]);
    });
  });

  describe('operations sent again', () => {
    // The gateway prepares an operation for execution once per parsed document (patches/@apollo+gateway+*.patch), not
    // once per request: counted where it calls federation-internals, whose index only re-exports this function.
    const operations = jest.requireActual<{ operationFromDocument: (...args: unknown[]) => unknown }>('@apollo/federation-internals/dist/operations');
    const DOCUMENT = `
      query Units($withName: Boolean!, $withoutKind: Boolean!) { orgUnits { id name @include(if: $withName) kind @skip(if: $withoutKind) } }
      query Names { orgUnits { name } }`;

    it('answer after their own variables and operation name each time, while each operation is prepared once', async () => {
      const token = await issuer.token({ roles: [Role.IsmsManager] });
      const original = operations.operationFromDocument;
      let prepared = 0;
      operations.operationFromDocument = (...args: unknown[]) => {
        prepared++;
        return original(...args);
      };
      try {
        const units = async (variables: Record<string, unknown>, operationName: string): Promise<Record<string, unknown>[]> => {
          const answer = await send(gateway.url, { token, body: JSON.stringify({ query: DOCUMENT, variables, operationName }) });
          expect(answer.body?.errors).toBeUndefined();
          return answer.body?.data?.['orgUnits'] as Record<string, unknown>[];
        };
        for (let round = 0; round < 5; round++) {
          const named = await units({ withName: true, withoutKind: true }, 'Units');
          expect(named.length).toBeGreaterThan(0);
          expect(new Set(named.map((unit) => Object.keys(unit).sort().join()))).toEqual(new Set(['id,name']));
          const bare = await units({ withName: false, withoutKind: false }, 'Units');
          expect(new Set(bare.map((unit) => Object.keys(unit).sort().join()))).toEqual(new Set(['id,kind']));
          expect(new Set((await units({}, 'Names')).map((unit) => Object.keys(unit).join()))).toEqual(new Set(['name']));
        }
      } finally {
        operations.operationFromDocument = original;
      }
      // Two operations of one document, fifteen requests: each operation prepared for its plan and its execution once.
      expect(prepared).toBeGreaterThan(0);
      expect(prepared).toBeLessThanOrEqual(4);
    });
  });

  describe('tokens', () => {
    it('are refused without exp or with a lifetime over the maximum, and accepted for a working day', async () => {
      const noExp = await call(await issuer.token({ roles: [Role.Admin], lifetimeSeconds: null }), '{ __typename }');
      expect([noExp.status, noExp.body?.errors?.[0]]).toEqual([401, { message: 'token rejected: missing required "exp" claim', extensions: { code: 'UNAUTHENTICATED' } }]);
      const year = await call(await issuer.token({ roles: [Role.Admin], lifetimeSeconds: 365 * 86_400 }), '{ __typename }');
      expect(year.status).toBe(401);
      expect(year.body?.errors?.[0]?.message).toMatch(/valid for 31536000 s; the gateway accepts at most 86400 s \(MAX_TOKEN_LIFETIME_SECONDS\)/);
      const workingDay = await call(await issuer.token({ roles: [Role.Admin], lifetimeSeconds: 8 * 3600 }), '{ __typename }');
      expect(workingDay.body).toEqual({ data: { __typename: 'Query' } });
      const expired = await call(await issuer.token({ roles: [Role.Admin], lifetimeSeconds: -60 }), '{ __typename }');
      expect(expired.status).toBe(401);
    });
  });
});
