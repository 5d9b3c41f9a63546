import { AssignmentChanged, NotificationRequested } from '@iso27001/contracts';
import { ServiceDeps } from '@iso27001/platform';
import { AssignmentRow, assignmentRowEventData } from './assignment.mapper';

export const SCHEDULE_ACTOR = 'system:training-schedule';


const KIND_SQL = `CASE WHEN a.due_on < $1::date THEN 'OVERDUE'
                       WHEN a.due_on <= $1::date + 1 THEN 'DUE_IN_1_DAY'
                       WHEN a.due_on <= $1::date + 7 THEN 'DUE_IN_7_DAYS' END`;

/**
 * The daily sweep of training assignments: open work past its due date becomes OVERDUE (with its AssignmentChanged),
 * and each assignee is reminded a week before, the day before and once overdue (`notification.requested`). A
 * reminder is claimed by its dedupe key in `assignment_reminder` in the transaction that records its event, so a
 * re-run, a retry or a second replica sends nothing twice. The SQL twins `reminderDue`/`reminderKey` of campaign.rules.
 */
export class AssignmentScheduleService {
  constructor(private readonly deps: ServiceDeps) {}

  async markOverdue(today: string, correlationId: string): Promise<number> {
    return this.deps.dataSource.transaction(async (manager) => {
      // An UPDATE … RETURNING comes back from TypeORM as [rows, affected].
      const [rows]: [AssignmentRow[], number] = await manager.query(
        `UPDATE assignment a SET status = 'OVERDUE', updated_at = now()
          WHERE a.status IN ('ASSIGNED', 'IN_PROGRESS') AND a.due_on < $1::date
          RETURNING a.id, a.organisation_id, a.course_id, a.person_id, a.due_on::text AS due_on, a.status, a.completed_at, a.campaign_id, a.score`,
        [today],
      );
      const byOrganisation = new Map<string, AssignmentRow[]>();
      for (const row of rows) byOrganisation.set(row.organisation_id, [...(byOrganisation.get(row.organisation_id) ?? []), row]);
      for (const [organisationId, changed] of byOrganisation) {
        await this.deps.outbox.recordMany(
          manager,
          AssignmentChanged,
          changed.map((row) => ({
            subjectId: row.id,
            data: assignmentRowEventData(row),
          })),
          { organisationId, actor: SCHEDULE_ACTOR, correlationId },
        );
      }
      return rows.length;
    });
  }

  async sendReminders(today: string, correlationId: string): Promise<number> {
    return this.deps.dataSource.transaction(async (manager) => {
      const claimed: { organisation_id: string; dedupe_key: string; kind: string; assignment_id: string; person_id: string; due_on: string; title: string }[] = await manager.query(
        `WITH due AS (
           SELECT a.organisation_id, a.id, a.person_id, a.due_on, ${KIND_SQL} AS kind
             FROM assignment a
             JOIN person_replica p ON p.organisation_id = a.organisation_id AND p.person_id = a.person_id AND p.active
            WHERE a.status IN ('ASSIGNED', 'IN_PROGRESS', 'OVERDUE') AND a.due_on <= $1::date + 7
         ),
         claimed AS (
           INSERT INTO assignment_reminder (organisation_id, dedupe_key, assignment_id, kind)
           SELECT organisation_id, 'training-assignment:' || id || ':' || due_on::text || ':' || kind, id, kind FROM due WHERE kind IS NOT NULL
           ON CONFLICT (organisation_id, dedupe_key) DO NOTHING
           RETURNING organisation_id, dedupe_key, kind, assignment_id
         )
         SELECT c.organisation_id, c.dedupe_key, c.kind, c.assignment_id, a.person_id, a.due_on::text AS due_on, coalesce(k.title, 'a course') AS title
           FROM claimed c
           JOIN assignment a ON a.id = c.assignment_id
           LEFT JOIN course k ON k.id = a.course_id
          ORDER BY c.organisation_id, c.dedupe_key`,
        [today],
      );
      const byOrganisation = new Map<string, typeof claimed>();
      for (const row of claimed) byOrganisation.set(row.organisation_id, [...(byOrganisation.get(row.organisation_id) ?? []), row]);
      for (const [organisationId, reminders] of byOrganisation) {
        await this.deps.outbox.recordMany(
          manager,
          NotificationRequested,
          reminders.map((row) => {
            const overdue = row.kind === 'OVERDUE';
            const when = row.kind === 'DUE_IN_1_DAY' ? 'tomorrow' : 'in a week';
            return {
              subjectId: row.assignment_id,
              data: {
                recipientPersonId: row.person_id,
                kind: overdue ? 'TRAINING_ASSIGNMENT_OVERDUE' : 'TRAINING_ASSIGNMENT_DUE_SOON',
                subject: (overdue ? `Training overdue: ${row.title}` : `Training due ${when}: ${row.title}`).slice(0, 300),
                body: overdue
                  ? `"${row.title}" was due on ${row.due_on} and is not completed yet. Please complete it as soon as you can.`
                  : `Please complete "${row.title}" by ${row.due_on}.`,
                dueDate: row.due_on,
                link: '/my-work',
                dedupeKey: row.dedupe_key,
              },
            };
          }),
          { organisationId, actor: SCHEDULE_ACTOR, correlationId },
        );
      }
      return claimed.length;
    });
  }
}
