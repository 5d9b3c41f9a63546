import { z } from 'zod';
import { defineEvent } from '../envelope';

export const NotificationRequested = defineEvent({
  type: 'notification.requested',
  version: 1,
  topic: 'notification.request.v1',
  description:
    'A service asks for a person to be notified (a reminder, a due date passed, a task assigned). Delivery (e-mail, chat) is up to the consumer, ' +
    'which must deliver each `dedupeKey` at most once: a producer may record the same notification again after a retry. Subject: the record the notification is about.',
  schema: z.object({
    /** The person to notify (an isms-service Person id). */
    recipientPersonId: z.string().uuid(),
    /** What kind of notification it is, e.g. `EVIDENCE_REQUEST_DUE_SOON`, `EVIDENCE_REQUEST_OVERDUE`. */
    kind: z.string().regex(/^[A-Z][A-Z0-9_]*$/),
    subject: z.string().min(1).max(300),
    body: z.string().min(1).max(5000),
    /** The due date the notification is about, if any. */
    dueDate: z.string().date().nullable(),
    /** A path in the portal that opens the record (e.g. `/evidence/requests/<id>`), if any. */
    link: z.string().min(1).max(500).nullable(),
    /** One key per notification meant to reach the person once (e.g. `evidence-request:<id>:due-in-7`). */
    dedupeKey: z.string().min(1).max(300),
  }),
});

export const notificationEvents = [NotificationRequested] as const;
