import { CombinedGraphQLErrors, ServerError } from '@apollo/client';
import { gatewayUrl } from './gateway';

/** An error answered by the gateway (non-2xx); `message` is the server's own `{ error }` text when it sent one. */
export class GatewayHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'GatewayHttpError';
  }
}

/** Reads the `{ error: string }` body the gateway sends with failures; falls back to the raw text or status. */
export function messageFromErrorBody(status: number, statusText: string, bodyText: string): string {
  try {
    const body: unknown = JSON.parse(bodyText);
    if (body && typeof body === 'object' && 'error' in body && typeof body.error === 'string' && body.error) {
      return body.error;
    }
  } catch {
    // not JSON: fall through
  }
  const text = bodyText.trim();
  if (text && text.length <= 300 && !text.startsWith('<')) return text;
  return `${status} ${statusText}`.trim();
}

/** fetch() JSON from the gateway; throws GatewayHttpError with the server's message, or a clear network error. */
export async function fetchGatewayJson<T>(path: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${gatewayUrl}${path}`, init);
  } catch {
    throw new Error('The portal could not reach the platform. Check your connection and try again.');
  }
  const bodyText = await response.text();
  if (!response.ok) {
    throw new GatewayHttpError(response.status, messageFromErrorBody(response.status, response.statusText, bodyText));
  }
  try {
    return JSON.parse(bodyText) as T;
  } catch {
    throw new Error(`The platform answered ${path} with something that is not JSON.`);
  }
}

export interface DescribedError {
  /** One sentence a person can act on. */
  summary: string;
  /** The server's own messages (deduplicated), when they add something. */
  details: string[];
  /** True when the gateway refused the token: the person should sign in again. */
  unauthenticated: boolean;
  /** True when trying again later may work (a service is briefly unavailable). */
  retryable: boolean;
}

interface GraphQLErrorLike {
  message: string;
  extensions?: Record<string, unknown> | undefined;
}

function categoryOf(error: GraphQLErrorLike): string {
  const category = error.extensions?.['category'] ?? error.extensions?.['code'];
  return typeof category === 'string' ? category : 'INTERNAL_SERVER_ERROR';
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/** The GraphQL errors of a refused HTTP answer's body (e.g. an audit grant the gateway refused), if it has any. */
function bodyErrors(bodyText: string): GraphQLErrorLike[] | null {
  try {
    const body = JSON.parse(bodyText) as { errors?: unknown };
    if (!Array.isArray(body.errors)) return null;
    const errors = body.errors.filter((e): e is GraphQLErrorLike => typeof e === 'object' && e !== null && typeof (e as GraphQLErrorLike).message === 'string');
    return errors.length > 0 ? errors : null;
  } catch {
    return null;
  }
}

/** What the errors of one GraphQL answer mean for the person, worst first. */
function describeGraphQLErrors(errors: readonly GraphQLErrorLike[]): DescribedError {
  const categories = new Set(errors.map(categoryOf));
  const messages = unique(errors.map((e) => e.message).filter((m) => m && m !== 'internal error'));
  if (categories.has('UNAUTHENTICATED')) {
    return { summary: 'Your session has ended. Sign in again to go on.', details: [], unauthenticated: true, retryable: false };
  }
  // A rule with its own code (SELF_APPROVAL, OUT_OF_SCOPE, …) explains itself; a bare FORBIDDEN is the role check.
  const ruleRefusal = errors.find((e) => categoryOf(e) === 'FORBIDDEN' && e.extensions?.['code'] !== 'FORBIDDEN' && e.message);
  if (ruleRefusal) {
    return { summary: ruleRefusal.message, details: [], unauthenticated: false, retryable: false };
  }
  if (categories.has('FORBIDDEN')) {
    return {
      summary: 'Your role may not see or change this. If you need it, ask your ISMS manager for access.',
      details: [],
      unauthenticated: false,
      retryable: false,
    };
  }
  if (categories.has('SERVICE_UNAVAILABLE')) {
    return {
      summary: 'Part of the platform is briefly unavailable. Nothing was lost; try again in a moment.',
      details: [],
      unauthenticated: false,
      retryable: true,
    };
  }
  if (categories.has('BAD_USER_INPUT') || categories.has('VALIDATION_FAILED') || categories.has('CONFLICT') || categories.has('NOT_FOUND')) {
    return { summary: messages[0] ?? 'The request was refused.', details: messages.slice(1), unauthenticated: false, retryable: false };
  }
  return {
    summary: 'Something went wrong on the platform. Try again; if it keeps happening, tell your administrator.',
    details: [],
    unauthenticated: false,
    retryable: true,
  };
}

/** Turns whatever Apollo or fetch threw into something a person can read and act on. */
export function describeError(error: unknown): DescribedError {
  if (CombinedGraphQLErrors.is(error)) return describeGraphQLErrors(error.errors);
  if (ServerError.is(error)) {
    if (error.statusCode === 401) return describeGraphQLErrors([{ message: '', extensions: { code: 'UNAUTHENTICATED' } }]);
    if (error.statusCode === 403) return describeGraphQLErrors(bodyErrors(error.bodyText) ?? [{ message: '', extensions: { code: 'FORBIDDEN' } }]);
    if (error.statusCode === 429) {
      return { summary: 'Too many requests in a short time. Wait a moment, then try again.', details: [], unauthenticated: false, retryable: true };
    }
    return describeGraphQLErrors([{ message: messageFromErrorBody(error.statusCode, error.response.statusText, error.bodyText) }]);
  }
  if (error instanceof GatewayHttpError) {
    return { summary: error.message, details: [], unauthenticated: error.status === 401, retryable: error.status >= 500 };
  }
  if (error instanceof TypeError && /fetch/i.test(error.message)) {
    return {
      summary: 'The portal could not reach the platform. Check your connection and try again.',
      details: [],
      unauthenticated: false,
      retryable: true,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { summary: message || 'Something went wrong.', details: [], unauthenticated: false, retryable: false };
}

/**
 * Field messages from a refused mutation, keyed by the input field they concern ("title", "reasons", …): input
 * validation lists `extensions.fields`, a domain error may name `extensions.details.field`. The last path segment is
 * the key, so `input.title` and `title` both land on the form's `title`.
 */
export function serverFieldErrors(error: unknown): Record<string, string> {
  if (!CombinedGraphQLErrors.is(error)) return {};
  const result: Record<string, string> = {};
  for (const e of error.errors) {
    const fields = e.extensions?.['fields'];
    if (Array.isArray(fields)) {
      for (const entry of fields as { field?: unknown; problems?: unknown }[]) {
        if (typeof entry.field !== 'string') continue;
        const key = entry.field.split('.').pop() ?? entry.field;
        const problems = Array.isArray(entry.problems) ? entry.problems.filter((p): p is string => typeof p === 'string') : [];
        result[key] = problems.join('; ') || e.message;
      }
    }
    const details = e.extensions?.['details'];
    if (details && typeof details === 'object' && typeof (details as { field?: unknown }).field === 'string') {
      const field = (details as { field: string }).field;
      result[field.split('.').pop() ?? field] = e.message;
    }
  }
  return result;
}
