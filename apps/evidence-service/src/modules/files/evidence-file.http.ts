import express, { NextFunction, Request, Response, Router } from 'express';
import { httpRequestContext, ServiceDeps } from '@iso27001/platform';
import { EvidenceConfig } from '../../config';
import { EvidenceFileError } from './evidence-file.errors';
import { toEvidenceFileJson } from './evidence-file.mapper';
import { attachmentDisposition, servedContentType } from './evidence-file.rules';
import { EvidenceFileService, sweepTemporaryUploads } from './evidence-file.service';
import { fileStoreFor } from './file-store.factory';

/**
 * `POST /evidence/files` (multipart upload, answered 201 with the file's JSON) and `GET /evidence/files/:id` (the bytes,
 * always as an attachment), under the subgraph's `/files` mount: the gateway streams both through to here.
 */
export function evidenceFileRoutes(deps: ServiceDeps<EvidenceConfig>): Router {
  const service = new EvidenceFileService(deps.dataSource, fileStoreFor(deps.config), deps.config, deps.logger);
  const router = express.Router();
  // What a process killed mid-upload left in the temporary folder goes at start (never a running upload's file).
  sweepTemporaryUploads(deps.config.EVIDENCE_DATA_DIR).then(
    (removed) => removed > 0 && deps.logger.info({ removed }, 'removed temporary files of interrupted uploads'),
    (error: unknown) => deps.logger.warn({ err: error }, 'could not sweep the temporary upload folder'),
  );

  const answerError = (error: unknown, res: Response, next: NextFunction) => {
    if (!(error instanceof EvidenceFileError)) return next(error);
    if (res.headersSent) return void res.destroy();
    res.status(error.status).json(error.toJSON());
  };

  router.post('/evidence/files', async (req: Request, res: Response, next: NextFunction) => {
    try {
      const file = await service.upload(req.headers, req, httpRequestContext(res));
      res.status(201).json(toEvidenceFileJson(file));
    } catch (error) {
      answerError(error, res, next);
    }
  });

  router.get('/evidence/files/:id', async (req: Request, res: Response, next: NextFunction) => {
    try {
      const { file, body } = await service.download(String(req.params['id']), httpRequestContext(res));
      const etag = `"${file.sha256}"`;
      res.set({
        'Content-Type': servedContentType(file.mediaType),
        'Content-Disposition': attachmentDisposition(file.fileName),
        'X-Content-Type-Options': 'nosniff',
        'Content-Security-Policy': "default-src 'none'; sandbox",
        'Cache-Control': 'private, no-cache',
        ETag: etag,
      });
      if (req.headers['if-none-match'] === etag) {
        body.destroy();
        return void res.status(304).end();
      }
      res.set('Content-Length', file.sizeBytes);
      body.on('error', (error) => {
        deps.logger.error({ err: error, fileId: file.id }, 'reading an evidence file failed');
        res.destroy();
      });
      body.pipe(res);
    } catch (error) {
      answerError(error, res, next);
    }
  });

  router.all('/evidence/files{/*rest}', (_req, res) => {
    res.status(405).json({ code: 'METHOD_NOT_ALLOWED', message: 'evidence files are uploaded with POST /evidence/files and downloaded with GET /evidence/files/{id}' });
  });
  return router;
}
