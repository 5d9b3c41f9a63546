import { Router } from 'express';
import { ServiceDeps } from '@iso27001/platform';
import { ServiceAccountService } from './service-account.service';

/** The gateway's check of a service account token on every request (only the gateway reaches /internal). */
export function serviceAccountInternalRouter(deps: ServiceDeps): Router {
  const accounts = new ServiceAccountService(deps);
  const router = Router();
  router.post('/service-accounts/verify', async (req, res, next) => {
    try {
      const token = typeof req.body?.token === 'string' ? req.body.token : '';
      const result = await accounts.verify(token);
      if ('refused' in result) return void res.status(401).json({ error: result.refused });
      res.json({ identity: result });
    } catch (error) {
      next(error);
    }
  });
  return router;
}
