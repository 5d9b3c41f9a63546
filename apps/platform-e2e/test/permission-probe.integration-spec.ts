import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  buildSchema,
  getNamedType,
  GraphQLArgument,
  GraphQLInputType,
  GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
} from 'graphql';
import { ALL_ROLES, Claims, Role } from '@iso27001/authz';
import { deleteTopicsWithPrefix, startTestSubgraph, testClaims, TestSubgraph, uniqueTopicPrefix } from '@iso27001/testing';
import { SUBGRAPHS } from '../../../tools/supergraph/subgraphs';
import { permissionEntries, PermissionEntry } from '../../../tools/access/permission-matrix';

/*
 * Generated from the code: every root Query and Mutation of every subgraph, called as every role (and as an external
 * auditor inside and outside a grant, and a service account). A caller the field's roles do not name gets FORBIDDEN
 * and nothing is written (no audit-trail row, no outbox event); a caller it names is never refused by the role gate
 * and never meets an internal error, whatever the (synthesised) arguments make of the call.
 */

const FEDERATION_PRELUDE = `
  scalar _Any
  scalar link__Import
  scalar federation__FieldSet
  directive @link(url: String, as: String, for: String, import: [link__Import]) repeatable on SCHEMA
  directive @key(fields: federation__FieldSet!, resolvable: Boolean = true) repeatable on OBJECT | INTERFACE
  directive @shareable repeatable on OBJECT | FIELD_DEFINITION
  directive @external on OBJECT | FIELD_DEFINITION
  directive @requires(fields: federation__FieldSet!) on FIELD_DEFINITION
  directive @provides(fields: federation__FieldSet!) on FIELD_DEFINITION
`;

function subgraphSchema(name: string): GraphQLSchema {
  const sdl = readFileSync(path.resolve(__dirname, `../../../supergraph/subgraphs/${name}.graphql`), 'utf8').replace(/^extend schema[\s\S]*?\n\n/m, '');
  return buildSchema(`${FEDERATION_PRELUDE}\n${sdl}`, { assumeValidSDL: true });
}

/** A value of the type that passes GraphQL's own validation: required fields filled, optional ones left out. */
function sample(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return sample(type.ofType);
  if (isListType(type)) return [sample(type.ofType)];
  if (isEnumType(type)) return type.getValues()[0]?.value;
  if (isInputObjectType(type)) {
    return Object.fromEntries(
      Object.values(type.getFields())
        .filter((field) => isNonNullType(field.type) && field.defaultValue === undefined)
        .map((field) => [field.name, sample(field.type)]),
    );
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'ID':
        return randomUUID();
      case 'Int':
        return 1;
      case 'Float':
        return 1;
      case 'Boolean':
        return false;
      case 'DateTimeISO':
      case 'DateTime':
        return new Date(Date.now() + 86_400_000).toISOString();
      default:
        return 'probe';
    }
  }
  return null;
}

function operationFor(schema: GraphQLSchema, entry: PermissionEntry): { query: string; variables: Record<string, unknown> } {
  const [root, fieldName] = entry.name.split('.') as ['Query' | 'Mutation', string];
  const type = root === 'Query' ? schema.getQueryType() : schema.getMutationType();
  const field = type?.getFields()[fieldName];
  if (!field) throw new Error(`${entry.subgraph} has no ${entry.name}`);
  const args = field.args.filter((arg: GraphQLArgument) => isNonNullType(arg.type) && arg.defaultValue === undefined);
  const declarations = args.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(', ');
  const passing = args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  const named = getNamedType(field.type);
  const selection = isScalarType(named) || isEnumType(named) ? '' : ' { __typename }';
  return {
    query: `${root === 'Query' ? 'query' : 'mutation'} Probe${declarations ? `(${declarations})` : ''} { ${fieldName}${passing ? `(${passing})` : ''}${selection} }`,
    variables: Object.fromEntries(args.map((arg) => [arg.name, sample(arg.type)])),
  };
}

const ENGAGEMENT = randomUUID();
const UNIT = randomUUID();

