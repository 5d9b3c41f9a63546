import { ALL_ROLES, Role } from '@iso27001/authz';
import { BaseConfig, formatError, SubgraphDefinition } from '@iso27001/platform';
import { deleteTopicsWithPrefix, GraphQLResult, startTestSubgraph, testClaims, TestSubgraph, uniqueTopicPrefix } from '@iso27001/testing';
import { buildClientSchema, getIntrospectionQuery, GraphQLError, GraphQLSchema, IntrospectionQuery } from 'graphql';
import { audit } from '../../audit-service/src/subgraph';
import { controls } from '../../controls-service/src/subgraph';
import { evidence } from '../../evidence-service/src/subgraph';
import { isms } from '../../isms-service/src/subgraph';
import { risk } from '../../risk-service/src/subgraph';
import { training } from '../../training-service/src/subgraph';
import { probeSites, ProbeSite, wellFormedRequests } from './input-probes';

/**
 * Every subgraph, probed from its own schema: each place a root query or mutation takes an id or text gets an id that
 * is no UUID and a NUL byte. Each is refused as BAD_USER_INPUT naming the argument, never INTERNAL, and nothing is
 * written. References from the gateway with malformed keys resolve to null. The caller holds every internal role,
 * so the role gates let the probes through to the input checks.
 */
const services = Object.entries({ isms, risk, controls, evidence, training, audit } as unknown as Record<string, SubgraphDefinition<BaseConfig>>);

const caller = testClaims(ALL_ROLES.filter((role) => role !== Role.ExternalAuditor));
const NOT_A_UUID = 'not-a-uuid';
const WITH_NUL = 'probe\u0000probe';

type Errors = NonNullable<GraphQLResult<unknown>['errors']>;
const codes = (errors: Errors | undefined) => (errors ?? []).map((error) => error.extensions?.['code']);

/** The refusal of a probe: VALIDATION_FAILED with the site among its fields and the message naming it. */
function refusal(errors: Errors | undefined, path: string): { problems: string[]; message: string } | null {
  for (const error of errors ?? []) {
    if (error.extensions?.['code'] !== 'VALIDATION_FAILED' || error.extensions['category'] !== 'BAD_USER_INPUT') continue;
    const fields = error.extensions['fields'] as { field: string; problems: string[] }[] | undefined;
    const entry = fields?.find((f) => f.field === path);
    if (entry) return { problems: entry.problems, message: error.message };
  }
  return null;
}

async function rowCounts(service: TestSubgraph<BaseConfig>): Promise<Record<string, number>> {
  const tables: { table_name: string }[] = await service.deps.dataSource.query(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'schema_migrations' ORDER BY table_name",
  );
  const [row] = await service.deps.dataSource.query(`SELECT ${tables.map(({ table_name }) => `(SELECT count(*)::int FROM "${table_name}") AS "${table_name}"`).join(', ')}`);
  return row as Record<string, number>;
}

