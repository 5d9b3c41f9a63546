import { AUDIT_READERS, CORRECTIVE_ACTION_READERS, INTERNAL_READERS, Role, STAFF } from '@iso27001/authz/roles';
import { lazy } from 'react';
import type { PortalRoute } from '../../lib/portal-route';

// Each screen is its own chunk, loaded when it is first opened.
const EngagementDetailRoute = lazy(() => import('./engagement-detail.route').then((m) => ({ default: m.EngagementDetailRoute })));
const EngagementsListRoute = lazy(() => import('./engagements-list.route').then((m) => ({ default: m.EngagementsListRoute })));
const CorrectiveActionDetailRoute = lazy(() => import('./corrective-action-detail.route').then((m) => ({ default: m.CorrectiveActionDetailRoute })));
const CorrectiveActionsRoute = lazy(() => import('./corrective-actions.route').then((m) => ({ default: m.CorrectiveActionsRoute })));
const MyAuditRequestsRoute = lazy(() => import('./audit-requests').then((m) => ({ default: m.MyAuditRequestsRoute })));
const ManagementReviewRoute = lazy(() => import('./management-review.route').then((m) => ({ default: m.ManagementReviewRoute })));
const CertificationRoute = lazy(() => import('./certification.route').then((m) => ({ default: m.CertificationRoute })));
const MyCorrectiveActionsRoute = lazy(() => import('./corrective-actions.route').then((m) => ({ default: m.MyCorrectiveActionsRoute })));

/** Whose work corrective actions are in the navigation: anyone may own one; auditors judge them from the register. */
const OWNER_NAV_ROLES = STAFF.filter((role) => role !== Role.InternalAuditor);

/** The screens of this area. */
export const auditRoutes: PortalRoute[] = [
  {
    path: '/audit/engagements',
    group: AUDIT_READERS,
    Component: EngagementsListRoute,
    nav: { label: 'Audit engagements', section: 'Audit', roles: [Role.InternalAuditor, Role.ExternalAuditor, Role.IsmsManager, Role.Admin] },
  },
  { path: '/audit/engagements/:engagementId', group: AUDIT_READERS, Component: EngagementDetailRoute },
  {
    path: '/audit/management-review',
    group: INTERNAL_READERS,
    Component: ManagementReviewRoute,
    nav: { label: 'Management review', section: 'Audit', roles: [Role.IsmsManager, Role.Admin, Role.Executive, Role.InternalAuditor] },
  },
  {
    path: '/audit/certification',
    group: AUDIT_READERS,
    Component: CertificationRoute,
    nav: { label: 'Certification', section: 'Audit', roles: [Role.InternalAuditor, Role.ExternalAuditor, Role.IsmsManager, Role.Admin, Role.Executive] },
  },
  {
    path: '/audit/corrective-actions',
    group: AUDIT_READERS,
    Component: CorrectiveActionsRoute,
    nav: { label: 'Corrective actions', section: 'Audit', roles: [Role.InternalAuditor, Role.ExternalAuditor, Role.IsmsManager, Role.Admin] },
  },
  { path: '/audit/corrective-actions/:correctiveActionId', group: CORRECTIVE_ACTION_READERS, Component: CorrectiveActionDetailRoute },
  { path: '/my/audit-requests', group: STAFF, Component: MyAuditRequestsRoute, nav: { label: 'My audit requests', section: 'My work', roles: OWNER_NAV_ROLES } },
  { path: '/my/corrective-actions', group: STAFF, Component: MyCorrectiveActionsRoute, nav: { label: 'My corrective actions', section: 'My work', roles: OWNER_NAV_ROLES } },
];
