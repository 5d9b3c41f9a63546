import { ROLE_ASSIGNMENT_READERS } from '@iso27001/authz/roles';
import { lazy } from 'react';
import type { PortalRoute } from '../../lib/portal-route';

const RoleAssignmentsRoute = lazy(() => import('./role-assignments.route').then((m) => ({ default: m.RoleAssignmentsRoute })));

/** Who is responsible for which units: role assignments per person or identity-provider group, role and unit subtree. */
export const accessRoutes: PortalRoute[] = [
  { path: '/access/role-assignments', group: ROLE_ASSIGNMENT_READERS, Component: RoleAssignmentsRoute, nav: { label: 'Role assignments', section: 'Organisation' } },
];
