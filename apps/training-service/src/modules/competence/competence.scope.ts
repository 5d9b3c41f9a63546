import { Access, Claims, Role } from '@iso27001/authz';

/** Who enters competence records: programme managers for anyone, unit owners for the people of their units. */
export const COMPETENCE_RECORDERS: readonly Role[] = [Role.Admin, Role.IsmsManager, Role.RiskOwner, Role.ControlOwner];

/**
 * Why the caller may not record a competence for the person, or null when they may. Nobody records their own
 * competence (matched by the caller's person record or e-mail); an organisation-wide recorder reaches everyone; a
 * risk or control owner only the people of their units (sub-units included).
 */
export function recordRefusal(
  caller: { claims: Pick<Claims, 'email' | 'roles'>; access: Access },
  person: { personId: string; email: string; unitId: string | null },
): 'self' | 'reach' | null {
  const { claims, access } = caller;
  if (access.personId === person.personId || claims.email.trim().toLowerCase() === person.email.trim().toLowerCase()) return 'self';
  if (claims.roles.includes(Role.Admin) || claims.roles.includes(Role.IsmsManager)) return null;
  const ownsUnits = claims.roles.includes(Role.RiskOwner) || claims.roles.includes(Role.ControlOwner);
  if (ownsUnits && person.unitId && access.unitIds.includes(person.unitId.toLowerCase())) return null;
  return 'reach';
}
