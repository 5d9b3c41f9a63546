import { AUDIT_READERS, Role } from '@iso27001/authz/roles';
import { lazy } from 'react';
import type { PortalRoute } from '../../lib/portal-route';

// Each screen is its own chunk, loaded when it is first opened.
const EngagementDetailRoute = lazy(() => import('./engagement-detail.route').then((m) => ({ default: m.EngagementDetailRoute })));
const EngagementsListRoute = lazy(() => import('./engagements-list.route').then((m) => ({ default: m.EngagementsListRoute })));

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
