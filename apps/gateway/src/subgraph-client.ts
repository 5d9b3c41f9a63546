import http from 'node:http';
import https from 'node:https';
import { urlToHttpOptions } from 'node:url';
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import type { Fetcher, FetcherRequestInit, FetcherResponse } from '@apollo/utils.fetcher';
import { GraphQLError } from 'graphql';
import { Claims, CLAIMS_HEADER, ClientOrigin, clientOriginHeaders } from '@iso27001/authz';
import { reusedClaimsToken } from './hardening/claims-tokens';
import { subgraphHttpError, subgraphUnavailable } from './hardening/subgraph-errors';

export interface GatewayContext {
  claims: Claims;
  requestId: string;
  /** The caller's claims signed for the subgraphs: once per request, whatever the number of subgraph fetches. */
  claimsToken?: Promise<string>;
  /** Where the request came from, as the gateway saw it (records such as policy acknowledgements keep it). */
  client?: ClientOrigin;
}

/** Connections to the subgraphs are kept open between requests; this many at most per subgraph. */
const MAX_SOCKETS = 256;

class BufferedResponse implements FetcherResponse {
  bodyUsed = false;
  readonly redirected = false;

  constructor(
    readonly url: string,
    readonly status: number,
    readonly statusText: string,
    readonly headers: Headers,
    private readonly body: Buffer,
  ) {}

  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }

  async text(): Promise<string> {
    this.bodyUsed = true;
    return this.body.toString('utf8');
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    this.bodyUsed = true;
    return new Uint8Array(this.body).buffer;
  }

  clone(): FetcherResponse {
    return new BufferedResponse(this.url, this.status, this.statusText, this.headers, this.body);
  }
}

/**
 * The gateway's HTTP client for its subgraphs: node:http with keep-alive agents. Node's fetch costs about a tenth of
 * a millisecond more per request here (WHATWG streams, URL and header objects), paid on every subgraph fetch of
 * every operation; the query plan's requests are small JSON POSTs whose answers are read whole anyway.
 */
export function keepAliveFetcher(): Fetcher & { close(): void } {
  const agents = {
    'http:': new http.Agent({ keepAlive: true, maxSockets: MAX_SOCKETS }),
    'https:': new https.Agent({ keepAlive: true, maxSockets: MAX_SOCKETS }),
  };
  // The few subgraph addresses, parsed once rather than on every fetch.
  const targets = new Map<string, { client: typeof http | typeof https; options: http.RequestOptions }>();
  const targetOf = (url: string) => {
    let target = targets.get(url);
    if (!target) {
      const parsed = new URL(url);
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error(`unsupported protocol ${parsed.protocol}`);
      const options = { ...urlToHttpOptions(parsed), agent: agents[parsed.protocol] };
      target = { client: parsed.protocol === 'https:' ? https : http, options };
      if (targets.size < 100) targets.set(url, target);
    }
    return target;
  };
  const fetcher = (url: string, init: FetcherRequestInit = {}): Promise<FetcherResponse> =>
    new Promise((resolve, reject) => {
      const { client, options } = targetOf(url);
      const body = init.body === undefined ? undefined : typeof init.body === 'string' ? Buffer.from(init.body, 'utf8') : init.body;
      const request = client.request(
        {
          ...options,
          method: init.method ?? 'GET',
          headers: { ...init.headers, ...(body ? { 'content-length': String(body.length) } : {}) },
          signal: init.signal as AbortSignal | undefined,
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () => {
            const headers = new Headers();
            for (const [name, value] of Object.entries(response.headers)) {
              for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, one);
            }
            resolve(new BufferedResponse(url, response.statusCode ?? 0, response.statusMessage ?? '', headers, Buffer.concat(chunks)));
          });
        },
      );
      request.on('error', reject);
      request.end(body);
    });
  return Object.assign(fetcher, {
    close: () => {
      agents['http:'].destroy();
      agents['https:'].destroy();
    },
  });
}

export type SubgraphFetcher = ReturnType<typeof keepAliveFetcher>;

/**
 * One subgraph as the query plan's fetches reach it: a JSON POST with the caller's verified claims signed for the
 * subgraphs and the request id, nothing else of the incoming request. What RemoteGraphQLDataSource would add costs a
 * tenth of a millisecond per fetch here (a node-fetch Request and Headers built per fetch and never used) and is not
 * wanted: no automatic persisted queries, no subgraph address or body in an error. The subgraph's Cache-Control
 * still bounds the response's, as there.
 */
export class SubgraphDataSource implements GraphQLDataSource<GatewayContext> {
  constructor(
    private readonly url: string,
    private readonly secret: string,
    private readonly service: string,
    private readonly fetcher: SubgraphFetcher,
  ) {}

  async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const context = options.context as Partial<GatewayContext>;
    const claims = context.claims;
    if (!claims) throw new GraphQLError('no verified caller for a subgraph request', { extensions: { code: 'UNAUTHENTICATED' } });
    context.claimsToken ??= reusedClaimsToken(claims, this.secret);
    const headers: Record<string, string> = { 'content-type': 'application/json', [CLAIMS_HEADER]: await context.claimsToken };
    if (context.requestId) headers['x-request-id'] = context.requestId;
    Object.assign(headers, clientOriginHeaders(context.client));
    // Federated tracing, when the query plan asks for it, is the only header of the gateway's own that is passed on.
    const trace = options.request.http?.headers.get('apollo-federation-include-trace');
    if (trace) headers['apollo-federation-include-trace'] = trace;
    const { query, variables, operationName, extensions } = options.request;
    if (!query) throw new Error('Missing query');
    let response: FetcherResponse;
    try {
      response = await this.fetcher(this.url, { method: 'POST', headers, body: JSON.stringify({ query, variables, operationName, extensions }) });
    } catch {
      // Refused, reset or timed out: SERVICE_UNAVAILABLE, without the address that was tried.
      throw subgraphUnavailable(this.service);
    }
    const body = await this.parseBody(response);
    // A non-2xx answer: the subgraph's own coded error, never its address or body.
    if (!response.ok) throw subgraphHttpError(this.service, response.status, body);
    // A 2xx answer that is no GraphQL response: as unreachable as a subgraph that did not answer.
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw subgraphUnavailable(this.service);
    this.restrictCachePolicy(options, response.headers.get('cache-control'));
    return { ...(body as GatewayGraphQLResponse), http: { headers: response.headers as never } };
  }

  private async parseBody(response: FetcherResponse): Promise<unknown> {
    const type = response.headers.get('content-type') ?? '';
    const text = await response.text();
    if (!type.startsWith('application/json') && !type.startsWith('application/graphql-response+json')) return text;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return null;
    }
  }

  /** As RemoteGraphQLDataSource does: the response is cacheable no longer, and no more publicly, than the subgraph says. */
  private restrictCachePolicy(options: GraphQLDataSourceProcessOptions<GatewayContext>, header: string | null): void {
    const policy = 'incomingRequestContext' in options ? options.incomingRequestContext.overallCachePolicy : undefined;
    if (!policy || !('restrict' in policy)) return;
    const directives = new Map((header ?? '').split(',').map((part) => part.trim().split(/\s*=\s*/, 2) as [string, string | undefined]));
    const maxAge = directives.get('max-age')?.replace(/^"|"$/g, '');
    policy.restrict({
      maxAge: maxAge && /^[0-9]+$/.test(maxAge) ? Number(maxAge) : 0,
      ...(directives.has('private') ? { scope: 'PRIVATE' as never } : directives.has('public') ? { scope: 'PUBLIC' as never } : {}),
    });
  }
}
