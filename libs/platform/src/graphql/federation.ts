import { buildSubgraphSchema } from '@apollo/subgraph';
import { IResolvers, printSchemaWithDirectives } from '@graphql-tools/utils';
import { GraphQLSchema, parse } from 'graphql';
import { AuthChecker, buildSchema, BuildSchemaOptions, createResolversMap } from 'type-graphql';
import { hasAnyRole, Role } from '@iso27001/authz';
import { RequestContext } from './context';
import { guardReferences, guardResolvers } from './input-guard.middleware';

const FEDERATION_LINK = `extend schema
  @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable", "@external", "@requires", "@provides"])
`;

/** Every root field names its roles with @Authorized; the checker admits a caller holding any of them. */
export const authChecker: AuthChecker<RequestContext, Role> = ({ context }, roles) => {
  if (roles.length === 0) return false; // @Authorized() without roles is a mistake, not "anyone"
  return hasAnyRole(context.claims, roles);
};

function mergeResolvers(base: Record<string, object>, extra: IResolvers): Record<string, object> {
  const merged: Record<string, object> = { ...base };
  for (const [typeName, fields] of Object.entries(extra)) {
    merged[typeName] = { ...(merged[typeName] ?? {}), ...(fields as object) };
  }
  return merged;
}

/**
 * Builds the type-graphql schema, prints it with its directives (@key survives), and turns it into an Apollo
 * Federation 2 subgraph schema with the reference resolvers merged in. Every resolver and reference is behind the
 * input guard (input-guard.rules.ts): ids that are no UUIDs and control characters never reach a service.
 */
export async function buildFederatedSchema(
  options: Omit<BuildSchemaOptions, 'skipCheck' | 'authChecker'>,
  referenceResolvers: IResolvers = {},
): Promise<{ schema: GraphQLSchema; sdl: string }> {
  guardResolvers(options.resolvers);
  const schema = await buildSchema({ ...options, authChecker, authMode: 'error', validate: { forbidUnknownValues: false }, skipCheck: true });
  const sdl = printSchemaWithDirectives(schema);
  const federated = buildSubgraphSchema([
    {
      typeDefs: parse(`${FEDERATION_LINK}\n${sdl}`),
      resolvers: mergeResolvers(createResolversMap(schema) as Record<string, object>, guardReferences(referenceResolvers, schema)) as never,
    },
  ]);
  return { schema: federated, sdl: `${FEDERATION_LINK}\n${sdl}` };
}
