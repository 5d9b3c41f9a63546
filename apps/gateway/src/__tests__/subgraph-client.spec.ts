import http from 'node:http';
import { AddressInfo } from 'node:net';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { CLAIMS_HEADER, CLIENT_ADDRESS_HEADER, CLIENT_AGENT_HEADER, clientOriginFrom, Role, verifyClaimsToken } from '@iso27001/authz';
import { GatewayContext, keepAliveFetcher, SubgraphDataSource } from '../subgraph-client';

const SECRET = 'x'.repeat(40);
const claims = { sub: 's-1', organisationId: '00000000-0000-4000-8000-000000000001', email: 'ann@example.test', name: 'Ann', roles: [Role.IsmsManager], unitIds: [], groups: [] };

/** A subgraph of the test's own: answers as `answer` says and remembers what it was sent and on how many connections. */
async function fakeSubgraph(answer: (body: string) => { status: number; type?: string; body: string; headers?: Record<string, string> }) {
  const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];
  let connections = 0;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      const reply = answer(body);
      res.writeHead(reply.status, { 'content-type': reply.type ?? 'application/json', ...reply.headers });
      res.end(reply.body);
    });
  });
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    received,
    connections: () => connections,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function fetchOptions(context: Partial<GatewayContext>, policy?: { restrict: jest.Mock }): GraphQLDataSourceProcessOptions<GatewayContext> {
  return {
    kind: 'incoming operation',
    request: { query: 'query Q($x: Int) { orgUnits { id } }', variables: { x: 1 }, operationName: 'Q' },
    context,
    incomingRequestContext: { overallCachePolicy: policy },
  } as unknown as GraphQLDataSourceProcessOptions<GatewayContext>;
}

