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

/**
 * Arguments refused before the resolver ran (libs/platform/src/graphql/input-guard.rules.ts): each names its place in
 * the arguments (`filter.ownerId`) and what is wrong with it. Answered like input validation: VALIDATION_FAILED.
 */
export class InvalidInputError extends Error {
  constructor(readonly fields: { field: string; problems: string[] }[]) {
    super(describeFields(fields));
    this.name = 'InvalidInputError';
  }
}

function describeFields(fields: { field: string; problems: string[] }[]): string {
  return `invalid input: ${fields.map((f) => `${f.field}: ${f.problems.join(', ')}`).join('; ')}`;
}

/*
 * PostgreSQL's class 22 (data exception): a value the database refuses although it passed every check before it
 * (a NUL byte, an id that is no UUID, a date out of range, text longer than its column). The caller's input is at
 * fault, so it is BAD_USER_INPUT, worded without the SQL or the driver's text; it is still logged, as a check is missing.
 */
const DATA_EXCEPTIONS: Record<string, string> = {
  '22P02': 'a value is not in the form its field needs (for example an id that is not a UUID)',
  '22021': 'a text holds a character that cannot be stored (such as a NUL byte)',
  '22001': 'a text is longer than its field allows',
  '22007': 'a date or time is not valid',
  '22008': 'a date or time is out of range',
  '22003': 'a number is out of range',
};

/** The SQLSTATE of a PostgreSQL data exception (class 22) behind the error (TypeORM's or the driver's), if any. */
export function dataExceptionCode(error: unknown): string | null {
  let current: unknown = error;
  for (let depth = 0; current && typeof current === 'object' && depth < 5; depth += 1) {
    const { code, severity } = current as { code?: unknown; severity?: unknown };
    // `severity` is set by PostgreSQL's protocol messages only, so a Node error code that looks alike is not taken.
    if (typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code) && typeof severity === 'string') return code;
    current = (current as { driverError?: unknown }).driverError ?? (current as { cause?: unknown }).cause;
  }
  return null;
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
  const fields = original instanceof InvalidInputError ? original.fields : validation ? flattenValidation(validation) : null;
  if (fields) {
    return { message: describeFields(fields), path: formatted.path, extensions: { code: 'VALIDATION_FAILED', category: 'BAD_USER_INPUT', fields } };
  }
  const dataException = dataExceptionCode(original);
  if (dataException) {
    return {
      message: `invalid input: ${DATA_EXCEPTIONS[dataException] ?? 'a value is not valid for its field'}`,
      path: formatted.path,
      extensions: { code: 'BAD_USER_INPUT', category: 'BAD_USER_INPUT' },
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
    const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
    if (code === 'INTERNAL_SERVER_ERROR' || code === 'SERVICE_UNAVAILABLE') {
      logger.error({ err: original, path: formatted.path }, code === 'SERVICE_UNAVAILABLE' ? 'request refused: the database is unavailable' : 'unexpected error in a resolver');
    } else if (dataExceptionCode(original)) {
      logger.error({ err: original, path: formatted.path }, 'the database refused a value the input checks let through (answered as BAD_USER_INPUT): a check is missing');
    }
    return result;
  };
}
