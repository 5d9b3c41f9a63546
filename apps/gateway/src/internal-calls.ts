import { CLAIMS_HEADER, signInternalToken } from '@iso27001/authz';

/** The URL of a subgraph: the gateway's override, or the one the supergraph names. */
export function subgraphOrigin(supergraphSdl: string, overrides: Record<string, string>, name: string): string | null {
  const url = overrides[name] ?? new RegExp(`@join__graph\\(name: "${name}", url: "([^"]+)"\\)`).exec(supergraphSdl)?.[1];
  return url ? new URL(url).origin : null;
}

/** Why an internal call could not be made at all: the subgraph is not configured, or did not answer. */
export type InternalCallFailure = 'not-configured' | 'unreachable';

/**
 * A POST to a subgraph's `/internal` endpoints with the gateway's internal token (libs/authz): the status and the JSON
 * body (empty when it is none), or why no answer came. Each caller words the failure for its own caller.
 */
export async function postInternal<T>(
  origin: string | null,
  secret: string,
  path: string,
  body: unknown,
): Promise<{ status: number; body: T & { error?: string } } | { failed: InternalCallFailure }> {
  if (!origin) return { failed: 'not-configured' };
  let response: Response;
  try {
    response = await fetch(`${origin}/internal${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CLAIMS_HEADER]: await signInternalToken(secret) },
      body: JSON.stringify(body),
    });
  } catch {
    return { failed: 'unreachable' };
  }
  return { status: response.status, body: (await response.json().catch(() => ({}))) as T & { error?: string } };
}
