import { AUDIT_READERS, PROGRAMME_MANAGERS } from '@iso27001/authz/roles';
import { lazy } from 'react';
import type { PortalRoute } from '../../lib/portal-route';

const UnitsRoute = lazy(() => import('./units.route').then((m) => ({ default: m.UnitsRoute })));
const PeopleRoute = lazy(() => import('./people.route').then((m) => ({ default: m.PeopleRoute })));
const ImportRoute = lazy(() => import('./import.route').then((m) => ({ default: m.ImportRoute })));

/** The organisation register: units, people and imports from the HR system. */
export const organisationRoutes: PortalRoute[] = [
  { path: '/organisation/units', group: AUDIT_READERS, Component: UnitsRoute, nav: { label: 'Units', section: 'Organisation' } },
  { path: '/organisation/people', group: AUDIT_READERS, Component: PeopleRoute, nav: { label: 'People', section: 'Organisation' } },
  { path: '/organisation/import', group: PROGRAMME_MANAGERS, Component: ImportRoute, nav: { label: 'Import people', section: 'Organisation' } },
];
