import { Router } from 'express';
import { z } from 'zod';
import { ServiceDeps } from '@iso27001/platform';
import { AuditGrantService, grantClaims } from './audit-grant.service';

const checkBody = z.object({
  organisationId: z.string().uuid(),
  grantId: z.string().uuid(),
  kind: z.enum(['REQUEST', 'DOWNLOAD']).default('REQUEST'),
  detail: z.string().min(1).max(2000),
  requestId: z.string().max(128).nullable().default(null),
});
const redeemBody = z.object({ code: z.string().min(1).max(200), requestId: z.string().max(128).nullable().default(null) });
const forAuditorBody = z.object({ organisationId: z.string().uuid(), email: z.string().email(), grantId: z.string().uuid().optional() });

/**
 * The gateway's calls for external auditors: redeem an invitation, bind an identity-provider sign-in to a grant, and
 * check (and log) every request. Only the gateway reaches these (libs/platform's internal token).
 */
export function auditGrantInternalRouter(deps: ServiceDeps): Router {
  const grants = new AuditGrantService(deps);
  const router = Router();

  router.post('/grants/redeem', async (req, res, next) => {
    try {
      const body = redeemBody.safeParse(req.body);
      if (!body.success) return void res.status(400).json({ error: 'body must be {"code": "..."}' });
      const result = await grants.redeem(body.data.code, body.data.requestId);
      if ('refused' in result) return void res.status(401).json({ error: result.refused });
      res.json({ grant: grantClaims(result.grant) });
    } catch (error) {
      next(error);
    }
  });

  router.post('/grants/check', async (req, res, next) => {
    try {
      const body = checkBody.safeParse(req.body);
      if (!body.success) return void res.status(400).json({ error: 'body must be {organisationId, grantId, detail}' });
      const { organisationId, grantId, detail, kind, requestId } = body.data;
      const result = await grants.check(organisationId, grantId, detail, kind, requestId);
      if ('refused' in result) return void res.status(403).json({ error: result.refused });
      res.json({ grant: grantClaims(result.grant) });
    } catch (error) {
      next(error);
    }
  });

  router.post('/grants/for-auditor', async (req, res, next) => {
    try {
      const body = forAuditorBody.safeParse(req.body);
      if (!body.success) return void res.status(400).json({ error: 'body must be {organisationId, email}' });
      const active = await grants.activeFor(body.data.organisationId, body.data.email);
      const chosen = body.data.grantId ? active.filter((grant) => grant.id === body.data.grantId) : active;
      if (chosen.length === 0) return void res.status(403).json({ error: `no active audit grant for ${body.data.email}` });
      if (chosen.length > 1) {
        return void res.status(409).json({ error: 'several active audit grants: choose one with the x-audit-grant header', grants: chosen.map((grant) => grant.id) });
      }
      res.json({ grant: grantClaims(chosen[0]!) }); // eslint-disable-line @typescript-eslint/no-non-null-assertion
    } catch (error) {
      next(error);
    }
  });
  return router;
}
