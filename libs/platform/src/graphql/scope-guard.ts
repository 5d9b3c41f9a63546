import { Access, coversRecord, coversUnit } from '@iso27001/authz';
import { defineErrors } from './errors';

/** The one refusal for a record outside the caller's reach, in every service. */
export const scopeErrors = defineErrors({
  OUT_OF_SCOPE: 'FORBIDDEN',
});

/**
 * Refuses a write to a record outside the caller's reach (FORBIDDEN, OUT_OF_SCOPE): organisation-wide callers reach
 * everything; others the records of their units (sub-units included) and those they own. `what` names the record.
 */
export function assertInScope(access: Access, record: { unitId?: string | null; ownerIds?: readonly (string | null | undefined)[] }, what: string): void {
  if (!coversRecord(access, record)) {
    throw scopeErrors.raise('OUT_OF_SCOPE', `${what} is outside your units: you may change records of your own units and those you own`);
  }
}

/** Refuses putting a record into a unit the caller does not reach (a create or a move). */
export function assertUnitInScope(access: Access, unitId: string | null | undefined, what: string): void {
  if (!coversUnit(access, unitId)) {
    throw scopeErrors.raise('OUT_OF_SCOPE', unitId ? `${what}: unit ${unitId} is not one of your units` : `${what}: only an organisation-wide role may leave the unit empty`);
  }
}
