import { randomBytes, randomUUID } from 'node:crypto';
import { Claims, CLAIMS_HEADER, Role, signClaimsToken } from '@iso27001/authz';
import { BaseConfig, bootSubgraph, RunningSubgraph, SubgraphDefinition } from '@iso27001/platform';
import { createTestDatabase } from './database';
import { testBrokers } from './kafka';

export const TEST_ORGANISATION_ID = '00000000-0000-4000-8000-000000000001';

export function testClaims(roles: Role[], overrides: Partial<Claims> = {}): Claims {
  return {
    sub: randomUUID(),
    organisationId: TEST_ORGANISATION_ID,
    email: `${roles[0] ?? 'user'}@example.test`,
    name: `Test ${roles.join(' ')}`,
    roles,
    unitIds: [],
    groups: [],
    ...overrides,
  };
}

export interface GraphQLResult<T> {
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

export interface TestSubgraph<TConfig extends BaseConfig> extends RunningSubgraph<TConfig> {
  secret: string;
  /** Sends a GraphQL request as the given caller, the way the gateway would. */
  request<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, claims?: Claims): Promise<GraphQLResult<T>>;
  /** Sends a request and fails the test with the errors if there are any. */
  ok<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, claims?: Claims): Promise<T>;
  close(): Promise<void>;
}

export const testSecret = (): string => randomBytes(32).toString('hex');

/**
 * The settings a subgraph under test runs with: a free port, the given test database, the real broker under the
 * test's topic prefix. For a subgraph booted in the test's process or started as a process of its own.
 */
export function testSubgraphEnv(
  database: { name: string; serverUrl: string },
  { topicPrefix, secret, env = {} }: { topicPrefix: string; secret: string; env?: Record<string, string> },
): Record<string, string | undefined> {
  return {
    ...process.env,
    PORT: '0',
    DATABASE_URL: database.serverUrl,
    DATABASE_NAME: database.name,
    KAFKA_BROKERS: testBrokers().join(','),
    KAFKA_TOPIC_PREFIX: topicPrefix,
    CLAIMS_SECRET: secret,
    LOG_LEVEL: process.env['TEST_LOG_LEVEL'] ?? 'warn',
    OUTBOX_POLL_MS: '200',
    ...env,
  };
}

/** Boots a real subgraph on a fresh database and the real broker, on a free port. */
export async function startTestSubgraph<TConfig extends BaseConfig>(
  definition: SubgraphDefinition<TConfig>,
  { topicPrefix, secret = testSecret(), env = {} }: { topicPrefix: string; secret?: string; env?: Record<string, string> },
): Promise<TestSubgraph<TConfig>> {
  const database = await createTestDatabase(definition.name.replace(/-service$/, ''));
  const running = await bootSubgraph(definition, { handleSignals: false, env: testSubgraphEnv(database, { topicPrefix, secret, env }) });
  const defaultClaims = testClaims([Role.IsmsManager]);
  const request = async <T>(query: string, variables: Record<string, unknown> = {}, claims: Claims = defaultClaims): Promise<GraphQLResult<T>> => {
    const response = await fetch(running.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CLAIMS_HEADER]: await signClaimsToken(claims, secret) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLResult<T>;
  };
  return {
    ...running,
    secret,
    request,
    async ok<T>(query: string, variables?: Record<string, unknown>, claims?: Claims): Promise<T> {
      const result = await request<T>(query, variables, claims);
      if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
      return result.data as T;
    },
    async close() {
      await running.stop();
      await database.drop();
    },
  };
}