describe('the gateway reaching a subgraph', () => {
  const fetcher = keepAliveFetcher();
  afterAll(() => fetcher.close());

  it('sends the operation with the caller signed for the subgraphs, over one kept-alive connection', async () => {
    const subgraph = await fakeSubgraph(() => ({ status: 200, body: JSON.stringify({ data: { orgUnits: [{ id: 'u-1' }] } }) }));
    try {
      const source = new SubgraphDataSource(subgraph.url, SECRET, 'isms', fetcher);
      for (let i = 0; i < 20; i++) {
        const response = await source.process(fetchOptions({ claims, requestId: `request-${i}` }));
        expect(response.data).toEqual({ orgUnits: [{ id: 'u-1' }] });
      }
      expect(subgraph.connections()).toBe(1);
      const [first] = subgraph.received as [(typeof subgraph.received)[number]];
      expect(JSON.parse(first.body)).toEqual({ query: 'query Q($x: Int) { orgUnits { id } }', variables: { x: 1 }, operationName: 'Q' });
      expect(first.headers['x-request-id']).toBe('request-0');
      expect(first.headers['authorization']).toBeUndefined();
      const forwarded = await verifyClaimsToken(first.headers[CLAIMS_HEADER] as string, SECRET);
      expect(forwarded).toMatchObject({ sub: 's-1', roles: [Role.IsmsManager] });
    } finally {
      await subgraph.close();
    }
  });

  it("passes on where the caller came from (address, user agent) as the gateway saw it, cleaned of control characters", async () => {
    const subgraph = await fakeSubgraph(() => ({ status: 200, body: JSON.stringify({ data: { orgUnits: [] } }) }));
    try {
      const source = new SubgraphDataSource(subgraph.url, SECRET, 'isms', fetcher);
      await source.process(fetchOptions({ claims, requestId: 'r', client: { address: '198.51.100.4', userAgent: 'Mozilla/5.0\r\nX-Evil: 1 Chrome' } }));
      await source.process(fetchOptions({ claims, requestId: 'r', client: { address: null, userAgent: 'Navigateur été' } }));
      await source.process(fetchOptions({ claims, requestId: 'r' }));
      const [withBoth, encoded, without] = subgraph.received as [(typeof subgraph.received)[number], (typeof subgraph.received)[number], (typeof subgraph.received)[number]];
      expect(clientOriginFrom(withBoth.headers)).toEqual({ address: '198.51.100.4', userAgent: 'Mozilla/5.0 X-Evil: 1 Chrome' });
      expect(withBoth.headers['x-evil']).toBeUndefined();
      expect(encoded.headers[CLIENT_ADDRESS_HEADER]).toBeUndefined();
      expect(decodeURIComponent(encoded.headers[CLIENT_AGENT_HEADER] as string)).toBe('Navigateur été');
      expect(clientOriginFrom(without.headers)).toEqual({ address: null, userAgent: null });
    } finally {
      await subgraph.close();
    }
  });

  it('passes on a subgraph\'s coded error, and hides its address and body otherwise', async () => {
    let reply = { status: 400, body: JSON.stringify({ errors: [{ message: 'the id "x" is not a UUID (argument id)', extensions: { code: 'BAD_USER_INPUT' } }] }) };
    const subgraph = await fakeSubgraph(() => reply);
    try {
      const source = new SubgraphDataSource(subgraph.url, SECRET, 'isms', fetcher);
      await expect(source.process(fetchOptions({ claims, requestId: 'r' }))).rejects.toMatchObject({ message: 'the id "x" is not a UUID (argument id)', extensions: { code: 'BAD_USER_INPUT' } });
      reply = { status: 404, body: '<html>Cannot POST /graphql at 127.0.0.1</html>' };
      const hidden = await source.process(fetchOptions({ claims, requestId: 'r' })).catch((error: GraphQLError) => error);
      expect(hidden).toBeInstanceOf(GraphQLError);
      expect(JSON.stringify((hidden as GraphQLError).toJSON())).not.toMatch(/127\.0\.0\.1|html|Cannot POST/);
      expect((hidden as GraphQLError).message).toBe('the isms service could not answer (HTTP 404)');
      // A 200 that is no GraphQL response counts as no answer.
      reply = { status: 200, body: 'not json' };
      await expect(source.process(fetchOptions({ claims, requestId: 'r' }))).rejects.toMatchObject({ extensions: { code: 'SERVICE_UNAVAILABLE' } });
    } finally {
      await subgraph.close();
    }
  });

  it('says a subgraph that cannot be reached is unavailable, without its address', async () => {
    const subgraph = await fakeSubgraph(() => ({ status: 200, body: '{}' }));
    const url = subgraph.url;
    await subgraph.close();
    const source = new SubgraphDataSource(url, SECRET, 'training', fetcher);
    const error = (await source.process(fetchOptions({ claims, requestId: 'r' })).catch((caught: GraphQLError) => caught)) as GraphQLError;
    expect(error.message).toBe('the training service is unavailable right now; the call may be retried');
    expect(JSON.stringify(error.toJSON())).not.toContain('127.0.0.1');
  });

  it('refuses to call a subgraph without a verified caller', async () => {
    const source = new SubgraphDataSource('http://127.0.0.1:9/graphql', SECRET, 'isms', fetcher);
    await expect(source.process(fetchOptions({ requestId: 'r' }))).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('lets the subgraph\'s Cache-Control bound the response\'s, and no header mean not cacheable', async () => {
    let headers: Record<string, string> = { 'cache-control': 'max-age=60, public' };
    const subgraph = await fakeSubgraph(() => ({ status: 200, body: JSON.stringify({ data: {} }), headers }));
    try {
      const source = new SubgraphDataSource(subgraph.url, SECRET, 'isms', fetcher);
      const policy = { restrict: jest.fn() };
      await source.process(fetchOptions({ claims, requestId: 'r' }, policy));
      headers = {};
      await source.process(fetchOptions({ claims, requestId: 'r' }, policy));
      expect(policy.restrict.mock.calls).toEqual([[{ maxAge: 60, scope: 'PUBLIC' }], [{ maxAge: 0 }]]);
    } finally {
      await subgraph.close();
    }
  });
});
