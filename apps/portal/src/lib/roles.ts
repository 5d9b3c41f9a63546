import { Role } from '@iso27001/authz/roles';

const ROLE_LABELS: Record<Role, string> = {
  [Role.Admin]: 'Administrator',
  [Role.IsmsManager]: 'ISMS manager',
  [Role.Executive]: 'Executive',
  [Role.RiskOwner]: 'Risk owner',
  [Role.ControlOwner]: 'Control owner',
  [Role.Employee]: 'Employee',
  [Role.InternalAuditor]: 'Internal auditor',
  [Role.ExternalAuditor]: 'External auditor',
  [Role.ServiceAccount]: 'Service account',
};

/** Order in which a person's roles are offered; the first one they hold is their default view. */
const ROLE_PRIORITY: readonly Role[] = [
  Role.IsmsManager,
  Role.Admin,
  Role.Executive,
  Role.RiskOwner,
  Role.ControlOwner,
  Role.InternalAuditor,
  Role.ExternalAuditor,
  Role.Employee,
  Role.ServiceAccount,
];

function isKnownRole(role: string): role is Role {
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

/** Whether the role may use what the API guards with `group` (a role group of @iso27001/authz). */
export function roleMay(role: string | null, group: readonly Role[]): boolean {
  return role !== null && (group as readonly string[]).includes(role);
}

/** A role's label inside a sentence: "as ISMS manager", "as executive". */
export function roleInSentence(role: string): string {
  return roleLabel(role).replace(/^([A-Z])([a-z])/, (_, first: string, second: string) => first.toLowerCase() + second);
}
