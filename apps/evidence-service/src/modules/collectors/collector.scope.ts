import { Access } from '@iso27001/authz';
import { assertUnitInScope } from '@iso27001/platform';

/*
 * Collectors are organisation settings: the registry is the same for every internal reader; configurations and their
 * runs are read and changed by programme managers (admin, ISMS manager), who reach the whole organisation. The
 * evidence a run records is an evidence item of the configuration's unit and is read through the evidence rules
 * (a run lists only the ids). A configuration is never pointed at a unit outside the caller's reach.
 */

/** Refuses a configuration whose evidence would belong to a unit the caller does not reach (OUT_OF_SCOPE). */
export function assertMayConfigureFor(access: Access, unitId: string): void {
  assertUnitInScope(access, unitId, 'the collector configuration');
}
