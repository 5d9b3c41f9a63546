import { AUDIT_READERS, Role } from '@iso27001/authz/roles';
import type { PortalRoute } from '../../lib/portal-route';
import { EngagementDetailRoute } from './engagement-detail.route';
import { EngagementsListRoute } from './engagements-list.route';

/** The screens of this area. */
export const auditRoutes: PortalRoute[] = [
  {
    path: '/audit/engagements',
    group: AUDIT_READERS,
    Component: EngagementsListRoute,
    nav: { label: 'Audit engagements', section: 'Audit', roles: [Role.InternalAuditor, Role.ExternalAuditor, Role.IsmsManager, Role.Admin] },
  },
  { path: '/audit/engagements/:engagementId', group: AUDIT_READERS, Component: EngagementDetailRoute },
];
