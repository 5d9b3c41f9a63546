import { randomUUID } from 'node:crypto';
import {
  getNamedType,
  GraphQLField,
  GraphQLInputType,
  GraphQLObjectType,
  GraphQLSchema,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
} from 'graphql';
import { CATALOGUE_ID_NAMES } from '@iso27001/platform';

/** What a probe puts where: an `ID` that must be a UUID, any text, or an `ID` that is a catalogue key. */
export type ProbeKind = 'uuid' | 'text' | 'catalogue';

/** One place in a root field's arguments a caller's text reaches, and the request that puts a value there. */
export interface ProbeSite {
  operation: 'query' | 'mutation';
  field: string;
  /** Dotted, as the guard names it: `filter.ownerId`, `input.assetIds`. */
  path: string;
  kind: ProbeKind;
  /** The request with `value` at the site and well-formed values everywhere else the arguments require. */
  request(value: string): { query: string; variables: Record<string, unknown> };
}

/** A well-formed value of a scalar: a fresh UUID for an id, a catalogue key for one named so. */
function scalarValue(typeName: string, name: string): unknown {
  switch (typeName) {
    case 'ID':
      return CATALOGUE_ID_NAMES.has(name) ? 'A.5.1' : randomUUID();
    case 'Int':
    case 'Float':
      return 1;
    case 'Boolean':
      return false;
    case 'DateTimeISO':
      return new Date().toISOString();
    default:
      return 'probe';
  }
}

/**
 * A value of `type` holding only what the type requires, plus the value at `target` (a path of input-field names
 * below this type) when one is given. Lists get one item.
 */
function valueOf(type: GraphQLInputType, name: string, target: readonly string[] | null, atTarget: unknown): unknown {
  if (isNonNullType(type)) return valueOf(type.ofType, name, target, atTarget);
  if (isListType(type)) return [valueOf(type.ofType as GraphQLInputType, name, target, atTarget)];
  if (target && target.length === 0) return atTarget;
  if (isInputObjectType(type)) {
    const value: Record<string, unknown> = {};
    for (const field of Object.values(type.getFields())) {
      const below = target && target[0] === field.name ? target.slice(1) : null;
      if (below || (isNonNullType(field.type) && field.defaultValue === undefined)) value[field.name] = valueOf(field.type, field.name, below, atTarget);
    }
    return value;
  }
  if (isEnumType(type)) return type.getValues()[0]?.name;
  return scalarValue(type.name, name);
}

/** Every place below `type` where text arrives, as paths of input-field names, with the kind of value it takes. */
function sitesIn(type: GraphQLInputType, name: string, path: string[], seen: ReadonlySet<string>): { path: string[]; kind: ProbeKind }[] {
  const named = getNamedType(type);
  if (isInputObjectType(named)) {
    if (seen.has(named.name)) return [];
    const inside = new Set([...seen, named.name]);
    return Object.values(named.getFields()).flatMap((field) => sitesIn(field.type, field.name, [...path, field.name], inside));
  }
  if (!isScalarType(named) || ['Int', 'Float', 'Boolean', 'DateTimeISO'].includes(named.name)) return [];
  if (named.name !== 'ID') return [{ path, kind: 'text' }];
  return [{ path, kind: CATALOGUE_ID_NAMES.has(name) ? 'catalogue' : 'uuid' }];
}

function selection(field: GraphQLField<unknown, unknown>): string {
  return isCompositeType(getNamedType(field.type)) ? ' { __typename }' : '';
}

/** The probe sites of every root query and mutation of a subgraph's schema (federation's own fields left out). */
export function probeSites(schema: GraphQLSchema): ProbeSite[] {
  const roots: ['query' | 'mutation', GraphQLObjectType | null | undefined][] = [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
  ];
  return roots.flatMap(([operation, root]) =>
    Object.values(root?.getFields() ?? {})
      .filter((field) => !field.name.startsWith('_'))
      .flatMap((field) =>
        field.args.flatMap((arg) =>
          sitesIn(arg.type, arg.name, [], new Set()).map(({ path, kind }): ProbeSite => ({
            operation,
            field: field.name,
            path: [arg.name, ...path].join('.'),
            kind,
            request(value) {
              const used = field.args.filter((other) => other === arg || (isNonNullType(other.type) && other.defaultValue === undefined));
              const variables = Object.fromEntries(used.map((other) => [other.name, valueOf(other.type, other.name, other === arg ? path : null, value)]));
              const declarations = used.map((other) => `$${other.name}: ${String(other.type)}`).join(', ');
              const args = used.map((other) => `${other.name}: $${other.name}`).join(', ');
              return { query: `${operation} Probe(${declarations}) { ${field.name}(${args})${selection(field)} }`, variables };
            },
          })),
        ),
      ),
  );
}

/** A request for every root field with only well-formed values (fresh UUIDs for ids), to see nothing fails inside. */
export function wellFormedRequests(schema: GraphQLSchema): { field: string; query: string; variables: Record<string, unknown> }[] {
  const roots: ['query' | 'mutation', GraphQLObjectType | null | undefined][] = [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
  ];
  return roots.flatMap(([operation, root]) =>
    Object.values(root?.getFields() ?? {})
      .filter((field) => !field.name.startsWith('_'))
      .map((field) => {
        const used = field.args.filter((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined);
        const variables = Object.fromEntries(used.map((arg) => [arg.name, valueOf(arg.type, arg.name, null, null)]));
        const declarations = used.length ? `(${used.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(', ')})` : '';
        const args = used.length ? `(${used.map((arg) => `${arg.name}: $${arg.name}`).join(', ')})` : '';
        return { field: `${operation === 'query' ? 'Query' : 'Mutation'}.${field.name}`, query: `${operation} Probe${declarations} { ${field.name}${args}${selection(field)} }`, variables };
      }),
  );
}
