import { AUDIT_READERS, Claims, hasAnyRole } from '@iso27001/authz';

/**
 * Who may read risks: the register's readers (the same roles as the `risks` and `risk` queries). A reference from
 * another subgraph (an SoA entry's justifying risks) reveals a risk only to them.
 */
export function mayReadRisks(claims: Claims): boolean {
  return hasAnyRole(claims, AUDIT_READERS);
}
