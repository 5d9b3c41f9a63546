import { GraphQLFormattedError } from 'graphql';

/** Categories of the subgraphs' domain errors (libs/platform/src/graphql/errors.ts): such errors reach the caller as they are. */
const DOMAIN_CATEGORIES = new Set(['BAD_USER_INPUT', 'NOT_FOUND', 'CONFLICT', 'FORBIDDEN']);

/** Codes whose message is written for the caller: the gateway's and Apollo's own, and the subgraphs' platform codes. */
const CALLER_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'RATE_LIMITED',
  'SERVICE_UNAVAILABLE',
  'VALIDATION_FAILED',
]);

/** The extensions a caller may see; everything else (stacktrace, the upstream response, serviceName, …) is dropped. */
const CALLER_EXTENSIONS = ['code', 'category', 'details', 'fields', 'retryable', 'limit', 'max', 'found', 'retryAfterSeconds'] as const;

/** Addresses of the platform's own processes, should one slip into a message (fetch errors name the URL they tried). */
const INTERNAL_ADDRESS = /\b(?:https?:\/\/)?(?:127(?:\.\d{1,3}){3}|localhost|10(?:\.\d{1,3}){3}|192\.168(?:\.\d{1,3}){2}|172\.(?:1[6-9]|2\d|3[01])(?:\.\d{1,3}){2}|\[?::1\]?)(?::\d+)?(?:\/[^\s"']*)?/gi;

export const INTERNAL_ERROR_MESSAGE = 'internal error';

function isCallerError(formatted: GraphQLFormattedError): boolean {
  const code = formatted.extensions?.['code'];
  const category = formatted.extensions?.['category'];
  return (typeof category === 'string' && DOMAIN_CATEGORIES.has(category)) || (typeof code === 'string' && CALLER_CODES.has(code));
}

/**
 * The gateway's formatError. Errors meant for the caller (validation, authentication and authorization, limits, the
 * subgraphs' coded domain errors with their category, details and fields) keep their message and those extensions;
 * anything else becomes "internal error" (the request id is added by the response plugin, the original is logged).
 * Whatever passes loses stack traces, upstream responses and internal addresses.
 */
export function formatGatewayError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const result: { message: string; locations?: GraphQLFormattedError['locations']; path?: GraphQLFormattedError['path']; extensions: Record<string, unknown> } = {
    message: INTERNAL_ERROR_MESSAGE,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
  if (formatted.locations) result.locations = formatted.locations;
  if (formatted.path) result.path = formatted.path;
  if (!isCallerError(formatted)) return result;
  result.message = formatted.message.replace(INTERNAL_ADDRESS, '[internal address]');
  result.extensions = {};
  // graphql-js's parser: "Syntax Error: Document contains more that 2000 tokens. Parsing aborted."
  const tokens = /Document contains more that (\d+) tokens/.exec(formatted.message);
  if (tokens) {
    result.message = `the document has more than ${tokens[1]} tokens; the limit is ${tokens[1]} (MAX_TOKENS)`;
    result.extensions['limit'] = 'MAX_TOKENS';
    result.extensions['max'] = Number(tokens[1]);
  }
  for (const key of CALLER_EXTENSIONS) {
    const value = formatted.extensions?.[key];
    if (value !== undefined) result.extensions[key] = value;
  }
  return result;
}

/** True when formatGatewayError hid the error: it is logged with the original and answered with a request id. */
export function isHiddenError(formatted: GraphQLFormattedError): boolean {
  return formatted.extensions?.['code'] === 'INTERNAL_SERVER_ERROR';
}
