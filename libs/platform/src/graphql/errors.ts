import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { isDatabaseUnavailable } from '../database/availability';

/** How a domain error reaches the caller; the gateway and the portal rely on `extensions.category`. */
export type ErrorCategory = 'BAD_USER_INPUT' | 'NOT_FOUND' | 'CONFLICT' | 'FORBIDDEN';

export class DomainError<TCode extends string = string> extends Error {
  constructor(
    readonly code: TCode,
    readonly category: ErrorCategory,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/** Every code defined in this process, with its category: callers branch on the code, so it means one thing. */
const registry = new Map<string, ErrorCategory>();

/** The codes defined so far and their categories (for tests that load every module's table). */
export function definedErrorCodes(): ReadonlyMap<string, ErrorCategory> {
  return registry;
}

/**
 * A module's error codes, each mapped to its category in one exhaustive table. `errors.raise(code, message)`
 * builds the error, so a code without a category does not compile. A code another table already gave a different
 * category is refused when the module loads: the same code never reaches a caller under two categories.
 */
export function defineErrors<TCode extends string>(table: Record<TCode, ErrorCategory>) {
  for (const [code, category] of Object.entries(table) as [TCode, ErrorCategory][]) {
    const existing = registry.get(code);
    if (existing && existing !== category) {
      throw new Error(`error code ${code} is already defined as ${existing}; it cannot also be ${category}`);
    }
    registry.set(code, category);
  }
  return {
    codes: Object.keys(table) as TCode[],
    raise(code: TCode, message: string, details?: Record<string, unknown>): DomainError<TCode> {
      return new DomainError(code, table[code], message, details);
    },
  };
}

interface ValidationFailure {
  property: string;
  constraints?: Record<string, string>;
  children?: ValidationFailure[];
}

function flattenValidation(errors: ValidationFailure[], path = ''): { field: string; problems: string[] }[] {
  return errors.flatMap((error) => {
    const field = path ? `${path}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, problems: Object.values(error.constraints) }] : [];
    return [...own, ...flattenValidation(error.children ?? [], field)];
  });
}

/** Apollo's formatError: domain errors and input validation become clear, coded errors; nothing else leaks. */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? error.originalError : error;
  if (original instanceof DomainError) {
    return {
      message: original.message,
      path: formatted.path,
      extensions: { code: original.code, category: original.category, ...(original.details ? { details: original.details } : {}) },
    };
  }
  const validation = (original as { extensions?: { validationErrors?: ValidationFailure[] } } | undefined)?.extensions?.validationErrors;
  if (validation) {
    const fields = flattenValidation(validation);
    return {
      message: `invalid input: ${fields.map((f) => `${f.field}: ${f.problems.join(', ')}`).join('; ')}`,
      path: formatted.path,
      extensions: { code: 'VALIDATION_FAILED', category: 'BAD_USER_INPUT', fields },
    };
  }
  const code = formatted.extensions?.['code'];
  if (code === 'UNAUTHORIZED' || code === 'FORBIDDEN' || (original as Error | undefined)?.name === 'ForbiddenError' || (original as Error | undefined)?.name === 'UnauthorizedError') {
    return { message: formatted.message, path: formatted.path, extensions: { code: 'FORBIDDEN', category: 'FORBIDDEN' } };
  }
  if (code === 'GRAPHQL_VALIDATION_FAILED' || code === 'BAD_USER_INPUT' || code === 'GRAPHQL_PARSE_FAILED') {
    return formatted;
  }
  if (isDatabaseUnavailable(original)) {
    return {
      message: 'the service is unavailable: its database cannot be reached right now; the call may be retried',
      path: formatted.path,
      extensions: { code: 'SERVICE_UNAVAILABLE', retryable: true },
    };
  }
  return { message: 'internal error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

/** formatError that also logs what it hides from the caller: an unexpected error is never silent. */
export function loggingFormatError(logger: { error(fields: object, message: string): void }) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const result = formatError(formatted, error);
    const code = result.extensions?.['code'];
    if (code === 'INTERNAL_SERVER_ERROR' || code === 'SERVICE_UNAVAILABLE') {
      const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
      logger.error({ err: original, path: formatted.path }, code === 'SERVICE_UNAVAILABLE' ? 'request refused: the database is unavailable' : 'unexpected error in a resolver');
    }
    return result;
  };
}
