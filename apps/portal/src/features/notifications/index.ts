import { PROGRAMME_MANAGERS, STAFF } from '@iso27001/authz/roles';
import { lazy } from 'react';
import type { PortalRoute } from '../../lib/portal-route';

const NotificationPreferencesRoute = lazy(() => import('./notification-preferences.route').then((m) => ({ default: m.NotificationPreferencesRoute })));
const NotificationDeliveriesRoute = lazy(() => import('./notification-deliveries.route').then((m) => ({ default: m.NotificationDeliveriesRoute })));

/** The screens of this area: a person's notification settings, and the delivery log (everyone's for an ISMS manager). */
export const notificationRoutes: PortalRoute[] = [
  { path: '/my/notifications', group: STAFF, Component: NotificationPreferencesRoute, nav: { label: 'Notification settings', section: 'My work' } },
  { path: '/notifications/deliveries', group: STAFF, Component: NotificationDeliveriesRoute, nav: { label: 'Notification deliveries', section: 'Programme', roles: PROGRAMME_MANAGERS } },
];
