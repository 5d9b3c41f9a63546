import { Access, Claims, hasAnyRole, PROGRAMME_MANAGERS, Role } from '@iso27001/authz';
import { stage1PackErrors } from './stage1-pack.errors';

/*
 * The Stage 1 pack is for the programme managers who prepare it and the certification body's auditors who receive it:
 * an external auditor only for a scope version whose units the grant covers (every unit of the scope), and then only
 * the evidence the grant lets them read (accepted, of the grant's units and period). Nobody else reads the pack or
 * downloads it; generating its documents is for programme managers.
 */
export const STAGE1_PACK_READERS: readonly Role[] = [...PROGRAMME_MANAGERS, Role.ExternalAuditor];

/** Refuses a caller who may not read the pack of a scope version with these units. */
export function assertMayReadPack(claims: Claims, access: Access, scopeUnitIds: readonly string[]): void {
  if (!hasAnyRole(claims, STAGE1_PACK_READERS)) {
    throw stage1PackErrors.raise('STAGE1_PACK_REFUSED', 'the Stage 1 pack is for programme managers and the external auditors of the engagement');
  }
  if (access.organisationWide) return;
  const reach = new Set(access.unitIds.map((id) => id.toLowerCase()));
  if (scopeUnitIds.length === 0 || scopeUnitIds.some((id) => !reach.has(id.toLowerCase()))) {
    // Out of reach reads as not there (as any record outside the grant does).
    throw stage1PackErrors.raise('STAGE1_SCOPE_NOT_FOUND', 'no approved ISMS scope version of that id within your audit grant');
  }
}