/** Every caller the platform knows: each role, an external auditor with and without a grant, a service account. */
const CALLERS: { label: string; claims: Claims }[] = [
  ...ALL_ROLES.filter((role) => role !== Role.ExternalAuditor && role !== Role.ServiceAccount).map((role) => ({
    label: role,
    claims: testClaims([role], { email: `${role}@probe.example`, unitIds: role === Role.RiskOwner || role === Role.ControlOwner ? [UNIT] : [] }),
  })),
  {
    label: 'external auditor inside a grant',
    claims: testClaims([Role.ExternalAuditor], { email: 'auditor@probe.example', engagementId: ENGAGEMENT, grantId: randomUUID(), unitIds: [UNIT], grantExpiresAt: new Date(Date.now() + 86_400_000).toISOString() }),
  },
  { label: 'external auditor without a grant', claims: testClaims([Role.ExternalAuditor], { email: 'nogrant@probe.example' }) },
  { label: 'service account', claims: testClaims([Role.ServiceAccount], { email: 'svc@service-accounts.invalid', unitIds: [UNIT] }) },
];

describe('every root field as every caller', () => {
  const prefix = uniqueTopicPrefix('probe');
  const services = new Map<string, TestSubgraph<never>>();
  const entries = permissionEntries(SUBGRAPHS).filter((entry) => entry.kind === 'query' || entry.kind === 'mutation');
  const tally = { calls: 0, refused: 0, admitted: 0, answered: 0 };

  beforeAll(async () => {
    // One after the other: six services on two cores.
    for (const { name, definition } of SUBGRAPHS) services.set(name, await startTestSubgraph(definition as never, { topicPrefix: prefix }));
  }, 240_000);

  afterAll(async () => {
    await Promise.all([...services.values()].map((service) => service.close()));
    await deleteTopicsWithPrefix(prefix);
    // The figures for the note: how many calls, how many refused by the role gate.
    console.info(`permission probe: ${tally.calls} calls, ${tally.refused} refused with nothing written, ${tally.admitted} admitted (${tally.answered} answered without an error)`);
  });

  async function writes(service: TestSubgraph<never>): Promise<number> {
    const [row] = await service.deps.dataSource.query('SELECT (SELECT count(*) FROM audit_trail) + (SELECT count(*) FROM outbox_event) AS n');
    return Number(row.n);
  }

  for (const { name } of SUBGRAPHS) {
    it(`${name}: refuses every caller a field does not name, and admits the others`, async () => {
      const service = services.get(name)!; // eslint-disable-line @typescript-eslint/no-non-null-assertion
      const schema = subgraphSchema(name);
      const problems: string[] = [];
      for (const entry of entries.filter((e) => e.subgraph === name)) {
        const { query, variables } = operationFor(schema, entry);
        for (const caller of CALLERS) {
          const admitted = entry.roles?.some((role) => caller.claims.roles.includes(role)) ?? false;
          const before = entry.kind === 'mutation' && !admitted ? await writes(service) : 0;
          const result = await service.request(query, variables, caller.claims);
          const codes = (result.errors ?? []).map((error) => error.extensions?.['code']);
          tally.calls += 1;
          if (codes.includes('INTERNAL_SERVER_ERROR')) problems.push(`${entry.name} as ${caller.label}: internal error ${JSON.stringify(result.errors)}`);
          if (admitted) {
            tally.admitted += 1;
            if (!result.errors) tally.answered += 1;
            if (codes.includes('FORBIDDEN')) problems.push(`${entry.name} as ${caller.label}: refused by the role gate though its roles name them`);
          } else {
            tally.refused += 1;
            if (!codes.includes('FORBIDDEN')) problems.push(`${entry.name} as ${caller.label}: not refused (${JSON.stringify(result.errors ?? result.data)})`);
            if (entry.kind === 'mutation' && (await writes(service)) !== before) problems.push(`${entry.name} as ${caller.label}: refused but something was written`);
          }
        }
      }
      expect(problems).toEqual([]);
    }, 300_000);
  }
});
