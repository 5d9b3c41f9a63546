import { TRAINEES } from '@iso27001/authz/roles';
import { lazy } from 'react';
import type { PortalRoute } from '../../../lib/portal-route';

// Each screen is its own chunk, loaded when it is first opened.
const MyCoursesRoute = lazy(() => import('./my-courses.route').then((m) => ({ default: m.MyCoursesRoute })));
const CoursePlayerRoute = lazy(() => import('./course-player.route').then((m) => ({ default: m.CoursePlayerRoute })));

/** The trainee's courses and the course player (content, quiz, result, certificate). */
export const coursePlayerRoutes: PortalRoute[] = [
  { path: '/my/courses', group: TRAINEES, Component: MyCoursesRoute, nav: { label: 'My courses', section: 'My work' } },
  { path: '/my/courses/:assignmentId', group: TRAINEES, Component: CoursePlayerRoute },
];
