import type { Role } from '@iso27001/authz/roles';
import type { ComponentType } from 'react';

/** Where a screen appears in the navigation. */
export type NavSection = 'My work' | 'Programme' | 'Organisation' | 'Risk' | 'Controls' | 'Policies' | 'Audit';

export const NAV_SECTIONS: readonly NavSection[] = ['My work', 'Programme', 'Organisation', 'Risk', 'Controls', 'Policies', 'Audit'];

/**
 * One screen of the portal, as a feature declares it. `group` is the role group of @iso27001/authz that the API
 * guards the screen's main operation with, so the navigation and the route guard follow the API's own rule: a role
 * never sees a link to, or lands on, a page it may not load.
 */
export interface PortalRoute {
  /** URL pattern, e.g. "/risks" or "/risks/:riskId". */
  path: string;
  group: readonly Role[];
  Component: ComponentType;
  /** Shown in the navigation when present; `roles` narrows it to the roles whose work it is (e.g. "My risks"). */
  nav?: { label: string; section: NavSection; roles?: readonly Role[] };
}
