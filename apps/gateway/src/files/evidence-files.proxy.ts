import http from 'node:http';
import { pipeline } from 'node:stream/promises';
import express, { Request, Response, Router } from 'express';
import { Claims, CLAIMS_HEADER } from '@iso27001/authz';
import { Logger, newRequestId } from '@iso27001/platform';
import { GrantRefused } from '../auditor/auditor-grants';
import { AuthenticationError } from '../auth/authenticate';
import { reusedClaimsToken } from '../hardening/claims-tokens';

export interface EvidenceFilesProxyOptions {
  /** evidence-service's origin (`subgraphOrigin(..., 'evidence')`), or null when it is not configured. */
  origin: string | null;
  secret: string;
  logger: Logger;
  /** The gateway's own authentication: identity provider tokens, auditor sessions, service accounts. */
  authenticate(authorization: string | undefined): Promise<Claims>;
  /** The per-identity rate limit (false: refused and answered). */
  admit(identity: string, res: Response): Promise<boolean>;
  /** An external auditor's request checked against (and logged under) the grant; others pass unchanged. */
  bindAuditor(claims: Claims, detail: string, requestId: string, chosenGrant: string | undefined): Promise<Claims>;
}

/** Headers passed back from evidence-service to the caller; nothing else (no internal address, no server banner). */
const RESPONSE_HEADERS = ['content-type', 'content-length', 'content-disposition', 'etag', 'x-content-type-options', 'content-security-policy', 'cache-control'];

function answer(res: Response, status: number, code: string, message: string): void {
  if (!res.headersSent) res.status(status).json({ code, message });
}

/**
 * `POST /evidence/files`, `GET /evidence/files/:id` and `GET /evidence/stage1-pack/:scopeVersionId.zip` on the gateway: authenticated, rate-limited and (for external
 * auditors) bound to the grant and written to the engagement's access log like `/graphql`, then streamed to and from
 * evidence-service with the signed claims. Neither direction is buffered: the request body and the file are piped.
 */
export function evidenceFilesProxy(options: EvidenceFilesProxyOptions): Router {
  const router = express.Router();
  const agent = new http.Agent({ keepAlive: true });

  const caller = async (req: Request, res: Response, detail: string): Promise<Claims | null> => {
    const requestId = res.locals['requestId'] as string;
    let claims: Claims;
    try {
      claims = await options.authenticate(req.header('authorization'));
    } catch (error) {
      if (!(error instanceof AuthenticationError)) throw error;
      if (!(await options.admit(`ip:${req.ip ?? 'unknown'}`, res))) return null;
      options.logger.warn({ access: true, path: req.path, reason: error.message }, 'file request refused');
      answer(res, 401, 'UNAUTHENTICATED', error.message);
      return null;
    }
    if (!(await options.admit(`sub:${claims.sub}`, res))) return null;
    try {
      return await options.bindAuditor(claims, detail, requestId, req.header('x-audit-grant') ?? undefined);
    } catch (error) {
      if (!(error instanceof GrantRefused)) throw error;
      options.logger.warn({ access: true, sub: claims.sub, reason: error.message }, 'auditor file request refused');
      answer(res, 403, 'AUDIT_GRANT_REFUSED', error.message);
      return null;
    }
  };

  const forward = async (req: Request, res: Response, claims: Claims, path: string, withBody: boolean): Promise<void> => {
    const requestId = res.locals['requestId'] as string;
    if (!options.origin) return answer(res, 503, 'SERVICE_UNAVAILABLE', 'evidence files are not available: evidence-service is not configured');
    const headers: http.OutgoingHttpHeaders = { [CLAIMS_HEADER]: await reusedClaimsToken(claims, options.secret), 'x-request-id': requestId };
    for (const name of withBody ? ['content-type', 'content-length', 'transfer-encoding'] : ['if-none-match']) {
      const value = req.headers[name];
      if (value !== undefined) headers[name] = value;
    }
    const upstream = http.request(new URL(path, options.origin), { method: req.method, headers, agent });
    const answered = new Promise<void>((resolve, reject) => {
      upstream.on('response', (response) => {
        res.status(response.statusCode ?? 502);
        for (const name of RESPONSE_HEADERS) {
          const value = response.headers[name];
          if (value !== undefined) res.setHeader(name, value);
        }
        pipeline(response, res).then(resolve, reject);
      });
      upstream.on('error', reject);
    });
    try {
      if (withBody) await Promise.all([pipeline(req, upstream), answered]);
      else {
        upstream.end();
        await answered;
      }
    } catch (error) {
      options.logger.warn({ err: error, requestId, path: req.path }, 'evidence file stream failed');
      upstream.destroy();
      // The internal address and the upstream error stay in the log; the caller learns only that the service failed.
      if (!res.headersSent) answer(res, 503, 'SERVICE_UNAVAILABLE', 'evidence-service cannot be reached right now: try again in a moment');
      else res.destroy();
    }
  };

  router.use(['/evidence/files', '/evidence/stage1-pack'], (req, res, next) => {
    res.locals['requestId'] = newRequestId(req.headers['x-request-id']);
    next();
  });

  router.post('/evidence/files', async (req, res, next) => {
    try {
      const claims = await caller(req, res, 'upload evidence file (POST /evidence/files)');
      if (claims) await forward(req, res, claims, '/files/evidence/files', true);
    } catch (error) {
      next(error);
    }
  });

  router.get('/evidence/files/:id', async (req, res, next) => {
    try {
      const id = String(req.params['id']);
      const claims = await caller(req, res, `download evidence file ${id.slice(0, 100)} (GET /evidence/files/${encodeURIComponent(id.slice(0, 100))})`);
      if (claims) await forward(req, res, claims, `/files/evidence/files/${encodeURIComponent(id)}`, false);
    } catch (error) {
      next(error);
    }
  });

  // The Stage 1 document pack as a streamed ZIP (an auditor's download is bound to the grant and logged like a file's).
  router.get('/evidence/stage1-pack/:file', async (req, res, next) => {
    try {
      const file = String(req.params['file']).slice(0, 100);
      const claims = await caller(req, res, `download Stage 1 pack ${file} (GET /evidence/stage1-pack/${encodeURIComponent(file)})`);
      if (claims) await forward(req, res, claims, `/files/evidence/stage1-pack/${encodeURIComponent(file)}`, false);
    } catch (error) {
      next(error);
    }
  });

  router.all('/evidence/files{/*rest}', (_req, res) => {
    answer(res, 405, 'METHOD_NOT_ALLOWED', 'evidence files are uploaded with POST /evidence/files and downloaded with GET /evidence/files/{id}');
  });

  return router;
}
