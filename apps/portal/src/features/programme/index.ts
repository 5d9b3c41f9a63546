import { AUDIT_READERS, TOP_MANAGEMENT } from '@iso27001/authz/roles';
import { lazy } from 'react';
import type { PortalRoute } from '../../lib/portal-route';

const ProgrammeDashboardRoute = lazy(() => import('./programme-dashboard.route').then((m) => ({ default: m.ProgrammeDashboardRoute })));
const CertificationPlanRoute = lazy(() => import('./certification-plan.route').then((m) => ({ default: m.CertificationPlanRoute })));
const ScopeRoute = lazy(() => import('./scope.route').then((m) => ({ default: m.ScopeRoute })));
const ApprovalsRoute = lazy(() => import('./approvals.route').then((m) => ({ default: m.ApprovalsRoute })));
const ContextRoute = lazy(() => import('./context.route').then((m) => ({ default: m.ContextRoute })));
const ObjectivesRoute = lazy(() => import('./objectives.route').then((m) => ({ default: m.ObjectivesRoute })));

/**
 * The screens of the ISMS programme. Reading is open to the programme's readers (as the API's queries are); the
 * changes inside are offered to the programme managers, and the scope approval to top management.
 */
export const programmeRoutes: PortalRoute[] = [
  { path: '/approvals', group: TOP_MANAGEMENT, Component: ApprovalsRoute, nav: { label: 'Approvals', section: 'My work' } },
  { path: '/programme', group: AUDIT_READERS, Component: ProgrammeDashboardRoute, nav: { label: 'Programme dashboard', section: 'Programme' } },
  { path: '/plan', group: AUDIT_READERS, Component: CertificationPlanRoute, nav: { label: 'Certification plan', section: 'Programme' } },
  { path: '/scope', group: AUDIT_READERS, Component: ScopeRoute, nav: { label: 'ISMS scope', section: 'Programme' } },
  { path: '/context', group: AUDIT_READERS, Component: ContextRoute, nav: { label: 'Context', section: 'Programme' } },
  { path: '/objectives', group: AUDIT_READERS, Component: ObjectivesRoute, nav: { label: 'Objectives', section: 'Programme' } },
];
