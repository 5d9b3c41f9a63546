import { PROGRAMME_MANAGERS } from '@iso27001/authz/roles';
import { lazy } from 'react';
import type { PortalRoute } from '../../../lib/portal-route';

// Each screen is its own chunk, loaded when it is first opened.
const CoursesRoute = lazy(() => import('./courses.route').then((m) => ({ default: m.CoursesRoute })));

/** The ISMS manager's course catalogue (content, quiz, versions). */
export const courseRoutes: PortalRoute[] = [{ path: '/training/courses', group: PROGRAMME_MANAGERS, Component: CoursesRoute, nav: { label: 'Courses', section: 'Programme' } }];
