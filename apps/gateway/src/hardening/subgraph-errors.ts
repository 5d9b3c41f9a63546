import { GraphQLError } from 'graphql';

interface SubgraphErrorBody {
  errors?: { message?: unknown; extensions?: Record<string, unknown> }[];
}

/** Codes a subgraph answers with a non-2xx status whose message is written for the caller (a refused variable, …). */
const CALLER_CODES = new Set(['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN', 'SERVICE_UNAVAILABLE']);

/**
 * A subgraph answered with a non-2xx status. Its own coded error (say BAD_USER_INPUT for a variable its scalar
 * refuses) goes to the caller with its message and extensions; anything else becomes an error without the subgraph's
 * address or body (RemoteGraphQLDataSource would put both in `extensions.response`).
 */
export function subgraphHttpError(service: string, status: number, body: unknown): GraphQLError {
  const first = (body as SubgraphErrorBody | null)?.errors?.[0];
  const code = first?.extensions?.['code'];
  if (first && typeof first.message === 'string' && typeof code === 'string' && (CALLER_CODES.has(code) || typeof first.extensions?.['category'] === 'string')) {
    return new GraphQLError(first.message, { extensions: { ...first.extensions } });
  }
  if (status === 503) return subgraphUnavailable(service);
  return new GraphQLError(`the ${service} service could not answer (HTTP ${status})`, { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
}

/** The subgraph could not be reached at all (connection refused, reset, timed out). */
export function subgraphUnavailable(service: string): GraphQLError {
  return new GraphQLError(`the ${service} service is unavailable right now; the call may be retried`, {
    extensions: { code: 'SERVICE_UNAVAILABLE', retryable: true },
  });
}
