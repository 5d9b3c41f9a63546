import { PROGRAMME_MANAGERS, Role } from '@iso27001/authz';

/**
 * Segregation of duties around a risk's owner and the acceptance of its residual risk (ISO/IEC 27001 6.1.3 e/f: the
 * risk owners approve the treatment plan and accept the residual risk; 5.3: top management assigns the responsibility).
 *
 * 1. Ownership is assigned by the programme (a programme manager), never taken: a risk owner cannot move a risk to
 *    himself or hand it to anyone else, and a new risk he registers is his own (or waits for a programme manager to
 *    assign its owner).
 * 2. The owner accepts a residual assessment that was recorded after he became the owner. An acceptance is a judgement
 *    on a current evaluation the owner answers for; one recorded under the previous owner is re-assessed first. This is
 *    what stops "reassign and accept in the same breath".
 * 3. The owner accepts an evaluation someone else made: whoever recorded the residual assessment cannot sign its
 *    acceptance. Otherwise one person could lower the score and accept it, with no second pair of eyes.
 *
 * Together: at least two people stand behind every acceptance (an assessor and the owner), and the assessor saw the
 * risk with the owner who accepts it. The legitimate flow (a programme manager or risk practitioner assigns the owner
 * and records the residual assessment; the owner accepts) is unchanged.
 */

/** Who may set or change a risk's owner: the caller's roles, from the token and from role assignments. */
export function mayAssignRiskOwner(caller: { roles: readonly Role[] }): boolean {
  return caller.roles.some((role) => PROGRAMME_MANAGERS.includes(role));
}

/** Whether the caller may register a new risk with this owner: anyone may name himself (or nobody), a programme manager anyone. */
export function mayNameOwnerOfNewRisk(caller: { roles: readonly Role[]; personId: string | null }, ownerId: string | null | undefined): boolean {
  return !ownerId || mayAssignRiskOwner(caller) || (caller.personId !== null && caller.personId.toLowerCase() === ownerId.toLowerCase());
}

/**
 * The residual assessment an acceptance would sign: who recorded it, when, and whether that was after the current
 * owner was assigned (compared by the database, in its own microsecond clock).
 */
export interface ResidualAssessmentFacts {
  assessedBy: string;
  assessedAt: Date;
  ownerAssignedAt: Date;
  recordedAfterOwnerAssigned: boolean;
}

export type AcceptanceRefusal =
  | { code: 'RESIDUAL_NOT_ASSESSED' }
  | { code: 'RESIDUAL_PREDATES_OWNER'; ownerAssignedAt: Date; assessedAt: Date }
  | { code: 'SELF_ASSESSED_RESIDUAL'; assessedAt: Date };

/**
 * Why `signerSub` may not accept the residual assessment in force, or null when the rules above allow it. Being the
 * owner is checked separately (against the people replica).
 */
export function acceptanceRefusal(signerSub: string, residual: ResidualAssessmentFacts | null): AcceptanceRefusal | null {
  if (!residual) return { code: 'RESIDUAL_NOT_ASSESSED' };
  if (!residual.recordedAfterOwnerAssigned) {
    return { code: 'RESIDUAL_PREDATES_OWNER', ownerAssignedAt: residual.ownerAssignedAt, assessedAt: residual.assessedAt };
  }
  if (residual.assessedBy === signerSub) return { code: 'SELF_ASSESSED_RESIDUAL', assessedAt: residual.assessedAt };
  return null;
}
