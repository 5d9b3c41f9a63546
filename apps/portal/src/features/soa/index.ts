import { AUDIT_READERS, Role } from '@iso27001/authz/roles';
import { lazy } from 'react';
import type { PortalRoute } from '../../lib/portal-route';

// Each screen is its own chunk, loaded when it is first opened.
const ControlImplementationRoute = lazy(() => import('./control-implementation.route').then((m) => ({ default: m.ControlImplementationRoute })));
const GapAnalysisRoute = lazy(() => import('./gap-analysis.route').then((m) => ({ default: m.GapAnalysisRoute })));
const MyControlsRoute = lazy(() => import('./my-controls.route').then((m) => ({ default: m.MyControlsRoute })));
const SoaVersionsRoute = lazy(() => import('./soa-versions.route').then((m) => ({ default: m.SoaVersionsRoute })));
const SoaRoute = lazy(() => import('./soa.route').then((m) => ({ default: m.SoaRoute })));

/**
 * The screens of this area. Every main operation (statementOfApplicability, soaVersions, controlImplementations,
 * gapAnalysis) is guarded by AUDIT_READERS in controls-service; changes are narrowed per screen (PROGRAMME_MANAGERS
 * decide the SoA and answer the gap questionnaire, CONTROL_IMPLEMENTERS record implementations).
 */
export const soaRoutes: PortalRoute[] = [
  { path: '/my/controls', group: AUDIT_READERS, Component: MyControlsRoute, nav: { label: 'My controls', section: 'My work', roles: [Role.ControlOwner] } },
  { path: '/gap-analysis', group: AUDIT_READERS, Component: GapAnalysisRoute, nav: { label: 'Gap analysis', section: 'Programme' } },
  { path: '/soa', group: AUDIT_READERS, Component: SoaRoute, nav: { label: 'Statement of Applicability', section: 'Controls' } },
  { path: '/soa/versions', group: AUDIT_READERS, Component: SoaVersionsRoute, nav: { label: 'SoA versions', section: 'Controls' } },
  { path: '/controls/implementation', group: AUDIT_READERS, Component: ControlImplementationRoute, nav: { label: 'Implementation', section: 'Controls' } },
];
