import http from 'node:http';
import { pipeline } from 'node:stream/promises';
import { Request, Response } from 'express';
import { Claims, CLAIMS_HEADER } from '@iso27001/authz';
import { Logger } from '@iso27001/platform';
import { GrantRefused } from '../auditor/auditor-grants';
import { AuthenticationError } from '../auth/authenticate';
import { reusedClaimsToken } from '../hardening/claims-tokens';

/** What a streamed route needs of the gateway: its authentication, rate limit and auditor grants. */
export interface StreamedProxyOptions {
  secret: string;
  logger: Logger;
  /** The gateway's own authentication: identity provider tokens, auditor sessions, service accounts. */
  authenticate(authorization: string | undefined): Promise<Claims>;
  /** The per-identity rate limit (false: refused and answered). */
  admit(identity: string, res: Response): Promise<boolean>;
  /** An external auditor's request checked against (and logged under) the grant; others pass unchanged. */
  bindAuditor(claims: Claims, detail: string, requestId: string, chosenGrant: string | undefined): Promise<Claims>;
}

export interface StreamTarget {
  /** The subgraph's origin, or null when it is not configured (503 with `unconfigured`). */
  origin: string | null;
  path: string;
  /** Stream the request body (an upload) rather than send none. */
  withBody: boolean;
  /** Headers passed back to the caller; nothing else (no internal address, no server banner). */
  responseHeaders: readonly string[];
  /** Said when the origin is not configured, and when it cannot be reached. */
  unconfigured: string;
  unreachable: string;
  /** What the log calls a failed stream. */
  logAs: string;
}

export function answer(res: Response, status: number, code: string, message: string): void {
  if (!res.headersSent) res.status(status).json({ code, message });
}

/**
 * The two halves of a route the gateway streams to and from a subgraph (evidence files, the Stage 1 pack, training
 * certificates): `caller` authenticates and rate-limits like `/graphql` and binds an external auditor to the grant
 * (logged as `detail`); `forward` pipes the request and the answer with the caller's signed claims, never buffered.
 */
export function streamedProxy(options: StreamedProxyOptions) {
  const agent = new http.Agent({ keepAlive: true });

  const caller = async (req: Request, res: Response, detail: string, requestId: string): Promise<Claims | null> => {
    let claims: Claims;
    try {
      claims = await options.authenticate(req.header('authorization'));
    } catch (error) {
      if (!(error instanceof AuthenticationError)) throw error;
      if (!(await options.admit(`ip:${req.ip ?? 'unknown'}`, res))) return null;
      options.logger.warn({ access: true, path: req.path, reason: error.message }, 'streamed request refused');
      answer(res, 401, 'UNAUTHENTICATED', error.message);
      return null;
    }
    if (!(await options.admit(`sub:${claims.sub}`, res))) return null;
    try {
      return await options.bindAuditor(claims, detail, requestId, req.header('x-audit-grant') ?? undefined);
    } catch (error) {
      if (!(error instanceof GrantRefused)) throw error;
      options.logger.warn({ access: true, sub: claims.sub, reason: error.message }, 'auditor streamed request refused');
      answer(res, 403, 'AUDIT_GRANT_REFUSED', error.message);
      return null;
    }
  };

  const forward = async (req: Request, res: Response, claims: Claims, requestId: string, target: StreamTarget): Promise<void> => {
    if (!target.origin) return answer(res, 503, 'SERVICE_UNAVAILABLE', target.unconfigured);
    const headers: http.OutgoingHttpHeaders = { [CLAIMS_HEADER]: await reusedClaimsToken(claims, options.secret), 'x-request-id': requestId };
    for (const name of target.withBody ? ['content-type', 'content-length', 'transfer-encoding'] : ['if-none-match']) {
      const value = req.headers[name];
      if (value !== undefined) headers[name] = value;
    }
    const upstream = http.request(new URL(target.path, target.origin), { method: req.method, headers, agent });
    const answered = new Promise<void>((resolve, reject) => {
      upstream.on('response', (response) => {
        res.status(response.statusCode ?? 502);
        for (const name of target.responseHeaders) {
          const value = response.headers[name];
          if (value !== undefined) res.setHeader(name, value);
        }
        pipeline(response, res).then(resolve, reject);
      });
      upstream.on('error', reject);
    });
    try {
      if (target.withBody) await Promise.all([pipeline(req, upstream), answered]);
      else {
        upstream.end();
        await answered;
      }
    } catch (error) {
      options.logger.warn({ err: error, requestId, path: req.path }, `${target.logAs} stream failed`);
      upstream.destroy();
      // The internal address and the upstream error stay in the log; the caller learns only that the service failed.
      if (!res.headersSent) answer(res, 503, 'SERVICE_UNAVAILABLE', target.unreachable);
      else res.destroy();
    }
  };

  return { caller, forward };
}
