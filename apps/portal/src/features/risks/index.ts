import { AUDIT_READERS, RISK_EDITORS, Role } from '@iso27001/authz/roles';
import { lazy } from 'react';
import type { PortalRoute } from '../../lib/portal-route';

// Each screen is its own chunk, loaded when it is first opened.
const AssessmentRunsRoute = lazy(() => import('./assessment-runs.route').then((m) => ({ default: m.AssessmentRunsRoute })));
const MyRisksRoute = lazy(() => import('./my-risks.route').then((m) => ({ default: m.MyRisksRoute })));
const RiskDetailRoute = lazy(() => import('./risk-detail.route').then((m) => ({ default: m.RiskDetailRoute })));
const RiskHeatMapRoute = lazy(() => import('./risk-heat-map.route').then((m) => ({ default: m.RiskHeatMapRoute })));
const RiskImportRoute = lazy(() => import('./risk-import.route').then((m) => ({ default: m.RiskImportRoute })));
const RiskMethodologyRoute = lazy(() => import('./risk-methodology.route').then((m) => ({ default: m.RiskMethodologyRoute })));
const RiskRegisterRoute = lazy(() => import('./risk-register.route').then((m) => ({ default: m.RiskRegisterRoute })));
const TreatmentPlanRoute = lazy(() => import('./treatment-plan.route').then((m) => ({ default: m.TreatmentPlanRoute })));

/**
 * The screens of this area. Reading the register, the heat map, the methodology, the runs and the plan is for
 * AUDIT_READERS (as the risk-service resolvers say); importing is for RISK_EDITORS, and it is the programme
 * managers' work. "My risks" is the work of whoever owns risks: risk owners, control owners, the ISMS manager.
 */
export const riskRoutes: PortalRoute[] = [
  { path: '/my/risks', group: AUDIT_READERS, Component: MyRisksRoute, nav: { label: 'My risks', section: 'My work', roles: [Role.RiskOwner, Role.ControlOwner, Role.IsmsManager] } },
  { path: '/risks', group: AUDIT_READERS, Component: RiskRegisterRoute, nav: { label: 'Risk register', section: 'Risk' } },
  { path: '/risks/heat-map', group: AUDIT_READERS, Component: RiskHeatMapRoute, nav: { label: 'Heat map', section: 'Risk' } },
  { path: '/risks/treatment-plan', group: AUDIT_READERS, Component: TreatmentPlanRoute, nav: { label: 'Risk Treatment Plan', section: 'Risk' } },
  { path: '/risks/runs', group: AUDIT_READERS, Component: AssessmentRunsRoute, nav: { label: 'Assessment runs', section: 'Risk' } },
  { path: '/risks/methodology', group: AUDIT_READERS, Component: RiskMethodologyRoute, nav: { label: 'Methodology', section: 'Risk' } },
  { path: '/risks/import', group: RISK_EDITORS, Component: RiskImportRoute, nav: { label: 'Import risks', section: 'Risk', roles: [Role.Admin, Role.IsmsManager] } },
  { path: '/risks/:riskId', group: AUDIT_READERS, Component: RiskDetailRoute },
];
