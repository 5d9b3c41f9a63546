/**
 * What the gateway costs per request: p50 and p99 of one small query (`{ orgUnits { id name } }`) sent straight to
 * isms-service with a claims token, and the same query through the gateway with a bearer token, in one run, against
 * the same subgraph. The gateway runs twice side by side: with its limits off (no rate limit, armor limits out of
 * reach) and with them on (the defaults, the rate limit counted in PostgreSQL). Requests go to the three in turn, so
 * drift of the machine hits them alike. Prints `gateway-overhead:` lines with the ratios to the direct call
 * (target ≤ 1.3×). All ports are picked free by the system.
 *   node -r @swc-node/register tools/bench/gateway-overhead.bench.ts [requests=500] [rounds=4] (each target gets requests × rounds)
 */
import 'reflect-metadata';
import { CLAIMS_HEADER, Role, signClaimsToken } from '@iso27001/authz';
import { createTestDatabase, deleteTopicsWithPrefix, startTestSubgraph, testClaims, testSecret, uniqueTopicPrefix } from '@iso27001/testing';
import { isms } from '../../apps/isms-service/src/subgraph';
import { startTestGateway, TestGateway } from '../../apps/platform-e2e/test/test-gateway';
import { startTestIssuer } from '../../apps/platform-e2e/test/test-issuer';

const QUERY = JSON.stringify({ query: '{ orgUnits { id name } }' });
/** Answered by whoever receives it, without a subgraph fetch: what HTTP and the server's own pipeline cost. */
const TYPENAME = JSON.stringify({ query: '{ __typename }' });

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function main(): Promise<void> {
  const perRound = Number(process.argv[2] ?? 500);
  const rounds = Number(process.argv[3] ?? 4);
  process.env['TEST_LOG_LEVEL'] = 'error';
  const prefix = uniqueTopicPrefix('bench-gateway');
  const secret = testSecret();
  const issuer = await startTestIssuer();
  const database = await createTestDatabase('bench_gateway');
  const subgraph = await startTestSubgraph(isms as never, { topicPrefix: prefix, secret });
  const gateways: TestGateway[] = [];
  try {
    const gateway = async (env: Record<string, string>): Promise<TestGateway> => {
      const started = await startTestGateway({
        secret,
        subgraphUrls: { isms: subgraph.url },
        maxQueryDepth: 15,
        env: { EMBEDDED_OIDC: 'false', OIDC_ISSUER: issuer.issuer, DATABASE_URL: database.serverUrl, DATABASE_NAME: database.name, ...env },
      });
      gateways.push(started);
      return started;
    };
    const unlimited = await gateway({ RATE_LIMIT_REQUESTS: '0', MAX_ALIASES: '1000000', MAX_QUERY_COST: '1000000000', MAX_DIRECTIVES: '1000000', MAX_TOKENS: '1000000', MAX_QUERY_DEPTH: '1000' });
    // The default limits; the rate limit high enough that the run is never refused, but counted as always.
    const limited = await gateway({ RATE_LIMIT_REQUESTS: String(10 * perRound * rounds) });

    const claims = testClaims([Role.IsmsManager]);
    // The claims token lives 60 s: re-signed every 30 s, as the gateway does, so a long run is never refused.
    let claimsToken = await signClaimsToken(claims, secret);
    const resign = setInterval(() => void signClaimsToken(claims, secret).then((token) => (claimsToken = token)), 30_000);
    const bearer = await issuer.token({ roles: [Role.IsmsManager], sub: claims.sub });
    const targets = [
      { name: 'direct', url: subgraph.url, headers: () => ({ [CLAIMS_HEADER]: claimsToken }), body: QUERY },
      { name: 'gateway, limits off', url: unlimited.url, headers: () => ({ authorization: `Bearer ${bearer}` }), body: QUERY },
      { name: 'gateway, limits on', url: limited.url, headers: () => ({ authorization: `Bearer ${bearer}` }), body: QUERY },
      // What costs what: the same two servers answering { __typename } themselves (no fetch, no planning).
      { name: 'direct, __typename', url: subgraph.url, headers: () => ({ [CLAIMS_HEADER]: claimsToken }), body: TYPENAME },
      { name: 'gateway, limits off, __typename', url: unlimited.url, headers: () => ({ authorization: `Bearer ${bearer}` }), body: TYPENAME },
    ];
    const durations = new Map<string, number[]>(targets.map((t) => [t.name, []]));
    const once = async (target: (typeof targets)[number]): Promise<number> => {
      const began = performance.now();
      const response = await fetch(target.url, { method: 'POST', headers: { 'content-type': 'application/json', ...target.headers() }, body: target.body });
      const body = (await response.json()) as { errors?: unknown[] };
      const elapsed = performance.now() - began;
      if (!response.ok || body.errors) throw new Error(`${target.name}: HTTP ${response.status} ${JSON.stringify(body.errors)}`);
      return elapsed;
    };
    for (const target of targets) for (let i = 0; i < 200; i++) await once(target); // warm up: JIT, plans, connections
    // One request to each in turn, so a busy moment of the machine falls on all three alike.
    for (let i = 0; i < perRound * rounds; i++) {
      for (const target of i % 2 ? [...targets].reverse() : targets) durations.get(target.name)?.push(await once(target));
    }
    clearInterval(resign);
    const figures = new Map([...durations].map(([name, list]) => {
      const sorted = [...list].sort((a, b) => a - b);
      return [name, { p50: percentile(sorted, 50), p99: percentile(sorted, 99) }];
    }));
    for (const [name, { p50, p99 }] of figures) {
      const base = figures.get(name.endsWith('__typename') ? 'direct, __typename' : 'direct')!; // eslint-disable-line @typescript-eslint/no-non-null-assertion
      const ratio = name.startsWith('direct') ? '' : ` ratio p50 ×${(p50 / base.p50).toFixed(2)} p99 ×${(p99 / base.p99).toFixed(2)}${name.endsWith('__typename') ? '' : ' (target ≤ 1.3×)'}`;
      console.log(`gateway-overhead: ${name}: n=${perRound * rounds} p50=${p50.toFixed(3)} ms p99=${p99.toFixed(3)} ms${ratio}`);
    }
  } finally {
    for (const running of gateways) await running.stop();
    await subgraph.close();
    await issuer.close();
    await database.drop();
    await deleteTopicsWithPrefix(prefix);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
