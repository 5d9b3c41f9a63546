import { ApolloServerOptions, ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { Claims, Role } from '@iso27001/authz';
import { Logger } from '@iso27001/platform';
import { mutationsRefusedToAuditor } from './auditor-mutations.rules';
import { formatGatewayError, isHiddenError } from './format-error';
import { OperationLimits, operationLimitRules } from './operation-limits';

interface HardenedContext extends BaseContext {
  claims: Claims;
  requestId: string;
}

export interface HardeningSettings {
  limits: OperationLimits;
  introspection: boolean;
}

/**
 * An external auditor runs only the allowed mutations, however the root fields are written (aliases, inline and
 * named fragments). Checked once the operation is known and before the query planner or any subgraph sees it. (Not
 * a validation rule: Apollo caches a document's validation for every caller, and this check depends on the caller.)
 * The refusal is HTTP 403 with a FORBIDDEN error: the whole operation is refused before it runs, as Apollo refuses
 * an invalid one with 400.
 */
function auditorMutationsPlugin<T extends HardenedContext>(): ApolloServerPlugin<T> {
  return {
    async requestDidStart({ contextValue }) {
      return {
        async didResolveOperation({ document, operation }) {
          if (!operation || !contextValue.claims.roles.includes(Role.ExternalAuditor)) return;
          const refused = mutationsRefusedToAuditor(document, operation);
          if (refused.length > 0) {
            throw new GraphQLError(`an external auditor has read-only access; not allowed: ${refused.join(', ')}`, {
              extensions: { code: 'FORBIDDEN', category: 'FORBIDDEN', http: { status: 403 } },
            });
          }
        },
      };
    },
  };
}

/** Errors formatGatewayError hides are logged with the original and answered with the request id to quote. */
function hiddenErrorsPlugin<T extends HardenedContext>(logger: Logger): ApolloServerPlugin<T> {
  return {
    async requestDidStart({ contextValue }) {
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            if (isHiddenError(formatGatewayError(error.toJSON()))) {
              logger.error({ err: error.originalError ?? error, path: error.path, requestId: contextValue.requestId }, 'request failed with an unexpected error');
            }
          }
        },
        async willSendResponse({ response }) {
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
          for (const error of errors ?? []) {
            if (isHiddenError(error)) (error.extensions as Record<string, unknown>)['requestId'] = contextValue.requestId;
          }
        },
      };
    },
  };
}

/**
 * The Apollo Server options that harden the gateway: graphql-armor limits and the token limit, introspection only when
 * enabled, no batches, no stack traces whatever NODE_ENV says, no field suggestions, errors through formatGatewayError.
 */
export function hardenedApolloOptions<T extends HardenedContext>(settings: HardeningSettings, logger: Logger) {
  return {
    introspection: settings.introspection,
    validationRules: operationLimitRules(settings.limits),
    // graphql-js's own parser counts tokens and stops at the limit, before a document is built.
    parseOptions: { maxTokens: settings.limits.maxTokens },
    // One operation per HTTP request: a batch is refused as a whole (400) before any of it runs.
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    // "Did you mean …?" would give the schema away with introspection off.
    hideSchemaDetailsFromClientErrors: true,
    status400ForVariableCoercionErrors: true,
    formatError: (formatted: GraphQLFormattedError): GraphQLFormattedError => formatGatewayError(formatted),
    plugins: [auditorMutationsPlugin<T>(), hiddenErrorsPlugin<T>(logger)],
  } satisfies Partial<ApolloServerOptions<T>>;
}
