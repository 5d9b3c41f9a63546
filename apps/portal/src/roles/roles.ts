/** Role names as the gateway puts them in the token and in /auth/dev/users. */
export type KnownRole =
  | 'admin'
  | 'isms_manager'
  | 'executive'
  | 'risk_owner'
  | 'control_owner'
  | 'employee'
  | 'internal_auditor'
  | 'external_auditor';

const ROLE_LABELS: Record<KnownRole, string> = {
  admin: 'Administrator',
  isms_manager: 'ISMS manager',
  executive: 'Executive',
  risk_owner: 'Risk owner',
  control_owner: 'Control owner',
  employee: 'Employee',
  internal_auditor: 'Internal auditor',
  external_auditor: 'External auditor',
};

/** Order in which a person's roles are offered; the first one they hold is their default view. */
const ROLE_PRIORITY: readonly KnownRole[] = [
  'isms_manager',
  'admin',
  'executive',
  'risk_owner',
  'control_owner',
  'internal_auditor',
  'external_auditor',
  'employee',
];

/** Roles whose own view is the programme overview. Everyone else sees it for now, under their role's heading. */
export const PROGRAMME_OVERVIEW_ROLES: ReadonlySet<string> = new Set<KnownRole>(['isms_manager', 'admin', 'executive']);

function isKnownRole(role: string): role is KnownRole {
  return Object.prototype.hasOwnProperty.call(ROLE_LABELS, role);
}

/** "isms_manager" -> "ISMS manager"; an unknown role is shown readably rather than hidden. */
export function roleLabel(role: string): string {
  if (isKnownRole(role)) return ROLE_LABELS[role];
  const words = role.replace(/[_-]+/g, ' ').trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : 'No role';
}

/** A person's roles, known ones first in priority order, then any unknown ones as given. */
export function orderRoles(roles: readonly string[]): string[] {
  const unique = [...new Set(roles)];
  const known = ROLE_PRIORITY.filter((r) => unique.includes(r));
  const unknown = unique.filter((r) => !isKnownRole(r));
  return [...known, ...unknown];
}
