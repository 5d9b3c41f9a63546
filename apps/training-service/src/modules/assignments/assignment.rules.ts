import { AssignmentStatus, OPEN_ASSIGNMENT_STATUSES } from './assignment.entity';

/** Today's date (UTC) as YYYY-MM-DD: due dates are calendar dates, compared as such. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/**
 * An assignment is overdue when it is still owed (assigned, in progress or already marked overdue) and its due date
 * has passed: due today is not overdue yet. Readers decide from the date, so the answer is right between the due
 * date and the scheduled job that records OVERDUE. The SQL of `AssignmentService` filters by the same rule.
 */
export function isOverdue(assignment: { status: AssignmentStatus; dueOn: string }, today: string = todayUtc()): boolean {
  return OPEN_ASSIGNMENT_STATUSES.includes(assignment.status) && assignment.dueOn < today;
}
