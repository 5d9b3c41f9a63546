import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { gatewayConfigSchema } from '../../gateway/src/config';
import { RunningGateway, startGateway } from '../../gateway/src/gateway';
import { createLogger } from '@iso27001/platform';
import { tokenSource } from '../../../tools/dev/oidc-login';

export interface TestGateway extends RunningGateway {
  /** The demo users' password at the gateway's embedded provider (new for every run). */
  demoPassword: string;
  /** An access token of a demo user, signed in once through the embedded provider's login page (code flow + PKCE). */
  tokenFor(email: string): Promise<string>;
}

/**
 * The real gateway in front of test subgraphs, with its embedded OpenID provider for the demo users. Subgraphs a
 * suite does not start point at a closed port, so a query that reaches them fails as an unavailable service would.
 */
export async function startTestGateway(options: {
  secret: string;
  subgraphUrls: Partial<Record<'isms' | 'risk' | 'controls' | 'training' | 'evidence' | 'audit', string>>;
  maxQueryDepth: number;
  accessTokenTtlSeconds?: number;
  /** Further settings, as environment variables (limits, introspection, the rate limit's database, …). */
  env?: Record<string, string>;
}): Promise<TestGateway> {
  const closed = 'http://127.0.0.1:9/graphql';
  const demoPassword = randomBytes(12).toString('base64url');
  const subgraphUrls = { isms: closed, risk: closed, controls: closed, training: closed, evidence: closed, audit: closed, ...options.subgraphUrls };
  // Parsed like the environment, so every setting a suite does not name has its production default.
  const config = gatewayConfigSchema.parse({
    PORT: '0',
    HOST: '127.0.0.1',
    SUPERGRAPH_PATH: path.resolve(__dirname, '../../../supergraph/supergraph.graphql'),
    SUBGRAPH_URLS: Object.entries(subgraphUrls)
      .map(([name, url]) => `${name}=${url}`)
      .join(','),
    CLAIMS_SECRET: options.secret,
    EMBEDDED_OIDC: 'true',
    DEMO_PASSWORD: demoPassword,
    OIDC_ACCESS_TOKEN_TTL: String(options.accessTokenTtlSeconds ?? 900),
    CORS_ORIGINS: '',
    LOG_LEVEL: 'silent',
    MAX_QUERY_DEPTH: String(options.maxQueryDepth),
    // The rate limit needs a database of its own: a suite that tests it names one (a test database) in `env`.
    RATE_LIMIT_REQUESTS: '0',
    ...options.env,
  });
  const gateway = await startGateway(config, createLogger('gateway', 'silent'));
  return { ...gateway, demoPassword, tokenFor: tokenSource(gateway.issuer, demoPassword) };
}
