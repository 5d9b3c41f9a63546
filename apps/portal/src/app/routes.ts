import { accessRoutes } from '../features/access';
import { auditRoutes } from '../features/audit';
import { evidenceRoutes } from '../features/evidence';
import { myWorkRoutes } from '../features/my-work';
import { notificationRoutes } from '../features/notifications';
import { organisationRoutes } from '../features/organisation';
import { policyRoutes } from '../features/policies';
import { programmeRoutes } from '../features/programme';
import { riskRoutes } from '../features/risks';
import { serviceAccountRoutes } from '../features/service-accounts';
import { soaRoutes } from '../features/soa';
import { campaignRoutes } from '../features/training/campaigns';
import { competenceRoutes } from '../features/training/competence';
import { coursePlayerRoutes } from '../features/training/course-player';
import { courseRoutes } from '../features/training/courses';
import type { PortalRoute } from '../lib/portal-route';

/** Every screen of every feature; the navigation and the route guards are derived from this one list. */
export const PORTAL_ROUTES: readonly PortalRoute[] = [
  ...myWorkRoutes,
  ...notificationRoutes,
  ...programmeRoutes,
  ...organisationRoutes,
  ...accessRoutes,
  ...serviceAccountRoutes,
  ...riskRoutes,
  ...soaRoutes,
  ...policyRoutes,
  ...evidenceRoutes,
  ...campaignRoutes,
  ...competenceRoutes,
  ...courseRoutes,
  ...coursePlayerRoutes,
  ...auditRoutes,
];
