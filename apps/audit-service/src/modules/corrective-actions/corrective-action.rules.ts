import { FindingSeverity } from '../findings/finding.entity';
import { CorrectiveActionStatus } from './corrective-action.entity';

/** Nonconformities need a corrective action; observations and opportunities for improvement do not. */
export function needsCorrectiveAction(severity: FindingSeverity): boolean {
  return severity === 'MAJOR_NONCONFORMITY' || severity === 'MINOR_NONCONFORMITY';
}

/** Days to remedy when the auditor names no due date: a major nonconformity 30, a minor one 90 (common certification-body practice). */
export const DEFAULT_DUE_DAYS: Readonly<Record<'MAJOR_NONCONFORMITY' | 'MINOR_NONCONFORMITY', number>> = { MAJOR_NONCONFORMITY: 30, MINOR_NONCONFORMITY: 90 };

/** `YYYY-MM-DD` `days` after `from` (UTC). */
export function addDays(from: Date, days: number): string {
  return new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate() + days)).toISOString().slice(0, 10);
}

export type CorrectiveActionStep = 'plan' | 'implement' | 'check';

/** From which states each step may be taken: a plan is revised until implemented, and again after an ineffective check. */
const ALLOWED_FROM: Readonly<Record<CorrectiveActionStep, readonly CorrectiveActionStatus[]>> = {
  plan: ['OPEN', 'PLANNED', 'NOT_EFFECTIVE'],
  implement: ['PLANNED'],
  check: ['IMPLEMENTED'],
};

/** Why the step cannot be taken now, or null when it can. */
export function stepRefusal(step: CorrectiveActionStep, status: CorrectiveActionStatus): string | null {
  if (ALLOWED_FROM[step].includes(status)) return null;
  switch (step) {
    case 'plan':
      return status === 'EFFECTIVE' ? 'the action was found effective: its plan is final' : 'the action is implemented and awaits its effectiveness check: its plan can no longer change';
    case 'implement':
      return status === 'OPEN' || status === 'NOT_EFFECTIVE' ? 'record the correction, root cause and action first (plan it)' : `the action is already ${status.toLowerCase().replace('_', ' ')}`;
    case 'check':
      return status === 'EFFECTIVE' || status === 'NOT_EFFECTIVE' ? 'the effectiveness was already checked; a new plan must be implemented before another check' : 'only an implemented action can be checked for effectiveness';
  }
}

/**
 * Who took part in an action and so may not judge it (independence, clause 9.2 and 10.2): its owner, whoever
 * planned it and whoever implemented it. `checker` is the judge's subject and, when known, their person id.
 */
export function independenceRefusal(
  action: { ownerPersonId: string | null; plannedBy: string | null; implementedBy: string | null },
  checker: { sub: string; personId: string | null },
): string | null {
  if (checker.personId !== null && action.ownerPersonId === checker.personId) return 'you own this corrective action: another auditor must judge it';
  if (action.plannedBy === checker.sub) return 'you planned this corrective action: another auditor must judge it';
  if (action.implementedBy === checker.sub) return 'you implemented this corrective action: another auditor must judge it';
  return null;
}
