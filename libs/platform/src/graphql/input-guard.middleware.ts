import { IResolvers } from '@graphql-tools/utils';
import { GraphQLField, GraphQLSchema, isObjectType } from 'graphql';
import { getMetadataStorage, MiddlewareFn, UseMiddleware } from 'type-graphql';
import { InvalidInputError } from './errors';
import { argumentProblems, hasTextArguments, referenceProblems } from './input-guard.rules';

/** Whether a field's arguments need looking at, decided once per field of the schema. */
const needsCheck = new WeakMap<GraphQLField<unknown, unknown>, boolean>();

/**
 * Refuses a call whose arguments hold an `ID` that is no UUID or text with a control character, naming the argument
 * (`filter.ownerId: must be a UUID`), before the resolver (and its database) sees them. It runs after the role gate,
 * so a caller the gate refuses learns nothing about the input, and before class-validator's checks.
 */
export const inputGuard: MiddlewareFn = ({ args, info }, next) => {
  const field = info.parentType.getFields()[info.fieldName];
  if (!field) return next();
  let check = needsCheck.get(field);
  if (check === undefined) {
    check = hasTextArguments(field.args);
    needsCheck.set(field, check);
  }
  if (check) {
    const problems = argumentProblems(field.args, args);
    if (problems.length > 0) throw new InvalidInputError(problems);
  }
  return next();
};

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
const guarded = new WeakSet<Function>();

type ParamMetadata = ReturnType<typeof getMetadataStorage>['params'][number];

/** True for a handler parameter that receives GraphQL arguments (`@Arg`, `@Args`, a custom decorator with an arg). */
function receivesArguments(param: ParamMetadata): boolean {
  return param.kind === 'arg' || param.kind === 'args' || (param.kind === 'custom' && param.options.arg !== undefined);
}

/**
 * Puts the input guard on every query, mutation and field resolver of the resolver classes that takes arguments,
 * as `@UseMiddleware(inputGuard)` on each would: one rule for every service instead of a check per resolver. Field
 * resolvers without arguments (a risk's owner, its actions) are left as they are, so lists pay nothing for it. Each
 * class is guarded once, however often a schema is built from it.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export function guardResolvers(resolvers: readonly Function[]): void {
  const { params } = getMetadataStorage();
  for (const resolver of resolvers) {
    if (guarded.has(resolver)) continue;
    const ownOrInherited = (target: unknown) => target === resolver || (typeof target === 'function' && resolver.prototype instanceof target);
    const methods = new Set(params.filter((param) => ownOrInherited(param.target) && receivesArguments(param)).map((param) => param.methodName));
    for (const method of methods) UseMiddleware(inputGuard)(resolver.prototype as object, method);
    guarded.add(resolver);
  }
}

type ReferenceResolver = (reference: Record<string, unknown>, context: unknown, info: unknown) => unknown;

/**
 * Wraps each `__resolveReference` so that a representation with a malformed key (an `ID` that is no UUID, text with
 * a control character) resolves to null, as a reference to a record that does not exist does, without the service's
 * resolver or its database seeing it. `schema` is the type-graphql schema that knows the entities' key types.
 */
export function guardReferences(referenceResolvers: IResolvers, schema: GraphQLSchema): IResolvers {
  const result: IResolvers = {};
  for (const [typeName, resolvers] of Object.entries(referenceResolvers)) {
    const type = schema.getType(typeName);
    const resolve = (resolvers as { __resolveReference?: ReferenceResolver }).__resolveReference;
    if (!resolve || !isObjectType(type)) {
      result[typeName] = resolvers;
      continue;
    }
    const guardedResolve: ReferenceResolver = (reference, context, info) =>
      referenceProblems(type, reference).length > 0 ? null : resolve.call(resolvers, reference, context, info);
    result[typeName] = { ...(resolvers as object), __resolveReference: guardedResolve } as never;
  }
  return result;
}
