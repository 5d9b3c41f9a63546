import { ROLE_ADMINISTRATORS } from '@iso27001/authz/roles';
import { lazy } from 'react';
import type { PortalRoute } from '../../lib/portal-route';

const ServiceAccountsRoute = lazy(() => import('./service-accounts.route').then((m) => ({ default: m.ServiceAccountsRoute })));

/** API identities of platform teams: roles, units, expiry and last use; the token is shown once. */
export const serviceAccountRoutes: PortalRoute[] = [
  { path: '/access/service-accounts', group: ROLE_ADMINISTRATORS, Component: ServiceAccountsRoute, nav: { label: 'Service accounts', section: 'Organisation' } },
];
