import type { PortalRoute } from '../../lib/portal-route';

/** The screens of this area. */
export const programmeRoutes: PortalRoute[] = [];
