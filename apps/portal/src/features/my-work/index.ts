import { ALL_ROLES, Role, STAFF, TRAINING_READERS } from '@iso27001/authz/roles';
import { lazy } from 'react';
import type { PortalRoute } from '../../lib/portal-route';

// Each screen is its own chunk, loaded when it is first opened.
const MyInboxRoute = lazy(() => import('./my-inbox.route').then((m) => ({ default: m.MyInboxRoute })));
const MyPoliciesRoute = lazy(() => import('./my-policies.route').then((m) => ({ default: m.MyPoliciesRoute })));
const MyTrainingRoute = lazy(() => import('./my-training.route').then((m) => ({ default: m.MyTrainingRoute })));
const ReadPolicyRoute = lazy(() => import('./read-policy.route').then((m) => ({ default: m.ReadPolicyRoute })));

/** Auditors examine training; they are not offered a training list of their own. */
const TRAINING_NAV_ROLES = ALL_ROLES.filter((role) => role !== Role.InternalAuditor && role !== Role.ExternalAuditor && role !== Role.ServiceAccount);

/** The screens of this area. */
export const myWorkRoutes: PortalRoute[] = [
  // The landing page of My work: one list of everything the person owes.
  { path: '/my', group: STAFF, Component: MyInboxRoute, nav: { label: 'My inbox', section: 'My work' } },
  { path: '/my/inbox', group: STAFF, Component: MyInboxRoute },
  { path: '/my/policies', group: STAFF, Component: MyPoliciesRoute, nav: { label: 'Policies to acknowledge', section: 'My work' } },
  { path: '/my/policies/:acknowledgementId', group: STAFF, Component: ReadPolicyRoute },
  { path: '/my/training', group: TRAINING_READERS, Component: MyTrainingRoute, nav: { label: 'My training', section: 'My work', roles: TRAINING_NAV_ROLES } },
];
