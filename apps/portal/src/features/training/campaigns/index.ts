import { PROGRAMME_MANAGERS } from '@iso27001/authz/roles';
import { lazy } from 'react';
import type { PortalRoute } from '../../../lib/portal-route';

// Each screen is its own chunk, loaded when it is first opened.
const CampaignsRoute = lazy(() => import('./campaigns.route').then((m) => ({ default: m.CampaignsRoute })));
const CampaignDetailRoute = lazy(() => import('./campaign-detail.route').then((m) => ({ default: m.CampaignDetailRoute })));

/** The ISMS manager's training campaigns (create, preview, launch, progress, completion, exemptions). */
export const campaignRoutes: PortalRoute[] = [
  { path: '/training/campaigns', group: PROGRAMME_MANAGERS, Component: CampaignsRoute, nav: { label: 'Training campaigns', section: 'Programme' } },
  { path: '/training/campaigns/:campaignId', group: PROGRAMME_MANAGERS, Component: CampaignDetailRoute },
];
