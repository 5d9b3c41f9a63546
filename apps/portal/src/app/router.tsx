import { Suspense } from 'react';
import { createBrowserRouter, Outlet, useRouteError } from 'react-router';
import { ErrorAlert } from '../components/error-alert';
import { Loading } from '../components/loading';
import { Page } from '../components/page';
import { AuditorInvitationRoute, SignInCallbackRoute, SignInRoute } from '../features/auth';
import { HomeRoute } from '../features/home';
import type { PortalRoute } from '../lib/portal-route';
import { RequireRole, RequireSession, NotFoundRoute } from './guard';
import { Layout } from './layout';
import { PORTAL_ROUTES } from './routes';

function RouteError() {
  const error = useRouteError();
  return (
    <Page title="This page failed">
      <ErrorAlert title="The page could not be shown" error={error} />
    </Page>
  );
}

function guarded(route: PortalRoute) {
  const { Component } = route;
  return {
    path: route.path,
    element: (
      <RequireRole group={route.group}>
        <Component />
      </RequireRole>
    ),
    errorElement: <RouteError />,
  };
}

export function createPortalRouter(routes: readonly PortalRoute[] = PORTAL_ROUTES) {
  return createBrowserRouter([
    { path: '/sign-in', element: <SignInRoute /> },
    { path: '/signed-out', element: <SignInRoute signedOut /> },
    { path: '/auth/callback', element: <SignInCallbackRoute /> },
    { path: '/auditor/invitation', element: <AuditorInvitationRoute /> },
    {
      element: (
        <RequireSession>
          <Layout routes={routes} />
        </RequireSession>
      ),
      errorElement: <RouteError />,
      children: [
        {
          element: (
            <Suspense fallback={<Loading />}>
              <Outlet />
            </Suspense>
          ),
          children: [{ index: true, element: <HomeRoute />, errorElement: <RouteError /> }, ...routes.map(guarded), { path: '*', element: <NotFoundRoute /> }],
        },
      ],
    },
  ]);
}
