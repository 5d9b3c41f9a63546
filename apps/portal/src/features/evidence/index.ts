import { AUDIT_READERS, EVIDENCE_MANAGERS, INTERNAL_READERS, PROGRAMME_MANAGERS, Role } from '@iso27001/authz/roles';
import { lazy } from 'react';
import type { PortalRoute } from '../../lib/portal-route';

// Each screen is its own chunk, loaded when it is first opened.
const EvidenceDetailRoute = lazy(() => import('./evidence-detail.route').then((m) => ({ default: m.EvidenceDetailRoute })));
const EvidenceRegisterRoute = lazy(() => import('./evidence-register.route').then((m) => ({ default: m.EvidenceRegisterRoute })));
const MyEvidenceRoute = lazy(() => import('./evidence-register.route').then((m) => ({ default: m.MyEvidenceRoute })));
const ReviewQueueRoute = lazy(() => import('./review-queue.route').then((m) => ({ default: m.ReviewQueueRoute })));
const MyEvidenceRequestsRoute = lazy(() => import('./evidence-requests.route').then((m) => ({ default: m.MyEvidenceRequestsRoute })));
const EvidenceRequestsRoute = lazy(() => import('./evidence-requests.route').then((m) => ({ default: m.EvidenceRequestsRoute })));
const EvidenceRequestDetailRoute = lazy(() => import('./evidence-request-detail.route').then((m) => ({ default: m.EvidenceRequestDetailRoute })));
const EvidenceRequirementsRoute = lazy(() => import('./evidence-requirements.route').then((m) => ({ default: m.EvidenceRequirementsRoute })));
const ExpiringEvidenceRoute = lazy(() => import('./expiring-evidence.route').then((m) => ({ default: m.ExpiringEvidenceRoute })));

/**
 * The screens of this area, guarded by the role groups of evidence-service's operations: evidenceItems and
 * evidenceItem are AUDIT_READERS (an external auditor sees the grant's accepted evidence), reviewQueue and
 * expiringEvidence INTERNAL_READERS, reviewEvidence PROGRAMME_MANAGERS, adding evidence and versions EVIDENCE_MANAGERS;
 * requests and requirements are read by INTERNAL_READERS (handed in by EVIDENCE_MANAGERS, decided and edited by
 * PROGRAMME_MANAGERS).
 */
export const evidenceRoutes: PortalRoute[] = [
  {
    path: '/my/evidence-requests',
    group: INTERNAL_READERS,
    Component: MyEvidenceRequestsRoute,
    nav: { label: 'My evidence requests', section: 'My work', roles: [Role.ControlOwner] },
  },
  { path: '/my/evidence', group: EVIDENCE_MANAGERS, Component: MyEvidenceRoute, nav: { label: 'My evidence', section: 'My work', roles: [Role.ControlOwner] } },
  { path: '/evidence', group: AUDIT_READERS, Component: EvidenceRegisterRoute, nav: { label: 'Evidence', section: 'Controls' } },
  { path: '/evidence/review', group: INTERNAL_READERS, Component: ReviewQueueRoute, nav: { label: 'Evidence review', section: 'Controls', roles: PROGRAMME_MANAGERS } },
  { path: '/evidence/expiring', group: INTERNAL_READERS, Component: ExpiringEvidenceRoute, nav: { label: 'Expiring evidence', section: 'Controls', roles: [...PROGRAMME_MANAGERS, Role.ControlOwner] } },
  { path: '/evidence/requests', group: INTERNAL_READERS, Component: EvidenceRequestsRoute, nav: { label: 'Evidence requests', section: 'Controls', roles: PROGRAMME_MANAGERS } },
  { path: '/evidence/requests/:requestId', group: INTERNAL_READERS, Component: EvidenceRequestDetailRoute },
  {
    path: '/evidence/requirements',
    group: INTERNAL_READERS,
    Component: EvidenceRequirementsRoute,
    nav: { label: 'Evidence requirements', section: 'Controls', roles: [...PROGRAMME_MANAGERS, Role.InternalAuditor] },
  },
  { path: '/evidence/:evidenceId', group: AUDIT_READERS, Component: EvidenceDetailRoute },
];
