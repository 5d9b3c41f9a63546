import { ALL_ROLES, Role, STAFF, TRAINING_READERS } from '@iso27001/authz/roles';
import type { PortalRoute } from '../../lib/portal-route';
import { MyPoliciesRoute } from './my-policies.route';
import { MyTrainingRoute } from './my-training.route';
import { ReadPolicyRoute } from './read-policy.route';

/** Auditors examine training; they are not offered a training list of their own. */
const TRAINING_NAV_ROLES = ALL_ROLES.filter((role) => role !== Role.InternalAuditor && role !== Role.ExternalAuditor && role !== Role.ServiceAccount);

/** The screens of this area. */
export const myWorkRoutes: PortalRoute[] = [
  { path: '/my/policies', group: STAFF, Component: MyPoliciesRoute, nav: { label: 'Policies to acknowledge', section: 'My work' } },
  { path: '/my/policies/:acknowledgementId', group: STAFF, Component: ReadPolicyRoute },
  { path: '/my/training', group: TRAINING_READERS, Component: MyTrainingRoute, nav: { label: 'My training', section: 'My work', roles: TRAINING_NAV_ROLES } },
];
