import { AssignmentStatus } from './assignment.entity';

/** Today's date (UTC) as YYYY-MM-DD: due dates are calendar dates, compared as such. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/**
 * An assignment is overdue when it is not completed and its due date has passed: due today is not overdue yet.
 * Nothing flips the recorded status to OVERDUE on the due date, so readers decide from the date. The SQL of
 * `AssignmentService` filters by the same rule.
 */
export function isOverdue(assignment: { status: AssignmentStatus; dueOn: string }, today: string = todayUtc()): boolean {
  return assignment.status !== 'COMPLETED' && assignment.dueOn < today;
}
