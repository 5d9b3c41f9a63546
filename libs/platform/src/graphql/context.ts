import { randomUUID } from 'node:crypto';
import { Access, Claims, ClientOrigin } from '@iso27001/authz';
import { EventContext } from '../events/outbox';

/** What every resolver receives: the verified caller and the request's correlation id. */
export interface RequestContext {
  /**
   * The verified caller with their access folded in: the token's roles plus those of their role assignments, and
   * the units they reach (sub-units included). Role gates and unit checks read these.
   */
  claims: Claims;
  /** What the caller reaches, resolved once per request (libs/authz `coversUnit`, `coversRecord`, `scopeFilter`). */
  access: Access;
  requestId: string;
  /** Where the request came from, as the gateway saw it (both null when the gateway did not say). */
  client: ClientOrigin;
  /** Per-request cache of DataLoaders, created on first use (see `loader`). */
  loaders: Map<string, unknown>;
}

export function eventContext(context: RequestContext): EventContext {
  return { organisationId: context.claims.organisationId, actor: context.claims.sub, correlationId: context.requestId };
}

export function newRequestId(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && /^[A-Za-z0-9._-]{8,128}$/.test(value) ? value : randomUUID();
}

/** One DataLoader per request and name, so references are batched and never cached across callers. */
export function loader<T>(context: RequestContext, name: string, create: () => T): T {
  let existing = context.loaders.get(name) as T | undefined;
  if (!existing) {
    existing = create();
    context.loaders.set(name, existing);
  }
  return existing;
}

/** How a service resolves a request's caller into their access (from the role assignments it holds). */
export interface AccessResolver {
  resolve(claims: Claims): Promise<Access>;
}
