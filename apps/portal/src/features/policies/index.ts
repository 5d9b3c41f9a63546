import { AUDIT_READERS, POLICY_APPROVERS, PROGRAMME_MANAGERS, Role } from '@iso27001/authz/roles';
import type { PortalRoute } from '../../lib/portal-route';
import { PoliciesListRoute } from './policies-list.route';
import { PolicyApprovalsRoute } from './policy-approvals.route';
import { PolicyCreateRoute } from './policy-create.route';
import { PolicyDetailRoute } from './policy-detail.route';

/** The screens of this area. */
export const policyRoutes: PortalRoute[] = [
  { path: '/policies', group: AUDIT_READERS, Component: PoliciesListRoute, nav: { label: 'Policies', section: 'Policies' } },
  { path: '/policies/new', group: PROGRAMME_MANAGERS, Component: PolicyCreateRoute },
  { path: '/policies/:policyId', group: AUDIT_READERS, Component: PolicyDetailRoute },
  {
    path: '/approvals/policies',
    group: POLICY_APPROVERS,
    Component: PolicyApprovalsRoute,
    nav: { label: 'Policy approvals', section: 'My work', roles: [Role.Executive, Role.RiskOwner, Role.ControlOwner] },
  },
];
