import express, { Request, Response, Router } from 'express';
import { newRequestId } from '@iso27001/platform';
import { streamedProxy, StreamedProxyOptions } from '../files/streamed-proxy';

export interface TrainingCertificatesProxyOptions extends StreamedProxyOptions {
  /** training-service's origin (`subgraphOrigin(..., 'training')`), or null when it is not configured. */
  origin: string | null;
}

/** Headers passed back from training-service; nothing else (no internal address, no server banner). */
const RESPONSE_HEADERS = ['content-type', 'content-length', 'content-disposition', 'x-content-type-options', 'cache-control'];

/**
 * `GET /training/certificates/:assignmentId` on the gateway: the completion certificate (PDF), authenticated and
 * rate-limited like `/graphql`, an auditor's download bound to the grant and logged, then streamed from
 * training-service with the caller's signed claims. Who may fetch which certificate is training-service's rule (the
 * person, their unit's owners, programme managers, an auditor within the grant's period).
 */
export function trainingCertificatesProxy(options: TrainingCertificatesProxyOptions): Router {
  const router = express.Router();
  const { caller, forward } = streamedProxy(options);

  router.get('/training/certificates/:assignmentId', async (req: Request, res: Response, next) => {
    const requestId = newRequestId(req.headers['x-request-id']);
    const id = String(req.params['assignmentId']).replace(/\.pdf$/, '').slice(0, 100);
    try {
      const claims = await caller(req, res, `download training certificate ${id} (GET /training/certificates/${encodeURIComponent(id)})`, requestId);
      if (!claims) return;
      await forward(req, res, claims, requestId, {
        origin: options.origin,
        path: `/files/training/certificates/${encodeURIComponent(id)}.pdf`,
        withBody: false,
        responseHeaders: RESPONSE_HEADERS,
        unconfigured: 'certificates are not available: training-service is not configured',
        unreachable: 'training-service cannot be reached right now: try again in a moment',
        logAs: 'certificate',
      });
    } catch (error) {
      next(error);
    }
  });

  return router;
}
