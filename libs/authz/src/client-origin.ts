import type { IncomingHttpHeaders } from 'node:http';

/** Where a request came from, as the gateway saw it: the caller's address and user agent. */
export interface ClientOrigin {
  address: string | null;
  userAgent: string | null;
}

/** Headers the gateway sets on subgraph requests; subgraphs read them only from a request carrying valid claims. */
export const CLIENT_ADDRESS_HEADER = 'x-iso-client-address';
export const CLIENT_AGENT_HEADER = 'x-iso-client-agent';

/** The longest user agent kept (browsers send about 150 characters; the rest is noise or an attack on the store). */
export const USER_AGENT_MAX = 512;

/** Printable text only, bounded: what a record keeps of a header the caller controls. */
function clean(value: string | null | undefined, max: number): string | null {
  if (value == null) return null;
  // eslint-disable-next-line no-control-regex
  const text = value.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim().slice(0, max);
  return text === '' ? null : text;
}

export function clientOriginHeaders(origin: ClientOrigin | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  const address = clean(origin?.address, 64);
  const agent = clean(origin?.userAgent, USER_AGENT_MAX);
  if (address) headers[CLIENT_ADDRESS_HEADER] = address;
  // Header values are Latin-1 on the wire: a user agent outside it is kept URI-encoded.
  if (agent) headers[CLIENT_AGENT_HEADER] = /^[\x20-\x7e]*$/.test(agent) ? agent : encodeURIComponent(agent);
  return headers;
}

export function clientOriginFrom(headers: IncomingHttpHeaders): ClientOrigin {
  const first = (name: string): string | undefined => {
    const value = headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  return { address: clean(first(CLIENT_ADDRESS_HEADER), 64), userAgent: clean(first(CLIENT_AGENT_HEADER), USER_AGENT_MAX) };
}
