import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import { DocumentNode, FragmentDefinitionNode, getIntrospectionQuery, GraphQLSchema, Kind, OperationDefinitionNode, parse, validate } from 'graphql';
import { gatewayConfigSchema } from '../../config';
import { OperationLimits, operationLimitRules } from '../operation-limits';

const root = path.resolve(__dirname, '../../../../..');
const defaults = gatewayConfigSchema.parse({ CLAIMS_SECRET: 'x'.repeat(32), DEMO_PASSWORD: 'demo-password' });
const limits: OperationLimits = {
  maxDepth: defaults.MAX_QUERY_DEPTH,
  maxAliases: defaults.MAX_ALIASES,
  maxCost: defaults.MAX_QUERY_COST,
  maxDirectives: defaults.MAX_DIRECTIVES,
  maxTokens: defaults.MAX_TOKENS,
};

let schema: GraphQLSchema;
beforeAll(() => {
  schema = Supergraph.build(readFileSync(path.join(root, 'supergraph/supergraph.graphql'), 'utf8')).apiSchema().toGraphQLJSSchema();
});

const refusals = (document: DocumentNode, given: OperationLimits = limits): string[] => validate(schema, document, operationLimitRules(given)).map((error) => error.message);

describe('the default limits of one operation', () => {
  it("let every operation of the portal through, each with its fragments, tokens counted by graphql-js's parser", () => {
    const portal = path.join(root, 'apps/portal/src');
    const files = readdirSync(portal, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.graphql') && !file.startsWith('gql'))
      .map((file) => path.join('apps/portal/src', file));
    const documents = files.map((file) => ({ file, text: readFileSync(path.join(root, file), 'utf8') }));
    const fragments = documents.flatMap(({ text }) => parse(text).definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION));
    const operations = documents.flatMap(({ file, text }) =>
      parse(text, { maxTokens: limits.maxTokens })
        .definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)
        .map((operation) => ({ name: `${file}:${operation.name?.value}`, document: { kind: Kind.DOCUMENT, definitions: [operation, ...fragments] } as DocumentNode })),
    );
    expect(operations.length).toBeGreaterThan(50);
    const refused = operations.map(({ name, document }) => ({ name, refused: refusals(document) })).filter((row) => row.refused.length > 0);
    expect(refused).toEqual([]);
  });

  it('refuses 1,000 aliases of one list, naming the limit and the value', () => {
    const aliases = Array.from({ length: 1000 }, (_, i) => `c${i}: controls { id title }`).join(' ');
    expect(refusals(parse(`{ ${aliases} }`))).toEqual(expect.arrayContaining([`the operation's number of aliases is 1000; the limit is ${limits.maxAliases} (MAX_ALIASES)`]));
  });

  it('counts introspection in the depth limit: the standard introspection query passes, a deeper one does not', () => {
    expect(refusals(parse(getIntrospectionQuery()))).toEqual([]);
    const deep = `{ __schema { types { fields { type { fields { type { fields { type { fields { type { fields { type { fields { type { fields { name } } } } } } } } } } } } } } } }`;
    expect(refusals(parse(deep))).toEqual([`the operation's depth is 16; the limit is ${limits.maxDepth} (MAX_QUERY_DEPTH)`]);
  });

  it('prices lists by their page size and refuses an operation over the cost limit', () => {
    const message = refusals(parse('{ riskRegister(first: 100000) { nodes { id title } } }'));
    expect(message).toEqual([expect.stringMatching(new RegExp(`^the operation's cost is \\d+; the limit is ${limits.maxCost} \\(MAX_QUERY_COST\\)$`))]);
  });
});
