import { CombinedGraphQLErrors, ServerError } from '@apollo/client';
import { gatewayUrl } from './gateway.config';

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
  if (text && text.length <= 300) return text;
  return `${status} ${statusText}`.trim();
}

/** fetch() JSON from the gateway; throws GatewayHttpError with the server's message, or a clear network error. */
export async function fetchGatewayJson<T>(path: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${gatewayUrl}${path}`, init);
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    throw new Error(`Could not reach the gateway at ${gatewayUrl} (${detail}). Is the platform running?`);
  }
  const bodyText = await response.text();
  if (!response.ok) {
    throw new GatewayHttpError(response.status, messageFromErrorBody(response.status, response.statusText, bodyText));
  }
  try {
    return JSON.parse(bodyText) as T;
  } catch {
    throw new Error(`The gateway answered ${path} with something that is not JSON.`);
  }
}

export interface DescribedError {
  /** Short sentence for the user. */
  summary: string;
  /** Individual messages (GraphQL errors, server body), if any. */
  details: string[];
  /** True when the gateway refused the token: the user should sign in again. */
  unauthenticated: boolean;
}

/** Turns whatever Apollo or fetch threw into something a person can read. */
export function describeError(error: unknown): DescribedError {
  if (CombinedGraphQLErrors.is(error)) {
    const unauthenticated = error.errors.some((e) => e.extensions?.['code'] === 'UNAUTHENTICATED');
    return {
      summary: unauthenticated ? 'Your session is no longer valid.' : 'The gateway reported errors for this request.',
      details: error.errors.map((e) => {
        const code = typeof e.extensions?.['code'] === 'string' ? ` (${e.extensions['code']})` : '';
        return `${e.message}${code}`;
      }),
      unauthenticated,
    };
  }
  if (ServerError.is(error)) {
    const message = messageFromErrorBody(error.statusCode, error.response.statusText, error.bodyText);
    const unauthenticated = error.statusCode === 401;
    return {
      summary: unauthenticated
        ? 'Your session is no longer valid.'
        : `The gateway answered with HTTP ${error.statusCode}.`,
      details: [message],
      unauthenticated,
    };
  }
  if (error instanceof GatewayHttpError) {
    return { summary: error.message, details: [], unauthenticated: error.status === 401 };
  }
  if (error instanceof TypeError && /fetch/i.test(error.message)) {
    return {
      summary: `Could not reach the gateway at ${gatewayUrl}. Is the platform running?`,
      details: [error.message],
      unauthenticated: false,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { summary: message || 'Something went wrong.', details: [], unauthenticated: false };
}
