import { Claims, withinGrantPeriod } from '@iso27001/authz';
import type { TreatmentPlanRow } from './treatment-plan.service';

/**
 * The plan as the caller may see it: for an external auditor, the dated parts of each row only when they fall within
 * the grant's observation period (actions by due date, the acceptance by the day it was signed); everyone else gets
 * the rows unchanged.
 */
export function planWithinGrantPeriod(claims: Pick<Claims, 'roles' | 'periodStart' | 'periodEnd'>, rows: readonly TreatmentPlanRow[]): TreatmentPlanRow[] {
  return rows.map((row) => {
    const accepted = row.acceptedAt !== null && withinGrantPeriod(claims, row.acceptedAt);
    return {
      ...row,
      actions: row.actions.filter((action) => withinGrantPeriod(claims, action.dueOn)),
      acceptedAt: accepted ? row.acceptedAt : null,
      acceptedByName: accepted ? row.acceptedByName : null,
    };
  });
}
