import { Claims, hasAnyRole, INTERNAL_READERS } from '@iso27001/authz';

/*
 * Evidence items carry no unit yet (the evidence issue adds them). Until then the honest rule is: every internal
 * programme reader (control owners and service accounts included) reads all of the organisation's evidence, and
 * collecting or reviewing is limited by role only. An external auditor, whose reach is the units and period of a
 * grant, reads none: a record of no unit is outside every grant (fail closed).
 */

/** Whether the caller reads evidence at all: internal readers do, an external auditor does not (no unit to match a grant). */
export function readsEvidence(claims: Pick<Claims, 'roles'>): boolean {
  return hasAnyRole(claims, INTERNAL_READERS);
}
