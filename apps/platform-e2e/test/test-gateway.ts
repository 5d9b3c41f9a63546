import path from 'node:path';
import { GatewayConfig } from '../../gateway/src/config';
import { RunningGateway, startGateway } from '../../gateway/src/gateway';
import { createLogger } from '@iso27001/platform';

/**
 * The real gateway in front of test subgraphs, with the development issuer for demo tokens. Subgraphs a suite does
 * not start point at a closed port, so a query that reaches them fails as an unavailable service would.
 */
export function startTestGateway(options: {
  secret: string;
  subgraphUrls: Partial<Record<'isms' | 'risk' | 'controls' | 'training' | 'evidence' | 'audit', string>>;
  maxQueryDepth: number;
}): Promise<RunningGateway> {
  const closed = 'http://127.0.0.1:9/graphql';
  const config: GatewayConfig = {
    PORT: 0,
    HOST: '127.0.0.1',
    SUPERGRAPH_PATH: path.resolve(__dirname, '../../../supergraph/supergraph.graphql'),
    SUBGRAPH_URLS: { isms: closed, risk: closed, controls: closed, training: closed, evidence: closed, audit: closed, ...options.subgraphUrls },
    CLAIMS_SECRET: options.secret,
    OIDC_ISSUER: 'http://127.0.0.1/auth/dev',
    OIDC_AUDIENCE: 'iso27001-platform',
    DEV_ISSUER: true,
    CORS_ORIGINS: [],
    LOG_LEVEL: 'silent',
    MAX_QUERY_DEPTH: options.maxQueryDepth,
  };
  return startGateway(config, createLogger('gateway', 'silent'));
}
