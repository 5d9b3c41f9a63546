import http from 'node:http';
import { pipeline } from 'node:stream/promises';
import express, { Request, Response, Router } from 'express';
import { Claims, CLAIMS_HEADER } from '@iso27001/authz';
import { Logger, newRequestId } from '@iso27001/platform';
import { GrantRefused } from '../auditor/auditor-grants';
import { AuthenticationError } from '../auth/authenticate';
import { reusedClaimsToken } from '../hardening/claims-tokens';

export interface TrainingCertificatesProxyOptions {
  /** training-service's origin (`subgraphOrigin(..., 'training')`), or null when it is not configured. */
  origin: string | null;
  secret: string;
  logger: Logger;
  authenticate(authorization: string | undefined): Promise<Claims>;
  admit(identity: string, res: Response): Promise<boolean>;
  /** An external auditor's download checked against (and logged under) the grant; others pass unchanged. */
  bindAuditor(claims: Claims, detail: string, requestId: string, chosenGrant: string | undefined): Promise<Claims>;
}

/** Headers passed back from training-service; nothing else (no internal address, no server banner). */
const RESPONSE_HEADERS = ['content-type', 'content-length', 'content-disposition', 'x-content-type-options', 'cache-control'];

function answer(res: Response, status: number, code: string, message: string): void {
  if (!res.headersSent) res.status(status).json({ code, message });
}

/**
 * `GET /training/certificates/:assignmentId` on the gateway: the completion certificate (PDF), authenticated and
 * rate-limited like `/graphql`, an auditor's download bound to the grant and logged, then streamed from
 * training-service with the caller's signed claims. Who may fetch which certificate is training-service's rule (the
 * person, their unit's owners, programme managers, an auditor within the grant's period).
 */
export function trainingCertificatesProxy(options: TrainingCertificatesProxyOptions): Router {
  const router = express.Router();
  const agent = new http.Agent({ keepAlive: true });

  router.get('/training/certificates/:assignmentId', async (req: Request, res: Response, next) => {
    const requestId = newRequestId(req.headers['x-request-id']);
    const id = String(req.params['assignmentId']).replace(/\.pdf$/, '').slice(0, 100);
    try {
      let claims: Claims;
      try {
        claims = await options.authenticate(req.header('authorization'));
      } catch (error) {
        if (!(error instanceof AuthenticationError)) throw error;
        if (!(await options.admit(`ip:${req.ip ?? 'unknown'}`, res))) return;
        return answer(res, 401, 'UNAUTHENTICATED', error.message);
      }
      if (!(await options.admit(`sub:${claims.sub}`, res))) return;
      try {
        claims = await options.bindAuditor(claims, `download training certificate ${id} (GET /training/certificates/${encodeURIComponent(id)})`, requestId, req.header('x-audit-grant') ?? undefined);
      } catch (error) {
        if (!(error instanceof GrantRefused)) throw error;
        options.logger.warn({ access: true, sub: claims.sub, reason: error.message }, 'auditor certificate request refused');
        return answer(res, 403, 'AUDIT_GRANT_REFUSED', error.message);
      }
      if (!options.origin) return answer(res, 503, 'SERVICE_UNAVAILABLE', 'certificates are not available: training-service is not configured');
      const upstream = http.request(new URL(`/files/training/certificates/${encodeURIComponent(id)}.pdf`, options.origin), {
        method: 'GET',
        headers: { [CLAIMS_HEADER]: await reusedClaimsToken(claims, options.secret), 'x-request-id': requestId },
        agent,
      });
      try {
        await new Promise<void>((resolve, reject) => {
          upstream.on('response', (response) => {
            res.status(response.statusCode ?? 502);
            for (const name of RESPONSE_HEADERS) {
              const value = response.headers[name];
              if (value !== undefined) res.setHeader(name, value);
            }
            pipeline(response, res).then(resolve, reject);
          });
          upstream.on('error', reject);
          upstream.end();
        });
      } catch (error) {
        options.logger.warn({ err: error, requestId, path: req.path }, 'certificate stream failed');
        upstream.destroy();
        if (!res.headersSent) answer(res, 503, 'SERVICE_UNAVAILABLE', 'training-service cannot be reached right now: try again in a moment');
        else res.destroy();
      }
    } catch (error) {
      next(error);
    }
  });

  return router;
}