describe.each(services)('%s-service refuses malformed ids and control characters', (label, definition) => {
  const prefix = uniqueTopicPrefix(`input-${label}`);
  let service: TestSubgraph<BaseConfig>;
  let schema: GraphQLSchema;
  let sites: ProbeSite[];

  beforeAll(async () => {
    service = await startTestSubgraph(definition, { topicPrefix: prefix });
    schema = buildClientSchema(await service.ok<IntrospectionQuery>(getIntrospectionQuery(), {}, caller));
    sites = probeSites(schema);
  });
  afterAll(async () => {
    await service?.close();
    await deleteTopicsWithPrefix(prefix);
  });

  it('refuses an id that is no UUID and a NUL byte wherever a root field takes one, naming the argument, writing nothing', async () => {
    const uuidSites = sites.filter((site) => site.kind === 'uuid');
    const textSites = sites.filter((site) => site.kind !== 'catalogue');
    // Every service has queries and mutations that take text, and mutations that take UUIDs (evidence-service's
    // only query argument is a catalogue key): the probes below reach both kinds of root field.
    expect(textSites.some((site) => site.operation === 'query')).toBe(true);
    expect(uuidSites.some((site) => site.operation === 'mutation')).toBe(true);
    const before = await rowCounts(service);
    const failures: string[] = [];
    for (const [value, wanted, list] of [
      [NOT_A_UUID, /^\w+( \(item [\d.]+\))? must be a UUID$/, uuidSites],
      [WITH_NUL, /^\w+( \(item [\d.]+\))? must not contain the control character U\+0000/, textSites],
    ] as const) {
      for (const site of list) {
        const { query, variables } = site.request(value);
        const result = await service.request(query, variables, caller);
        const refused = refusal(result.errors, site.path);
        if (!refused || !refused.problems.some((problem) => wanted.test(problem)) || !refused.message.includes(`${site.path}: `)) {
          failures.push(`${site.field} ${site.path} = ${JSON.stringify(value)}: ${JSON.stringify(result.errors ?? result.data)}`);
        }
        if (codes(result.errors).includes('INTERNAL_SERVER_ERROR')) failures.push(`${site.field} ${site.path}: INTERNAL_SERVER_ERROR`);
      }
    }
    expect(failures).toEqual([]);
    expect(await rowCounts(service)).toEqual(before);
  });

  it('takes catalogue keys ("A.5.1") where an id names a control or a catalogue item, and fails no unknown one inside', async () => {
    const wrongly: string[] = [];
    for (const site of sites.filter((s) => s.kind === 'catalogue')) {
      for (const key of ['A.5.1', 'Z.99.99', NOT_A_UUID]) {
        const { query, variables } = site.request(key);
        const result = await service.request(query, variables, caller);
        if (refusal(result.errors, site.path)?.problems.some((problem) => /UUID/.test(problem))) wrongly.push(`${site.field} ${site.path} = ${key}: refused as no UUID`);
        if (codes(result.errors).includes('INTERNAL_SERVER_ERROR')) wrongly.push(`${site.field} ${site.path} = ${key}: INTERNAL_SERVER_ERROR`);
      }
    }
    expect(wrongly).toEqual([]);
  });

  it('answers no root field with INTERNAL when its ids are well-formed but name nothing', async () => {
    const internal: string[] = [];
    for (const { field, query, variables } of wellFormedRequests(schema)) {
      const result = await service.request(query, variables, caller);
      if (codes(result.errors).includes('INTERNAL_SERVER_ERROR')) internal.push(field);
    }
    expect(internal).toEqual([]);
  });

  it('resolves references with a malformed key to null, never an error', async () => {
    const { _service } = await service.ok<{ _service: { sdl: string } }>('{ _service { sdl } }', {}, caller);
    const entities = [..._service.sdl.matchAll(/type (\w+) @key\(fields: "(\w+)"\)/g)].map(([, type = '', key = '']) => ({ type, key }));
    expect(entities.length).toBeGreaterThan(0);
    for (const { type, key } of entities) {
      const representations = [NOT_A_UUID, WITH_NUL, 'A.5.1\u0000', '\uD800'].map((id) => ({ __typename: type, [key]: id }));
      const result = await service.request<{ _entities: unknown[] }>(
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on ${type} { __typename } } }`,
        { r: representations },
        caller,
      );
      expect({ type, errors: result.errors }).toEqual({ type, errors: undefined });
      expect(result.data?._entities).toEqual([null, null, null, null]);
    }
  });

  it('answers a data exception that reaches the database as BAD_USER_INPUT without its SQL', async () => {
    for (const [sql, parameter] of [
      ['SELECT $1::uuid', NOT_A_UUID],
      ['SELECT $1::text', WITH_NUL],
    ] as const) {
      const failure = await service.deps.dataSource.query(sql, [parameter]).then(
        () => null,
        (error: unknown) => error,
      );
      expect(failure).not.toBeNull();
      const error = new GraphQLError('from a resolver', { originalError: failure as Error });
      const formatted = formatError({ message: error.message, extensions: { code: 'INTERNAL_SERVER_ERROR' } }, error);
      expect(formatted.extensions).toEqual({ code: 'BAD_USER_INPUT', category: 'BAD_USER_INPUT' });
      expect(formatted.message).not.toMatch(/SELECT|uuid:|UTF8|0x00|not-a-uuid/);
    }
  });
});
