import express, { Request, Response, Router } from 'express';
import { Claims } from '@iso27001/authz';
import { newRequestId } from '@iso27001/platform';
import { answer, streamedProxy, StreamedProxyOptions, StreamTarget } from './streamed-proxy';

export interface EvidenceFilesProxyOptions extends StreamedProxyOptions {
  /** evidence-service's origin (`subgraphOrigin(..., 'evidence')`), or null when it is not configured. */
  origin: string | null;
}

/** Headers passed back from evidence-service to the caller; nothing else (no internal address, no server banner). */
const RESPONSE_HEADERS = ['content-type', 'content-length', 'content-disposition', 'etag', 'x-content-type-options', 'content-security-policy', 'cache-control'];

/**
 * `POST /evidence/files`, `GET /evidence/files/:id` and `GET /evidence/stage1-pack/:scopeVersionId.zip` on the gateway: authenticated, rate-limited and (for external
 * auditors) bound to the grant and written to the engagement's access log like `/graphql`, then streamed to and from
 * evidence-service with the signed claims. Neither direction is buffered: the request body and the file are piped.
 */
export function evidenceFilesProxy(options: EvidenceFilesProxyOptions): Router {
  const router = express.Router();
  const proxy = streamedProxy(options);
  const target = (path: string, withBody: boolean): StreamTarget => ({
    origin: options.origin,
    path,
    withBody,
    responseHeaders: RESPONSE_HEADERS,
    unconfigured: 'evidence files are not available: evidence-service is not configured',
    unreachable: 'evidence-service cannot be reached right now: try again in a moment',
    logAs: 'evidence file',
  });
  const caller = (req: Request, res: Response, detail: string) => proxy.caller(req, res, detail, res.locals['requestId'] as string);
  const forward = (req: Request, res: Response, claims: Claims, path: string, withBody: boolean) =>
    proxy.forward(req, res, claims, res.locals['requestId'] as string, target(path, withBody));

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
