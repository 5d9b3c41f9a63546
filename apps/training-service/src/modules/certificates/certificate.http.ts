import express, { NextFunction, Request, Response, Router } from 'express';
import { isUUID } from 'class-validator';
import { httpRequestContext, ServiceDeps } from '@iso27001/platform';
import { CertificateService } from './certificate.service';

/**
 * `GET /training/certificates/<assignmentId>.pdf` under the subgraph's `/files` mount (the gateway proxies it with the
 * caller's claims): the completion certificate of a completed assignment, to those who may see the assignment.
 * Unknown, not completed and out of reach all answer 404 alike, so the route does not tell who completed what.
 */
export function certificateRoutes(deps: ServiceDeps): Router {
  const service = new CertificateService(deps);
  const router = express.Router();
  router.get('/training/certificates/:file', async (req: Request, res: Response, next: NextFunction) => {
    try {
      const { claims, access } = httpRequestContext(res);
      const id = String(req.params['file']).replace(/\.pdf$/, '');
      const notFound = () => res.status(404).json({ code: 'CERTIFICATE_NOT_FOUND', message: `no completed assignment ${id.slice(0, 100)} that you may see` });
      if (!isUUID(id)) return notFound();
      const facts = await service.facts(claims, access, id);
      if (!facts) return notFound();
      const pdf = await service.render(facts);
      res.setHeader('content-type', 'application/pdf');
      res.setHeader('content-disposition', `attachment; filename="certificate-${id}.pdf"`);
      res.setHeader('cache-control', 'private, no-store');
      res.setHeader('x-content-type-options', 'nosniff');
      res.end(pdf);
    } catch (error) {
      next(error);
    }
  });
  return router;
}
