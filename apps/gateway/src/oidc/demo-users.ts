import { createHash } from 'node:crypto';
import { Role } from '@iso27001/authz';

/** The demo organisation that `npm start` seeds. */
export const DEMO_ORGANISATION_ID = '5d0c1d9e-2f8b-4c1a-9e53-7a4f0b6c2d10';

export interface DemoUser {
  email: string;
  name: string;
  title: string;
  roles: Role[];
}

/** Demo people of the embedded OpenID provider, one per role the portal has a view for. */
export const DEMO_USERS: readonly DemoUser[] = [
  { email: 'admin@demo.example', name: 'Alex Admin', title: 'Platform administrator', roles: [Role.Admin] },
  { email: 'isms.manager@demo.example', name: 'Iris Mendes', title: 'ISMS manager', roles: [Role.IsmsManager] },
  { email: 'ceo@demo.example', name: 'Evelyn Carter', title: 'Chief executive (top management)', roles: [Role.Executive] },
  { email: 'risk.owner@demo.example', name: 'Rafael Ortiz', title: 'Head of Payments, risk owner', roles: [Role.RiskOwner] },
  { email: 'control.owner@demo.example', name: 'Chen Wei', title: 'IT operations lead, control owner', roles: [Role.ControlOwner] },
  { email: 'employee@demo.example', name: 'Emma Jones', title: 'Customer service agent', roles: [Role.Employee] },
  { email: 'internal.auditor@demo.example', name: 'Ines Alvarez', title: 'Internal auditor', roles: [Role.InternalAuditor] },
  // Outside the organisation: works only under an audit grant the ISMS manager gives for one engagement.
  { email: 'auditor@certbody.example', name: 'Olivia Brandt', title: 'Lead auditor, certification body (external)', roles: [Role.ExternalAuditor] },
];

/** The subject (`sub`) of a demo user: stable across restarts, so records they authored stay theirs. */
export function demoSubject(email: string): string {
  return createHash('sha256').update(email.toLowerCase()).digest('hex').slice(0, 32);
}

export function demoUserBySubject(sub: string): DemoUser | undefined {
  return DEMO_USERS.find((user) => demoSubject(user.email) === sub);
}

export function demoUserByEmail(email: string): DemoUser | undefined {
  const wanted = email.trim().toLowerCase();
  return DEMO_USERS.find((user) => user.email === wanted);
}
