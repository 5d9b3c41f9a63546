import 'reflect-metadata';
import { Query, Resolver } from 'type-graphql';
import { SUBGRAPHS } from '../subgraphs';

interface FieldMetadata {
  target: object;
  methodName: string;
  schemaName: string;
}
interface Storage {
  queries: FieldMetadata[];
  mutations: FieldMetadata[];
  authorizedFields: { target: object; fieldName: string; roles: unknown[] }[];
}

/** Root Query and Mutation fields, across every subgraph, that do not say who may call them. */
function rootFieldsWithoutRoles(): string[] {
  const storage = (globalThis as unknown as { TypeGraphQLMetadataStorage: Storage }).TypeGraphQLMetadataStorage;
  const authorized = (field: FieldMetadata): boolean =>
    storage.authorizedFields.some((a) => a.target === field.target && a.fieldName === field.methodName && a.roles.length > 0);
  return [...storage.queries.map((f) => ({ ...f, kind: 'Query' })), ...storage.mutations.map((f) => ({ ...f, kind: 'Mutation' }))]
    .filter((field) => !authorized(field))
    .map((field) => `${field.kind}.${field.schemaName} (${(field.target as { name: string }).name})`);
}

describe('every root field states who may call it', () => {
  it('finds no Query or Mutation without @Authorized(roles) in the six subgraphs', () => {
    expect(SUBGRAPHS).toHaveLength(6);
    const probe = rootFieldsWithoutRoles().filter((field) => !field.includes('UnguardedProbeResolver'));
    expect(probe).toEqual([]);
  });

  it('would catch one that does not (the check can fail)', () => {
    expect(rootFieldsWithoutRoles()).toEqual(['Query.unguardedProbe (UnguardedProbeResolver)']);
  });
});

@Resolver()
class UnguardedProbeResolver {
  @Query(() => String)
  unguardedProbe(): string {
    return 'anyone';
  }
}
void UnguardedProbeResolver;
