import { AUDIT_READERS, Role } from '@iso27001/authz/roles';
import type { PortalRoute } from '../../lib/portal-route';
import { ControlImplementationRoute } from './control-implementation.route';
import { GapAnalysisRoute } from './gap-analysis.route';
import { MyControlsRoute } from './my-controls.route';
import { SoaVersionsRoute } from './soa-versions.route';
import { SoaRoute } from './soa.route';

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
