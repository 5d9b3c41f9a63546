import { AUDIT_READERS, STAFF } from '@iso27001/authz/roles';
import { lazy } from 'react';
import type { PortalRoute } from '../../../lib/portal-route';

// Each screen is its own chunk, loaded when it is first opened.
const CompetenceRoute = lazy(() => import('./competence.route').then((m) => ({ default: m.CompetenceRoute })));
const MyCompetencesRoute = lazy(() => import('./my-competences.route').then((m) => ({ default: m.MyCompetencesRoute })));

/** The screens of competence (clause 7.2): the programme's gaps and catalogue, and each person's own. */
export const competenceRoutes: PortalRoute[] = [
  { path: '/training/competence', group: AUDIT_READERS, Component: CompetenceRoute, nav: { label: 'Competence', section: 'Programme' } },
  { path: '/my/competences', group: STAFF, Component: MyCompetencesRoute, nav: { label: 'My competences', section: 'My work' } },
];
